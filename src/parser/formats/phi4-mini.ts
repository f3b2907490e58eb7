/**
 * phi4_mini (Phi-4-mini-instruct):
 *
 *   functools[{"name": "get_weather", "arguments": {"city": "Tokyo"}}, ...]
 *
 * and, as llama.cpp's Phi-4-mini template teaches, one call per block:
 *
 *   <|tool_call|>{"name": "get_weather", "arguments": {"city": "Tokyo"}}<|/tool_call|>
 *
 * Text before and after is content. With the format given, `functools` may follow prose on its
 * line (the list of call objects right after the word is what counts, so `import functools`
 * stays text); when auto-detecting it must start a line (a letter that may open a marker
 * anywhere would send every streamed chunk holding it down the scanner's slow path), and
 * `<|tool_call|>` is read by the granite rule (a JSON value after the marker); the closing
 * `<|/tool_call|>` is dropped from content.
 * Leniencies: spaces before the list, the shared JSON repairs; a list cut off by the end of the
 * output keeps the calls completed before the cut and reports the rest as truncated.
 */
import type { FormatSpec } from "../format-spec.ts";
import { functoolsRule } from "./shared/json-functools.ts";
import { taggedJsonRule } from "./shared/tagged-json.ts";

export const phi4Mini: FormatSpec = {
  id: "phi4_mini",
  description: 'functools[{"name": ..., "arguments": {...}}, ...] (Phi-4-mini)',
  priority: 50,
  blocks: [
    functoolsRule(true),
    taggedJsonRule({ open: "<|tool_call|>", close: ["<|/tool_call|>"], auto: false }),
  ],
  strip: ["<|end|>", "<|/tool_call|>"],
};
