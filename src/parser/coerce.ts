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
    if (typeof type !== "string") return;
    const canonical = canonicalType(type);
    if (!types.includes(canonical)) types.push(canonical);
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

/**
 * The JSON Schema type a tool's (often hand-written) type name means, as vLLM's Qwen3-Coder parser
 * reads them: `int` / `uint` / `long` / `short` / `unsigned...` are integers, `num...` / `float`
 * / `double` numbers, `bool` / `binary` booleans, `str` / `text` / `varchar` / `char` / `enum`
 * strings, `dict` objects and `list` / `arr` arrays. Anything else is kept as written.
 */
function canonicalType(type: string): string {
  const name = type.trim().toLowerCase();
  if (/^(?:int|uint|long|short|unsigned)/.test(name)) return "integer";
  if (/^(?:num|float|double)/.test(name)) return "number";
  if (name === "bool" || name === "binary") return "boolean";
  if (["str", "text", "varchar", "char", "enum"].includes(name)) return "string";
  if (name === "dict") return "object";
  if (name === "list" || name === "arr") return "array";
  return name;
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
  // An object where the schema says array, or the reverse: what the model wrote beats its text
  // (vLLM's and sglang's XML parsers json.loads such a value whatever it holds).
  if (!nonNull.includes("string") && nonNull.some((type) => type === "object" || type === "array")) {
    const value = decodeStructured(text);
    if (value !== null && typeof value === "object") return value;
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
    case "integer":
    case "number": {
      const value = coerceNumber(text, type);
      if (value !== NO_MATCH) return value;
      // Digits written as a JSON string (`"42"` for a number parameter, GLM-4.5 via sglang).
      const quoted = /^"\s*([-+]?[\d.][\d.eE+-]*)\s*"$/.exec(text);
      return quoted ? coerceNumber(quoted[1]!, type) : NO_MATCH;
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
    default: {
      // A type JSON Schema does not define ("other_type", "dict"): an object or list written as
      // JSON or as a Python literal is decoded (vLLM's and TRT-LLM's Qwen3-Coder parsers fall back
      // to ast.literal_eval); other text stays as written.
      if (!/^[[{]/.test(text)) return NO_MATCH;
      const value = decodeStructured(text);
      return value !== null && typeof value === "object" ? value : NO_MATCH;
    }
  }
}

/** An integer or number written as digits; NO_MATCH otherwise. */
function coerceNumber(text: string, type: string): number | typeof NO_MATCH {
  if (type === "integer") {
    if (/^[-+]?\d+$/.test(text)) return finite(Number.parseInt(text, 10));
    if (/^[-+]?\d+\.0*$/.test(text)) return finite(Number.parseInt(text, 10));
  }
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(text)) return finite(Number(text));
  return NO_MATCH;
}

/**
 * A number JSON can carry: `1e309` overflows to Infinity, which JSON has no token for (it would
 * be written as null), so the text stays as the model wrote it.
 */
function finite(value: number): number | typeof NO_MATCH {
  return Number.isFinite(value) ? value : NO_MATCH;
}

/** True when a decoded value holds a number JSON cannot write (Infinity, NaN) anywhere. */
function hasNonFinite(value: unknown): boolean {
  if (typeof value === "number") return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(hasNonFinite);
  if (value && typeof value === "object") return Object.values(value).some(hasNonFinite);
  return false;
}

/** JSON, Python literals, or a JSON string holding either (decoded twice). */
function decodeStructured(text: string): unknown {
  // Repair only closed values: jsonrepair would turn "{oops" into {"oops": null}.
  if (/^[[{]/.test(text) && !isCompleteValue(text)) return undefined;
  const parsed = parseJsonLoose(text);
  if (!parsed.ok) return undefined;
  let value = parsed.value;
  if (typeof value === "string" && /^\s*[[{]/.test(value)) {
    const inner = parseJsonLoose(value);
    if (inner.ok) value = inner.value;
  }
  return hasNonFinite(value) ? undefined : value;
}

/** Types a value from its text alone: numbers, booleans, null, JSON objects and lists. */
export function inferValue(raw: string): unknown {
  const text = raw.trim();
  if (text === "true" || text === "True") return true;
  if (text === "false" || text === "False") return false;
  if (text === "null" || text === "None") return null;
  if (/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(text)) {
    const number = Number(text);
    return Number.isFinite(number) ? number : raw;
  }
  if (/^"[\s\S]*"$/.test(text) || /^[[{]/.test(text)) {
    try {
      const value: unknown = JSON.parse(text);
      return hasNonFinite(value) ? raw : value;
    } catch {
      return raw;
    }
  }
  return raw;
}
