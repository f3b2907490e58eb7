import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";

const text =
  'Let me look that up.\n[TOOL_REQUEST]\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n[END_TOOL_REQUEST]';

describe("lmstudio", () => {
  it("reads LM Studio's [TOOL_REQUEST] block, with the format given and auto-detected", () => {
    for (const format of ["lmstudio", "auto"] as const) {
      const result = parseToolCalls(text, { format });
      expect(
        result.toolCalls.map(({ name, arguments: args }) => [name, args]),
        format,
      ).toEqual([["get_weather", { city: "Paris" }]]);
      expect(result.content.trim()).toBe("Let me look that up.");
      expect(result.format).toBe("lmstudio");
      expect(streamedInPieces(text, { format })).toEqual(result);
    }
  });

  it("reads a block whose end marker never came, and reports one cut off mid-call", () => {
    const unclosed = '[TOOL_REQUEST]{"name": "get_weather", "arguments": {"city": "Paris"}}';
    expect(parseToolCalls(unclosed).toolCalls.map((call) => call.name)).toEqual(["get_weather"]);
    const cut = parseToolCalls('[TOOL_REQUEST]{"name": "get_weather", "arguments": {"ci');
    expect(cut.toolCalls).toEqual([]);
    expect(cut.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });
});
