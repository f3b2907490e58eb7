/**
 * JSON call bodies for the json group: one call object or a list of them, decoded leniently.
 * A list cut off by the end of the output keeps the calls the model finished before the cut
 * (each whole object, or an object whose arguments closed and were followed by a comma, as
 * llama.cpp's partial parser does); the rest is reported as a truncated call, never guessed.
 */
import type { BlockContext, BlockOutcome, ProblemDraft, RawCall } from "../../format-spec.ts";
import { firstNonSpace, isCompleteValue, parseJsonLoose, ValueScanner } from "../../json-loose.ts";
import { callFromObject, callsFromJson, hasCallShape } from "./json-calls.ts";

/** The raw text of a block, for problems. */
export function blockRaw(body: string, ctx: BlockContext): string {
  return ctx.open + body + (ctx.close ?? "");
}

/** Calls from a JSON body (object or list), with truncated lists recovered call by call. */
export function parseCallJson(text: string, ctx: BlockContext, raw: string): BlockOutcome {
  const trimmed = stripFence(text.trim());
  if (trimmed.length === 0) {
    return { problems: [{ code: "malformed-call", message: `${ctx.open} holds no call`, raw }] };
  }
  if (ctx.truncated && !isCompleteValue(trimmed)) {
    if (trimmed.startsWith("[")) return recoverTruncatedList(trimmed, raw);
    return { problems: [truncatedProblem(raw, "the output ended inside a call (truncated generation)")] };
  }
  const parsed = parseJsonLoose(trimmed);
  const calls = parsed.ok ? callsFromJson(parsed.value) : null;
  if (calls && calls.length > 0) return { calls };
  const mixed = parsed.ok ? callsBesideJunk(parsed.value, ctx) : undefined;
  if (mixed) return mixed;
  const message = parsed.ok
    ? `expected {"name": ..., "arguments": {...}} or a list of them, got ${preview(trimmed)}`
    : `the call is not valid JSON even after repair: ${preview(trimmed)}`;
  return { problems: [{ code: "malformed-call", message, raw }] };
}

/**
 * A valid JSON list whose elements are calls beside values that are not (`[{call}, "junk"]`):
 * the calls are kept and each other element is reported (sglang keeps a valid call beside a
 * malformed sibling; mlx-omni-server skips a nameless entry). Undefined unless the list holds both.
 */
export function callsBesideJunk(value: unknown, ctx: BlockContext): BlockOutcome | undefined {
  if (!Array.isArray(value)) return undefined;
  const calls: RawCall[] = [];
  const junk: unknown[] = [];
  for (const element of value) {
    const found = callsFromJson(element);
    if (found && found.length > 0) calls.push(...found);
    else junk.push(element);
  }
  if (calls.length === 0 || junk.length === 0) return undefined;
  return {
    calls,
    problems: junk.map((element) => ({
      code: "malformed-call" as const,
      message: `an element of the ${ctx.open} list is not a call: ${JSON.stringify(element)?.slice(0, 120)}`,
      raw: JSON.stringify(element) ?? String(element),
    })),
  };
}

/** The complete calls at the start of a list the output cut off, plus a truncated-call problem. */
export function recoverTruncatedList(text: string, raw: string): BlockOutcome {
  const calls: RawCall[] = [];
  let at = text.indexOf("[") + 1;
  for (;;) {
    at = firstNonSpace(text, at);
    if (at < 0) break;
    if (text[at] === ",") {
      at++;
      continue;
    }
    if (text[at] !== "{") break;
    const end = new ValueScanner().scan(text, at, text.length);
    if (end < 0) {
      const call = recoverClosedArguments(text.slice(at));
      if (call) calls.push(call);
      break;
    }
    const parsed = parseJsonLoose(text.slice(at, end));
    const call = parsed.ok ? callFromObject(parsed.value) : null;
    if (call) calls.push(call);
    at = end;
  }
  const kept = calls.length === 0 ? "" : `; kept the ${calls.length} call(s) completed before the cut`;
  const problem = truncatedProblem(raw, `the output ended inside the call list${kept}`);
  return { calls, problems: [problem] };
}

/**
 * An unclosed call object whose name came first and whose arguments object closed and was
 * followed by a comma: the model had finished the call. Anything less is not a call.
 */
function recoverClosedArguments(item: string): RawCall | null {
  const key = /"(?:arguments|parameters)"\s*:\s*/g;
  for (let match = key.exec(item); match; match = key.exec(item)) {
    const start = match.index + match[0].length;
    if (item[start] !== "{") continue;
    const end = new ValueScanner().scan(item, start, item.length);
    if (end < 0) return null;
    const next = firstNonSpace(item, end);
    if (next < 0 || item[next] !== ",") continue;
    try {
      const value: unknown = JSON.parse(`${item.slice(0, end)}}`);
      if (hasCallShape(value)) return callFromObject(value);
    } catch {
      // not a whole object up to the arguments: try the next key
    }
  }
  return null;
}

export function truncatedProblem(raw: string, message: string): ProblemDraft {
  return { code: "truncated-call", message, raw };
}

export function stripFence(text: string): string {
  const match = /^```[\w-]*[ \t]*\r?\n([\s\S]*?)\s*(?:```)?$/.exec(text);
  return match ? match[1]!.trim() : text;
}

export function preview(text: string): string {
  return JSON.stringify(text.slice(0, 120));
}
