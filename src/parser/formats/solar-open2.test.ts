import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { ToolSpec } from "../types.ts";

const search: ToolSpec = {
  name: "search",
  parameters: { type: "object", properties: { query: { type: "string" }, max_results: { type: "integer" } } },
};
const arg = (key: string, value: string) =>
  `<|tool_arg:start|>${key}<|tool_arg:value|>${value}<|tool_arg:end|>\n`;
const call = (name: string, ...args: [string, string][]) =>
  `<|tool_call:start|>${name}\n${args.map(([k, v]) => arg(k, v)).join("")}<|tool_call:end|>`;

describe("solar_open2", () => {
  it("reads calls, reasoning and content, with the format given and auto-detected", () => {
    const text = `<|think:start|>Use search.<|think:end|>Sure.${call("search", ["query", "vLLM"], ["max_results", "5"])}\n${call("get_time")}`;
    for (const format of ["solar_open2", "auto"] as const) {
      const result = parseToolCalls(text, { format, tools: [search, { name: "get_time" }] });
      expect(result.toolCalls.map((c) => [c.name, c.arguments])).toEqual([
        ["search", { query: "vLLM", max_results: 5 }],
        ["get_time", {}],
      ]);
      expect([result.format, result.reasoning, result.content]).toEqual([
        "solar_open2",
        "Use search.",
        "Sure.\n",
      ]);
    }
  });

  it("keeps a string value as written and the first of a repeated key", () => {
    const code = "def f():\n    return 1\n";
    const text = call("search", ["query", code], ["query", "second"]);
    expect(parseToolCalls(text, { format: "solar_open2", tools: [search] }).toolCalls[0]?.arguments).toEqual({
      query: code,
    });
  });

  it("recovers missing end tags and skips a call whose name line never ends", () => {
    const text =
      "<|tool_call:start|>search\n<|tool_arg:start|>query<|tool_arg:value|>a" +
      "<|tool_call:start|>oops<|tool_call:end|>" +
      call("search", ["query", "what does <|tool_call: mean"]);
    const result = parseToolCalls(text, { format: "solar_open2", tools: [search] });
    expect(result.toolCalls.map((c) => c.arguments.query)).toEqual(["a", "what does <|tool_call: mean"]);
    expect(result.problems.map((p) => p.code)).toEqual(["malformed-call"]);
  });

  it("reports a call cut off by the end of the output", () => {
    const result = parseToolCalls(`Checking.<|tool_call:start|>search\n${arg("query", "x")}`, {
      format: "solar_open2",
      tools: [search],
    });
    expect([result.toolCalls, result.content, result.problems.map((p) => p.code)]).toEqual([
      [],
      "Checking.",
      ["truncated-call"],
    ]);
  });

  it("streams in 1-3 character chunks to the one-shot result", () => {
    const text = `<|think:start|>Hmm.<|think:end|>Two.${call("search", ["query", "a\nb"])}${call("search", ["max_results", "2"])}`;
    for (const format of ["solar_open2", "auto"] as const) {
      const oneShot = parseToolCalls(text, { format, tools: [search] });
      expect(streamedInPieces(text, { format, tools: [search] })).toEqual(oneShot);
      expect(oneShot.toolCalls.map((c) => c.arguments)).toEqual([{ query: "a\nb" }, { max_results: 2 }]);
    }
  });
});
