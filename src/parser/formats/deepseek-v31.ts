/**
 * deepseek_v31 (DeepSeek-V3.1, V3.1-Terminus):
 * `<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>NAME<｜tool▁sep｜>{...}<｜tool▁call▁end｜>...<｜tool▁calls▁end｜>`
 * (no call type, no code fence; the shared DeepSeek parser reads both layouts).
 *
 * V3.1 is a hybrid model: its template closes reasoning in the prompt (`</think>`) when thinking
 * is off and opens it (`<think>`) when on. The output is therefore NOT assumed to start in
 * reasoning (the adapters pass `startInReasoning` when thinking is on); an orphan `</think>`
 * retracts what came before into reasoning. A call that exists only inside reasoning is
 * reported, not run (`reasoningCalls: "report"`), as llama.cpp ignores call blocks before
 * `</think>`; an output that never closes reasoning keeps its calls (they were never retracted).
 */
import type { FormatSpec } from "../format-spec.ts";
import { DEEPSEEK_BLOCKS, DEEPSEEK_STRIP } from "./shared/special-deepseek-calls.ts";

export const deepseekV31: FormatSpec = {
  id: "deepseek_v31",
  description:
    "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>NAME<｜tool▁sep｜>{...}<｜tool▁call▁end｜><｜tool▁calls▁end｜> (DeepSeek-V3.1)",
  priority: 42,
  blocks: DEEPSEEK_BLOCKS,
  strip: DEEPSEEK_STRIP,
  reasoningCalls: "report",
};
