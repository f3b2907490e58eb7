/**
 * nemotron_v2 (NVIDIA Nemotron Nano 2):
 *
 *   <TOOLCALL>[{"name": "get_weather", "arguments": {"city": "Paris"}}]</TOOLCALL>
 *
 * Text before and after the block is content. Leniencies: a single object, the shared JSON
 * repairs, a missing `</TOOLCALL>` at the end of the output when the JSON is complete (a cut-off
 * list keeps its completed calls and reports the rest as truncated).
 *
 * The older Nemotron-Mini-4B-Instruct writes one call object in lowercase tags (its chat
 * template; ollama's `nemotron-mini` parser reads them):
 *
 *   <toolcall> {"name": "get_weather", "arguments": {"city": "Paris"}} </toolcall>
 */
import type { FormatSpec } from "../format-spec.ts";
import { taggedCallsRule } from "./shared/json-tagged-list.ts";

export const nemotronV2: FormatSpec = {
  id: "nemotron_v2",
  description: '<TOOLCALL>[{"name": ..., "arguments": {...}}]</TOOLCALL> (Nemotron Nano 2)',
  priority: 50,
  blocks: [
    taggedCallsRule({ open: "<TOOLCALL>", close: ["</TOOLCALL>"] }),
    taggedCallsRule({ open: "<toolcall>", close: ["</toolcall>"] }),
  ],
};
