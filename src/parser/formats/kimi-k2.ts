/**
 * kimi_k2 (Kimi-K2-Instruct, Kimi-K2-Thinking):
 *
 *   <|tool_calls_section_begin|><|tool_call_begin|>functions.NAME:IDX<|tool_call_argument_begin|>{...}<|tool_call_end|>...<|tool_calls_section_end|>
 *
 * Whitespace between the tokens is optional. The call header `functions.NAME:IDX` is Kimi's own
 * call id (its template renders it back in the history), so it is kept as the call's id; a
 * header without `:IDX` is not a call (vLLM drops it) and is reported as malformed.
 * Leniencies: the singular `<|tool_call_section_begin|>` spelling vLLM also accepts, a missing
 * section end (the calls that are complete count; an unfinished one is a truncated call), a
 * lone `<|tool_call_begin|>` block without the section, a missing `<|tool_call_end|>` between
 * two calls, a header without the `functions.` namespace, a dropped `<|tool_call_argument_begin|>`
 * between a whole `functions.NAME:IDX` header and its `{..}` (goose's toolshim reads that), and
 * fenced or repaired JSON arguments. Reasoning is `<think>...</think>`; a call
 * section written inside reasoning is promoted to a call, as llama.cpp does for Kimi-K2. Moonshot's
 * earlier thinking models (Kimi-VL-Thinking, Kimi-Dev; sglang's `kimi` reasoning parser) think in
 * `◁think▷...◁/think▷`, which is reasoning too.
 */
import type {
  BlockContext,
  BlockOutcome,
  BlockRule,
  FormatSpec,
  ProblemDraft,
  RawCall,
} from "../format-spec.ts";
import { isCompleteValue } from "../json-loose.ts";
import { readJsonArguments } from "./shared/special-arguments.ts";

const SECTION_OPENERS = ["<|tool_calls_section_begin|>", "<|tool_call_section_begin|>"];
const SECTION_CLOSERS = ["<|tool_calls_section_end|>", "<|tool_call_section_end|>"];
const CALL_BEGIN = "<|tool_call_begin|>";
const CALL_END = "<|tool_call_end|>";
const ARGUMENT_BEGIN = "<|tool_call_argument_begin|>";

const HEADER = /^(?:functions\.)?([\w.\-/]+):(\d+)$/;

function parseSection(body: string, ctx: BlockContext): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  const segments = body.split(CALL_END).flatMap(splitAtNextCall);
  const calls: RawCall[] = [];
  const problems: ProblemDraft[] = [];
  let content = "";
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    const text = segment.trim();
    if (text.length === 0) continue;
    if (last && index > 0 && !text.startsWith(CALL_BEGIN)) {
      content = segment;
      continue;
    }
    let callText = text.replace(CALL_BEGIN, "");
    // A call begin inside a header restarts the call: the fragment before it is malformed.
    const argumentAt = callText.indexOf(ARGUMENT_BEGIN);
    const restart = callText.lastIndexOf(CALL_BEGIN, argumentAt < 0 ? undefined : argumentAt);
    if (restart >= 0) {
      problems.push({
        code: "malformed-call",
        message: `the call header ${JSON.stringify(callText.slice(0, restart).trim())} has no arguments; the call was dropped`,
        raw,
      });
      callText = callText.slice(restart + CALL_BEGIN.length);
    }
    const read = readCall(callText, { truncated: last && ctx.truncated, raw });
    if ("call" in read) calls.push(read.call);
    else problems.push(read.problem);
  }
  return { calls, problems, ...(content.trim().length > 0 ? { content } : {}) };
}

/**
 * A segment whose complete arguments are followed by another `<|tool_call_begin|>` holds two
 * calls, the first without its `<|tool_call_end|>` (Kimi-K2-Thinking drafting calls inside its
 * thinking); the begin inside an argument string is left alone, as the arguments are not complete there.
 */
function splitAtNextCall(segment: string): string[] {
  const argumentAt = segment.indexOf(ARGUMENT_BEGIN);
  if (argumentAt < 0) return [segment];
  const argumentsAt = argumentAt + ARGUMENT_BEGIN.length;
  for (
    let next = segment.indexOf(CALL_BEGIN, argumentsAt);
    next >= 0;
    next = segment.indexOf(CALL_BEGIN, next + 1)
  ) {
    if (isClosedObject(segment.slice(argumentsAt, next))) {
      return [segment.slice(0, next), ...splitAtNextCall(segment.slice(next))];
    }
  }
  return [segment];
}

/** `{...}` whose braces balance exactly at its end, strings skipped. */
function isClosedObject(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.startsWith("{") && isCompleteValue(trimmed);
}

type CallReading = { readonly call: RawCall } | { readonly problem: ProblemDraft };

/**
 * The call header and the text of its arguments: after `<|tool_call_argument_begin|>`, or right
 * after a whole `functions.NAME:IDX` header when the model dropped that token (`..:1 {"a": 1}`).
 */
function splitCall(text: string): { header: string; args: string } | undefined {
  const at = text.indexOf(ARGUMENT_BEGIN);
  if (at >= 0) return { header: text.slice(0, at).trim(), args: text.slice(at + ARGUMENT_BEGIN.length) };
  const bare = /^\s*(\S+)\s*(?=\{)/.exec(text);
  return bare && HEADER.test(bare[1]!) ? { header: bare[1]!, args: text.slice(bare[0].length) } : undefined;
}

function readCall(text: string, context: { truncated: boolean; raw: string }): CallReading {
  const split = splitCall(text);
  if (!split) {
    const code = context.truncated ? "truncated-call" : "malformed-call";
    return {
      problem: { code, message: `expected functions.NAME:IDX${ARGUMENT_BEGIN}{...}`, raw: context.raw },
    };
  }
  const header = split.header;
  const match = HEADER.exec(header);
  if (!match) {
    return {
      problem: {
        code: "malformed-call",
        message: `the call id ${JSON.stringify(header)} is not functions.NAME:IDX; the call was dropped`,
        raw: context.raw,
        toolName: header.replace(/^functions\./, ""),
      },
    };
  }
  const name = match[1]!;
  const read = readJsonArguments(split.args, {
    ...context,
    toolName: name,
  });
  if (!read.ok) return { problem: read.problem };
  return {
    call: {
      name,
      arguments: read.value,
      id: header.startsWith("functions.") ? header : `functions.${header}`,
    },
  };
}

/**
 * A closer inside the JSON string of an unfinished argument object (`{"text": "... <|tool_calls_section_end|> ..."`)
 * is part of the argument, not the end of the section.
 */
function insideArgumentString(body: string): boolean {
  const start = body.lastIndexOf(ARGUMENT_BEGIN);
  if (start < 0 || body.indexOf(CALL_END, start) >= 0) return false;
  let inString = false;
  for (let i = start + ARGUMENT_BEGIN.length; i < body.length; i++) {
    const ch = body[i];
    if (inString && ch === "\\") i++;
    else if (ch === '"') inString = !inString;
  }
  return inString;
}

const sectionRule = (open: string): BlockRule => ({
  open,
  end: { kind: "close", close: SECTION_CLOSERS, literalClose: (body) => insideArgumentString(body) },
  parse: parseSection,
});

export const kimiK2: FormatSpec = {
  id: "kimi_k2",
  description:
    "<|tool_calls_section_begin|><|tool_call_begin|>functions.NAME:IDX<|tool_call_argument_begin|>{...}<|tool_call_end|><|tool_calls_section_end|> (Kimi-K2)",
  priority: 40,
  blocks: [
    ...SECTION_OPENERS.map(sectionRule),
    { open: CALL_BEGIN, end: { kind: "close", close: [CALL_END, ...SECTION_CLOSERS] }, parse: parseSection },
  ],
  reasoning: [{ open: "◁think▷", close: ["◁/think▷"] }],
  // Stray call tokens outside a call are dropped from content too (sglang strips all five Kimi
  // tokens from the text it returns).
  strip: [...SECTION_CLOSERS, CALL_END, ARGUMENT_BEGIN, "<|im_end|>"],
  reasoningCalls: "promote",
};
