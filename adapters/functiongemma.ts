/**
 * FunctionGemma (Google, Gemma 3 270M tuned for calls). There is no template in ../shared, so
 * this follows the documented format (ai.google.dev "FunctionGemma formatting and best
 * practices", the model card, and Ollama's FunctionGemma renderer for the turn layout):
 * - a `developer` turn with the instruction (prompts/functiongemma/developer.txt) followed by
 *   `<start_function_declaration>declaration:NAME{description:<escape>…<escape>,parameters:{…}}<end_function_declaration>`;
 * - calls `<start_function_call>call:NAME{key:value,…}<end_function_call>`, strings wrapped in `<escape>`;
 * - results in the same model turn: `<start_function_response>response:NAME{…}<end_function_response>`
 *   (a JSON-object result is written as its fields, anything else as `value:<escape>…<escape>`).
 * renderPrompt is therefore not checked against an official template.
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { JsonSchema, ToolCall, ToolSpec } from "../src/parser/types.ts";
import type { RenderOptions } from "./model-adapter.ts";
import { defineAdapter, promptText } from "./shared-b-define.ts";
import { schemaProperties, schemaRequired } from "./shared-b-tools.ts";

const escaped = (text: string): string => `<escape>${text}<escape>`;

/** A value in FunctionGemma's notation: strings escaped, objects as `{key:value}`, arrays as `[…]`. */
export function functionGemmaValue(value: unknown): string {
  if (typeof value === "string") return escaped(value);
  if (Array.isArray(value)) return `[${value.map(functionGemmaValue).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}:${functionGemmaValue(item)}`)
      .join(",")}}`;
  }
  return String(value);
}

function typeName(schema: JsonSchema): string {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  return typeof type === "string" ? type.toUpperCase() : "STRING";
}

function propertyText(name: string, schema: JsonSchema): string {
  const fields = [`description:${escaped(String(schema.description ?? ""))}`];
  if (Array.isArray(schema.enum))
    fields.push(`enum:[${schema.enum.map((item) => escaped(String(item))).join(",")}]`);
  fields.push(`type:${escaped(typeName(schema))}`);
  return `${name}:{${fields.join(",")}}`;
}

/** One tool declaration. */
export function functionGemmaDeclaration(tool: ToolSpec): string {
  const parts = [`description:${escaped(tool.description ?? "")}`];
  const schema = tool.parameters;
  if (schema) {
    const fields: string[] = [];
    const properties = schemaProperties(schema);
    if (properties.length > 0) {
      fields.push(
        `properties:{${properties.map(([name, property]) => propertyText(name, property)).join(",")}}`,
      );
    }
    const required = schemaRequired(schema);
    if (required.length > 0) fields.push(`required:[${required.map(escaped).join(",")}]`);
    if (typeof schema.type === "string") fields.push(`type:${escaped(schema.type.toUpperCase())}`);
    parts.push(`parameters:{${fields.join(",")}}`);
  }
  return `<start_function_declaration>declaration:${tool.name}{${parts.join(",")}}<end_function_declaration>`;
}

function callText(call: ToolCall): string {
  return `<start_function_call>call:${call.name}${functionGemmaValue(call.arguments)}<end_function_call>`;
}

function responseText(name: string, content: string): string {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    value = undefined;
  }
  const body =
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? functionGemmaValue(value)
      : `{value:${escaped(content)}}`;
  return `response:${name}${body}<end_function_response>`;
}

function developerText(system: string | undefined, tools: readonly ToolSpec[]): string | undefined {
  if (system === undefined && tools.length === 0) return undefined;
  const instruction = promptText("functiongemma/developer.txt");
  let text = system?.trim() ?? "";
  if (tools.length > 0) {
    if (text !== instruction) text += (text ? "\n" : "") + instruction;
    text += tools.map(functionGemmaDeclaration).join("");
  }
  return text;
}

function formatMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): TextMessage[] {
  const first = messages[0];
  const developer = developerText(first?.role === "system" ? first.content : undefined, tools);
  const rest = first?.role === "system" ? messages.slice(1) : messages;
  return [
    ...(developer === undefined ? [] : [{ role: "system" as const, content: developer }]),
    ...rest.map((message): TextMessage => {
      if (message.role === "assistant" && message.toolCalls?.length) {
        return {
          role: "assistant",
          content: message.content.trim() + message.toolCalls.map(callText).join(""),
        };
      }
      return { role: message.role, content: message.content };
    }),
  ];
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const first = messages[0];
  const developer = developerText(first?.role === "system" ? first.content : undefined, tools);
  const loop = first?.role === "system" ? messages.slice(1) : messages;
  const parts = [options.bosToken ?? ""];
  if (developer !== undefined) parts.push("<start_of_turn>developer\n", developer, "<end_of_turn>\n");
  let state = "" as "" | "call" | "response";
  loop.forEach((message, index) => {
    if (message.role === "assistant") {
      if (state !== "response") parts.push("<start_of_turn>model\n");
      state = "";
      parts.push(message.content.trim());
      const calls = message.toolCalls ?? [];
      for (const call of calls) parts.push(callText(call));
      if (calls.length > 0 && loop[index + 1]?.role === "tool") {
        parts.push("<start_function_response>");
        state = "call";
      } else {
        parts.push("<end_of_turn>\n");
      }
    } else if (message.role === "tool") {
      if (state !== "call") parts.push("<start_function_response>");
      parts.push(responseText(message.name, message.content));
      state = "response";
    } else {
      if (state === "response") parts.push("<end_of_turn>\n");
      parts.push(
        `<start_of_turn>${message.role === "system" ? "developer" : message.role}\n`,
        message.content.trim(),
        "<end_of_turn>\n",
      );
      state = "";
    }
  });
  if (state !== "response" && (options.addGenerationPrompt ?? true)) parts.push("<start_of_turn>model\n");
  return parts.join("");
}

export const functionGemmaAdapter = defineAdapter({
  id: "functiongemma",
  family: "FunctionGemma (Google)",
  format: "functiongemma",
  capabilities: { contextLength: 32768, reasoning: false, nativeTools: true, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/functiongemma/i, /function-gemma/i],
  formatMessages,
  renderPrompt,
});
