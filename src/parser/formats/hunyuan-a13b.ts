/**
 * hunyuan_a13b (Tencent Hunyuan-A13B): the jamba wire format,
 *
 *   <think>...</think>
 *   <answer>
 *   <tool_calls>[{"name": "get_weather", "arguments": {"city": "Boston"}}]</tool_calls>
 *   </answer>
 *
 * The `<answer>` wrapper is dropped from the content. Text after the block stays content (vLLM
 * drops it; we keep everything outside call blocks). Leniencies as jamba's.
 */
import type { FormatSpec } from "../format-spec.ts";
import { startsWithObjectList, taggedCallsRule } from "./shared/json-tagged-list.ts";

export const hunyuanA13b: FormatSpec = {
  id: "hunyuan_a13b",
  description: '<tool_calls>[{"name": ..., "arguments": {...}}]</tool_calls> in <answer> (Hunyuan-A13B)',
  priority: 51,
  blocks: [
    taggedCallsRule({ open: "<tool_calls>", close: ["</tool_calls>"], accepts: startsWithObjectList }),
  ],
  strip: ["<answer>", "</answer>"],
};
