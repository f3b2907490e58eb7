/**
 * deepseek_r1 (DeepSeek-R1, R1-0528 and the R1 distills): the deepseek_v3 call block after a
 * `<think>...</think>` reasoning block.
 *
 * The R1 templates open `<think>` in the prompt, so the output starts inside reasoning and only
 * `</think>` ends it (`startsInReasoning`). Calls only inside that reasoning are promoted: an
 * output whose reasoning never closes is, like llama.cpp reads a complete unclosed output, an
 * answer written without thinking, and its complete call blocks count; a call drafted inside
 * reasoning that is followed by real calls is reported (the scanner's rule), never run twice.
 */
import type { FormatSpec } from "../format-spec.ts";
import { DEEPSEEK_BLOCKS, DEEPSEEK_STRIP } from "./shared/special-deepseek-calls.ts";

export const deepseekR1: FormatSpec = {
  id: "deepseek_r1",
  description:
    "<think>...</think> then the DeepSeek-V3 <｜tool▁calls▁begin｜> block (DeepSeek-R1 and distills)",
  priority: 41,
  blocks: DEEPSEEK_BLOCKS,
  strip: DEEPSEEK_STRIP,
  startsInReasoning: true,
  reasoningCalls: "promote",
};
