/**
 * functionary_v3_1 (MeetKai functionary v3.1, Llama 3.1 based): `<function=NAME>{json}</function>`,
 * several in a row, text around them kept as content; the built-in code interpreter is
 * `<|python_tag|>` followed by raw code, read as a call to `python` with `{"code": ...}`.
 *
 * `<function=` is shared with hermes (given only there) and qwen3_coder
 * (`<function=NAME>\n<parameter=...`): when auto-detecting, this rule claims only bodies whose
 * arguments after `NAME>` start with `{`, and ends at `</function>` like the others.
 * Leniencies: a missing `</function>` at the end of output (also cut inside it, `{...}</fun`),
 * a quoted name, the usual JSON repairs; unfinished JSON at the end of output is a truncated call.
 * `<|python_tag|>` is llama3_builtin's marker too, so it counts only with the format given.
 */
import type { BlockContext, BlockOutcome, BlockRule, FormatSpec } from "../format-spec.ts";
import { dropPartialMarker, readJsonArguments } from "./shared/special-arguments.ts";

const CLOSE = "</function>";
const HEAD = /^\s*"?([\w.-]+)"?\s*>([\s\S]*)$/;

function parseFunctionTag(body: string, ctx: BlockContext): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  const match = HEAD.exec(body);
  if (!match || (ctx.auto && !/^\s*\{/.test(match[2]!))) {
    if (ctx.auto) return { reject: true };
    const code = ctx.truncated ? "truncated-call" : "malformed-call";
    return { problems: [{ code, message: "expected <function=NAME>{arguments}</function>", raw }] };
  }
  const name = match[1]!;
  const argumentsText = ctx.truncated ? dropPartialMarker(match[2]!.trimEnd(), CLOSE) : match[2]!;
  const read = readJsonArguments(argumentsText, { truncated: ctx.truncated, raw, toolName: name });
  return read.ok ? { calls: [{ name, arguments: read.value }] } : { problems: [read.problem] };
}

export const FUNCTION_TAG_RULE: BlockRule = {
  open: "<function=",
  end: { kind: "close", close: [CLOSE] },
  accepts: (body) => /^\s*"?[\w.-]+"?\s*>\s*\{/.test(body),
  parse: parseFunctionTag,
};

const PYTHON_TAG_RULE: BlockRule = {
  open: "<|python_tag|>",
  end: { kind: "close", close: ["<|eom_id|>", "<|eot_id|>"] },
  auto: false,
  parse: (body) =>
    body.trim().length === 0 ? {} : { calls: [{ name: "python", arguments: { code: body.trim() } }] },
};

export const functionaryV31: FormatSpec = {
  id: "functionary_v3_1",
  description: "<function=NAME>{...}</function>, <|python_tag|>code (functionary v3.1)",
  priority: 50,
  blocks: [FUNCTION_TAG_RULE, PYTHON_TAG_RULE],
  strip: ["<|eot_id|>", "<|eom_id|>"],
};
