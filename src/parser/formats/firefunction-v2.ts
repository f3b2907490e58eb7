/**
 * firefunction_v2 (fireworks-ai/llama-3-firefunction-v2): phi4_mini's wire format after a space,
 *
 *    functools[{"name": "get_weather", "arguments": {"city": "Tokyo"}}]
 *
 * Identical text, so auto-detection reports such calls as phi4_mini; this rule is for the format
 * given. Leniencies as phi4_mini's.
 */
import type { FormatSpec } from "../format-spec.ts";
import { functoolsRule } from "./shared/json-functools.ts";

export const firefunctionV2: FormatSpec = {
  id: "firefunction_v2",
  description: ' functools[{"name": ..., "arguments": {...}}] (FireFunction v2)',
  priority: 51,
  blocks: [functoolsRule(false)],
  strip: ["<|eot_id|>"],
};
