/**
 * Tool and call shapes the chat templates receive: OpenAI-style `{type, function}` tool specs
 * and call arguments as the JSON text a server passes on.
 */
import type { ChatMessage } from "../src/messages.ts";
import type { JsonSchema, ToolCall, ToolSpec } from "../src/parser/types.ts";
import { templateJson } from "./shared-b-json.ts";

export interface FunctionSpec {
  readonly name: string;
  readonly description?: string;
  readonly parameters?: JsonSchema;
}

export interface OpenAiTool {
  readonly type: "function";
  readonly function: FunctionSpec;
}

/** A tool's function object with only the fields it has, in OpenAI's key order. */
export function functionSpec(tool: ToolSpec): FunctionSpec {
  return {
    name: tool.name,
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    ...(tool.parameters !== undefined ? { parameters: tool.parameters } : {}),
  };
}

/** Tools as templates receive them: `{"type": "function", "function": {...}}`. */
export function openAiTools(tools: readonly ToolSpec[]): OpenAiTool[] {
  return tools.map((tool) => ({ type: "function", function: functionSpec(tool) }));
}

/** A call's arguments as JSON text (Python `json.dumps` spacing). */
export function argumentsJson(call: ToolCall): string {
  return templateJson(call.arguments);
}

/** The assistant's tool calls, or none. */
export function callsOf(message: ChatMessage): readonly ToolCall[] {
  return message.role === "assistant" ? (message.toolCalls ?? []) : [];
}

/** The properties of a tool's parameter schema (empty when it has none). */
export function schemaProperties(schema: JsonSchema | undefined): [string, JsonSchema][] {
  const properties = schema?.properties;
  if (!properties || typeof properties !== "object") return [];
  return Object.entries(properties as Record<string, JsonSchema>);
}

/** The `required` list of a schema. */
export function schemaRequired(schema: JsonSchema | undefined): string[] {
  const required = schema?.required;
  return Array.isArray(required) ? required.filter((item): item is string => typeof item === "string") : [];
}
