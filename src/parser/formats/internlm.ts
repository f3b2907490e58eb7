/**
 * internlm (InternLM2 / 2.5):
 *
 *   <|action_start|><|plugin|>{"name": "get_weather", "parameters": {"city": "Tokyo"}}<|action_end|>
 *
 * Text before the action is content. Leniencies: `arguments` for `parameters`, the shared JSON
 * repairs, a missing `<|action_end|>` at the end of the output when the JSON is complete (an
 * incomplete one is a truncated call), a space between `<|action_start|>` and `<|plugin|>`.
 */
import type { FormatSpec } from "../format-spec.ts";
import { taggedCallsRule } from "./shared/json-tagged-list.ts";

export const internlm: FormatSpec = {
  id: "internlm",
  description: '<|action_start|><|plugin|>{"name": ..., "parameters": {...}}<|action_end|> (InternLM2)',
  priority: 50,
  blocks: [
    taggedCallsRule({ open: "<|action_start|><|plugin|>", close: ["<|action_end|>"] }),
    // Special tokens detokenized with a space between them (vLLM's default
    // spaces_between_special_tokens; its Intern-S1 parser accepts it).
    taggedCallsRule({ open: "<|action_start|> <|plugin|>", close: ["<|action_end|>"] }),
  ],
  strip: ["<|im_end|>"],
};
