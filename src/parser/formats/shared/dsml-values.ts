/**
 * Typing of the DSML family's text values. The model marks each value as a raw string or a
 * JSON value (`string="true|false"` in DeepSeek DSML, `type="string|number|..."` in Kimi K3);
 * where the tool declares a schema for the parameter, the schema has the last word (vLLM's
 * DeepSeek-V3.2 parser: `"42"` for an integer is 42, `null` for a string stays `"null"`).
 */
import { coerceValue, inferValue, schemaTypes } from "../../coerce.ts";
import { isCompleteValue, parseJsonLoose } from "../../json-loose.ts";
import type { ToolIndex } from "../../tool-index.ts";
import type { JsonSchema } from "../../types.ts";

/** How the model marked a value. */
export type ValueMark = "string" | "json";

/** Types one raw value from its mark and, when declared, its schema. Never throws. */
export function typeMarkedValue(raw: string, mark: ValueMark, schema: JsonSchema | undefined): unknown {
  if (schemaTypes(schema).length > 0) {
    return coerceValue(mark === "json" ? unquoteJsonString(raw) : raw, schema, { untyped: "string" });
  }
  return mark === "string" ? raw : decodeJsonValue(raw);
}

/** A JSON value written as text; text that is not JSON stays the raw string. */
export function decodeJsonValue(raw: string): unknown {
  const text = raw.trim();
  if (text.length === 0) return raw;
  try {
    return JSON.parse(text);
  } catch {
    // lenient paths below
  }
  // Repairs (single quotes, Python literals, trailing commas) only for a value whose brackets
  // close: jsonrepair would complete `{oops` into an object.
  if (/^[[{]/.test(text) && isCompleteValue(text)) {
    const parsed = parseJsonLoose(text);
    if (parsed.ok) return parsed.value;
  }
  return inferValue(raw);
}

/** A JSON string literal (`"abc"`) marked as JSON is the string it encodes. */
function unquoteJsonString(raw: string): string {
  const text = raw.trim();
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return raw;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "string" ? value : raw;
  } catch {
    return raw;
  }
}

const WRAPPERS = ["arguments", "input"] as const;

/**
 * A lone `arguments` / `input` parameter that the tool does not declare, holding an object
 * whose keys all are declared parameters, is the arguments object itself (vLLM's repair).
 */
export function unwrapArguments(
  args: Record<string, unknown>,
  toolName: string,
  tools: ToolIndex,
): Record<string, unknown> {
  const keys = Object.keys(args);
  if (keys.length !== 1) return args;
  const wrapper = keys[0]!;
  if (!(WRAPPERS as readonly string[]).includes(wrapper)) return args;
  const declared = declaredParameters(toolName, tools);
  if (declared.size === 0 || declared.has(wrapper)) return args;
  const inner = asObject(args[wrapper]);
  if (!inner) return args;
  return Object.keys(inner).every((key) => declared.has(key)) ? inner : args;
}

function declaredParameters(toolName: string, tools: ToolIndex): Set<string> {
  const resolved = tools.resolve(toolName);
  const properties = resolved === undefined ? undefined : tools.get(resolved)?.parameters?.properties;
  return new Set(properties && typeof properties === "object" ? Object.keys(properties) : []);
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  let decoded = value;
  if (typeof decoded === "string") {
    const parsed = parseJsonLoose(decoded);
    if (!parsed.ok) return undefined;
    decoded = parsed.value;
  }
  return decoded && typeof decoded === "object" && !Array.isArray(decoded)
    ? (decoded as Record<string, unknown>)
    : undefined;
}

/** The schema of one parameter of a tool, looking the tool up as the model named it. */
export function parameterSchemaOf(
  tools: ToolIndex,
  toolName: string,
  parameter: string,
): JsonSchema | undefined {
  const resolved = tools.resolve(toolName);
  return resolved === undefined ? undefined : tools.parameterSchema(resolved, parameter);
}
