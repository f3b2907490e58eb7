/**
 * lmstudio: LM Studio's own tool-call convention, which it prompts models without a native
 * tool format to use (its server turns the block into a tool call; when its parsing fails, or a
 * client reads the raw completion, the block arrives as text):
 *
 *   [TOOL_REQUEST]{"name": "get_weather", "arguments": {"city": "Paris"}}[END_TOOL_REQUEST]
 *
 * The body takes the shared JSON-call leniencies; a missing `[END_TOOL_REQUEST]` at the end of
 * the output is read when the JSON is complete.
 */
import type { FormatSpec } from "../format-spec.ts";
import { taggedJsonRule } from "./shared/tagged-json.ts";

export const lmstudio: FormatSpec = {
  id: "lmstudio",
  description:
    '[TOOL_REQUEST]{"name": ..., "arguments": {...}}[END_TOOL_REQUEST] (LM Studio\'s own convention)',
  priority: 50,
  blocks: [taggedJsonRule({ open: "[TOOL_REQUEST]", close: ["[END_TOOL_REQUEST]"] })],
};
