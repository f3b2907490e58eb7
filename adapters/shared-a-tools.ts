/**
 * Tools and calls in the OpenAI shape the chat templates read (`tools`, `tool_calls`).
 */
import type { ToolSpec } from "../src/parser/types.ts";

export interface FunctionShape {
  readonly name: string;
  readonly description?: string;
  readonly parameters?: ToolSpec["parameters"];
}

/** `tool.function`: name, then description and parameters when the spec has them. */
export function functionShape(tool: ToolSpec): FunctionShape {
  return {
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    ...(tool.parameters === undefined ? {} : { parameters: tool.parameters }),
  };
}

/** One entry of a template's `tools` list: `{"type": "function", "function": {...}}`. */
export function openAiTool(tool: ToolSpec): { readonly type: "function"; readonly function: FunctionShape } {
  return { type: "function", function: functionShape(tool) };
}
