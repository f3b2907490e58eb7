/**
 * The commonest shape: a tag pair around one JSON call object (or a list of them).
 */
import type { BlockContext, BlockOutcome, BlockRule, RawCall } from "../../format-spec.ts";
import { firstNonSpace, isCompleteValue, parseJsonLoose, ValueScanner } from "../../json-loose.ts";
import { callsBesideJunk, recoverTruncatedList } from "./json-call-list.ts";
import { callsFromJson } from "./json-calls.ts";
import { endsInsideJsonString, isClosingJunk, leadingJsonValues } from "./json-prefix.ts";
import { escapeInnerQuotes } from "./json-quote-repair.ts";

export interface TaggedJsonOptions {
  readonly open: string;
  readonly close: readonly string[];
  readonly auto?: boolean;
  /** Body must start with `{`/`[` for this rule to claim a shared opener in auto mode. */
  readonly sniff?: boolean;
  readonly lineStart?: "always" | "auto";
}

export function taggedJsonRule(options: TaggedJsonOptions): BlockRule {
  return {
    open: options.open,
    // A close tag inside a JSON string (`{"cmd":"echo '</tool_call>'"}`) is quoted text.
    end: { kind: "close", close: options.close, literalClose: quotedClose },
    auto: options.auto ?? true,
    ...(options.lineStart ? { lineStart: options.lineStart } : {}),
    accepts: acceptsJsonBody,
    parse: (body, ctx) => parseJsonCallsBody(body, ctx),
  };
}

/**
 * A body holding JSON calls. Truncated output (no close tag and the JSON incomplete) is a
 * truncated call, never a guess (a cut-off list keeps the calls completed before the cut); a
 * body that is not a call is reported as malformed.
 */
export function parseJsonCallsBody(body: string, ctx: BlockContext): BlockOutcome {
  const text = body.trim();
  if (text.length === 0) {
    return {
      problems: [{ code: "malformed-call", message: `${ctx.open} block is empty`, raw: rawBlock(body, ctx) }],
    };
  }
  // The common case first: the body is strictly valid JSON calls.
  const strict = strictCalls(text);
  if (strict) return { calls: strict };
  const leading = leadingCalls(text, ctx);
  if (leading) return leading;
  if (ctx.truncated && !isCompleteValue(stripFence(text))) {
    const split = callsAtRepeatedOpener(text, ctx);
    if (split) return split;
    // A call list the output cut off keeps the calls finished before the cut (as granite's and
    // mistral's lists do): `<tool_call>[{"name": ..., "arguments": {..}}` with no `]`.
    if (text.startsWith("[")) return recoverTruncatedList(text, rawBlock(body, ctx));
    return {
      problems: [
        {
          code: "truncated-call",
          message: "the output ended inside a call (truncated generation)",
          raw: rawBlock(body, ctx),
        },
      ],
    };
  }
  let parsed = parseJsonLoose(text);
  if (!parsed.ok) {
    const escaped = escapeInnerQuotes(text);
    if (escaped !== undefined) parsed = parseJsonLoose(escaped);
  }
  const calls = parsed.ok ? callsFromJson(parsed.value) : null;
  if (!calls) {
    const split = callsAtRepeatedOpener(text, ctx);
    if (split) return split;
    const salvaged = parsed.ok ? callsBesideJunk(parsed.value, ctx) : callsFromListElements(text, ctx);
    if (salvaged) return salvaged;
    return {
      problems: [
        {
          code: "malformed-call",
          message: parsed.ok
            ? `expected {"name": ..., "arguments": {...}} in ${ctx.open}, got ${JSON.stringify(text.slice(0, 120))}`
            : `${ctx.open} block is not valid JSON even after repair: ${JSON.stringify(text.slice(0, 120))}`,
          raw: rawBlock(body, ctx),
        },
      ],
    };
  }
  return { calls };
}

/**
 * The body a close check last found strictly valid, and its value: the parse that follows the
 * check takes the value instead of parsing the same text again (each value is taken once).
 */
let checkedText: string | undefined;
let checkedValue: unknown;

/**
 * Whether a close tag found after `body` is quoted inside a JSON string. A body that is already
 * a whole JSON value (the common case) is parsed once here, for `strictCalls` to reuse.
 */
export function quotedClose(body: string): boolean {
  const text = body.trim();
  if (isBracketed(text)) {
    try {
      checkedValue = JSON.parse(text);
      checkedText = text;
      return false;
    } catch {
      // not strictly valid: look closer
    }
  }
  return endsInsideJsonString(body);
}

function isBracketed(text: string): boolean {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return (first === 123 && last === 125) || (first === 91 && last === 93);
}

/** The calls in a body that is strictly valid JSON, or null (no exception is thrown for other text). */
function strictCalls(text: string): RawCall[] | null {
  if (text === checkedText) {
    const value = checkedValue;
    checkedText = undefined;
    checkedValue = undefined;
    return callsFromJson(value);
  }
  if (!isBracketed(text)) return null;
  try {
    return callsFromJson(JSON.parse(text));
  } catch {
    return null;
  }
}

/**
 * Strictly valid JSON calls at the start of the body followed by something else. Only closing
 * junk after them (a wrong close tag such as `</think>`, a close tag cut off at the end of the
 * output, a stray brace) leaves the calls; other text after a valid call makes the block
 * malformed, rather than letting the repairs below fold the text into a string value. Undefined
 * when the body does not start with a valid call, or is nothing but one.
 */
function leadingCalls(text: string, ctx: BlockContext): BlockOutcome | undefined {
  const { values, rest } = leadingJsonValues(text);
  if (values.length === 0 || rest.length === 0) return undefined;
  const calls: RawCall[] = [];
  for (const value of values) {
    const found = callsFromJson(value);
    if (!found) return undefined;
    calls.push(...found);
  }
  if (isClosingJunk(rest)) return { calls };
  if (callsAtRepeatedOpener(text, ctx)) return undefined;
  return {
    problems: [
      {
        code: "malformed-call",
        message: `text after the call in ${ctx.open}: ${JSON.stringify(rest.slice(0, 120))}`,
        raw: rawBlock(text, ctx),
      },
    ],
  };
}

/**
 * Consecutive calls whose close tag the model left out, `<tool_call>{..}\n<tool_call>{..}</tool_call>`:
 * the repeated opener ends the call before it. Only when every part is a call (an opener quoted
 * inside a string argument leaves the whole body valid JSON, and this is never tried).
 */
function callsAtRepeatedOpener(text: string, ctx: BlockContext): BlockOutcome | undefined {
  const opener = ctx.open.trim();
  if (opener.length === 0 || !text.includes(opener)) return undefined;
  const calls: RawCall[] = [];
  for (const part of text.split(opener)) {
    const piece = part.trim();
    if (piece.length === 0) continue;
    const parsed = parseJsonLoose(piece);
    const found = parsed.ok ? callsFromJson(parsed.value) : null;
    if (!found) return undefined;
    calls.push(...found);
  }
  return calls.length > 1 ? { calls } : undefined;
}

/**
 * A list of calls that is not valid JSON as a whole, `[{call}, {"time": 15:30}, {call}]`: each
 * element is read on its own, so one malformed call does not drop its well-formed siblings
 * (ollama's Cohere parser); the broken ones are malformed-call problems. Only when every element
 * is an object and at least one reads as a call.
 */
function callsFromListElements(text: string, ctx: BlockContext): BlockOutcome | undefined {
  const start = firstNonSpace(text);
  if (start < 0 || text[start] !== "[") return undefined;
  const calls: RawCall[] = [];
  const broken: string[] = [];
  for (let at = firstNonSpace(text, start + 1); at >= 0; at = firstNonSpace(text, at)) {
    const char = text[at];
    if (char === ",") {
      at++;
      continue;
    }
    if (char === "]") break;
    if (char !== "{") return undefined;
    const end = new ValueScanner().scan(text, at, text.length);
    if (end < 0) return undefined;
    const element = text.slice(at, end);
    const parsed = parseJsonLoose(element);
    const found = parsed.ok ? callsFromJson(parsed.value) : null;
    if (found) calls.push(...found);
    else broken.push(element);
    at = end;
  }
  if (calls.length === 0 || broken.length === 0) return undefined;
  return {
    calls,
    problems: broken.map((element) => ({
      code: "malformed-call" as const,
      message: `a call in the ${ctx.open} list is not valid JSON even after repair: ${JSON.stringify(element.slice(0, 120))}`,
      raw: element,
    })),
  };
}

/** The whole block as written, for problems (built only when one is reported). */
function rawBlock(body: string, ctx: BlockContext): string {
  return ctx.open + body + (ctx.close ?? "");
}

function stripFence(text: string): string {
  const match = /^```[\w-]*\s*([\s\S]*?)\s*(?:```)?$/.exec(text);
  return match ? match[1]! : text;
}

const JSON_BODY = /^\s*(?:```(?:json)?\s*)?[[{]/;

/** A body that opens a JSON value (optionally fenced); the common `{`/`[` start without a regex. */
function acceptsJsonBody(body: string): boolean {
  const at = firstNonSpace(body);
  if (at < 0) return false;
  const code = body.charCodeAt(at);
  return code === 123 || code === 91 || JSON_BODY.test(body);
}
