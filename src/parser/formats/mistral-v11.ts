/**
 * mistral_v11 (tokenizer v11+: Mistral Small 3.2, Devstral): one `[TOOL_CALLS]` per call,
 *
 *   [TOOL_CALLS]get_weather{"city": "Paris"}[TOOL_CALLS]get_time{"tz": "CET"}
 *
 * with content allowed before. Leniencies: spaces between the name and the JSON, the shared JSON
 * repairs, and the pre-v11 list / `[ARGS]` heads when the format is given. Arguments cut off by
 * the end of the output are a truncated call.
 */
import type { FormatSpec } from "../format-spec.ts";
import { endOfSequenceRule } from "./shared/end-of-sequence.ts";
import { toolCallsRule } from "./shared/json-mistral-calls.ts";

export const mistralV11: FormatSpec = {
  id: "mistral_v11",
  description: "[TOOL_CALLS]NAME{json} per call (Mistral Small 3.2, tokenizer v11+)",
  priority: 31,
  blocks: [toolCallsRule("name", true), endOfSequenceRule],
  strip: ["[/TOOL_CALLS]"],
};
