/**
 * Functionary v3.2 (MeetKai, Llama 3 based): tools as a TypeScript namespace in the system prompt,
 * every assistant message is `>>>recipient\ncontent` (`>>>all` for text, `>>>NAME\n{args}` for a call).
 * Template: meetkai-functionary-medium-v3.2.jinja. Its generation prompt ends with `>>>`, so the
 * model's output starts with the recipient.
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { ToolSpec } from "../src/parser/types.ts";
import { fillPrompt } from "../src/prompts.ts";
import { functionaryNamespace } from "./functionary-schema.ts";
import type { RenderOptions } from "./model-adapter.ts";
import { defineAdapter, promptText, withSystemPreamble } from "./shared-b-define.ts";
import { argumentsJson } from "./shared-b-tools.ts";

function systemPrompt(tools: readonly ToolSpec[]): string {
  return fillPrompt(promptText("functionary-v3.2/system.txt"), { functions: functionaryNamespace(tools) });
}

function assistantText(message: Extract<ChatMessage, { role: "assistant" }>): string {
  const text = message.content ? `>>>all\n${message.content}` : "";
  const calls = (message.toolCalls ?? []).map((call) => `>>>${call.name}\n${argumentsJson(call)}`);
  return text + calls.join("");
}

function formatMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): TextMessage[] {
  const text = messages.map(
    (message): TextMessage =>
      message.role === "assistant"
        ? { role: "assistant", content: assistantText(message) }
        : { role: message.role, content: message.content },
  );
  return withSystemPreamble(text, systemPrompt(tools));
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const header = (role: string): string => `<|start_header_id|>${role}<|end_header_id|>\n\n`;
  const parts = [options.bosToken ?? "", header("system"), systemPrompt(tools), "<|eot_id|>"];
  for (const message of messages) {
    parts.push(
      header(message.role),
      message.role === "assistant" ? assistantText(message) : message.content,
      "<|eot_id|>",
    );
  }
  if (options.addGenerationPrompt ?? true) parts.push(header("assistant"), ">>>");
  return parts.join("");
}

export const functionaryV32Adapter = defineAdapter({
  id: "functionary-v3.2",
  family: "Functionary v3.2 (MeetKai)",
  format: "functionary_v3_2",
  capabilities: { contextLength: 8192, reasoning: false, nativeTools: false, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/functionary/i],
  formatMessages,
  renderPrompt,
});
