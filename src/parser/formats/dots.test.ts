import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { ToolSpec } from "../types.ts";

const search: ToolSpec = {
  name: "search",
  parameters: { type: "object", properties: { query: { type: "string" }, limit: { type: "integer" } } },
};
const located: ToolSpec = {
  name: "set_location",
  parameters: {
    type: "object",
    properties: { location: { $ref: "#/$defs/Location" }, days: { type: "integer" } },
    $defs: { Location: { type: "object", properties: { city: { type: "string" } } } },
  },
};
const invoke = (name: string, params: [string, string][]) =>
  `<invoke name="${name}">${params.map(([k, v]) => `<parameter name="${k}">${v}</parameter>`).join("")}</invoke>`;
const block = (body: string) => `<dots_function_call>${body}</dots_function_call>`;

describe("dots", () => {
  it("reads invokes and JSON bodies, with the format given and auto-detected", () => {
    const text = `ok${block(
      `\n${invoke("search", [
        ["query", "chairs"],
        ["limit", "3"],
      ])}\n`,
    )}${block('{"name": "search", "arguments": {"query": "tables"}}')}`;
    for (const format of ["dots", "auto"] as const) {
      const result = parseToolCalls(text, { format, tools: [search] });
      expect(result.toolCalls.map((c) => c.arguments)).toEqual([
        { query: "chairs", limit: 3 },
        { query: "tables" },
      ]);
      expect([result.format, result.content]).toEqual(["dots", "ok"]);
    }
  });

  it("types a parameter whose schema is a $ref into $defs", () => {
    const text = block(
      invoke("set_location", [
        ["location", '{"city": "Shanghai"}'],
        ["days", "3"],
      ]),
    );
    expect(parseToolCalls(text, { format: "dots", tools: [located] }).toolCalls[0]?.arguments).toEqual({
      location: { city: "Shanghai" },
      days: 3,
    });
  });

  it("drops a stray closer and reports an empty block", () => {
    expect(parseToolCalls("some text </dots_function_call>", { format: "dots" }).content).toBe("some text ");
    const garbage = parseToolCalls(block("garbage"), { format: "dots", tools: [search] });
    expect([garbage.toolCalls, garbage.problems.map((p) => p.code)]).toEqual([[], ["malformed-call"]]);
  });

  it("streams in 1-3 character chunks to the one-shot result", () => {
    const text = `visible${block(invoke("search", [["query", "chairs"]]))}${block(invoke("search", [["query", "a <b> c"]]))}`;
    for (const format of ["dots", "auto"] as const) {
      const oneShot = parseToolCalls(text, { format, tools: [search] });
      expect(streamedInPieces(text, { format, tools: [search] })).toEqual(oneShot);
      expect([oneShot.content, oneShot.toolCalls.map((c) => c.arguments.query)]).toEqual([
        "visible",
        ["chairs", "a <b> c"],
      ]);
    }
  });
});
