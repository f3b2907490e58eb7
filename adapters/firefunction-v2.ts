/**
 * Firefunction v2 (Fireworks, Llama 3 based): Llama 3 headers, the function list and today's
 * date appended to the system prompt, calls as ` functools[{"name": …, "arguments": {…}}, …]`
 * after the turn's text. Template: fireworks-ai-llama-3-firefunction-v2.jinja, which needs the
 * variables `functions` (the tools as JSON, indent 2, as llama.cpp passes them) and `datetime`
 * ("%b %d %Y %H:%M:%S GMT").
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { ToolCall, ToolSpec } from "../src/parser/types.ts";
import { fillPrompt } from "../src/prompts.ts";
import type { RenderOptions } from "./model-adapter.ts";
import { strftime } from "./shared-b-date.ts";
import { defineAdapter, promptText } from "./shared-b-define.ts";
import { templateJson } from "./shared-b-json.ts";
import { argumentsJson, openAiTools } from "./shared-b-tools.ts";

/** The `functions` variable: the OpenAI-shaped tool list as JSON with indent 2 ("" without tools). */
export function firefunctionFunctions(tools: readonly ToolSpec[]): string {
  return tools.length > 0 ? templateJson(openAiTools(tools), 2) : "";
}

/** The `datetime` variable. */
export function firefunctionDatetime(date: Date): string {
  return strftime(date, "%b %d %Y %H:%M:%S GMT");
}

function systemPrompt(system: string | undefined, tools: readonly ToolSpec[], date: Date): string {
  const head = system === undefined ? promptText("firefunction-v2/default-system.txt") : system.trim();
  const suffix = fillPrompt(promptText("firefunction-v2/functions.txt"), {
    functions: firefunctionFunctions(tools),
    datetime: firefunctionDatetime(date),
  });
  return `${head}\n${suffix}`;
}

function renderCalls(calls: readonly ToolCall[]): string {
  return `functools[${calls.map((call) => `{"name": "${call.name}", "arguments": ${argumentsJson(call)}}`).join(", ")}]`;
}

/** A turn's text with its calls, as the template writes it (text trimmed, calls after a space). */
function turnText(message: ChatMessage): string {
  const text = message.content.trim();
  return message.role === "assistant" && message.toolCalls?.length
    ? `${text} ${renderCalls(message.toolCalls)}`
    : text;
}

function formatMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): TextMessage[] {
  const first = messages[0];
  const system = first?.role === "system" ? first.content : undefined;
  const rest = first?.role === "system" ? messages.slice(1) : messages;
  return [
    { role: "system", content: systemPrompt(system, tools, new Date()) },
    ...rest.map((message): TextMessage => ({ role: message.role, content: turnText(message) })),
  ];
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const first = messages[0];
  const system = first?.role === "system" ? first.content : undefined;
  const parts = [
    options.bosToken ?? "",
    "<|start_header_id|>system<|end_header_id|>\n\n",
    systemPrompt(system, tools, options.date ?? new Date()),
    "<|eot_id|>",
  ];
  (first?.role === "system" ? messages.slice(1) : messages).forEach((message) => {
    parts.push(`<|start_header_id|>${message.role}<|end_header_id|>\n\n`, turnText(message), "<|eot_id|>");
  });
  // The template always ends with the assistant header.
  parts.push("<|start_header_id|>assistant<|end_header_id|>\n\n");
  return parts.join("");
}

export const firefunctionV2Adapter = defineAdapter({
  id: "firefunction-v2",
  family: "Firefunction v2 (Fireworks)",
  format: "firefunction_v2",
  capabilities: { contextLength: 8192, reasoning: false, nativeTools: false, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/firefunction-?v2/i],
  formatMessages,
  renderPrompt,
});
