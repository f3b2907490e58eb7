/**
 * Schema-guided typing of the raw text values that XML-ish formats produce (qwen3_coder,
 * glm4_moe, minimax_m2, seed_oss, step3, DSML, ...): "30" becomes 30 where the schema says
 * integer, JSON text becomes an object where it says object, and so on.
 */
import { isCompleteValue, parseJsonLoose } from "./json-loose.ts";
import type { JsonSchema } from "./types.ts";

export interface CoerceOptions {
  /**
   * With no schema for the value: keep it a string ("string"), or type it from its text
   * ("infer": numbers, true/false/null, JSON objects and lists).
   */
  readonly untyped: "string" | "infer";
}

/** The JSON types a schema allows, in order ("null" last). */
export function schemaTypes(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const types: string[] = [];
  const add = (type: unknown) => {
    if (typeof type === "string" && !types.includes(type)) types.push(type);
  };
  const type = schema.type;
  if (Array.isArray(type)) type.forEach(add);
  else add(type);
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const variants = schema[key];
    if (Array.isArray(variants)) {
      for (const variant of variants) {
        if (variant && typeof variant === "object") schemaTypes(variant as JsonSchema).forEach(add);
      }
    }
  }
  if (types.length === 0) {
    if (schema.properties) add("object");
    else if (schema.items) add("array");
    else if (Array.isArray(schema.enum)) {
      for (const value of schema.enum) add(jsonType(value));
    }
  }
  // "null" last, so the first non-null type wins
  const nonNull = types.filter((t) => t !== "null");
  return types.includes("null") ? [...nonNull, "null"] : nonNull;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

const NULL_WORDS = new Set(["null", "none", "nil"]);

/**
 * A null written as text: `null`, `none`, `nil` in any case; where a string is also allowed only
 * `null` and Python's `None` (`none` / `nil` are ordinary words then: sglang's MiniMax-M3 parser).
 */
function isNullWord(text: string, stringAllowed: boolean): boolean {
  if (stringAllowed) return text === "null" || text === "None";
  return NULL_WORDS.has(text.toLowerCase());
}

/** Types one raw text value by its schema; never throws. */
export function coerceValue(raw: string, schema: JsonSchema | undefined, options: CoerceOptions): unknown {
  const types = schemaTypes(schema);
  if (types.length === 0) return options.untyped === "infer" ? inferValue(raw) : raw;
  const text = raw.trim();
  const nullable = types.includes("null");
  const nonNull = types.filter((type) => type !== "null");
  if (nullable && isNullWord(text, nonNull.includes("string"))) return null;
  // In a union, the other types are tried before "string" (which takes anything), and a
  // boolean must be spelled true/false.
  const union = nonNull.length > 1;
  const ordered = union
    ? [...nonNull.filter((type) => type !== "string"), ...nonNull.filter((type) => type === "string")]
    : nonNull;
  for (const type of ordered) {
    const value = union && type === "boolean" ? strictBoolean(text) : coerceTo(text, raw, type);
    if (value !== NO_MATCH) return value;
  }
  return raw;
}

function strictBoolean(text: string): boolean | typeof NO_MATCH {
  const lower = text.toLowerCase();
  return lower === "true" ? true : lower === "false" ? false : NO_MATCH;
}

const NO_MATCH = Symbol("no match");

function coerceTo(text: string, raw: string, type: string): unknown {
  switch (type) {
    case "string":
      return raw;
    case "integer": {
      if (/^[-+]?\d+$/.test(text)) return Number.parseInt(text, 10);
      if (/^[-+]?\d+\.0*$/.test(text)) return Number.parseInt(text, 10);
      if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(text)) return Number(text);
      return NO_MATCH;
    }
    case "number":
    case "float":
    case "double": {
      if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(text)) return Number(text);
      return NO_MATCH;
    }
    case "boolean": {
      const lower = text.toLowerCase();
      if (lower === "true" || lower === "1" || lower === "yes") return true;
      if (lower === "false" || lower === "0" || lower === "no") return false;
      return NO_MATCH;
    }
    case "null":
      return NULL_WORDS.has(text.toLowerCase()) ? null : NO_MATCH;
    case "object":
    case "array": {
      const value = decodeStructured(text);
      if (type === "object" && value && typeof value === "object" && !Array.isArray(value)) return value;
      if (type === "array" && Array.isArray(value)) return value;
      return NO_MATCH;
    }
    default:
      return NO_MATCH;
  }
}

/** JSON, Python literals, or a JSON string holding either (decoded twice). */
function decodeStructured(text: string): unknown {
  // Repair only closed values: jsonrepair would turn "{oops" into {"oops": null}.
  if (/^[[{]/.test(text) && !isCompleteValue(text)) return undefined;
  const parsed = parseJsonLoose(text);
  if (!parsed.ok) return undefined;
  if (typeof parsed.value === "string" && /^\s*[[{]/.test(parsed.value)) {
    const inner = parseJsonLoose(parsed.value);
    return inner.ok ? inner.value : parsed.value;
  }
  return parsed.value;
}

/** Types a value from its text alone: numbers, booleans, null, JSON objects and lists. */
export function inferValue(raw: string): unknown {
  const text = raw.trim();
  if (text === "true" || text === "True") return true;
  if (text === "false" || text === "False") return false;
  if (text === "null" || text === "None") return null;
  if (/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(text)) return Number(text);
  if (/^"[\s\S]*"$/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return raw;
    }
  }
  if (/^[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return raw;
    }
  }
  return raw;
}
