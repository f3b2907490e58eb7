/**
 * xlam (Salesforce xLAM-2): a bare JSON list of calls,
 *
 *   [{"name": "get_weather", "arguments": {"city": "Dallas"}}]
 *
 * optionally after `<think>...</think>`, inside a ```json fence, after `[TOOL_CALLS]` or inside
 * `<tool_call>[...]</tool_call>` (vLLM's xLAM parser accepts all four), or wrapped as
 * `{"tool_calls": [...]}` (ollama's xlam template). Leniencies: a single call object instead of a
 * list, the shared JSON repairs. When auto-detecting, the bare list and the
 * fence are the `json` format's rules, `[TOOL_CALLS]` is mistral's and `<tool_call>` hermes'.
 */
import type { BlockRule, FormatSpec } from "../format-spec.ts";
import { fencedCallsRule } from "./shared/fenced-calls.ts";
import { bareCallsRule, wrappedToolCalls } from "./shared/json-bare.ts";
import { toolCallsRule } from "./shared/json-mistral-calls.ts";
import { taggedCallsRule } from "./shared/json-tagged-list.ts";

/** The bare-object rule, also reading the `{"tool_calls": [...]}` wrapper as its calls. */
function wrappedRule(base: BlockRule): BlockRule {
  return { ...base, parse: (body, ctx) => wrappedToolCalls(body, ctx) ?? base.parse(body, ctx) };
}

export const xlam: FormatSpec = {
  id: "xlam",
  description:
    '[{"name": ..., "arguments": {...}}] bare, fenced, after [TOOL_CALLS] or in <tool_call> (xLAM-2)',
  priority: 60,
  blocks: [
    bareCallsRule({ open: "[", standalone: "never", auto: false }),
    wrappedRule(bareCallsRule({ open: "{", standalone: "never", auto: false })),
    toolCallsRule("list", false),
    taggedCallsRule({ open: "<tool_call>", close: ["</tool_call>"], auto: false }),
    fencedCallsRule(() => xlam, false),
  ],
};
