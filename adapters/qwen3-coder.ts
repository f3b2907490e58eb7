/**
 * Qwen3-Coder: tools as XML `<function><name>…<parameters>` descriptions, calls as
 * `<tool_call><function=NAME><parameter=KEY>value</parameter></function></tool_call>`, results as
 * `<tool_response>` blocks in a user turn. Template: Qwen3-Coder.jinja.
 *
 * Scalar values print as the template's `| string` does under @huggingface/jinja (`true`, `3`);
 * objects and arrays as `tojson`. `null` prints as `null` (the JS renderer cannot print it; Python
 * would print `None`).
 */
import type { ChatMessage } from "../src/messages.ts";
import type { ToolCall, ToolSpec } from "../src/parser/types.ts";
import type { ModelAdapter, RenderOptions } from "./model-adapter.ts";
import { chatmlTurn, IM_END, IM_START } from "./shared-a-chatml.ts";
import { templateJson } from "./shared-a-json.ts";
import {
  type AssistantMessage,
  formatWithStyle,
  hasCalls,
  splitSystem,
  type TextStyle,
  type ToolMessage,
} from "./shared-a-messages.ts";
import { parserMethods } from "./shared-a-parse.ts";
import { promptText } from "./shared-a-prompt.ts";

type Dict = Readonly<Record<string, unknown>>;

const isDict = (value: unknown): value is Dict =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `value | string` for scalars, `tojson` for mappings and lists (the template's rule). */
function xmlValue(value: unknown): string {
  if (typeof value === "object" && value !== null) return templateJson(value);
  return String(value);
}

/** The template's render_extra_keys macro: every key not handled, as `<key>value</key>`. */
function extraKeys(dict: unknown, handled: readonly string[]): string {
  if (!isDict(dict)) return "";
  return Object.entries(dict)
    .filter(([key]) => !handled.includes(key))
    .map(([key, value]) => `\n<${key}>${xmlValue(value)}</${key}>`)
    .join("");
}

function describeTool(tool: ToolSpec): string {
  let out = `\n<function>\n<name>${tool.name}</name>`;
  if (tool.description !== undefined) out += `\n<description>${tool.description.trim()}</description>`;
  out += "\n<parameters>";
  const properties = tool.parameters?.properties;
  if (isDict(properties)) {
    for (const [name, fields] of Object.entries(properties)) {
      const field: Dict = isDict(fields) ? fields : {};
      out += `\n<parameter>\n<name>${name}</name>`;
      if (field.type !== undefined) out += `\n<type>${xmlValue(field.type)}</type>`;
      if (field.description !== undefined)
        out += `\n<description>${String(field.description).trim()}</description>`;
      out += `${extraKeys(field, ["name", "type", "description"])}\n</parameter>`;
    }
  }
  out += `${extraKeys(tool.parameters, ["type", "properties"])}\n</parameters>`;
  // ToolSpec has no keys beyond name/description/parameters, so the tool-level extras are empty.
  return `${out}\n</function>`;
}

function toolsSection(tools: readonly ToolSpec[]): string {
  return promptText("qwen3-coder/tools.md", { tools: tools.map(describeTool).join("") });
}

/** The system text: the caller's (or the default when there are tools), then the tools section. */
function systemText(system: string | undefined, tools: readonly ToolSpec[]): string | undefined {
  if (tools.length === 0) return system;
  return `${system ?? promptText("qwen3-coder/default-system.md")}\n\n${toolsSection(tools)}`;
}

function xmlCall(call: Pick<ToolCall, "name" | "arguments">): string {
  const parameters = Object.entries(call.arguments)
    .map(([key, value]) => `<parameter=${key}>\n${xmlValue(value)}\n</parameter>\n`)
    .join("");
  return `<tool_call>\n<function=${call.name}>\n${parameters}</function>\n</tool_call>`;
}

const responseBlock = (message: ToolMessage): string =>
  `<tool_response>\n${message.content}\n</tool_response>\n`;

const style: TextStyle = {
  system: systemText,
  assistant: (message) => {
    const calls = (message.toolCalls ?? []).map(xmlCall).join("\n");
    const content = message.content.trim();
    if (calls.length === 0) return message.content;
    return content.length > 0 ? `${content}\n\n${calls}` : calls;
  },
  results: { role: "user", render: (run) => run.map(responseBlock).join("") },
};

function renderAssistantCalls(message: AssistantMessage): string {
  let out = `${IM_START}assistant`;
  const content = message.content.trim();
  if (content.length > 0) out += `\n${content}\n`;
  for (const call of message.toolCalls ?? []) out += `\n${xmlCall(call)}`;
  return `${out}${IM_END}\n`;
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const { system, rest } = splitSystem(messages);
  const header = systemText(system, tools);
  let out = header === undefined ? "" : `${IM_START}system\n${header}${IM_END}\n`;
  rest.forEach((message, index) => {
    if (message.role === "assistant" && hasCalls(message)) {
      out += renderAssistantCalls(message);
    } else if (message.role === "tool") {
      const previous = rest[index - 1];
      if (previous && previous.role !== "tool") out += `${IM_START}user\n`;
      out += responseBlock(message);
      if (rest[index + 1]?.role !== "tool") out += `${IM_END}\n`;
    } else {
      out += chatmlTurn(message.role, message.content);
    }
  });
  if (options.addGenerationPrompt ?? true) out += `${IM_START}assistant\n`;
  return out;
}

export const qwen3CoderAdapter: ModelAdapter = {
  id: "qwen3-coder",
  family: "Qwen3-Coder (XML <function=…><parameter=…> calls, ChatML)",
  format: "qwen3_coder",
  capabilities: { contextLength: 262_144, reasoning: false, nativeTools: true, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/qwen3[-_.]?coder/i],
  formatMessages: (messages, tools) => formatWithStyle(messages, tools, style),
  renderPrompt,
  ...parserMethods("qwen3_coder", false),
};
