/**
 * jamba (AI21 Jamba 1.5+): a JSON call list in a tag pair,
 *
 *   <tool_calls>[{"name": "get_weather", "arguments": {"city": "Dallas"}}, ...]</tool_calls>
 *
 * `<tool_calls>` is shared with hunyuan_a13b (same body), minimax_m1 (one object per line) and
 * hy_v3 (`<tool_call>` children): when auto-detecting this format claims the block when its body
 * is a JSON list. Leniencies: a single object, the shared JSON repairs, a missing close tag at the
 * end of the output when the JSON is complete (a cut-off list keeps its completed calls).
 */
import type { FormatSpec } from "../format-spec.ts";
import { startsWithObjectList, taggedCallsRule } from "./shared/json-tagged-list.ts";

export const jamba: FormatSpec = {
  id: "jamba",
  description: '<tool_calls>[{"name": ..., "arguments": {...}}]</tool_calls> (AI21 Jamba)',
  priority: 50,
  blocks: [
    taggedCallsRule({ open: "<tool_calls>", close: ["</tool_calls>"], accepts: startsWithObjectList }),
  ],
  strip: ["<|eom|>"],
};
