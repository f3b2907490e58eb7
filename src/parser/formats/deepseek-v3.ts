/**
 * deepseek_v3 (DeepSeek-V3, V3-0324; ollama's Cogito):
 * `<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>NAME\n```json\n{...}\n```<｜tool▁call▁end｜>...<｜tool▁calls▁end｜>`.
 * The block and its leniencies are shared with deepseek_r1 and deepseek_v31 (see
 * shared/special-deepseek-calls.ts). No reasoning besides the universal `<think>`.
 */
import type { FormatSpec } from "../format-spec.ts";
import { DEEPSEEK_BLOCKS, DEEPSEEK_STRIP } from "./shared/special-deepseek-calls.ts";

export const deepseekV3: FormatSpec = {
  id: "deepseek_v3",
  description:
    "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>NAME\\n```json\\n{...}\\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜> (DeepSeek-V3)",
  priority: 40,
  blocks: DEEPSEEK_BLOCKS,
  strip: DEEPSEEK_STRIP,
};
