import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../../parse-tool-calls.ts";
import type { FormatId } from "../../types.ts";

const streamed = (text: string, format: FormatId | "auto") => streamedInPieces(text, { format });

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
