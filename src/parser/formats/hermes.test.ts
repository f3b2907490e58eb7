import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";

describe("hermes", () => {
  it("drops ERNIE's `</s>` end of sequence from content", () => {
    const text =
      'Let me look.\n</think>\n\n<tool_call>\n{"name": "get_current_temperature", "arguments": {"location": "Paris"}}\n</tool_call>\n</s>';
    const result = parseToolCalls(text, { format: "hermes" });
    expect(result.toolCalls.map(({ name, arguments: args }) => [name, args])).toEqual([
      ["get_current_temperature", { location: "Paris" }],
    ]);
    expect(result.content.trim()).toBe("");
    expect(result.reasoning.trim()).toBe("Let me look.");
  });

  describe("a call whose </tool_call> the model left out before the next <tool_call>", () => {
    const calls = (text: string, format: "hermes" | "auto") =>
      parseToolCalls(text, { format }).toolCalls.map(({ name, arguments: args }) => [name, args]);
    const two =
      '<tool_call>\n{"name": "a", "arguments": {"q": 1}}\n<tool_call>\n{"name": "b", "arguments": {}}\n</tool_call>';

    it("ends at the repeated opener, with the format given, auto-detected and streamed", () => {
      expect(calls(two, "hermes")).toEqual([
        ["a", { q: 1 }],
        ["b", {}],
      ]);
      expect(calls(two, "auto")).toEqual(calls(two, "hermes"));
      expect(streamedInPieces(two, { format: "auto" })).toEqual(parseToolCalls(two, { format: "auto" }));
    });

    it("also when the last close tag is missing at the end of the output", () => {
      const text = '<tool_call>{"name": "a", "arguments": {"q": 1}}<tool_call>{"name": "b", "arguments": {}}';
      expect(calls(text, "hermes")).toEqual([
        ["a", { q: 1 }],
        ["b", {}],
      ]);
    });

    it("keeps an opener quoted inside a string argument, and reports a part that is no call", () => {
      const quoted =
        '<tool_call>{"name": "say", "arguments": {"text": "write <tool_call> tags"}}</tool_call>';
      expect(calls(quoted, "hermes")).toEqual([["say", { text: "write <tool_call> tags" }]]);
      const broken = '<tool_call>{"name": "a", "arguments": {}}\n<tool_call>not a call</tool_call>';
      const result = parseToolCalls(broken, { format: "hermes" });
      expect(result.toolCalls).toEqual([]);
      expect(result.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
    });
  });
});
