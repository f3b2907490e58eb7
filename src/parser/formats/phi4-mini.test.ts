import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";

const calls = (text: string, format?: "phi4_mini") =>
  parseToolCalls(text, format ? { format } : {}).toolCalls.map(({ name, arguments: args }) => ({
    name,
    arguments: args,
  }));

describe("phi4_mini", () => {
  it("reads a functools list", () => {
    expect(
      calls('functools[{"name": "a", "arguments": {"x": 1}}, {"name": "b", "arguments": {}}]', "phi4_mini"),
    ).toEqual([
      { name: "a", arguments: { x: 1 } },
      { name: "b", arguments: {} },
    ]);
  });

  it("reads llama.cpp's <|tool_call|> blocks, one call each, with the format given and auto-detected", () => {
    const text =
      'Checking.<|tool_call|>{"name": "a", "arguments": {"x": 1}}<|/tool_call|><|tool_call|>{"name": "b", "arguments": {}}<|/tool_call|>';
    const expected = [
      { name: "a", arguments: { x: 1 } },
      { name: "b", arguments: {} },
    ];
    expect(calls(text, "phi4_mini")).toEqual(expected);
    expect(calls(text)).toEqual(expected);
    expect(parseToolCalls(text).content).toBe("Checking.");
  });
});

describe("phi4_mini: one call object after functools", () => {
  it("reads functools{...} with the list brackets dropped (dynamo's phi4 parser), not other text", () => {
    const text = 'functools{"name": "get_weather","arguments":{"location":"San Francisco"}}';
    expect(calls(text, "phi4_mini")).toEqual([
      { name: "get_weather", arguments: { location: "San Francisco" } },
    ]);
    const prose = parseToolCalls("functools{invalid json}", { format: "phi4_mini" });
    expect([prose.toolCalls, prose.content]).toEqual([[], "functools{invalid json}"]);
  });
});
