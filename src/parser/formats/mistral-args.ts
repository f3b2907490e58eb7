/**
 * mistral_args (Ministral, Magistral, as ollama parses them): one `[TOOL_CALLS]` per call,
 *
 *   [TOOL_CALLS]get_weather[ARGS]{"city": "Paris"}
 *   [TOOL_CALLS]get_weather[CALL_ID]a1b2c3d4e[ARGS]{"city": "Paris"}
 *
 * The call id, when written, becomes the call's id. Leniencies: spaces around the markers, the
 * shared JSON repairs, and the list / v11 heads when the format is given. Arguments cut off by the
 * end of the output are a truncated call. Magistral and Ministral-3 Reasoning think in
 * `[THINK]..[/THINK]` before the calls; that is reasoning (a call drafted in it is not run).
 */
import type { FormatSpec } from "../format-spec.ts";
import { endOfSequenceRule } from "./shared/end-of-sequence.ts";
import { toolCallsRule } from "./shared/json-mistral-calls.ts";

export const mistralArgs: FormatSpec = {
  id: "mistral_args",
  description: "[TOOL_CALLS]NAME[ARGS]{json} per call (Ministral, Magistral)",
  priority: 32,
  blocks: [toolCallsRule("args", true), endOfSequenceRule],
  reasoning: [{ open: "[THINK]", close: ["[/THINK]"], promptOpened: true }],
  strip: ["[/TOOL_CALLS]"],
};
