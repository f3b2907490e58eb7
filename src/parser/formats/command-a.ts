/**
 * command_a (Cohere Command A Reasoning; ollama's `cohere` parser): command_r7b's action block
 * and text wrappers (`<|START_TEXT|>...<|END_TEXT|>`, legacy `<|START_RESPONSE|>`), but the
 * template opens `<|START_THINKING|>` in the prompt, so the output starts inside reasoning and
 * `<|END_THINKING|>` ends it (`startsInReasoning`). An output that never closes reasoning was
 * written without thinking (thinking disabled), so its calls are promoted rather than lost.
 * An answer wrapper (`<|START_TEXT|>`, `<|START_RESPONSE|>`) also ends reasoning: with reasoning
 * off the output starts with it (ollama's cohere parser), and reasoning never contains it.
 */
import type { FormatSpec, ReasoningRule } from "../format-spec.ts";
import { COHERE_BLOCKS, COHERE_STRIP, COHERE_THINKING } from "./shared/special-cohere.ts";

const THINKING: ReasoningRule = {
  open: COHERE_THINKING.open,
  close: [...COHERE_THINKING.close, "<|START_TEXT|>", "<|START_RESPONSE|>"],
};

export const commandA: FormatSpec = {
  id: "command_a",
  description:
    '<|START_ACTION|>[{"tool_call_id": "0", "tool_name": ..., "parameters": {...}}]<|END_ACTION|> after reasoning begun in the prompt (Command A Reasoning)',
  priority: 41,
  blocks: COHERE_BLOCKS,
  reasoning: [THINKING],
  thinkTags: false,
  strip: COHERE_STRIP,
  startsInReasoning: true,
  reasoningCalls: "promote",
};
