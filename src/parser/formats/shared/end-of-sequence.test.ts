import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../../parse-tool-calls.ts";
import { StreamParser } from "../../stream-parser.ts";
import type { FormatId } from "../../types.ts";

function streamed(text: string, format: FormatId | "auto") {
  const parser = new StreamParser({ format });
  for (let at = 0, size = 1; at < text.length; at += size, size = (size % 3) + 1)
    parser.feed(text.slice(at, at + size));
  return parser.end().result;
}

describe("</s>: end of sequence at the end of the output, text anywhere else", () => {
  for (const format of ["auto", "hermes", "mistral", "mistral_v11", "mistral_args", "gigachat3"] as const) {
    it(`drops a trailing </s> and keeps HTML's </s> in text (${format})`, () => {
      const text = "Use <s>old</s> new markup.</s> \n";
      const result = parseToolCalls(text, { format });
      expect(result.content).toBe("Use <s>old</s> new markup. \n");
      expect(streamed(text, format)).toEqual(result);
    });
  }

  it("drops it after a call", () => {
    const text = '[TOOL_CALLS] [{"name": "add", "arguments": {"a": 1}}]</s>';
    const result = parseToolCalls(text, { format: "mistral" });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["add"]);
    expect(result.content).toBe("");
    expect(streamed(text, "mistral")).toEqual(result);
  });
});
