/**
 * granite (IBM Granite 3.x): a JSON call list after a marker, with no close tag,
 *
 *   <|tool_call|>[{"name": "get_weather", "arguments": {"city": "Tokyo"}}]     (3.0, 3.2, 3.3)
 *   <tool_call> [{"name": "get_weather", "arguments": {"city": "Tokyo"}}]      (3.1 string prefix)
 *
 * Granite 3.2 with thinking writes `Here is my thought process: ... Here is my response: ...`
 * (vLLM's granite reasoning parser): that is reasoning, then content (with the format given only:
 * when auto-detecting, plain words are too weak a sign of reasoning). Granite 3.3 with thinking
 * writes `<think>...</think><response>...</response>`: the response wrapper is removed from the
 * content. Leniencies: a single object instead of a list, the shared
 * JSON repairs; a list cut off by the end of the output keeps the calls completed before the cut
 * (as llama.cpp's partial parse does) and reports the rest as truncated. When auto-detecting,
 * `<tool_call>` belongs to hermes (whose body may be a list too).
 */
import type { BlockRule, FormatSpec } from "../format-spec.ts";
import { taggedCallsRule } from "./shared/json-tagged-list.ts";

const responseRule: BlockRule = {
  open: "<response>",
  end: { kind: "close", close: ["</response>"] },
  auto: false,
  parse: (body) => ({ content: body }),
};

export const granite: FormatSpec = {
  id: "granite",
  description: '<|tool_call|>[{"name": ..., "arguments": {...}}] (Granite 3.x; 3.1 writes <tool_call>)',
  priority: 50,
  blocks: [
    taggedCallsRule({ open: "<|tool_call|>" }),
    taggedCallsRule({ open: "<tool_call>", close: ["</tool_call>"], auto: false }),
    responseRule,
  ],
  reasoning: [{ open: "Here is my thought process:", close: ["Here is my response:"], auto: false }],
  strip: ["<|end_of_text|>"],
};
