/**
 * glm47 (GLM-4.7): GLM-4.5's `<tool_call>NAME<arg_key>K</arg_key><arg_value>V</arg_value></tool_call>`
 * with the newlines after the name and between pairs optional; a zero-argument call is just
 * `<tool_call>NAME</tool_call>`. Values are typed by the tool's schema and stay strings without
 * one (vLLM's Glm47 parser). Same leniencies and truncation rule as glm4_moe.
 */
import type { FormatSpec } from "../format-spec.ts";
import { glmToolCallRule } from "./shared/glm-tool-call.ts";

export const glm47: FormatSpec = {
  id: "glm47",
  description: "<tool_call>NAME<arg_key>K</arg_key><arg_value>V</arg_value></tool_call> (GLM-4.7)",
  blocks: [glmToolCallRule("string", true)],
  strip: ["<|observation|>"],
};
