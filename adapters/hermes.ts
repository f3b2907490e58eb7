/**
 * Hermes 3 (NousResearch, Llama 3.1 based): ChatML, tools described as Python-style signatures
 * inside <tools></tools>, calls as `<tool_call>{"name", "arguments"}</tool_call>`, results in
 * role `tool` as `<tool_response>` blocks. Template: NousResearch-Hermes-3-Llama-3.1-8B-tool_use.jinja.
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { JsonSchema, ToolCall, ToolSpec } from "../src/parser/types.ts";
import { fillPrompt } from "../src/prompts.ts";
import type { RenderOptions } from "./model-adapter.ts";
import { defineAdapter, promptText, withSystemPreamble } from "./shared-b-define.ts";
import { templateJson } from "./shared-b-json.ts";
import { schemaProperties } from "./shared-b-tools.ts";

const BASIC_TYPES: Readonly<Record<string, string>> = {
  string: "str",
  number: "float",
  integer: "int",
  boolean: "bool",
};

/** The template's json_to_python_type macro. */
function pythonType(schema: JsonSchema | undefined): string {
  const type = schema?.type;
  if (typeof type === "string" && BASIC_TYPES[type] !== undefined) return BASIC_TYPES[type];
  // Jinja's `items` filter yields pairs, whose `.type` is undefined: always list[Any].
  if (type === "array") return "list[Any]";
  if (type === "object") {
    const extra = schema?.additionalProperties;
    return extra !== undefined && extra !== null && typeof extra === "object"
      ? `dict[str, ${pythonType(extra as JsonSchema)}]`
      : "dict";
  }
  // Strings are iterable in Jinja too, so an unknown type name becomes a union of its letters.
  if (Array.isArray(type) || typeof type === "string") {
    return `Union[${[...type].map((item) => pythonType({ type: item })).join(",")}]`;
  }
  return "Any";
}

function describeTool(tool: ToolSpec): string {
  const properties = schemaProperties(tool.parameters);
  const signature = properties.map(([name, schema]) => `${name}: ${pythonType(schema)}`).join(", ");
  const args = properties
    .map(([name, schema], index) => {
      const head = index === 0 ? "    Args:\n" : "";
      return `${head}        ${name}(${pythonType(schema)}): ${String(schema.description ?? "").trim()}`;
    })
    .join("");
  const parameters = properties.length === 0 ? "{}" : templateJson(tool.parameters);
  const description = `${tool.name}(${signature}) - ${tool.description ?? ""}\n\n${args}`;
  return `{"type": "function", "function": {"name": "${tool.name}", "description": "${description}", "parameters": ${parameters}}`;
}

function systemPrompt(tools: readonly ToolSpec[]): string {
  return fillPrompt(promptText("hermes/system.txt"), { tools: tools.map(describeTool).join("\n") });
}

function renderCall(call: ToolCall): string {
  return `<tool_call>\n{"name": "${call.name}", "arguments": ${templateJson(call.arguments)}}\n</tool_call>`;
}

function formatMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): TextMessage[] {
  const text = messages.map((message): TextMessage => {
    if (message.role !== "assistant" || !message.toolCalls?.length) {
      return { role: message.role, content: message.content };
    }
    const calls = message.toolCalls.map(renderCall).join("\n");
    return { role: "assistant", content: message.content ? `${message.content}\n${calls}` : calls };
  });
  return withSystemPreamble(text, tools.length > 0 ? systemPrompt(tools) : "");
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const parts = [options.bosToken ?? "", "<|im_start|>system\n", systemPrompt(tools), "<|im_end|>\n"];
  messages.forEach((message, index) => {
    const previous = messages[index - 1];
    const next = messages[index + 1];
    if (message.role === "tool") {
      if (previous && previous.role !== "tool") parts.push("<|im_start|>tool\n");
      parts.push("<tool_response>\n", message.content, next ? "\n</tool_response>\n" : "\n</tool_response>");
      if (next?.role !== "tool") parts.push("<|im_end|>");
    } else if (message.role === "assistant" && message.toolCalls?.length) {
      // The template shows only the calls of such a turn, not its text.
      parts.push("<|im_start|>assistant");
      for (const call of message.toolCalls) parts.push("\n", renderCall(call));
      parts.push("<|im_end|>\n");
    } else {
      parts.push(`<|im_start|>${message.role}\n${message.content}<|im_end|>\n`);
    }
  });
  if (options.addGenerationPrompt ?? true) parts.push("<|im_start|>assistant\n");
  return parts.join("");
}

export const hermesAdapter = defineAdapter({
  id: "hermes3",
  family: "Hermes 3 (NousResearch)",
  format: "hermes",
  capabilities: { contextLength: 131072, reasoning: false, nativeTools: true, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/hermes-?3/i, /hermes3/i],
  formatMessages,
  renderPrompt,
});
