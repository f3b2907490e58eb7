/**
 * hy_v4 (Tencent HY v4; also Hy3 as its tokenizer ships): hy_v3's wire format with every
 * structural token carrying the checkpoint's vocabulary suffix, `:opensource`, and no
 * `<tool_sep>` after the name:
 *
 *   <think:opensource>...</think:opensource>
 *   <tool_calls:opensource><tool_call:opensource>get_weather<arg_key:opensource>city</arg_key:opensource><arg_value:opensource>Beijing</arg_value:opensource></tool_call:opensource></tool_calls:opensource>
 *
 * Source: vLLM's `hy_v4` parser (vllm/tool_parsers/hy_v4_tool_parser.py, tests
 * tests/tool_parsers/test_hy_v4_tool_parser.py and test_hy_v4_duplicate_arg_key.py); the suffix
 * is read from the vocabulary there (`<tool_calls(:[^\s>]+)?>`), and `:opensource` is the one the
 * published checkpoints and vLLM's test use. Hy3's shipping tokenizer writes the same suffixed
 * tokens with a `<tool_sep:opensource>` after the name, which is read too.
 *
 * Values are typed by the tool's schema and stay strings without one (a repeated key keeps the
 * later value). Leniencies as hy_v3: a missing `</tool_call:..>` before `</tool_calls:..>`, a
 * missing `</tool_calls:..>` at the end of the output when every call closed, and calls written
 * without the `<tool_calls:..>` wrapper, also ended by `<end_of_tool_call:opensource>` (Hy3's
 * chat template, sglang's hunyuan detector; Rapid-MLX) with a JSON object after `<tool_sep>`. Checkpoints without a suffix write hy_v3's unsuffixed
 * tokens: with the format given those are read here as well; auto-detection leaves them to hy_v3.
 * Other suffixes are not read (the scanner's markers are literal strings).
 */
import { coerceValue } from "../coerce.ts";
import type { BlockContext, BlockOutcome, BlockRule, FormatSpec, RawCall } from "../format-spec.ts";
import type { ToolIndex } from "../tool-index.ts";
import type { JsonSchema } from "../types.ts";
import { parseCallUnits } from "./shared/call-units.ts";
import { glmToolCallRule, readGlmCall } from "./shared/glm-tool-call.ts";
import { leadingJsonValues } from "./shared/json-prefix.ts";
import { parseJsonCallsBody } from "./shared/tagged-json.ts";

export const HY_SUFFIX = ":opensource";

const tag = (name: string, suffix: string) => `<${name}${suffix}>`;
const endTag = (name: string, suffix: string) => `</${name}${suffix}>`;

/** The suffixed tags inside a block, rewritten to the plain ones the shared GLM readers know. */
const SUFFIXED_TAG = /<(\/?)(tool_call|tool_sep|arg_key|arg_value):opensource>/g;

function unsuffix(text: string): string {
  return text.includes(HY_SUFFIX) ? text.replace(SUFFIXED_TAG, "<$1$2>") : text;
}

/**
 * Type names outside JSON Schema that HY tool schemas carry (`int`, `list`, `uint32`), mapped as
 * vLLM's HYV4 parser does: an exact alias, else integer / number by prefix.
 */
const TYPE_ALIASES: Readonly<Record<string, string>> = {
  str: "string",
  text: "string",
  varchar: "string",
  char: "string",
  enum: "string",
  bool: "boolean",
  binary: "boolean",
  int: "integer",
  float: "number",
  double: "number",
  list: "array",
  dict: "object",
  map: "object",
};
const JSON_TYPES = new Set(["string", "integer", "number", "boolean", "array", "object", "null"]);

function standardType(type: string): string {
  if (JSON_TYPES.has(type)) return type;
  const alias = TYPE_ALIASES[type];
  if (alias) return alias;
  const lower = type.toLowerCase();
  if (/^(?:int|uint|long|short|unsigned)/.test(lower)) return "integer";
  if (/^(?:num|float)/.test(lower)) return "number";
  return type;
}

/** The schema with its non-standard type names mapped, or undefined when it has none. */
function standardSchema(schema: JsonSchema | undefined): JsonSchema | undefined {
  const type = schema?.type;
  if (typeof type === "string" && standardType(type) !== type) return { ...schema, type: standardType(type) };
  if (Array.isArray(type) && type.some((t) => typeof t === "string" && standardType(t) !== t)) {
    return { ...schema, type: type.map((t) => (typeof t === "string" ? standardType(t) : t)) };
  }
  return undefined;
}

/** Re-types the values whose parameter schema uses a non-standard type name (they stayed text). */
function typeAliases(call: RawCall, tools: ToolIndex): RawCall {
  const args = call.arguments;
  if (!tools.declared || typeof args !== "object" || args === null) return call;
  const declared = tools.resolve(call.name) ?? call.name;
  let typed: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(args as Record<string, unknown>)) {
    if (typeof value !== "string") continue;
    const schema = standardSchema(tools.parameterSchema(declared, key));
    if (!schema) continue;
    typed ??= { ...(args as Record<string, unknown>) };
    typed[key] = coerceValue(value, schema, { untyped: "string" });
  }
  return typed ? { ...call, arguments: typed } : call;
}

const CALL_OPEN = "<tool_call>";
const CALL_CLOSE = "</tool_call>";

/** The body of a `<tool_calls..>` block: `<tool_call>` units (suffixes already removed). */
function parseCalls(body: string, ctx: BlockContext): BlockOutcome {
  if (/^\s*[[{]/.test(body)) return parseJsonCallsBody(body, ctx);
  return parseCallUnits(body, ctx, { open: CALL_OPEN, close: CALL_CLOSE }, (unit, raw) => {
    const read = readGlmCall(unit, ctx.tools, "string");
    return read.ok
      ? { calls: [typeAliases(read.call, ctx.tools)] }
      : { problems: [{ code: "malformed-call", message: read.message, raw }] };
  });
}

/** A `<tool_call..>` unit body: a name, then pairs, JSON arguments or nothing. */
const CALL_BODY = /^\s*[\p{L}_][\p{L}\p{N}_.:-]*\s*(?:<tool_sep>\s*)?(?:<arg_key>|\{|$)/u;

/** The body so far ends inside an `<arg_value..>` whose closing tag has not come yet. */
function insideOpenValue(body: string): boolean {
  const plain = unsuffix(body);
  return plain.lastIndexOf("<arg_value>") > plain.lastIndexOf("</arg_value>");
}

/** `NAME<tool_sep..>{json}`: a name and one JSON object (suffixed tags inside its strings stay as written). */
const JSON_UNIT = /^\s*([\p{L}_][\p{L}\p{N}_.-]*)\s*(?:<tool_sep(?::opensource)?>\s*)?(?=\{)/u;

function jsonUnit(body: string): BlockOutcome | undefined {
  const head = JSON_UNIT.exec(body);
  if (!head) return undefined;
  const { values, rest } = leadingJsonValues(body.slice(head[0].length));
  const value = values[0];
  if (values.length !== 1 || typeof value !== "object" || value === null || Array.isArray(value))
    return undefined;
  // Only stray tags may follow (`{"radius": 5}<arg_value:opensource>`, a 4-bit Hy3 quant).
  if (!/^(?:\s*<\/?[\w:|.-]+>)*\s*$/.test(rest)) return undefined;
  return { calls: [{ name: head[1]!, arguments: value }] };
}

function wrapperRule(suffix: string, auto: boolean): BlockRule {
  return {
    open: tag("tool_calls", suffix),
    end: { kind: "close", close: [endTag("tool_calls", suffix)] },
    auto,
    accepts: (body) => /^\s*<tool_call[:>]/.test(body),
    parse: (body, ctx) => parseCalls(unsuffix(body), ctx),
  };
}

export const hyV4: FormatSpec = {
  id: "hy_v4",
  description:
    "<tool_calls:opensource><tool_call:opensource>NAME<arg_key:opensource>K</arg_key:opensource><arg_value:opensource>V</arg_value:opensource></tool_call:opensource></tool_calls:opensource> (Tencent HY v4, suffixed Hy3)",
  blocks: [
    wrapperRule(HY_SUFFIX, true),
    {
      open: tag("tool_call", HY_SUFFIX),
      // Hy3's chat template (and sglang's hunyuan detector) ends a call with
      // `<end_of_tool_call:opensource>` instead of `</tool_call:opensource>`.
      end: {
        kind: "close",
        close: [endTag("tool_call", HY_SUFFIX), tag("end_of_tool_call", HY_SUFFIX)],
        // A closer inside a value still open (`<arg_value:opensource>contains <end_of_tool_call..> inside`) is text.
        literalClose: (body) => insideOpenValue(body),
      },
      accepts: (body) => CALL_BODY.test(unsuffix(body)),
      parse: (body, ctx) =>
        jsonUnit(body) ??
        parseCalls(`${CALL_OPEN}${unsuffix(body)}${ctx.close === null ? "" : CALL_CLOSE}`, {
          ...ctx,
          open: CALL_OPEN,
        }),
    },
    // Unsuffixed checkpoints: the hy_v3 tokens, with the format given only.
    wrapperRule("", false),
    { ...glmToolCallRule("string"), auto: false },
  ],
  reasoning: [{ open: tag("think", HY_SUFFIX), close: [endTag("think", HY_SUFFIX)], promptOpened: true }],
  strip: ["<｜hy_eos:opensource｜>"],
};
