/**
 * longcat (Meituan LongCat-Flash): hermes with its own tag,
 *
 *   <longcat_tool_call>{"name": "get_weather", "arguments": {"city": "Tokyo"}}</longcat_tool_call>
 *
 * one call per tag, text around the tags is content. Leniencies: a list of calls, the shared JSON
 * repairs, a missing close tag at the end of the output when the JSON is complete.
 */
import type { FormatSpec } from "../format-spec.ts";
import { taggedCallsRule } from "./shared/json-tagged-list.ts";

export const longcat: FormatSpec = {
  id: "longcat",
  description: '<longcat_tool_call>{"name": ..., "arguments": {...}}</longcat_tool_call> (LongCat-Flash)',
  priority: 50,
  blocks: [taggedCallsRule({ open: "<longcat_tool_call>", close: ["</longcat_tool_call>"] })],
};
