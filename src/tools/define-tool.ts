/**
 * Tools the model can call: a name, a description, a zod schema for the input (the JSON schema
 * the model sees is derived from it) and an `execute` function.
 */
import { z } from "zod";
import { ToolUseError } from "../errors.ts";
import type { JsonSchema, ToolSpec } from "../parser/types.ts";

export interface ToolContext {
  /** Aborted when the run is aborted or the tool's timeout passes. */
  readonly signal: AbortSignal;
  /** The id of the call being executed. */
  readonly callId: string;
}

export interface Tool<Input = unknown, Output = unknown> {
  readonly name: string;
  readonly description: string;
  /** Validates (and may transform) the model's arguments. */
  readonly input: z.ZodType<Input>;
  /** The JSON schema of the arguments, as the model sees it. */
  readonly parameters: JsonSchema;
  /** Per-call timeout in milliseconds (the executor's default applies when absent). */
  readonly timeoutMs?: number;
  execute(args: Input, context: ToolContext): Promise<Output> | Output;
}

export interface ToolDefinition<Schema extends z.ZodType, Output> {
  readonly name: string;
  readonly description: string;
  readonly input: Schema;
  readonly timeoutMs?: number;
  execute(args: z.output<Schema>, context: ToolContext): Promise<Output> | Output;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

/** Defines a tool; throws ToolUseError("invalid-input") for a bad name or a schema that is not an object. */
export function defineTool<Schema extends z.ZodType, Output>(
  definition: ToolDefinition<Schema, Output>,
): Tool<z.output<Schema>, Output> {
  checkName(definition.name);
  if (typeof definition.description !== "string" || definition.description.trim().length === 0) {
    throw new ToolUseError(
      "invalid-input",
      `tool ${definition.name} needs a description (the model reads it)`,
    );
  }
  let parameters: JsonSchema;
  try {
    parameters = z.toJSONSchema(definition.input, { io: "input" }) as JsonSchema;
  } catch (error) {
    throw new ToolUseError(
      "invalid-input",
      `the input schema of tool ${definition.name} cannot be shown to a model as JSON schema`,
      {
        cause: error,
      },
    );
  }
  if (parameters.type !== "object") {
    throw new ToolUseError(
      "invalid-input",
      `the input schema of tool ${definition.name} must be a z.object(...), got type ${String(parameters.type)}`,
    );
  }
  const { $schema: _, ...withoutMeta } = parameters;
  return {
    name: definition.name,
    description: definition.description,
    input: definition.input as z.ZodType<z.output<Schema>>,
    parameters: withoutMeta,
    ...(definition.timeoutMs === undefined ? {} : { timeoutMs: definition.timeoutMs }),
    execute: definition.execute,
  };
}

export function checkName(name: unknown): asserts name is string {
  if (typeof name !== "string" || !NAME.test(name)) {
    throw new ToolUseError(
      "invalid-input",
      `tool name ${JSON.stringify(name)} must start with a letter or _ and use only letters, digits, _ . - (at most 64)`,
    );
  }
}

/** The parser's view of a tool: name, description and JSON schema. */
export function toToolSpec(tool: Tool): ToolSpec {
  return { name: tool.name, description: tool.description, parameters: tool.parameters };
}
