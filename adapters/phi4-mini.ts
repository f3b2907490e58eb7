/**
 * Phi-4-mini-instruct.
 *
 * formatMessages uses Microsoft's documented form: the function list as JSON between `<|tool|>` and
 * `<|/tool|>` after the system text, calls as `functools[{"name", "arguments"}, …]` (what the model
 * writes; the phi4_mini format), results in the tool role.
 *
 * renderPrompt is llama.cpp's rewrite of the template (llama-cpp-microsoft-Phi-4-mini-instruct.jinja;
 * the official one has no tool turns): each tool as `<|tool|>{function}<|/tool|>`, an instruction
 * to call as `<|tool_call|>{…}<|/tool_call|>` (left out when the system text already mentions
 * `<|tool_call|>`), calls in that syntax, results as `<|tool_response|>"json string"<|end|>`.
 * Without a generation prompt it ends with eosToken (default "<|endoftext|>"). An empty tool
 * list counts as no tools.
 */
import type { ChatMessage } from "../src/messages.ts";
import type { ToolCall, ToolSpec } from "../src/parser/types.ts";
import type { ModelAdapter, RenderOptions } from "./model-adapter.ts";
import { templateJson } from "./shared-a-json.ts";
import { formatWithStyle, type TextStyle } from "./shared-a-messages.ts";
import { parserMethods } from "./shared-a-parse.ts";
import { promptText } from "./shared-a-prompt.ts";
import { functionShape } from "./shared-a-tools.ts";

const TOOL_CALL = "<|tool_call|>";

const functools = (calls: readonly ToolCall[]): string =>
  `functools${templateJson(calls.map((call) => ({ name: call.name, arguments: call.arguments })))}`;

const style: TextStyle = {
  system: (system, tools) => {
    if (tools.length === 0) return system;
    const list = `<|tool|>${templateJson(tools.map(functionShape))}<|/tool|>`;
    return `${system ?? promptText("phi4-mini/default-system.md")}${list}`;
  },
  assistant: (message) => {
    const calls = message.toolCalls ?? [];
    if (calls.length === 0) return message.content;
    return message.content.length > 0 ? `${message.content}\n${functools(calls)}` : functools(calls);
  },
  results: { role: "tool", render: (message) => message.content },
};

/** `<|tool_call|>{"name": ..., "arguments": ...}<|/tool_call|>`: llama.cpp's template syntax. */
export function phi4TemplateCall(call: Pick<ToolCall, "name" | "arguments">): string {
  return `${TOOL_CALL}${templateJson({ name: call.name, arguments: call.arguments })}<|/tool_call|>`;
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const first = messages[0];
  const withTools = tools.length > 0;
  const system = first?.role === "system" ? first.content : withTools ? "" : undefined;
  let out = "";
  if (system !== undefined) {
    out += `<|system|>${system}`;
    if (withTools) {
      for (const tool of tools) out += `<|tool|>${templateJson(functionShape(tool))}<|/tool|>`;
      if (!system.includes(TOOL_CALL)) out += promptText("phi4-mini/tool-call-instruction.md");
    }
    out += "<|end|>";
  }
  for (const message of messages) {
    if (message.role === "tool") {
      out += `<|tool_response|>${templateJson(message.content)}<|end|>`;
    } else if (message.role !== "system") {
      out += `<|${message.role}|>${message.content}`;
      if (message.role === "assistant")
        for (const call of message.toolCalls ?? []) out += phi4TemplateCall(call);
      out += "<|end|>";
    }
  }
  out += (options.addGenerationPrompt ?? true) ? "<|assistant|>" : (options.eosToken ?? "<|endoftext|>");
  return out;
}

export const phi4MiniAdapter: ModelAdapter = {
  id: "phi4-mini",
  family: "Phi-4-mini (functools[…] calls; llama.cpp template: <|tool_call|>)",
  format: "phi4_mini",
  capabilities: { contextLength: 131_072, reasoning: false, nativeTools: true, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/phi[-_]?4[-_]?mini/i],
  formatMessages: (messages, tools) => formatWithStyle(messages, tools, style),
  renderPrompt,
  ...parserMethods("phi4_mini", false),
};
