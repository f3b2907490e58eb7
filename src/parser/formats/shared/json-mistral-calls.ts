/**
 * The `[TOOL_CALLS]` opener shared by mistral, mistral_v11, mistral_args and xlam. One end rule
 * for all: the JSON value after an optional call head, which is one of
 *
 *   [TOOL_CALLS] [{"name": ..., "arguments": {...}}, ...]     mistral (pre-v11), xlam
 *   [TOOL_CALLS]NAME{...}                                      mistral_v11
 *   [TOOL_CALLS]NAME[ARGS]{...}                                mistral_args (Ministral, Magistral)
 *   [TOOL_CALLS]NAME[CALL_ID]ID[ARGS]{...}                     mistral_args with a call id
 *
 * Each format's rule reads every shape (lenient when the format is given); `accepts` tells them
 * apart when auto-detecting.
 */
import type { BlockContext, BlockOutcome, BlockRule, ValueStart } from "../../format-spec.ts";
import { isCompleteValue, parseJsonLoose } from "../../json-loose.ts";
import { blockRaw, parseCallJson, preview, truncatedProblem } from "./json-call-list.ts";

export const TOOL_CALLS = "[TOOL_CALLS]";

const ARGS = "[ARGS]";
const CALL_ID = "[CALL_ID]";
const NAME = /^[A-Za-z_][\w.-]*/;
const ID = /^[A-Za-z0-9_-]+/;
const HEAD = /^\s*([A-Za-z_][\w.-]*)\s*(?:\[CALL_ID\]\s*([A-Za-z0-9_-]+)\s*)?(?:\[ARGS\]\s*)?(?=[{[])/;

/** Which call head a body starts with: a JSON list/object, `NAME{`, or `NAME[ARGS]`. */
export type MistralShape = "list" | "name" | "args";

export function mistralShape(body: string): MistralShape | null {
  if (/^\s*[[{]/.test(body)) return "list";
  if (/^\s*[A-Za-z_][\w.-]*\s*\[(?:ARGS|CALL_ID)\]/.test(body)) return "args";
  if (/^\s*[A-Za-z_][\w.-]*\s*\{/.test(body)) return "name";
  return null;
}

export function toolCallsRule(shape: MistralShape, auto: boolean): BlockRule {
  return {
    open: TOOL_CALLS,
    end: { kind: "value", valueStart: mistralValueStart },
    auto,
    accepts: (body) => mistralShape(body) === shape,
    parse: parseMistralBody,
  };
}

/** Where the JSON starts after `[TOOL_CALLS]`, skipping `NAME`, `[CALL_ID]ID` and `[ARGS]`. */
export function mistralValueStart(head: string): ValueStart {
  // At the end of the output too: `[TOOL_CALLS]NAME[ARGS]` with nothing after is a truncated call.
  const more = "wait";
  let at = skipSpaces(head, 0);
  if (at >= head.length) return more;
  if (head[at] === "{" || head[at] === "[") return at;
  const name = NAME.exec(head.slice(at));
  if (!name) return "none";
  at = skipSpaces(head, at + name[0].length);
  if (at >= head.length) return more;
  const callId = expectToken(head, at, CALL_ID);
  if (callId === "partial") return more;
  if (typeof callId === "number") {
    at = skipSpaces(head, callId);
    const id = ID.exec(head.slice(at));
    if (!id) return at >= head.length ? more : "none";
    at = skipSpaces(head, at + id[0].length);
    if (at >= head.length) return more;
  }
  const args = expectToken(head, at, ARGS);
  if (args === "partial") return more;
  if (typeof args === "number") at = skipSpaces(head, args);
  if (at >= head.length) return more;
  return head[at] === "{" ? at : "none";
}

/** The index after `token` at `at`, "partial" when the text ends inside it, or "no". */
function expectToken(text: string, at: number, token: string): number | "partial" | "no" {
  const rest = text.slice(at, at + token.length);
  if (rest === token) return at + token.length;
  return token.startsWith(rest) && at + rest.length >= text.length ? "partial" : "no";
}

function skipSpaces(text: string, from: number): number {
  let at = from;
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

export function parseMistralBody(body: string, ctx: BlockContext): BlockOutcome {
  const raw = blockRaw(body, ctx);
  const head = HEAD.exec(body);
  if (!head) return parseCallJson(body, ctx, raw);
  const name = head[1]!;
  const argumentsText = body.slice(head[0].length);
  if (ctx.truncated && !isCompleteValue(argumentsText)) {
    return {
      problems: [
        { ...truncatedProblem(raw, `the output ended inside the arguments of ${name}`), toolName: name },
      ],
    };
  }
  const parsed = parseJsonLoose(argumentsText);
  if (!parsed.ok) {
    return {
      problems: [
        {
          code: "malformed-call",
          message: `arguments of ${name} are not JSON: ${preview(argumentsText)}`,
          raw,
          toolName: name,
        },
      ],
    };
  }
  const id = head[2];
  return { calls: [{ name, arguments: parsed.value, ...(id ? { id } : {}) }] };
}
