/**
 * Tools as `bindTools` receives them (StructuredTool, `tool()`, `{ name, schema }` with a zod or
 * JSON schema, OpenAI `{ type: "function", function }` specs, bare `{ name, parameters }`
 * function specs) turned into the parser's ToolSpec: name, description, JSON schema.
 */
import { convertToOpenAIFunction, isLangChainTool } from "@langchain/core/utils/function_calling";
import { z } from "zod";
import { ToolUseError } from "../../errors.ts";
import type { JsonSchema, ToolSpec } from "../../parser/types.ts";

const functionSpec = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});

const openAiTool = z.object({ type: z.literal("function"), function: functionSpec });

/** One bindable tool as a ToolSpec; throws ToolUseError("invalid-input") for anything else. */
export function toToolSpec(tool: unknown): ToolSpec {
  if (tool === null || typeof tool !== "object") {
    throw new ToolUseError("invalid-input", `bindTools() takes tool objects; got ${describe(tool)}`);
  }
  if (isLangChainTool(tool)) {
    const spec = convertToOpenAIFunction(tool);
    return cleanSpec(spec.name, spec.description, spec.parameters as JsonSchema | undefined);
  }
  const wrapped = openAiTool.safeParse(tool);
  if (wrapped.success) {
    const { name, description, parameters } = wrapped.data.function;
    return cleanSpec(name, description, parameters);
  }
  const bare = functionSpec.safeParse(tool);
  if (bare.success) return cleanSpec(bare.data.name, bare.data.description, bare.data.parameters);
  throw new ToolUseError(
    "invalid-input",
    `bindTools() takes LangChain tools, { name, schema } objects or OpenAI function specs; got ${describe(tool)}`,
  );
}

/** Every tool as a ToolSpec, refusing duplicate names. */
export function toToolSpecs(tools: readonly unknown[]): ToolSpec[] {
  const specs = tools.map(toToolSpec);
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.name)) throw new ToolUseError("invalid-input", `two tools are named ${spec.name}`);
    seen.add(spec.name);
  }
  return specs;
}

function cleanSpec(
  name: string,
  description: string | undefined,
  parameters: JsonSchema | undefined,
): ToolSpec {
  const spec: { name: string; description?: string; parameters?: JsonSchema } = { name };
  if (description) spec.description = description;
  if (parameters) {
    // The `$schema` URI means nothing to a model and costs prompt tokens.
    const { $schema: _, ...rest } = parameters;
    spec.parameters = rest;
  }
  return spec;
}

function describe(value: unknown): string {
  if (value === null || typeof value !== "object") return typeof value;
  const keys = Object.keys(value).slice(0, 5);
  return `an object with keys [${keys.join(", ")}]`;
}
