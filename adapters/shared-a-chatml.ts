/**
 * ChatML pieces shared by the Qwen adapters: `<|im_start|>role\n...<|im_end|>\n` turns, the
 * Qwen tool preamble (prompts/qwen/tools.md), hermes `<tool_call>` blocks and `<tool_response>`
 * results.
 */
import type { ToolCall, ToolSpec } from "../src/parser/types.ts";
import { templateJson } from "./shared-a-json.ts";
import type { AssistantMessage, ToolMessage } from "./shared-a-messages.ts";
import { promptText } from "./shared-a-prompt.ts";
import { openAiTool } from "./shared-a-tools.ts";

export const IM_START = "<|im_start|>";
export const IM_END = "<|im_end|>";

/** One ChatML turn with its trailing newline. */
export function chatmlTurn(role: string, content: string): string {
  return `${IM_START}${role}\n${content}${IM_END}\n`;
}

/** The Qwen2.5/Qwen3 tool preamble: the signatures (one `tojson` line each) and the call syntax. */
export function qwenToolsText(tools: readonly ToolSpec[]): string {
  const signatures = tools.map((tool) => `\n${templateJson(openAiTool(tool))}`).join("");
  return promptText("qwen/tools.md", { tools: signatures });
}

/** `<tool_call>\n{"name": "NAME", "arguments": {...}}\n</tool_call>` as Qwen's templates print it. */
export function hermesCall(call: Pick<ToolCall, "name" | "arguments">): string {
  return `<tool_call>\n{"name": "${call.name}", "arguments": ${templateJson(call.arguments)}}\n</tool_call>`;
}

/** An assistant turn's text on a chat endpoint: the content, then each call on its own line. */
export function hermesAssistantText(message: AssistantMessage): string {
  const calls = (message.toolCalls ?? []).map(hermesCall);
  return [message.content, ...calls].filter((part) => part.length > 0).join("\n");
}

/** One `<tool_response>` block. */
export function toolResponse(message: ToolMessage): string {
  return `<tool_response>\n${message.content}\n</tool_response>`;
}

/** A run of results as the user-turn text Qwen2.5/Qwen3 render them in. */
export function toolResponsesText(run: readonly ToolMessage[]): string {
  return run.map(toolResponse).join("\n");
}
