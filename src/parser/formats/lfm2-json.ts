/**
 * lfm2_json (Liquid LFM2 told to answer in JSON): lfm2's markers around JSON calls,
 *
 *   <|tool_call_start|>[{"name": "get_weather", "arguments": {"location": "Paris"}}]<|tool_call_end|>
 *
 * The markers are shared with lfm2 (pythonic body): when auto-detecting this format claims the
 * block when its body is JSON. Leniencies: a single object instead of a list (sglang), the shared
 * JSON repairs, a missing end marker at the end of the output when the JSON is complete.
 */
import type { FormatSpec } from "../format-spec.ts";
import { startsWithJson, taggedCallsRule } from "./shared/json-tagged-list.ts";

export const lfm2Json: FormatSpec = {
  id: "lfm2_json",
  description: '<|tool_call_start|>[{"name": ..., "arguments": {...}}]<|tool_call_end|> (LFM2, JSON mode)',
  priority: 50,
  blocks: [
    taggedCallsRule({ open: "<|tool_call_start|>", close: ["<|tool_call_end|>"], accepts: startsWithJson }),
  ],
  strip: ["<|im_end|>"],
};
