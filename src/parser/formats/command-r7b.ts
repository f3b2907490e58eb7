/**
 * command_r7b (Cohere Command R7B; vLLM's Command 3/4 parsers):
 *
 *   <|START_THINKING|>...<|END_THINKING|><|START_ACTION|>[{"tool_call_id": "0", "tool_name": NAME, "parameters": {...}}]<|END_ACTION|>
 *
 * and plain answers in `<|START_RESPONSE|>...<|END_RESPONSE|>` (wrappers dropped, text kept).
 * Citation tags `<co>...</co: 0:[1]>` are removed from content. Leniencies: the usual JSON
 * repairs, a single object instead of a list, `name`/`arguments` keys, a missing
 * `<|END_ACTION|>` when the JSON is complete. `<think>` is not Cohere's and stays text.
 */
import type { FormatSpec } from "../format-spec.ts";
import { COHERE_BLOCKS, COHERE_STRIP, COHERE_THINKING } from "./shared/special-cohere.ts";

export const commandR7b: FormatSpec = {
  id: "command_r7b",
  description:
    '<|START_ACTION|>[{"tool_call_id": "0", "tool_name": ..., "parameters": {...}}]<|END_ACTION|>, thinking <|START_THINKING|>...<|END_THINKING|> (Command R7B)',
  priority: 40,
  blocks: COHERE_BLOCKS,
  reasoning: [COHERE_THINKING],
  thinkTags: false,
  strip: COHERE_STRIP,
};
