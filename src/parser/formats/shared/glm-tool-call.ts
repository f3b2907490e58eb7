/**
 * One GLM-style call: `NAME` then `<arg_key>K</arg_key><arg_value>V</arg_value>` pairs (GLM-4.5,
 * 4.6, 4.7; hy_v3 puts `<tool_sep>` after the name). Leniencies: JSON arguments after the name
 * (`NAME\n{"city": "Paris"}`, as GLM-4 chat models wrote them), and a whole hermes-style JSON
 * call object in place of the name.
 */
import type { BlockContext, BlockOutcome, BlockRule, RawCall } from "../../format-spec.ts";
import { parseJsonLoose } from "../../json-loose.ts";
import type { ToolIndex } from "../../tool-index.ts";
import { readArgPairs, valueExtent } from "./glm-arg-pairs.ts";
import { typeArguments } from "./glm-typed-arguments.ts";
import { parseJsonCallsBody } from "./tagged-json.ts";

export type Untyped = "string" | "infer";

export type GlmCall =
  | { readonly ok: true; readonly call: RawCall }
  | { readonly ok: false; readonly message: string; readonly incomplete: boolean; readonly name?: string };

const CALL_OPEN = "<tool_call>";
const CALL_CLOSE = "</tool_call>";
const VALUE_OPEN = "<arg_value>";
const VALUE_CLOSE = "</arg_value>";
/** GLM's end-of-turn token (the formats' strip list), dropped from text re-read after a call. */
const OBSERVATION = "<|observation|>";

/** Whitespace, or a literal `\n` / `\t` escape a model copied from a JSON-encoded template. */
const GAP = String.raw`(?:\s|\\[nrt])*`;
const NAME = new RegExp(String.raw`^\s*([^\s<>{}[\]"'\\]+)${GAP}(?:<tool_sep>${GAP})?`);

/** A name (letters of any script, digits, `_.:-`) then pairs, JSON arguments, or nothing. */
const CALL_BODY = new RegExp(String.raw`^\s*[\p{L}_][\p{L}\p{N}_.:-]*${GAP}(?:<arg_key>|\{|$)`, "u");

/** True when a `<tool_call>` body reads as a GLM call: a bare name then pairs, JSON, or nothing. */
export function isGlmCallBody(body: string): boolean {
  const head = splitRestart(body)?.body ?? body;
  return CALL_BODY.test(head.replace(NAME_THEN_STRAY_CLOSERS, "$1"));
}

/**
 * A closer fused onto the name (`apply_patch</arg_value><arg_key>..`: GLM-5 traffic recorded by
 * TRT-LLM), dropped when pairs or nothing follow.
 */
const STRAY_CLOSERS = /^(?:<\/arg_(?:value|key)>(?:\s|\\[nrt])*)+(?=<arg_key>|$)/;
const NAME_THEN_STRAY_CLOSERS =
  /^(\s*[^\s<>{}[\]"'\\]+)(?:<\/arg_(?:value|key)>(?:\s|\\[nrt])*)+(?=<arg_key>|$)/;

/**
 * A `<tool_call>` before the call's first pair: the model restarted the call
 * (`<tool_call>exec<tool_call>exec<arg_key>..`, recorded GLM-5 traffic). The call is the one after
 * the last restart; the abandoned start is text.
 */
function splitRestart(body: string): { abandoned: string; body: string } | undefined {
  const firstPair = body.search(/<arg_key>|<arg_value>/);
  const head = firstPair < 0 ? body : body.slice(0, firstPair);
  const restart = head.lastIndexOf(CALL_OPEN);
  if (restart < 0) return undefined;
  const abandoned = body.slice(0, restart);
  // What was abandoned is at most a name (`exec`, `coll</arg_value>`); words (` or `) are prose
  // naming the tag.
  if (!ABANDONED_START.test(abandoned)) return undefined;
  return { abandoned, body: body.slice(restart + CALL_OPEN.length) };
}

const ABANDONED_START = /^\s*[^\s<>{}[\]"'\\]*(?:<\/arg_(?:value|key)>)*\r?\n?$/;

/** Reads one call written as `NAME[<tool_sep>]` and its arguments. */
export function readGlmCall(text: string, tools: ToolIndex, untyped: Untyped): GlmCall {
  const match = NAME.exec(text);
  if (!match) return { ok: false, message: "expected a tool name", incomplete: text.trim().length === 0 };
  const name = match[1]!;
  const rest = text.slice(match[0].length).replace(STRAY_CLOSERS, "");
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
  const close = callCloseIndex(body);
  if (close < 0) return parseGlmCallBody(body, ctx, untyped);
  // A `</tool_call>` the scanner kept as quoted text (see `glmLiteralClose`) ended the call after
  // all: the value it stood in never reached its own `</arg_value>`.
  const head = parseGlmCallBody(
    body.slice(0, close),
    { ...ctx, truncated: false, close: CALL_CLOSE },
    untyped,
  );
  return merge(head.reject ? { content: ctx.open + body.slice(0, close) + CALL_CLOSE } : head, [
    parseAfterCall(body.slice(close + CALL_CLOSE.length), ctx, untyped),
  ]);
}

/**
 * While the body so far is inside an `<arg_value>` no `</arg_value>` has closed, a `</tool_call>`
 * is provisionally text of that value (ollama's GLM-4.6/4.7 parser: `Wrap each call in
 * <tool_call> and </tool_call>` as a file's content). `parseGlmBlock` settles it once the block
 * ends: it stays text only if the value reaches its own `</arg_value>`.
 */
export function glmLiteralClose(body: string): boolean {
  const open = body.lastIndexOf(VALUE_OPEN);
  return open >= 0 && body.indexOf(VALUE_CLOSE, open + VALUE_OPEN.length) < 0;
}

/**
 * Where the call in `body` really ends: the first `</tool_call>` outside every value, or inside a
 * value that never reaches its own `</arg_value>` (it ends with the output, or where a whole next
 * pair starts: the model forgot the tag, so the closer is the call's); -1 when the body has none.
 */
export function callCloseIndex(body: string): number {
  let at = 0;
  for (;;) {
    const close = body.indexOf(CALL_CLOSE, at);
    if (close < 0) return -1;
    const open = body.indexOf(VALUE_OPEN, at);
    if (open < 0 || close < open) return close;
    const extent = valueExtent(body, open + VALUE_OPEN.length);
    if (!extent.closed && (extent.end < 0 || close < extent.end)) return close;
    at = extent.closed ? extent.end + VALUE_CLOSE.length : extent.end;
  }
}

/**
 * The text after a call whose closer the scanner had kept as quoted text: content, and any
 * further `<tool_call>` blocks (the last one ends where the scanner's block ended).
 */
function parseAfterCall(text: string, ctx: BlockContext, untyped: Untyped): BlockOutcome {
  const parts: BlockOutcome[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf(CALL_OPEN, at);
    if (open < 0) {
      parts.push({ content: text.slice(at) });
      break;
    }
    parts.push({ content: text.slice(at, open) });
    const body = text.slice(open + CALL_OPEN.length);
    const close = callCloseIndex(body);
    const inner = close < 0 ? body : body.slice(0, close);
    const closer = close < 0 ? ctx.close : CALL_CLOSE;
    const truncated = close < 0 && ctx.truncated;
    const outcome = parseGlmCallBody(inner, { ...ctx, open: CALL_OPEN, close: closer, truncated }, untyped);
    parts.push(outcome.reject ? { content: CALL_OPEN + inner + (closer ?? "") } : outcome);
    at = close < 0 ? text.length : open + CALL_OPEN.length + close + CALL_CLOSE.length;
  }
  const merged = merge({}, parts);
  const content = merged.content?.split(OBSERVATION).join("") ?? "";
  return { ...merged, content };
}

function merge(first: BlockOutcome, rest: readonly BlockOutcome[]): BlockOutcome {
  const all = [first, ...rest];
  const content = all.map((part) => part.content ?? "").join("");
  return {
    calls: all.flatMap((part) => part.calls ?? []),
    problems: all.flatMap((part) => part.problems ?? []),
    ...(content.length > 0 ? { content } : {}),
  };
}

/** One call block's body, with no call closer inside it. */
function parseGlmCallBody(body: string, ctx: BlockContext, untyped: Untyped): BlockOutcome {
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
  const restart = splitRestart(body);
  if (restart) {
    // A doubled opener (`<tool_call><tool_call>NAME`) leaves nothing worth keeping.
    const abandoned = restart.abandoned.trim().length > 0 ? ctx.open + restart.abandoned : "";
    return merge({ content: abandoned }, [parseGlmCallBody(restart.body, ctx, untyped)]);
  }
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

/**
 * The `<tool_call>` rule GLM formats share with hermes, qwen3_coder and granite. With
 * `literalCloseInValue` a `</tool_call>` inside an open `<arg_value>` may be value text
 * (`glmLiteralClose`, settled by `parseGlmBlock`).
 */
export function glmToolCallRule(untyped: Untyped, literalCloseInValue = false): BlockRule {
  return {
    open: CALL_OPEN,
    end: literalCloseInValue
      ? { kind: "close", close: [CALL_CLOSE], literalClose: (body) => glmLiteralClose(body) }
      : { kind: "close", close: [CALL_CLOSE] },
    accepts: isGlmCallBody,
    parse: (body, ctx) => parseGlmBlock(body, ctx, untyped),
  };
}
