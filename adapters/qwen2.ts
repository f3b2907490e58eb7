/**
 * Qwen2.5 and Qwen2.5-Coder (and other hermes-style ChatML models): tools as JSON signatures in
 * `<tools>`, calls as `<tool_call>{"name", "arguments"}</tool_call>`, results as
 * `<tool_response>` blocks in a user turn. Template: Qwen-Qwen2.5-7B-Instruct.jinja.
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
import { formatWithStyle, hasCalls, type TextStyle } from "./shared-a-messages.ts";
import { parserMethods } from "./shared-a-parse.ts";
import { promptText } from "./shared-a-prompt.ts";

function defaultSystem(): string {
  return promptText("qwen/default-system.md");
}

const style: TextStyle = {
  system: (system, tools) =>
    tools.length > 0 ? `${system ?? defaultSystem()}\n\n${qwenToolsText(tools)}` : system,
  assistant: hermesAssistantText,
  results: { role: "user", render: toolResponsesText },
};

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const first = messages[0];
  const system = first?.role === "system" ? first.content : defaultSystem();
  let out =
    tools.length > 0
      ? `${IM_START}system\n${system}\n\n${qwenToolsText(tools)}${IM_END}\n`
      : chatmlTurn("system", system);
  messages.forEach((message, index) => {
    if (message.role === "system") {
      if (index > 0) out += chatmlTurn("system", message.content);
    } else if (message.role === "user") {
      out += chatmlTurn("user", message.content);
    } else if (message.role === "assistant") {
      if (!hasCalls(message)) {
        out += chatmlTurn("assistant", message.content);
        return;
      }
      out += `${IM_START}assistant`;
      if (message.content) out += `\n${message.content}`;
      for (const call of message.toolCalls ?? []) out += `\n${hermesCall(call)}`;
      out += `${IM_END}\n`;
    } else {
      if (messages[index - 1]?.role !== "tool") out += `${IM_START}user`;
      out += `\n${toolResponse(message)}`;
      if (messages[index + 1]?.role !== "tool") out += `${IM_END}\n`;
    }
  });
  if (options.addGenerationPrompt ?? true) out += `${IM_START}assistant\n`;
  return out;
}

export const qwen2Adapter: ModelAdapter = {
  id: "qwen2.5",
  family: "Qwen2.5 / Qwen2.5-Coder (hermes <tool_call> JSON, ChatML)",
  format: "hermes",
  capabilities: { contextLength: 32_768, reasoning: false, nativeTools: true, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/qwen2\.5-coder/i, /qwen2(\.5)?/i],
  formatMessages: (messages, tools) => formatWithStyle(messages, tools, style),
  renderPrompt,
  ...parserMethods("hermes", false),
};
