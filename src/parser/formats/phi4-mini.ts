/**
 * phi4_mini (Phi-4-mini-instruct):
 *
 *   functools[{"name": "get_weather", "arguments": {"city": "Tokyo"}}, ...]
 *
 * Text before and after is content. When auto-detecting, `functools` must start a line.
 * Leniencies: spaces before the list, the shared JSON repairs; a list cut off by the end of the
 * output keeps the calls completed before the cut and reports the rest as truncated.
 */
import type { FormatSpec } from "../format-spec.ts";
import { functoolsRule } from "./shared/json-functools.ts";

export const phi4Mini: FormatSpec = {
  id: "phi4_mini",
  description: 'functools[{"name": ..., "arguments": {...}}, ...] (Phi-4-mini)',
  priority: 50,
  blocks: [functoolsRule(true)],
  strip: ["<|end|>"],
};
