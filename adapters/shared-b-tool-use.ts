/**
 * The tool_use text protocol for families whose template has no tools (Gemma 2, Phi-3.5). The
 * protocol is group a's tool-use adapter (prompts/tool-use/: the system prompt, `<tool_use>` call
 * blocks, `<tool_result>` blocks in user turns); this module only adapts its messages to
 * templates that need strictly alternating user/model turns.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { ToolSpec } from "../src/parser/types.ts";
import { toolUseAdapter } from "./tool-use.ts";

export const TOOL_USE_PROMPT = "tool-use/system.md";

/** Whether prompts/tool-use/system.md is present. */
export function toolUsePromptExists(): boolean {
  return existsSync(fileURLToPath(new URL(`../prompts/${TOOL_USE_PROMPT}`, import.meta.url)));
}

/** The protocol's text messages: system prompt with the tools, calls and results as text. */
export function toolUseMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): TextMessage[] {
  return toolUseAdapter.formatMessages(messages, tools);
}

/**
 * Only user and assistant turns, alternating and starting with the user: system (and any tool)
 * text joins the user side, and consecutive turns of one side are joined by a blank line.
 */
export function alternatingTurns(messages: readonly TextMessage[]): TextMessage[] {
  const result: TextMessage[] = [];
  for (const message of messages) {
    const role = message.role === "assistant" ? "assistant" : "user";
    const last = result.at(-1);
    if (last && last.role === role)
      result[result.length - 1] = { role, content: `${last.content}\n\n${message.content}` };
    else if (!last && role === "assistant")
      result.push({ role: "user", content: "" }, { role, content: message.content });
    else result.push({ role, content: message.content });
  }
  return result;
}
