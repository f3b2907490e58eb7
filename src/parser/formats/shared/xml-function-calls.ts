/**
 * Calls in the `<function=NAME><parameter=KEY>VALUE</parameter>...</function>` shape (Qwen3-Coder,
 * Seed-OSS): names checked, values typed by the tool's schema, repeated keys gathered into lists,
 * and the test that tells a quoted closer inside a value from the block's real end.
 */
import { coerceValue, inferValue, schemaTypes } from "../../coerce.ts";
import type { BlockContext, BlockOutcome, ProblemDraft, RawCall } from "../../format-spec.ts";
import type { ToolIndex } from "../../tool-index.ts";
import type { JsonSchema } from "../../types.ts";
import { leadingJsonValues } from "./json-prefix.ts";
import {
  countOf,
  FUNCTION_CLOSE,
  FUNCTION_OPEN,
  headerNameEnd,
  PARAMETER_CLOSE,
  PARAMETER_OPEN,
  type ParameterWalk,
  type RawParameter,
  skipSpaces,
  walkParameters,
  withKeyHeaders,
} from "./xml-parameters.ts";

/**
 * Characters that never occur in a real function name (template syntax, markup, line breaks).
 * Inner spaces are allowed: ollama keeps `<function=get current temperature>` as that name.
 */
const INVALID_NAME = /[{}<>"'\n\r\t]/;

/**
 * Reads the calls of one block body that starts (after spaces) with `<function=`. Returns
 * `reject` when the body is not such a call (an unrendered template, plain text).
 */
export function readFunctionCalls(
  body: string,
  ctx: BlockContext,
  layout: ValueLayout = "wrapped",
): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  return readCalls(withKeyHeaders(body), ctx, layout, raw);
}

function readCalls(body: string, ctx: BlockContext, layout: ValueLayout, raw: string): BlockOutcome {
  const calls: RawCall[] = [];
  const problems: ProblemDraft[] = [];
  let pos = skipSpaces(body, 0);
  let prose = "";
  if (!body.startsWith(FUNCTION_OPEN, pos)) return { reject: true };
  while (body.startsWith(FUNCTION_OPEN, pos)) {
    const nameStart = pos + FUNCTION_OPEN.length;
    // A `<function=NAME` that lost its `>` counts only when a parameter follows on the next line
    // (mlx-lm); vLLM drops a header without `>` and without parameters.
    const lineEnd = headerNameEnd(body, nameStart);
    const nameEnd =
      lineEnd >= 0 &&
      body[lineEnd] === "\n" &&
      !body.startsWith(PARAMETER_OPEN, skipSpaces(body, lineEnd + 1))
        ? body.indexOf(">", nameStart)
        : lineEnd;
    const name = nameEnd < 0 ? "" : body.slice(nameStart, nameEnd).trim();
    if (nameEnd < 0 || name.length === 0 || INVALID_NAME.test(name)) {
      if (/\{\{|\{%/.test(body.slice(nameStart, nameStart + 64)) && calls.length === 0)
        return { reject: true };
      const truncated = ctx.truncated && nameEnd < 0;
      problems.push({
        code: truncated ? "truncated-call" : "malformed-call",
        message: truncated
          ? "the output ended inside a <function=NAME> header"
          : `expected <function=NAME> with a plain name, got ${JSON.stringify(body.slice(pos, pos + 80))}`,
        raw,
      });
      break;
    }
    const rest = body.slice(nameEnd + 1);
    // Leniency: a JSON object for the arguments (`<function=NAME>{"k": "v"}</function>`, the
    // functionary/Llama 3.1 body Qwen3-Coder and Nemotron also write).
    const json = jsonObjectBody(rest);
    if (json) {
      calls.push({ name, arguments: json.value });
      if (!json.closed) break;
      pos = skipSpaces(body, nameEnd + 1 + json.end);
      continue;
    }
    let walk = walkParameters(rest, { validNames: declaredKeys(ctx.tools, name) });
    // Cut off at the end: a call is kept only when its last parameter was closed (prose after it
    // is content: `<function=f><parameter=k>v</parameter> and then the answer`).
    const after =
      walk.functionEnd < 0 && ctx.truncated
        ? proseAfterParameters(rest, declaredKeys(ctx.tools, name))
        : undefined;
    if (after) walk = after.walk;
    if (walk.functionEnd < 0 && ctx.truncated && !endsAfterParameter(rest, walk.parameters) && !after) {
      problems.push({
        code: "truncated-call",
        message: `the output ended inside the call to ${name} (no </function>)`,
        raw,
        toolName: name,
      });
      break;
    }
    calls.push({ name, arguments: typeArguments(name, walk.parameters, ctx.tools, layout) });
    if (after) {
      prose = after.text;
      break;
    }
    if (walk.functionEnd < 0) break;
    pos = skipSpaces(body, nameEnd + 1 + walk.functionEnd + (walk.nextFunction ? 0 : FUNCTION_CLOSE.length));
  }
  const trailing = prose || (calls.length > 0 && pos < body.length ? trailingText(body, pos) : "");
  return {
    ...(calls.length > 0 ? { calls } : {}),
    ...(problems.length > 0 ? { problems } : {}),
    ...(trailing ? { content: trailing } : {}),
  };
}

/**
 * A call body that is one JSON object, then `</function>` (`closed`, `end` just past it) or the
 * end of the block. Undefined for anything else (parameters, text, several values).
 */
function jsonObjectBody(
  rest: string,
): { value: Record<string, unknown>; end: number; closed: boolean } | undefined {
  if (!/^\s*\{/.test(rest)) return undefined;
  const { values, rest: after } = leadingJsonValues(rest);
  const value = values[0];
  if (values.length !== 1 || value === null || typeof value !== "object" || Array.isArray(value))
    return undefined;
  const consumed = rest.length - after.length;
  if (after.startsWith(FUNCTION_CLOSE)) {
    return { value: value as Record<string, unknown>, end: consumed + FUNCTION_CLOSE.length, closed: true };
  }
  return after.trim().length === 0
    ? { value: value as Record<string, unknown>, end: consumed, closed: false }
    : undefined;
}

/**
 * An unfinished call whose parameters all closed, followed by plain text (no markup): the
 * parameters up to the last `</parameter>`, and that text. Undefined otherwise.
 */
function proseAfterParameters(
  rest: string,
  validNames: ReadonlySet<string> | undefined,
): { walk: ParameterWalk; text: string } | undefined {
  const close = rest.lastIndexOf(PARAMETER_CLOSE);
  if (close < 0) return undefined;
  const text = rest.slice(close + PARAMETER_CLOSE.length);
  if (text.trim().length === 0 || text.includes("<")) return undefined;
  const walk = walkParameters(rest.slice(0, close + PARAMETER_CLOSE.length), { validNames });
  return walk.parameters.length > 0 && walk.parameters.every((parameter) => parameter.closed)
    ? { walk, text }
    : undefined;
}

function endsAfterParameter(rest: string, parameters: readonly RawParameter[]): boolean {
  return parameters.at(-1)?.closed === true && rest.trimEnd().endsWith("</parameter>");
}

/** Text left in a block after its last `</function>` (not a call, so kept as content). */
function trailingText(body: string, pos: number): string {
  const text = body.slice(pos);
  return text.startsWith(FUNCTION_OPEN) ? "" : text.trim();
}

/** The keys the tool's schema declares, when it declares any. */
export function declaredKeys(tools: ToolIndex, name: string): ReadonlySet<string> | undefined {
  const properties = toolProperties(tools, name);
  return properties ? new Set(Object.keys(properties)) : undefined;
}

function toolProperties(tools: ToolIndex, name: string): Record<string, unknown> | undefined {
  const resolved = tools.resolve(name);
  const properties = resolved === undefined ? undefined : tools.get(resolved)?.parameters?.properties;
  return properties && typeof properties === "object" ? (properties as Record<string, unknown>) : undefined;
}

/**
 * Types raw values: by the parameter's schema; as strings for keys the tool's schema does not
 * declare (vLLM); inferred from the text (numbers, booleans, null, JSON) when the tool has no
 * schema at all (llama.cpp). A key written several times becomes a list (ai-sdk).
 */
export function typeArguments(
  toolName: string,
  parameters: readonly RawParameter[],
  tools: ToolIndex,
  layout: ValueLayout = "wrapped",
): Record<string, unknown> {
  const properties = toolProperties(tools, toolName);
  const grouped = new Map<string, string[]>();
  for (const parameter of parameters) {
    const values = grouped.get(parameter.name) ?? [];
    values.push(valueText(parameter.value, layout));
    grouped.set(parameter.name, values);
  }
  const args: Record<string, unknown> = {};
  for (const [key, values] of grouped) {
    const schema = schemaOf(properties, key);
    const typeOne = (value: string, valueSchema: JsonSchema | undefined): unknown =>
      valueSchema
        ? coerceValue(value, valueSchema, { untyped: "string" })
        : properties
          ? value
          : inferValue(value);
    if (values.length === 1) {
      args[key] = typeOne(values[0]!, schema);
      continue;
    }
    const itemSchema = schema && schemaTypes(schema).includes("array") ? itemsOf(schema) : schema;
    args[key] = values.map((value) => typeOne(value, itemSchema));
  }
  return args;
}

/**
 * How a template lays out a value between its tags: "wrapped" (Qwen3-Coder writes
 * `<parameter=K>\nV\n</parameter>`) or "inline" (Seed-OSS writes `<parameter=K>V</parameter>`).
 */
export type ValueLayout = "wrapped" | "inline";

/**
 * A parameter's text as written between its tags: the newline after the opening tag and the
 * closing tag's own line (newline and indentation) are layout, as vLLM and ollama read them. With
 * an "inline" layout those newlines are layout only as a pair: a value begun right after the
 * opening tag keeps a newline before the closing one (llama.cpp's Seed-OSS parser: `pass\n`). A
 * value that is then a single line is trimmed (llama.cpp, sglang: indented tags), except for its
 * leading spaces when the closing tag is not indented (code that starts indented, as llama.cpp and
 * vLLM keep it); other lines keep their spacing (code). A value written as `<value>V</value>` is V.
 */
export function valueText(raw: string, layout: ValueLayout = "wrapped"): string {
  const opened = /^\r?\n/.test(raw);
  let text = raw.replace(/^\r?\n/, "");
  const closing = /\r?\n([ \t]*)$/.exec(text);
  const indented = closing !== null && closing[1]!.length > 0;
  const singleLine = closing !== null && !text.slice(0, closing.index).includes("\n");
  if (closing && (layout === "wrapped" || opened || indented || singleLine))
    text = text.slice(0, closing.index);
  if (!text.includes("\n")) text = opened && closing && !indented ? text.trimEnd() : text.trim();
  // A value wrapped in a literal `<value>` element (ai-sdk: seen from live models).
  const wrapped = /^\s*<value>([\s\S]*)<\/value>\s*$/.exec(text);
  if (wrapped && !wrapped[1]!.includes("<value>")) return valueText(wrapped[1]!);
  // A value written as one CDATA section holds its text as is.
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(text);
  return cdata ? cdata[1]! : text;
}

function schemaOf(properties: Record<string, unknown> | undefined, key: string): JsonSchema | undefined {
  const schema = properties?.[key];
  return schema && typeof schema === "object" && !Array.isArray(schema) ? (schema as JsonSchema) : undefined;
}

function itemsOf(schema: JsonSchema): JsonSchema | undefined {
  const items = schema.items;
  if (items && typeof items === "object" && !Array.isArray(items)) return items as JsonSchema;
  for (const key of ["anyOf", "oneOf"] as const) {
    const variants = schema[key];
    if (!Array.isArray(variants)) continue;
    for (const variant of variants) {
      if (variant && typeof variant === "object" && (variant as JsonSchema).items) {
        return itemsOf(variant as JsonSchema);
      }
    }
  }
  return undefined;
}

/**
 * True when `close` (found right after `body`) is text inside a parameter value rather than the
 * block's end: the body stops inside a value that opened a quoted call this closer belongs to
 * (`<tool_call>` ... `</tool_call>` written as code). `opener` is the closer's opening tag.
 */
export function closesQuotedCall(body: string, opener: string, close: string, tools: ToolIndex): boolean {
  let pos = skipSpaces(body, 0);
  if (body.startsWith(FUNCTION_OPEN, pos)) pos += FUNCTION_OPEN.length;
  const nameEnd = body.indexOf(">", pos);
  if (nameEnd < 0) return false;
  const name = body.slice(pos, nameEnd).trim();
  if (INVALID_NAME.test(name)) return false;
  const walk = walkParameters(body.slice(nameEnd + 1), {
    validNames: declaredKeys(tools, name),
    implicitEnds: false,
  });
  if (walk.openValue === undefined) return false;
  return countOf(walk.openValue, opener) > countOf(walk.openValue, close);
}
