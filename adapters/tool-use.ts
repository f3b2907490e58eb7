/**
 * tool_use: tooluse's own text protocol, for any model without a trained tool format (and the
 * registry's fallback). The system prompt (prompts/tool-use/system.md) lists the tools and
 * teaches the block syntax:
 *
 *   <tool_use>
 *   tool_name: get_weather
 *   arguments: {"city": "Paris"}
 *   </tool_use>
 *
 * Results come back in a user message as `<tool_result>` blocks (prompts/tool-use/result.md), one
 * per call, consecutive results in one message.
 *
 * renderPrompt has no official template to follow: it writes formatMessages' output in a plain
 * ChatML layout, `<|im_start|>{role}\n{content}<|im_end|>\n` per message, then
 * `<|im_start|>assistant\n` when a generation prompt is wanted (bosToken first when given).
 */
import type { ChatMessage } from "../src/messages.ts";
import type { ToolCall, ToolSpec } from "../src/parser/types.ts";
import type { ModelAdapter, RenderOptions } from "./model-adapter.ts";
import { chatmlTurn, IM_START } from "./shared-a-chatml.ts";
import { formatWithStyle, type TextStyle, type ToolMessage } from "./shared-a-messages.ts";
import { parserMethods } from "./shared-a-parse.ts";
import { promptText } from "./shared-a-prompt.ts";

const NO_ARGUMENTS = { type: "object", properties: {} } as const;

function describeTool(tool: ToolSpec): string {
  return promptText("tool-use/tool.md", {
    name: tool.name,
    description: tool.description?.trim() || "(no description)",
    parameters: JSON.stringify(tool.parameters ?? NO_ARGUMENTS),
  });
}

/** The protocol instructions with the tool list. */
export function toolUseInstructions(tools: readonly ToolSpec[]): string {
  return promptText("tool-use/system.md", { tools: tools.map(describeTool).join("\n\n") });
}

/** One `<tool_use>` block. */
export function toolUseBlock(call: Pick<ToolCall, "name" | "arguments">): string {
  return promptText("tool-use/call.md", { name: call.name, arguments: JSON.stringify(call.arguments) });
}

/** One `<tool_result>` block. */
export function toolResultBlock(message: ToolMessage): string {
  return promptText("tool-use/result.md", { name: message.name, content: message.content });
}

const style: TextStyle = {
  system: (system, tools) => {
    if (tools.length === 0) return system;
    const instructions = toolUseInstructions(tools);
    return system === undefined ? instructions : `${system}\n\n${instructions}`;
  },
  assistant: (message) =>
    [message.content, ...(message.toolCalls ?? []).map(toolUseBlock)]
      .filter((part) => part.length > 0)
      .join("\n"),
  results: { role: "user", render: (run) => run.map(toolResultBlock).join("\n") },
};

function formatMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]) {
  return formatWithStyle(messages, tools, style);
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const turns = formatMessages(messages, tools).map((message) => chatmlTurn(message.role, message.content));
  const prompt = `${options.bosToken ?? ""}${turns.join("")}`;
  return (options.addGenerationPrompt ?? true) ? `${prompt}${IM_START}assistant\n` : prompt;
}

export const toolUseAdapter: ModelAdapter = {
  id: "tool_use",
  family: "Any model: tooluse's <tool_use> protocol taught in the system prompt",
  format: "tool_use",
  capabilities: { contextLength: 8_192, reasoning: false, nativeTools: false, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [],
  formatMessages,
  renderPrompt,
  ...parserMethods("tool_use", false),
};
