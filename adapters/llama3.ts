/**
 * Llama 3.1 and 3.3 (JSON tool calls): the tool list and instructions in the first user message,
 * calls as `{"name": ..., "parameters": {...}}`, results in the `ipython` role.
 * Template: meta-llama-Llama-3.1-8B-Instruct.jinja (the same bytes as Llama 3.3's).
 *
 * The template allows one call per turn and raises otherwise; renderPrompt writes one assistant
 * turn per call instead, and formatMessages joins several calls with "; " (what llama3_json reads).
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { ToolSpec } from "../src/parser/types.ts";
import type { ModelAdapter } from "./model-adapter.ts";
import { llamaJsonCall, renderLlama3, toolsInUserMessage } from "./shared-a-llama.ts";
import { formatWithStyle, type TextStyle } from "./shared-a-messages.ts";
import { parserMethods } from "./shared-a-parse.ts";

const style: TextStyle = {
  system: (system, tools) =>
    tools.length > 0 ? `Environment: ipython${system === undefined ? "" : `\n\n${system}`}` : system,
  assistant: (message) => {
    const calls = (message.toolCalls ?? []).map(llamaJsonCall).join("; ");
    return [message.content, calls].filter((part) => part.length > 0).join("\n");
  },
  results: { role: "tool", render: (message) => message.content },
};

/** Chat messages: "Environment: ipython" in the system message, the tool list in the first user turn. */
function formatMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): TextMessage[] {
  const out = formatWithStyle(messages, tools, style);
  if (tools.length === 0) return out;
  const index = out.findIndex((message) => message.role !== "system");
  const first = out[index];
  if (first) out[index] = { role: first.role, content: toolsInUserMessage(tools, first.content.trim()) };
  return out;
}

export const llama3Adapter: ModelAdapter = {
  id: "llama3.1",
  family: "Llama 3.1 / 3.3 (JSON {name, parameters} calls, ipython results)",
  format: "llama3_json",
  capabilities: { contextLength: 131_072, reasoning: false, nativeTools: true, parallelCalls: false },
  startsInReasoning: false,
  modelPatterns: [/llama[-_]?3\.[13]/i],
  formatMessages,
  renderPrompt: renderLlama3,
  ...parserMethods("llama3_json", false),
};
