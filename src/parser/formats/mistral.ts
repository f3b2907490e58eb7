/**
 * mistral (pre-v11 tokenizer: Mistral-7B-Instruct-v0.3, Mistral-Nemo):
 *
 *   [TOOL_CALLS] [{"name": "add", "arguments": {"a": 3, "b": 4}, "id": "abc123xyz"}]
 *
 * The space after the token is optional, `"id"` is optional (Mistral-Nemo), ollama's template
 * closes with `[/TOOL_CALLS]` (dropped). Leniencies: the shared JSON repairs, a single call object
 * instead of a list, keys in any order, and the v11 / `[ARGS]` call heads when the format is given.
 * A list cut off by the end of the output keeps the calls completed before the cut.
 *
 * `[TOOL_CALLS]` is a special token: servers that skip special tokens when detokenizing (vLLM's
 * default, the Mistral API's content) leave the bare list. With the format given, a bare list of
 * calls is read too, and so is a bare single call object (Mistral-7B-Instruct on ollama writes
 * `{"name": .., "arguments": {..}}` with neither token nor list); only declared names count where
 * tools are declared. When auto-detecting, bare JSON is the `json` format's rules.
 */
import type { FormatSpec } from "../format-spec.ts";
import { endOfSequenceRule } from "./shared/end-of-sequence.ts";
import { bareCallsRule } from "./shared/json-bare.ts";
import { toolCallsRule } from "./shared/json-mistral-calls.ts";

export const mistral: FormatSpec = {
  id: "mistral",
  description: '[TOOL_CALLS] [{"name": ..., "arguments": {...}}, ...] (Mistral 7B v0.3, Mistral-Nemo)',
  priority: 30,
  blocks: [
    toolCallsRule("list", true),
    bareCallsRule({ open: "[", declaredOnly: true, standalone: "auto", auto: false }),
    bareCallsRule({ open: "{", declaredOnly: true, standalone: "auto", auto: false }),
    endOfSequenceRule,
  ],
  strip: ["[/TOOL_CALLS]"],
};
