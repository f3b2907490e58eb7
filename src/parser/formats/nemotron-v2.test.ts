import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";

describe("nemotron_v2", () => {
  it("reads Nemotron-Mini's lowercase <toolcall> around one call object", () => {
    const text =
      ' <toolcall> {"name": "weather_lookup", "arguments": {\n  "zip_codes": [\n    12345\n  ]\n}} </toolcall>';
    for (const format of ["nemotron_v2", "auto"] as const) {
      const result = parseToolCalls(text, { format });
      expect(
        result.toolCalls.map((call) => [call.name, call.arguments]),
        format,
      ).toEqual([["weather_lookup", { zip_codes: [12345] }]]);
      expect(result.content.trim(), format).toBe("");
      expect(streamedInPieces(text, { format })).toEqual(result);
    }
  });

  it("still reads Nemotron Nano 2's <TOOLCALL> list", () => {
    const text =
      'Sure.<TOOLCALL>[{"name": "a", "arguments": {"x": 1}}, {"name": "b", "arguments": {}}]</TOOLCALL>';
    const result = parseToolCalls(text, { format: "nemotron_v2" });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["a", "b"]);
    expect(result.content).toBe("Sure.");
  });

  it("treats a close tag inside a JSON string as text (tagged JSON lists: jamba, hunyuan_a13b, ...)", () => {
    const cases = [
      [
        '<TOOLCALL>[{"name":"echo","arguments":{"value":"</TOOLCALL> x"}}]</TOOLCALL>after',
        "nemotron_v2",
        "</TOOLCALL> x",
      ],
      [
        'before<tool_calls>[{"name":"echo","arguments":{"value":"</tool_calls> and <tool_calls> kept"}}]</tool_calls>after',
        "hunyuan_a13b",
        "</tool_calls> and <tool_calls> kept",
      ],
    ] as const;
    for (const [text, format, value] of cases) {
      const result = parseToolCalls(text, { format });
      expect(
        result.toolCalls.map((call) => call.arguments),
        format,
      ).toEqual([{ value }]);
      expect(result.content.trim().endsWith("after"), format).toBe(true);
      expect(result.content.includes("echo"), format).toBe(false);
      expect(streamedInPieces(text, { format })).toEqual(result);
    }
  });
});
