/**
 * Gemma 2 (Google): `<start_of_turn>user|model\n…<end_of_turn>\n` turns that must alternate,
 * starting with the user; the template rejects system and tool roles and knows no tools.
 * Template: google-gemma-2-2b-it.jinja.
 *
 * Gemma gets tools through text, with the tool_use protocol (group a's adapters/tool-use.ts and
 * prompts/tool-use/): the system text (the caller's, then the protocol prompt listing the tools)
 * opens the first user turn, calls are `<tool_use>` blocks in model turns, results are
 * `<tool_result>` blocks in user turns, and consecutive turns of one side are joined by a blank
 * line so the roles alternate. renderPrompt is the template applied to exactly those messages;
 * a conversation that starts with the model gets an empty first user turn.
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { ToolSpec } from "../src/parser/types.ts";
import type { RenderOptions } from "./model-adapter.ts";
import { defineAdapter } from "./shared-b-define.ts";
import { alternatingTurns, toolUseMessages } from "./shared-b-tool-use.ts";

function formatMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): TextMessage[] {
  return alternatingTurns(toolUseMessages(messages, tools));
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const parts = [options.bosToken ?? ""];
  for (const message of formatMessages(messages, tools)) {
    parts.push(
      `<start_of_turn>${message.role === "assistant" ? "model" : message.role}\n${message.content.trim()}<end_of_turn>\n`,
    );
  }
  if (options.addGenerationPrompt ?? true) parts.push("<start_of_turn>model\n");
  return parts.join("");
}

export const gemma2Adapter = defineAdapter({
  id: "gemma2",
  family: "Gemma 2 (Google)",
  format: "tool_use",
  capabilities: { contextLength: 8192, reasoning: false, nativeTools: false, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/gemma2/i, /gemma-2/i],
  formatMessages,
  renderPrompt,
});
