/**
 * Kimi K2 (Moonshot): `<|im_user|>`/`<|im_assistant|>` turns, tools declared as JSON in a
 * `tool_declare` system turn, calls as
 * `<|tool_calls_section_begin|><|tool_call_begin|>functions.NAME:i<|tool_call_argument_begin|>{…}<|tool_call_end|>…<|tool_calls_section_end|>`.
 * Template: moonshotai-Kimi-K2.jinja.
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { ToolCall, ToolSpec } from "../src/parser/types.ts";
import { fillPrompt } from "../src/prompts.ts";
import type { RenderOptions } from "./model-adapter.ts";
import { defineAdapter, promptText, withSystemPreamble } from "./shared-b-define.ts";
import { templateJson } from "./shared-b-json.ts";
import { openAiTools } from "./shared-b-tools.ts";

const HEADERS = {
  system: "<|im_system|>system<|im_middle|>",
  user: "<|im_user|>user<|im_middle|>",
  assistant: "<|im_assistant|>assistant<|im_middle|>",
  tool: "<|im_system|>tool<|im_middle|>",
} as const;

function renderCalls(calls: readonly ToolCall[]): string {
  const body = calls.map(
    (call, index) =>
      `<|tool_call_begin|>functions.${call.name}:${index}<|tool_call_argument_begin|>${templateJson(call.arguments)}<|tool_call_end|>`,
  );
  return `<|tool_calls_section_begin|>${body.join("")}<|tool_calls_section_end|>`;
}

function formatMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): TextMessage[] {
  const text = messages.map((message): TextMessage => {
    if (message.role === "assistant" && message.toolCalls?.length) {
      return { role: "assistant", content: message.content + renderCalls(message.toolCalls) };
    }
    return { role: message.role, content: message.content };
  });
  const preamble =
    tools.length > 0
      ? fillPrompt(promptText("kimi-k2/tools.txt"), { tools: templateJson(openAiTools(tools)) })
      : "";
  return withSystemPreamble(text, preamble);
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const parts: string[] = [];
  if (tools.length > 0)
    parts.push(`<|im_system|>tool_declare<|im_middle|>${templateJson(openAiTools(tools))}<|im_end|>`);
  messages.forEach((message, index) => {
    if (index === 0 && message.role !== "system")
      parts.push(`${HEADERS.system}You are a helpful assistant<|im_end|>`);
    parts.push(HEADERS[message.role]);
    if (message.role === "assistant" && message.toolCalls?.length) {
      parts.push(message.content, renderCalls(message.toolCalls));
    } else if (message.role === "tool") {
      // The template writes a literal backslash-n here, not a newline.
      parts.push(`## Return of ${message.toolCallId}\\n${message.content}`);
    } else {
      parts.push(message.content);
    }
    parts.push("<|im_end|>");
  });
  if (options.addGenerationPrompt ?? true) parts.push(HEADERS.assistant);
  return parts.join("");
}

export const kimiK2Adapter = defineAdapter({
  id: "kimi-k2",
  family: "Kimi K2 (Moonshot)",
  format: "kimi_k2",
  capabilities: { contextLength: 131072, reasoning: false, nativeTools: true, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/kimi-k2/i, /moonshotai\/kimi-k2/i],
  formatMessages,
  renderPrompt,
});
