/**
 * Accepts tooluse tools and LangChain tools (anything with name, description, schema and
 * invoke, as `tool()` and StructuredTool make), so existing LangChain tools plug in unchanged.
 */
import { z } from "zod";
import { ToolUseError } from "../errors.ts";
import type { JsonSchema } from "../parser/types.ts";
import { checkName, type Tool } from "./define-tool.ts";

/** The structural shape of a LangChain tool (no LangChain import needed). */
export interface LangChainToolLike {
  readonly name: string;
  readonly description: string;
  readonly schema: unknown;
  invoke(input: unknown, config?: { signal?: AbortSignal }): Promise<unknown>;
}

export type AnyTool = Tool | LangChainToolLike;

export function isLangChainTool(value: unknown): value is LangChainToolLike {
  if (!value || typeof value !== "object") return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.name === "string" &&
    typeof record.invoke === "function" &&
    "schema" in record &&
    !("execute" in record)
  );
}

function isZodSchema(value: unknown): value is z.ZodType {
  return !!value && typeof value === "object" && "_zod" in value;
}

/** Our Tool for either kind; throws ToolUseError("invalid-input") for anything else. */
export function toTool(value: AnyTool): Tool {
  if (isLangChainTool(value)) {
    checkName(value.name);
    const schema = value.schema;
    let input: z.ZodType;
    let parameters: JsonSchema;
    if (isZodSchema(schema)) {
      input = schema;
      const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input" }) as JsonSchema;
      parameters = rest;
    } else if (schema && typeof schema === "object") {
      // A JSON-schema tool: arguments must be an object; the tool validates the rest itself.
      input = z.record(z.string(), z.unknown());
      parameters = schema as JsonSchema;
    } else {
      throw new ToolUseError("invalid-input", `LangChain tool ${value.name} has no usable schema`);
    }
    return {
      name: value.name,
      description: value.description,
      input,
      parameters,
      execute: (args, context) => value.invoke(args, { signal: context.signal }),
    };
  }
  if (value && typeof value === "object" && "execute" in value && "input" in value) return value;
  throw new ToolUseError("invalid-input", "a tool must come from defineTool() or be a LangChain tool");
}

/** Converts a list of tools, refusing duplicate names. */
export function toTools(values: readonly AnyTool[]): Map<string, Tool> {
  const tools = new Map<string, Tool>();
  for (const value of values) {
    const tool = toTool(value);
    if (tools.has(tool.name)) throw new ToolUseError("invalid-input", `two tools are named ${tool.name}`);
    tools.set(tool.name, tool);
  }
  return tools;
}
