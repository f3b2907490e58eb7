/**
 * Phi-3.5 mini (Microsoft): `<|system|>`/`<|user|>`/`<|assistant|>` turns ending in `<|end|>\n`;
 * the template has no tool support (tool calls and tool messages are dropped).
 * Template: microsoft-Phi-3.5-mini-instruct.jinja.
 *
 * Tools go through text with the tool_use protocol (group a's adapters/tool-use.ts and
 * prompts/tool-use/): the protocol prompt in the system turn, calls as `<tool_use>` blocks,
 * results as `<tool_result>` blocks in user turns.
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { ToolSpec } from "../src/parser/types.ts";
import type { RenderOptions } from "./model-adapter.ts";
import { defineAdapter } from "./shared-b-define.ts";
import { toolUseMessages } from "./shared-b-tool-use.ts";

function formatMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): TextMessage[] {
  return toolUseMessages(messages, tools);
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const parts: string[] = [];
  for (const message of formatMessages(messages, tools)) {
    if (message.role === "system" && !message.content) continue;
    if (message.role === "tool") continue;
    parts.push(`<|${message.role}|>\n${message.content}<|end|>\n`);
  }
  parts.push((options.addGenerationPrompt ?? true) ? "<|assistant|>\n" : (options.eosToken ?? ""));
  return parts.join("");
}

export const phi35Adapter = defineAdapter({
  id: "phi3.5",
  family: "Phi-3 / Phi-3.5 mini (Microsoft)",
  format: "tool_use",
  capabilities: { contextLength: 131072, reasoning: false, nativeTools: false, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/phi-?3(?:\.5)?(?!\d)/i],
  formatMessages,
  renderPrompt,
});
