import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";

const calls = (text: string, format?: "internlm") =>
  parseToolCalls(text, format ? { format } : {}).toolCalls.map(({ name, arguments: args }) => ({
    name,
    args,
  }));

describe("internlm", () => {
  it("reads an action whose special tokens were detokenized with a space between them", () => {
    const text =
      '<|action_start|> <|plugin|>\n{"name": "get_weather", "parameters": {"city": "Tokyo"}}\n<|action_end|>';
    const expected = [{ name: "get_weather", args: { city: "Tokyo" } }];
    expect(calls(text, "internlm")).toEqual(expected);
    expect(calls(text)).toEqual(expected);
    expect(parseToolCalls(text, { format: "internlm" }).content).toBe("");
    const parser = new StreamParser({ format: "internlm" });
    for (const char of text) parser.feed(char);
    expect(parser.end().result.toolCalls.map((call) => call.name)).toEqual(["get_weather"]);
  });

  it("reads several actions in a row, with the text after them as content", () => {
    const text =
      '<|action_start|><|plugin|>{"name": "a", "parameters": {}}<|action_end|>\n<|action_start|><|plugin|>{"name": "b", "parameters": {"x": 1}}<|action_end|>\nDone.';
    expect(calls(text, "internlm")).toEqual([
      { name: "a", args: {} },
      { name: "b", args: { x: 1 } },
    ]);
    expect(parseToolCalls(text, { format: "internlm" }).content.trim()).toBe("Done.");
  });
});
