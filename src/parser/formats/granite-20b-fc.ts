/**
 * granite_20b_fc (granite-20b-functioncalling): one call object per marker, no close tag,
 *
 *   <function_call> {"name": "get_weather", "arguments": {"city": "Tokyo"}}
 *   <function_call> {"name": "get_time", "arguments": {"timezone": "Asia/Tokyo"}}
 *
 * The block is the JSON value after the marker; text after it is content. A stray
 * `</function_call>` (llama.cpp's Hermes wrapper form, also seen in fences) is dropped, so
 * `<function_call> {...} </function_call>` reads the same. Leniencies: the shared JSON repairs, a
 * list of calls. A call cut off by the end of the output is a truncated call.
 *
 * Glaive's `<functioncall>` (glaive-function-calling-v2 and the many Llama/Mistral fine-tunes
 * trained on it) is the same shape, usually with the arguments as a single-quoted JSON string:
 *
 *   <functioncall> {"name": "get_weather", "arguments": '{"city": "Paris"}'} <|endoftext|>
 *
 * The string is decoded like any double-encoded arguments; a stray `</functioncall>` is dropped.
 */
import type { FormatSpec } from "../format-spec.ts";
import { taggedCallsRule } from "./shared/json-tagged-list.ts";

export const granite20bFc: FormatSpec = {
  id: "granite_20b_fc",
  description:
    '<function_call> {"name": ..., "arguments": {...}} per call (granite-20b-functioncalling); Glaive\'s <functioncall> {"name": ..., "arguments": \'{...}\'}',
  priority: 50,
  blocks: [taggedCallsRule({ open: "<function_call>" }), taggedCallsRule({ open: "<functioncall>" })],
  strip: ["</function_call>", "</functioncall>", "<|endoftext|>"],
};
