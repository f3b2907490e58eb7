import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";

describe("apertus", () => {
  it("keeps the calls whose arguments closed and reports the one cut off", () => {
    const text = '<|tools_prefix|>[{"a": {"x": 1}}, {"b": {"y": "unfini';
    const result = parseToolCalls(text, { format: "apertus" });
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "a", args: { x: 1 } },
    ]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("reports output cut before any arguments closed", () => {
    const result = parseToolCalls('<|tools_prefix|>[{"a": {"x": ', { format: "apertus" });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("accepts a bare object, name/arguments objects and several names in one object", () => {
    const text =
      '<|tools_prefix|>{"a": {}, "b": {"k": true}}<|tools_suffix|><|tools_prefix|>[{"name": "c", "arguments": {}}]<|tools_suffix|>';
    expect(parseToolCalls(text, { format: "apertus" }).toolCalls.map((call) => call.name)).toEqual([
      "a",
      "b",
      "c",
    ]);
  });

  it("puts <|inner_prefix|> text in reasoning and reports a non-call list", () => {
    const result = parseToolCalls(
      "<|inner_prefix|>hmm<|inner_suffix|>Hi<|tools_prefix|>[1, 2]<|tools_suffix|>",
      {
        format: "apertus",
      },
    );
    expect(result.reasoning).toBe("hmm");
    expect(result.content).toBe("Hi");
    expect(result.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
  });
});

describe("apertus: turn tokens (ollama apertus15_test.go)", () => {
  it("drops <|assistant_start|> and <|assistant_end|> around the answer", () => {
    const text =
      '<|assistant_start|><|inner_prefix|>Think.<|inner_suffix|>Answer.<|tools_prefix|>[{"lookup":{"id":"42"}}]<|tools_suffix|><|assistant_end|>';
    const result = parseToolCalls(text, { format: "apertus" });
    expect(result.content).toBe("Answer.");
    expect(result.reasoning).toBe("Think.");
    expect(result.toolCalls.map((call) => call.name)).toEqual(["lookup"]);
  });

  it("keeps a generated <think> as text with the format given (vLLM apertus reasoning parser)", () => {
    const text = "<think>not a thinking block</think>plain answer";
    const result = parseToolCalls(text, { format: "apertus" });
    expect(result.content).toBe(text);
    expect(result.reasoning).toBe("");
  });
});
