import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";

describe("granite", () => {
  it("keeps the calls completed before a cut-off list and reports the rest", () => {
    const text = '<|tool_call|>[{"name": "a", "arguments": {"x": 1}}, {"name": "b", "arguments": {"y"';
    const result = parseToolCalls(text, { format: "granite" });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["a"]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("does not guess a call whose arguments were cut off", () => {
    const result = parseToolCalls('<|tool_call|>[{"name": "a", "arguments": {"x": 1', { format: "granite" });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("reads Granite 3.1's <tool_call> prefix with the format given", () => {
    const result = parseToolCalls('<tool_call> [{"name": "a", "arguments": {}}]', { format: "granite" });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["a"]);
  });

  it("reads Granite 3.2's thought-process / response phrases as reasoning and content (vLLM granite reasoning parser)", () => {
    const text = "Here is my thought process: foo Here is my response: bar";
    const result = parseToolCalls(text, { format: "granite" });
    expect(result.reasoning.trim()).toBe("foo");
    expect(result.content.trim()).toBe("bar");
    // When auto-detecting, plain words are too weak a sign of reasoning: the text is content.
    expect(parseToolCalls(text)).toMatchObject({ reasoning: "", content: text });
    const plain = parseToolCalls("This is content", { format: "granite" });
    expect(plain.content).toBe("This is content");
    expect(plain.reasoning).toBe("");
  });
});
