/**
 * The DeepSeek tool-call block shared by deepseek_v3, deepseek_r1 and deepseek_v31:
 *
 *   <｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>NAME\n```json\n{...}\n```<｜tool▁call▁end｜>...<｜tool▁calls▁end｜>   (V3, R1)
 *   <｜tool▁calls▁begin｜><｜tool▁call▁begin｜>NAME<｜tool▁sep｜>{...}<｜tool▁call▁end｜>...<｜tool▁calls▁end｜>                         (V3.1)
 *
 * The three formats share one opener, so they share these rules and one parser that reads
 * both call layouts. Leniencies: the markers written with ASCII `|` (ollama's generic tests) as
 * well as fullwidth `｜`; `_` or spaces instead of `▁` (given format only: step3 owns
 * `<｜tool_calls_begin｜>` when auto-detecting); the `<｜tool▁calls｜>` opener; a missing
 * `<｜tool▁call▁begin｜>` (R1 with `<｜tool▁calls｜>`); a missing `<｜tool▁calls▁end｜>` (R1
 * distills stop after one call, and text after the last call is kept as content); a call block
 * with no section around it; fenced or bare JSON arguments.
 */
import type { BlockContext, BlockOutcome, BlockRule, ProblemDraft, RawCall } from "../../format-spec.ts";
import { readJsonArguments } from "./special-arguments.ts";

const CALLS_BEGIN = "<｜tool▁calls▁begin｜>";
const CALLS_END = "<｜tool▁calls▁end｜>";
const CALL_BEGIN = "<｜tool▁call▁begin｜>";
const CALL_END = "<｜tool▁call▁end｜>";
const SEP = "<｜tool▁sep｜>";

/** The same marker with ASCII bars, as ollama's generic DeepSeek tests write it. */
const ascii = (marker: string): string => marker.replace(/｜/g, "|");
/** `▁` replaced by `_` or a space (seen in llama.cpp's accepted variants). */
const spelled = (marker: string, separator: string): string => marker.replace(/▁/g, separator);

const both = (marker: string): string[] => [marker, ascii(marker)];
const variants = (marker: string): string[] => [spelled(marker, "_"), spelled(marker, " ")];

const SECTION_OPENERS = [...both(CALLS_BEGIN), ...both("<｜tool▁calls｜>")];
const SECTION_CLOSERS = [...both(CALLS_END), ...variants(CALLS_END)];
const CALL_CLOSERS = [...both(CALL_END), ...variants(CALL_END), ...SECTION_CLOSERS];

/**
 * The template's tool-result tokens: a model that echoes a tool result wraps it in these (ollama's
 * DeepSeek parsers keep the text between them as content and drop the tokens).
 */
const TOOL_OUTPUT_TOKENS = [
  "<｜tool▁outputs▁begin｜>",
  "<｜tool▁outputs▁end｜>",
  "<｜tool▁output▁begin｜>",
  "<｜tool▁output▁end｜>",
];

/** Tokens dropped from content: a stray section end, the end-of-sentence token, tool-result tokens. */
export const DEEPSEEK_STRIP: readonly string[] = [
  ...both(CALLS_END),
  ...both("<｜end▁of▁sentence｜>"),
  ...TOOL_OUTPUT_TOKENS,
];

/** The block rules of every DeepSeek format (identical, so auto-detection merges them cleanly). */
export const DEEPSEEK_BLOCKS: readonly BlockRule[] = [
  ...SECTION_OPENERS.map((open) => sectionRule(open, true)),
  ...variants(CALLS_BEGIN).map((open) => sectionRule(open, false)),
  ...both(CALL_BEGIN).map(
    (open): BlockRule => ({
      open,
      end: { kind: "close", close: CALL_CLOSERS },
      parse: parseDeepseekCalls,
    }),
  ),
];

function sectionRule(open: string, auto: boolean): BlockRule {
  return { open, end: { kind: "close", close: SECTION_CLOSERS }, auto, parse: parseDeepseekCalls };
}

/** Rewrites every spelling of the DeepSeek tool markers to the canonical fullwidth one. */
export function canonicalMarkers(text: string): string {
  return text.replace(
    /<[|｜]tool[▁_ \\]{1,2}(calls|call|sep)(?:[▁_ \\]{1,2}(begin|end))?[|｜]>/g,
    (_match, kind: string, edge: string | undefined) => `<｜tool▁${kind}${edge ? `▁${edge}` : ""}｜>`,
  );
}

/** A section (or a lone call) body: calls separated by call-end markers, maybe trailing text. */
export function parseDeepseekCalls(body: string, ctx: BlockContext): BlockOutcome {
  const text = canonicalMarkers(body);
  const raw = ctx.open + body + (ctx.close ?? "");
  const segments = text.split(CALL_END);
  const calls: RawCall[] = [];
  const problems: ProblemDraft[] = [];
  let content = "";
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    const trimmed = segment.trim().replace(/^(?:<｜tool▁calls▁begin｜>\s*)?(?:<｜tool▁call▁begin｜>)?/, "");
    const opened = trimmed.length < segment.trim().length;
    if (trimmed.trim().length === 0) continue;
    if (last && !trimmed.includes(SEP) && !opened && index > 0) {
      content = segment;
      continue;
    }
    const read = readCall(trimmed, { truncated: last && ctx.truncated, raw });
    if ("call" in read) calls.push(read.call);
    else problems.push(read.problem);
  }
  return { calls, problems, ...(content.trim().length > 0 ? { content } : {}) };
}

type CallReading = { readonly call: RawCall } | { readonly problem: ProblemDraft };

function readCall(text: string, context: { truncated: boolean; raw: string }): CallReading {
  const sep = text.indexOf(SEP);
  if (sep < 0) {
    const code = context.truncated ? "truncated-call" : "malformed-call";
    return {
      problem: { code, message: `expected NAME${SEP}{arguments} in a DeepSeek call`, raw: context.raw },
    };
  }
  const head = text.slice(0, sep).trim();
  const rest = text.slice(sep + SEP.length);
  let name = head;
  let argumentsText = rest;
  if (head === "function" || head.length === 0) {
    // V3/R1 layout: the call type before the separator, NAME on its own line, fenced JSON after.
    const match = /^\s*([^\s`{]+)([\s\S]*)$/.exec(rest);
    if (!match) {
      const code = context.truncated ? "truncated-call" : "malformed-call";
      return { problem: { code, message: "a DeepSeek call has no tool name", raw: context.raw } };
    }
    name = match[1]!;
    argumentsText = match[2]!;
  }
  const read = readJsonArguments(argumentsText, { ...context, toolName: name });
  return read.ok ? { call: { name, arguments: read.value } } : { problem: read.problem };
}
