/**
 * Invoke-style calls: `<invoke name="NAME"><parameter name="K">V</parameter>...</invoke>`, as
 * MiniMax-M2 writes them, and with a tag prefix (`steptml:`) as Step-3 does. Parameter values
 * are raw text (one leading and one trailing newline dropped) typed by the tool's schema.
 *
 * Leniencies: single-quoted or bare attribute values, a missing `</parameter>` (the value runs to
 * the next parameter), a missing last `</invoke>` when the block itself closed. An invoke cut off
 * by the end of the output is a truncated call; the invokes before it are kept.
 */
import type { BlockContext, ProblemDraft, RawCall } from "../../format-spec.ts";
import { type RawArgument, typeArguments } from "./glm-typed-arguments.ts";

export interface InvokeTags {
  /** Tag prefix: "" for MiniMax, "steptml:" for Step-3. */
  readonly prefix: string;
  /** Values without a schema: kept as text, or typed from the text. */
  readonly untyped: "string" | "infer";
  /** Keep a value's leading and trailing line breaks (Muse Glimmer's ATEM values are verbatim). */
  readonly verbatim?: boolean;
}

export interface Invokes {
  readonly calls: RawCall[];
  readonly problems: ProblemDraft[];
  /** The text between and around the invokes. */
  readonly stray: string;
}

export function readInvokes(body: string, ctx: BlockContext, tags: InvokeTags): Invokes {
  const open = `<${tags.prefix}invoke`;
  const close = `</${tags.prefix}invoke>`;
  const calls: RawCall[] = [];
  const problems: ProblemDraft[] = [];
  const stray: string[] = [];
  let at = 0;
  for (;;) {
    const start = findTag(body, open, at);
    stray.push(body.slice(at, start < 0 ? body.length : start));
    if (start < 0) break;
    const end = body.indexOf(close, start);
    const raw = body.slice(start, end < 0 ? body.length : end + close.length);
    if (end < 0 && ctx.truncated) {
      problems.push({ code: "truncated-call", message: "the output ended inside an invoke", raw });
      break;
    }
    const invoke = readInvoke(body.slice(start + open.length, end < 0 ? body.length : end), tags);
    if (typeof invoke === "string") problems.push({ code: "malformed-call", message: invoke, raw });
    else {
      calls.push({
        name: invoke.name,
        arguments: typeArguments(invoke.name, invoke.pairs, ctx.tools, tags.untyped),
      });
    }
    if (end < 0) break;
    at = end + close.length;
  }
  return { calls, problems, stray: stray.join("") };
}

const NAME_ATTRIBUTE = /^\s+name\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))\s*>/;

/** One invoke after its `<invoke` opener: the name attribute, then the parameters. */
function readInvoke(text: string, tags: InvokeTags): { name: string; pairs: RawArgument[] } | string {
  const match = NAME_ATTRIBUTE.exec(text);
  if (!match) return `expected <${tags.prefix}invoke name="...">`;
  const name = (match[1] ?? match[2] ?? match[3] ?? "").trim();
  if (name.length === 0) return "the invoke has an empty name";
  const pairs = readParameters(text.slice(match[0].length), tags.prefix, tags.verbatim === true);
  return typeof pairs === "string" ? pairs : { name, pairs };
}

function readParameters(text: string, prefix: string, verbatim: boolean): RawArgument[] | string {
  const open = `<${prefix}parameter`;
  const close = `</${prefix}parameter>`;
  const pairs: RawArgument[] = [];
  let at = findTag(text, open, 0);
  while (at >= 0) {
    const match = NAME_ATTRIBUTE.exec(text.slice(at + open.length));
    if (!match) return `expected <${prefix}parameter name="...">`;
    const valueStart = at + open.length + match[0].length;
    const closeAt = text.indexOf(close, valueStart);
    const nextOpen = findTag(text, open, valueStart);
    const valueEnd =
      closeAt >= 0 && (nextOpen < 0 || closeAt < nextOpen) ? closeAt : nextOpen < 0 ? text.length : nextOpen;
    const key = (match[1] ?? match[2] ?? match[3] ?? "").trim();
    const value = text.slice(valueStart, valueEnd);
    pairs.push({ key, value: verbatim ? value : stripNewlines(value) });
    at = nextOpen;
  }
  return pairs;
}

/** The next `opener` followed by a space or `>` (so `<invoke` does not match `<invoked`). */
function findTag(text: string, opener: string, from: number): number {
  let at = text.indexOf(opener, from);
  while (at >= 0) {
    const next = text[at + opener.length];
    if (next === undefined || next === ">" || /\s/.test(next)) return at;
    at = text.indexOf(opener, at + 1);
  }
  return -1;
}

function stripNewlines(value: string): string {
  return value.replace(/^\r?\n/, "").replace(/\r?\n$/, "");
}
