/**
 * Llama 3.2 (1B/3B) with pythonic tool calls, the zero-shot function-calling prompt Meta
 * documents for Llama 3.2: the function list and the `[func(a=1), other(b='x')]` instructions in
 * the system message, calls as that list in the assistant turn, results in the `ipython` role.
 *
 * renderPrompt is meta-llama-Llama-3.2-3B-Instruct.jinja rendered WITHOUT its `tools` variable
 * (the template's own tool path prints JSON instructions: the llama3.1 adapter's protocol) for the
 * conversation formatMessages produces: the pythonic system prompt and the calls as text.
 */
import type { ChatMessage } from "../src/messages.ts";
import type { ToolSpec } from "../src/parser/types.ts";
import type { ModelAdapter, RenderOptions } from "./model-adapter.ts";
import { templateJson } from "./shared-a-json.ts";
import { renderLlama3 } from "./shared-a-llama.ts";
import { type AssistantMessage, formatWithStyle, splitSystem, type TextStyle } from "./shared-a-messages.ts";
import { parserMethods } from "./shared-a-parse.ts";
import { promptText } from "./shared-a-prompt.ts";
import { pythonicCallList } from "./shared-a-pythonic.ts";
import { functionShape } from "./shared-a-tools.ts";

function systemText(system: string | undefined, tools: readonly ToolSpec[]): string | undefined {
  if (tools.length === 0) return system;
  const functions = templateJson(tools.map(functionShape), 4);
  const instructions = promptText("llama3-pythonic/system.md", { functions });
  return system === undefined ? instructions : `${system}\n\n${instructions}`;
}

function assistantText(message: AssistantMessage): string {
  const calls = message.toolCalls ?? [];
  if (calls.length === 0) return message.content;
  const list = pythonicCallList(calls);
  return message.content.length > 0 ? `${message.content}\n${list}` : list;
}

const style: TextStyle = {
  system: systemText,
  assistant: assistantText,
  results: { role: "tool", render: (message) => message.content },
};

/** The conversation as the model sees it: the pythonic prompt as the system message, calls as text. */
export function pythonicConversation(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
): ChatMessage[] {
  const { system, rest } = splitSystem(messages);
  const text = systemText(system, tools);
  const out: ChatMessage[] = text === undefined ? [] : [{ role: "system", content: text }];
  for (const message of rest) {
    out.push(message.role === "assistant" ? { role: "assistant", content: assistantText(message) } : message);
  }
  return out;
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options?: RenderOptions,
): string {
  return renderLlama3(pythonicConversation(messages, tools), [], options);
}

export const llama3PythonicAdapter: ModelAdapter = {
  id: "llama3.2",
  family: "Llama 3.2 (pythonic [func(a=1)] calls, ipython results)",
  format: "pythonic",
  capabilities: { contextLength: 131_072, reasoning: false, nativeTools: true, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/llama[-_]?3\.2/i],
  formatMessages: (messages, tools) => formatWithStyle(messages, tools, style),
  renderPrompt,
  ...parserMethods("pythonic", false),
};
