/**
 * Typing the raw text values of key/value formats (GLM `<arg_value>`, MiniMax / Step3
 * `<parameter>`) by the declared tool's schema. With no schema for a value the format decides:
 * keep the text ("string") or type it from the text ("infer": numbers, booleans, null, JSON or
 * Python-literal lists and objects).
 */
import { type CoerceOptions, coerceValue, inferValue } from "../../coerce.ts";
import { parseJsonLoose } from "../../json-loose.ts";
import type { ToolIndex } from "../../tool-index.ts";
import type { JsonSchema } from "../../types.ts";

/** One argument as written: its key and its raw text value. */
export interface RawArgument {
  readonly key: string;
  readonly value: string;
  /** The value exactly as written, where that differs in whitespace only (GLM `<arg_value>`). */
  readonly verbatim?: string;
}

export function typeArguments(
  toolName: string,
  pairs: readonly RawArgument[],
  tools: ToolIndex,
  untyped: CoerceOptions["untyped"],
): Record<string, unknown> {
  const declaredName = tools.resolve(toolName) ?? toolName;
  const typed: Record<string, unknown> = {};
  for (const { key, value, verbatim } of pairs) {
    const schema = tools.parameterSchema(declaredName, key);
    if (schema && verbatim !== undefined && schema.type === "string") typed[key] = verbatim;
    else typed[key] = schema ? typeBySchema(value, schema, untyped) : typeUntyped(value, untyped);
  }
  return typed;
}

/**
 * By the schema; a list or object written with every quote backslash-escaped (`[{\"id\": 1}]`,
 * GLM-4.6 copying a JSON-encoded string) is unescaped first when its text alone does not decode.
 */
function typeBySchema(value: string, schema: JsonSchema, untyped: CoerceOptions["untyped"]): unknown {
  const typed = coerceValue(value, schema, { untyped });
  if (typeof typed !== "string" || !ESCAPED_STRUCTURE.test(value)) return typed;
  const unescaped = unescapeJsonText(value);
  if (unescaped === undefined) return typed;
  const retyped = coerceValue(unescaped, schema, { untyped });
  return typeof retyped === "object" && retyped !== null ? retyped : typed;
}

/** A `[` / `{` value whose quotes are all backslash-escaped. */
const ESCAPED_STRUCTURE = /^\s*[[{][\s\S]*\\"/;

function unescapeJsonText(value: string): string | undefined {
  if (/(?:^|[^\\])"/.test(value)) return undefined;
  try {
    const decoded: unknown = JSON.parse(
      `"${value.replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")}"`,
    );
    return typeof decoded === "string" ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/** A value with no schema: the text, or its type read from the text (lenient for lists/objects). */
function typeUntyped(value: string, untyped: CoerceOptions["untyped"]): unknown {
  if (untyped === "string") return value;
  const inferred = inferValue(value);
  if (typeof inferred !== "string" || !/^\s*[[{]/.test(value)) return inferred;
  const parsed = parseJsonLoose(value);
  return parsed.ok && typeof parsed.value === "object" && parsed.value !== null ? parsed.value : value;
}
