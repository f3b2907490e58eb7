import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { ToolSpec } from "../types.ts";

const lookup: ToolSpec = {
  name: "lookup",
  parameters: { type: "object", properties: { query: { type: "string" }, limit: { type: "integer" } } },
};
const xml = (name: string, args: [string, string, string?][]) =>
  `<ifm|tool_call>${name}${args
    .map(
      ([k, v, type]) =>
        `<ifm|arg_key>${k}</ifm|arg_key>${type ? `<ifm|arg_type>${type}</ifm|arg_type>` : ""}<ifm|arg_value>${v}</ifm|arg_value>`,
    )
    .join("")}</ifm|tool_call>`;
const group = (...calls: string[]) => `<ifm|tool_calls>${calls.join("\n")}</ifm|tool_calls>`;

describe("k2_horizon", () => {
  it("reads the xml, xml_typed and json shapes, with the format given and auto-detected", () => {
    const text = `Before ${group(
      xml("lookup", [
        ["query", "123"],
        ["limit", "3"],
      ]),
      xml("lookup", [["limit", "4", "integer"]]),
      '<ifm|tool_call>{"name": "lookup", "arguments": {"limit": "5"}}</ifm|tool_call>',
    )} after.`;
    for (const format of ["k2_horizon", "auto"] as const) {
      const result = parseToolCalls(text, { format, tools: [lookup] });
      expect(result.toolCalls.map((c) => c.arguments)).toEqual([
        { query: "123", limit: 3 },
        { limit: 4 },
        { limit: 5 },
      ]);
      expect([result.format, result.content]).toEqual(["k2_horizon", "Before  after."]);
    }
  });

  it("types a value by its <ifm|arg_type> when no schema declares it", () => {
    const text = group(
      xml("other", [
        ["n", "7", "integer"],
        ["s", "7"],
      ]),
    );
    expect(parseToolCalls(text, { format: "k2_horizon" }).toolCalls[0]?.arguments).toEqual({ n: 7, s: "7" });
  });

  it("reports a cut-off call and an empty group", () => {
    const cut = parseToolCalls("Before<ifm|tool_calls><ifm|tool_call>ping", { format: "k2_horizon" });
    expect([cut.content, cut.problems.map((p) => p.code)]).toEqual(["Before", ["truncated-call"]]);
    const junk = parseToolCalls(group("junk"), { format: "k2_horizon" });
    expect(junk.problems.map((p) => p.code)).toEqual(["malformed-call"]);
  });

  it("reads <ifm|think*> reasoning, begun in the prompt too, and does not run calls drafted in it", () => {
    const drafted = `<ifm|think_fast>Consider ${xml("lookup", [["query", "a"]])} maybe.</ifm|think_fast>\nNo call needed.`;
    const result = parseToolCalls(drafted, { format: "k2_horizon", tools: [lookup] });
    expect([result.toolCalls, result.content.trim(), result.problems.map((p) => p.code)]).toEqual([
      [],
      "No call needed.",
      ["call-in-reasoning"],
    ]);
    expect(result.reasoning).toContain("Consider");
    const prompted = parseToolCalls(`plan</ifm|think>${group(xml("ping", []))}`, { format: "k2_horizon" });
    expect([prompted.reasoning, prompted.toolCalls.map((c) => c.name)]).toEqual(["plan", ["ping"]]);
    expect(streamedInPieces(drafted, { format: "k2_horizon", tools: [lookup] })).toEqual(result);
  });

  it("streams in 1-3 character chunks to the one-shot result", () => {
    const text = `Before${group(xml("lookup", [["query", "a<b"]]), xml("ping", []))}after`;
    for (const format of ["k2_horizon", "auto"] as const) {
      const tools = [lookup, { name: "ping" }];
      const oneShot = parseToolCalls(text, { format, tools });
      expect(streamedInPieces(text, { format, tools })).toEqual(oneShot);
      expect([oneShot.content, oneShot.toolCalls.map((c) => c.name)]).toEqual([
        "Beforeafter",
        ["lookup", "ping"],
      ]);
    }
  });
});
