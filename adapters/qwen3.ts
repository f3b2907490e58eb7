/**
 * Qwen3 (hybrid thinking): the Qwen2.5 tool preamble and `<tool_call>` JSON, plus `<think>`
 * reasoning. The template keeps the reasoning of assistant turns after the last real user query
 * and drops it before; `thinking: false` closes an empty think block after the generation prompt
 * (enable_thinking=false). Template: Qwen-Qwen3-0.6B.jinja.
 */
import type { ChatMessage } from "../src/messages.ts";
import type { ToolSpec } from "../src/parser/types.ts";
import type { ModelAdapter, RenderOptions } from "./model-adapter.ts";
import {
  chatmlTurn,
  hermesAssistantText,
  hermesCall,
  IM_END,
  IM_START,
  qwenToolsText,
  toolResponse,
  toolResponsesText,
} from "./shared-a-chatml.ts";
import { type AssistantMessage, formatWithStyle, type TextStyle } from "./shared-a-messages.ts";
import { parserMethods } from "./shared-a-parse.ts";

const style: TextStyle = {
  system: (system, tools) =>
    tools.length > 0 ? `${system === undefined ? "" : `${system}\n\n`}${qwenToolsText(tools)}` : system,
  assistant: hermesAssistantText,
  results: { role: "user", render: toolResponsesText },
};

/** Index of the last user message that is a real query (not a `<tool_response>` wrapper). */
function lastQueryIndex(messages: readonly ChatMessage[]): number {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    const content = message.content;
    if (
      message.role === "user" &&
      !(content.startsWith("<tool_response>") && content.endsWith("</tool_response>"))
    ) {
      return index;
    }
  }
  return messages.length - 1;
}

const trimNewlines = (text: string): string => text.replace(/^\n+|\n+$/g, "");
const trimStartNewlines = (text: string): string => text.replace(/^\n+/, "");
const trimEndNewlines = (text: string): string => text.replace(/\n+$/, "");

/** Content and reasoning as the template splits them (`reasoning_content`, else `<think>` in content). */
function splitReasoning(message: AssistantMessage): { content: string; reasoning: string } {
  if (message.reasoning !== undefined) return { content: message.content, reasoning: message.reasoning };
  if (!message.content.includes("</think>")) return { content: message.content, reasoning: "" };
  const parts = message.content.split("</think>");
  const before = trimEndNewlines(parts[0]!).split("<think>");
  return {
    content: trimStartNewlines(parts[parts.length - 1]!),
    reasoning: trimStartNewlines(before[before.length - 1]!),
  };
}

function renderAssistant(message: AssistantMessage, showThink: boolean, isLast: boolean): string {
  const { content, reasoning } = splitReasoning(message);
  let out =
    showThink && (isLast || reasoning)
      ? `${IM_START}assistant\n<think>\n${trimNewlines(reasoning)}\n</think>\n\n${trimStartNewlines(content)}`
      : `${IM_START}assistant\n${content}`;
  (message.toolCalls ?? []).forEach((call, index) => {
    if (index > 0 || content) out += "\n";
    out += hermesCall(call);
  });
  return `${out}${IM_END}\n`;
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const first = messages[0];
  let out = "";
  if (tools.length > 0) {
    const system = first?.role === "system" ? `${first.content}\n\n` : "";
    out += `${IM_START}system\n${system}${qwenToolsText(tools)}${IM_END}\n`;
  } else if (first?.role === "system") {
    out += chatmlTurn("system", first.content);
  }
  const lastQuery = lastQueryIndex(messages);
  messages.forEach((message, index) => {
    if (message.role === "system") {
      if (index > 0) out += chatmlTurn("system", message.content);
    } else if (message.role === "user") {
      out += chatmlTurn("user", message.content);
    } else if (message.role === "assistant") {
      out += renderAssistant(message, index > lastQuery, index === messages.length - 1);
    } else {
      if (index === 0 || messages[index - 1]!.role !== "tool") out += `${IM_START}user`;
      out += `\n${toolResponse(message)}`;
      if (messages[index + 1]?.role !== "tool") out += `${IM_END}\n`;
    }
  });
  if (options.addGenerationPrompt ?? true) {
    out += `${IM_START}assistant\n`;
    if (options.thinking === false) out += "<think>\n\n</think>\n\n";
  }
  return out;
}

export const qwen3Adapter: ModelAdapter = {
  id: "qwen3",
  family: "Qwen3 (hybrid thinking, hermes <tool_call> JSON, ChatML)",
  format: "hermes",
  capabilities: { contextLength: 40_960, reasoning: true, nativeTools: true, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/qwen3/i],
  formatMessages: (messages, tools) => formatWithStyle(messages, tools, style),
  renderPrompt,
  ...parserMethods("hermes", false),
};
