/**
 * qwen3_coder (Qwen3-Coder, Qwen3.5, Nemotron-3-Nano; vLLM `qwen3_coder` / `qwen3_xml`):
 *
 *   <tool_call>
 *   <function=NAME>
 *   <parameter=KEY>
 *   VALUE
 *   </parameter>
 *   </function>
 *   </tool_call>
 *
 * Values are raw text, trimmed, typed by the tool's JSON schema (coerce.ts: Python reprs, `None`,
 * double-encoded JSON strings), kept as strings for keys outside the schema, and inferred from
 * their text (numbers, booleans, null, JSON) when the tool has no schema (llama.cpp).
 *
 * Leniencies: quoted `<tool_call>`, `<parameter=..>`, `</parameter>`, `</function>` text inside a
 * value stays literal (see shared/xml-parameters.ts); a missing `</parameter>` ends at the next
 * parameter; a repeated parameter becomes a list (ai-sdk); several `<function=>` in one block;
 * a missing `</function>` or `</tool_call>` before the end (but a call cut inside a value is a
 * truncated-call problem); a dropped `<tool_call>` opener (a bare `<function=NAME>` block, an
 * orphan `</tool_call>` removed from content); a hermes JSON body inside `<tool_call>`; inside
 * `<tool_call>`, a JSON object for a function's arguments (`<function=NAME>{"k": "v"}</function>`,
 * Nemotron / Qwen3-Coder writing functionary's body; vllm-mlx), and so with the format given a
 * bare `<function=NAME>{..}</function>` too (Rapid-MLX #448); when auto-detecting, that bare
 * shape is functionary_v3_1's.
 * Not calls: an unrendered Jinja name (`<function={{ tc.name }}>`) or `<tool_call>` around
 * plain text: both stay content.
 */
import type { FormatSpec } from "../format-spec.ts";
import { bareFunctionRule, wrappedFunctionRule } from "./shared/xml-call-rules.ts";

export const qwen3Coder: FormatSpec = {
  id: "qwen3_coder",
  description:
    "<tool_call><function=NAME><parameter=KEY>VALUE</parameter></function></tool_call> (Qwen3-Coder)",
  priority: 20,
  blocks: [wrappedFunctionRule("<tool_call>", "</tool_call>"), bareFunctionRule()],
  strip: ["</tool_call>", "<|im_end|>", "<|endoftext|>"],
};
