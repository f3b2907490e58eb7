/**
 * One GLM-style call: `NAME` then `<arg_key>K</arg_key><arg_value>V</arg_value>` pairs (GLM-4.5,
 * 4.6, 4.7; hy_v3 puts `<tool_sep>` after the name). Leniencies: JSON arguments after the name
 * (`NAME\n{"city": "Paris"}`, as GLM-4 chat models wrote them), and a whole hermes-style JSON
 * call object in place of the name.
 */
import type { BlockContext, BlockOutcome, BlockRule, RawCall } from "../../format-spec.ts";
import { parseJsonLoose } from "../../json-loose.ts";
import type { ToolIndex } from "../../tool-index.ts";
import { readArgPairs } from "./glm-arg-pairs.ts";
import { typeArguments } from "./glm-typed-arguments.ts";
import { parseJsonCallsBody } from "./tagged-json.ts";

export type Untyped = "string" | "infer";

export type GlmCall =
  | { readonly ok: true; readonly call: RawCall }
  | { readonly ok: false; readonly message: string; readonly incomplete: boolean; readonly name?: string };

/** Whitespace, or a literal `\n` / `\t` escape a model copied from a JSON-encoded template. */
const GAP = String.raw`(?:\s|\\[nrt])*`;
const NAME = new RegExp(String.raw`^\s*([^\s<>{}[\]"'\\]+)${GAP}(?:<tool_sep>${GAP})?`);

/** A name (letters of any script, digits, `_.:-`) then pairs, JSON arguments, or nothing. */
const CALL_BODY = new RegExp(String.raw`^\s*[\p{L}_][\p{L}\p{N}_.:-]*${GAP}(?:<arg_key>|\{|$)`, "u");

/** True when a `<tool_call>` body reads as a GLM call: a bare name then pairs, JSON, or nothing. */
export function isGlmCallBody(body: string): boolean {
  return CALL_BODY.test(body);
}

/** Reads one call written as `NAME[<tool_sep>]` and its arguments. */
export function readGlmCall(text: string, tools: ToolIndex, untyped: Untyped): GlmCall {
  const match = NAME.exec(text);
  if (!match) return { ok: false, message: "expected a tool name", incomplete: text.trim().length === 0 };
  const name = match[1]!;
  const rest = text.slice(match[0].length);
  if (rest.length === 0) return { ok: true, call: { name, arguments: {} } };
  if (rest.startsWith("{")) {
    const parsed = parseJsonLoose(rest);
    return parsed.ok
      ? { ok: true, call: { name, arguments: parsed.value } }
      : { ok: false, message: `arguments of ${name} are not JSON`, incomplete: false, name };
  }
  const pairs = readArgPairs(rest);
  if (!pairs.ok)
    return { ok: false, message: `${name}: ${pairs.message}`, incomplete: pairs.incomplete, name };
  return { ok: true, call: { name, arguments: typeArguments(name, pairs.pairs, tools, untyped) } };
}

/**
 * A `<tool_call>NAME...</tool_call>` block. GLM closes every call, so a block cut off by the end
 * of the output is a truncated call (vLLM rejects it too), whatever it holds so far.
 */
export function parseGlmBlock(body: string, ctx: BlockContext, untyped: Untyped): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  if (ctx.truncated) {
    return {
      problems: [
        {
          code: "truncated-call",
          message: `the output ended before ${ctx.open}'s closing tag (truncated generation)`,
          raw,
        },
      ],
    };
  }
  if (/^\s*[[{]/.test(body)) return parseJsonCallsBody(body, ctx);
  const read = readGlmCall(body, ctx.tools, untyped);
  if (read.ok && isUndeclaredBareName(read.call, body, ctx)) return { reject: true };
  if (read.ok) return { calls: [read.call] };
  return {
    problems: [
      {
        code: "malformed-call",
        message: read.message,
        raw,
        ...(read.name === undefined ? {} : { toolName: read.name }),
      },
    ],
  };
}

/**
 * Auto mode with declared tools: `<tool_call>word</tool_call>` naming no declared tool is text
 * (a model showing the tag inline), not a zero-argument call.
 */
function isUndeclaredBareName(call: RawCall, body: string, ctx: BlockContext): boolean {
  if (!ctx.auto || !ctx.tools.declared || ctx.tools.resolve(call.name) !== undefined) return false;
  return !body.includes("<arg_key>") && !body.includes("{");
}

/** The `<tool_call>` rule GLM formats share with hermes, qwen3_coder and granite (same end rule). */
export function glmToolCallRule(untyped: Untyped): BlockRule {
  return {
    open: "<tool_call>",
    end: { kind: "close", close: ["</tool_call>"] },
    accepts: isGlmCallBody,
    parse: (body, ctx) => parseGlmBlock(body, ctx, untyped),
  };
}
