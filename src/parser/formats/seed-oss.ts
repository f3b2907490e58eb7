/**
 * seed_oss (ByteDance Seed-OSS): the qwen3_coder call body in its own wrapper,
 *
 *   <seed:tool_call>
 *   <function=NAME>
 *   <parameter=KEY>VALUE</parameter>
 *   </function>
 *   </seed:tool_call>
 *
 * Reasoning is `<seed:think>...</seed:think>`; it may hold `<seed:cot_budget_reflect>` notes
 * and drafted example calls (the calls after the reasoning win; a call only in the reasoning is
 * promoted). Budget notes outside the reasoning are reasoning too. Values are typed as in
 * qwen3_coder; the same leniencies apply, including a bare `<function=NAME>` block. The template
 * writes values inline (`<parameter=K>V</parameter>`): a newline before `</parameter>` is layout
 * only when one follows the opening tag too, else it ends the value (llama.cpp).
 */
import type { FormatSpec } from "../format-spec.ts";
import { bareFunctionRule, wrappedFunctionRule } from "./shared/xml-call-rules.ts";

export const seedOss: FormatSpec = {
  id: "seed_oss",
  description:
    "<seed:tool_call><function=NAME><parameter=KEY>VALUE</parameter></function></seed:tool_call> (Seed-OSS)",
  priority: 20,
  blocks: [
    wrappedFunctionRule("<seed:tool_call>", "</seed:tool_call>", "inline"),
    bareFunctionRule("inline"),
  ],
  reasoning: [
    { open: "<seed:think>", close: ["</seed:think>"], promptOpened: true },
    { open: "<seed:cot_budget_reflect>", close: ["</seed:cot_budget_reflect>"] },
  ],
  strip: ["<seed:eos>", "<seed:bos>"],
};
