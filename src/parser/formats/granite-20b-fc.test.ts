import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { FormatId } from "../types.ts";

const calls = (text: string, format: FormatId | "auto" = "granite_20b_fc") =>
  parseToolCalls(text, { format }).toolCalls.map(({ name, arguments: args }) => ({ name, args }));

describe("granite_20b_fc", () => {
  it("reads <function_call> objects, one per marker", () => {
    const text =
      '<function_call> {"name": "get_weather", "arguments": {"city": "Tokyo"}}\n<function_call> {"name": "get_time", "arguments": {}}';
    expect(calls(text)).toEqual([
      { name: "get_weather", args: { city: "Tokyo" } },
      { name: "get_time", args: {} },
    ]);
  });
});

describe("granite_20b_fc, Glaive's <functioncall>", () => {
  const glaive =
    'Sure, let me check.\n<functioncall> {"name": "get_weather", "arguments": \'{"city": "Paris", "days": 2}\'} <|endoftext|>';

  it("decodes the single-quoted JSON string arguments, with the format given and auto-detected", () => {
    for (const format of ["granite_20b_fc", "auto"] as const) {
      const result = parseToolCalls(glaive, { format });
      expect(calls(glaive, format), format).toEqual([
        { name: "get_weather", args: { city: "Paris", days: 2 } },
      ]);
      expect(result.format).toBe("granite_20b_fc");
      expect(result.content.trim()).toBe("Sure, let me check.");
    }
  });

  it("reads object arguments, an escaped apostrophe, and a stray closing tag", () => {
    expect(
      calls('<functioncall> {"name": "search", "arguments": \'{"q": "Bob\\\'s"}\'}</functioncall>'),
    ).toEqual([{ name: "search", args: { q: "Bob's" } }]);
    expect(calls('<functioncall> {"name": "get_news", "arguments": {}}', "auto")).toEqual([
      { name: "get_news", args: {} },
    ]);
  });

  it("reports a call cut off by the end of the output", () => {
    const result = parseToolCalls('<functioncall> {"name": "get_weather", "arguments": \'{"city": "Pa');
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("streams in 1-3 character chunks exactly as one-shot", () => {
    for (const format of ["granite_20b_fc", "auto"] as const) {
      expect(streamedInPieces(glaive, { format }), format).toEqual(parseToolCalls(glaive, { format }));
    }
  });
});
