/**
 * Granite 3.3 (IBM): `<|start_of_role|>ROLE<|end_of_role|>…<|end_of_text|>` turns, tools as JSON
 * in an `available_tools` turn, calls as `<|tool_call|>[{"name": …, "arguments": {…}}]`.
 * Template: ibm-granite-granite-3.3-2B-Instruct.jinja. The template prints only an assistant
 * turn's content, never its `tool_calls`, so calls are written into the content as the model
 * writes them.
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { ToolCall, ToolSpec } from "../src/parser/types.ts";
import { fillPrompt } from "../src/prompts.ts";
import type { RenderOptions } from "./model-adapter.ts";
import { strftime } from "./shared-b-date.ts";
import { defineAdapter, promptText } from "./shared-b-define.ts";
import { templateJson } from "./shared-b-json.ts";
import { openAiTools } from "./shared-b-tools.ts";

/** Calls as Granite writes them. */
export function graniteCalls(calls: readonly ToolCall[]): string {
  return `<|tool_call|>${templateJson(calls.map((call) => ({ name: call.name, arguments: call.arguments })))}`;
}

function contentOf(message: ChatMessage): string {
  return message.role === "assistant" && message.toolCalls?.length
    ? message.content + graniteCalls(message.toolCalls)
    : message.content;
}

function defaultSystem(tools: readonly ToolSpec[], date: Date, thinking: boolean): string {
  const head = fillPrompt(promptText("granite/default-system.txt"), { date: strftime(date, "%B %d, %Y") });
  const tail =
    tools.length > 0 ? "granite/with-tools.txt" : thinking ? "granite/thinking.txt" : "granite/plain.txt";
  return head + promptText(tail);
}

function formatMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): TextMessage[] {
  const text = messages.map((message): TextMessage => ({ role: message.role, content: contentOf(message) }));
  if (tools.length === 0) return text;
  const toolText = fillPrompt(promptText("granite/tools-text.txt"), {
    tools: templateJson(openAiTools(tools), 4),
  });
  const [first, ...rest] = text;
  const instruction = promptText("granite/with-tools.txt").trimStart();
  const system = first?.role === "system" ? `${first.content}\n\n${instruction}` : instruction;
  return [
    { role: "system", content: `${system}\n\n${toolText}` },
    ...(first?.role === "system" ? rest : text),
  ];
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const first = messages[0];
  const system =
    first?.role === "system"
      ? first.content
      : defaultSystem(tools, options.date ?? new Date(), options.thinking ?? false);
  const loop = first?.role === "system" ? messages.slice(1) : messages;
  const parts = [`<|start_of_role|>system<|end_of_role|>${system}<|end_of_text|>\n`];
  if (tools.length > 0) {
    parts.push(
      `<|start_of_role|>available_tools<|end_of_role|>${templateJson(openAiTools(tools), 4)}<|end_of_text|>\n`,
    );
  }
  for (const message of loop) {
    parts.push(`<|start_of_role|>${message.role}<|end_of_role|>${contentOf(message)}<|end_of_text|>\n`);
  }
  // The template adds the generation prompt inside its message loop: not for an empty conversation.
  if ((options.addGenerationPrompt ?? true) && loop.length > 0)
    parts.push("<|start_of_role|>assistant<|end_of_role|>");
  return parts.join("");
}

export const graniteAdapter = defineAdapter({
  id: "granite3.3",
  family: "Granite 3.x (IBM)",
  format: "granite",
  capabilities: { contextLength: 131072, reasoning: true, nativeTools: true, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/granite3\.[23]/i, /granite-3\.[23]/i],
  formatMessages,
  renderPrompt,
});
