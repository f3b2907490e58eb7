import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";

describe("<tool_calls> bodies (minimax_m1, jamba, hunyuan_a13b)", () => {
  it("tells minimax_m1's lines from jamba's list when auto-detecting", () => {
    const lines = parseToolCalls(
      '<tool_calls>\n{"name": "a", "arguments": {}}\n{"name": "b", "arguments": {}}\n</tool_calls>',
    );
    const list = parseToolCalls('<tool_calls>[{"name": "a", "arguments": {}}]</tool_calls>');
    expect([lines.format, list.format]).toEqual(["minimax_m1", "jamba"]);
    expect(lines.toolCalls.map((call) => call.name)).toEqual(["a", "b"]);
  });

  it("reports a skipped line and keeps the other calls", () => {
    const result = parseToolCalls('<tool_calls>\n{"name": "a", "arguments": {}}\nnot json\n</tool_calls>', {
      format: "minimax_m1",
    });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["a"]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
  });

  it("reports a last line cut off by the end of the output as truncated", () => {
    const result = parseToolCalls('<tool_calls>\n{"name": "a", "arguments": {}}\n{"name": "b", "argu', {
      format: "minimax_m1",
    });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["a"]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("drops Hunyuan's <answer> wrapper and keeps text after the block", () => {
    const result = parseToolCalls(
      '<answer>\n<tool_calls>[{"name": "a", "arguments": {}}]</tool_calls>\nDone.</answer>',
      {
        format: "hunyuan_a13b",
      },
    );
    expect(result.toolCalls.map((call) => call.name)).toEqual(["a"]);
    expect(result.content.trim()).toBe("Done.");
  });
});
