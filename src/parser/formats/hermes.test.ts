import { describe, expect, it } from "vitest";
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
});
