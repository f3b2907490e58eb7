/**
 * plamo3 (Preferred Networks' PLaMo 3): the calls in a tag-delimited block, one request per call,
 * the arguments a JSON object:
 *
 *   <|plamo:begin_tool_requests:plamo|><|plamo:begin_tool_request:plamo|>
 *   <|plamo:begin_tool_name:plamo|>get_weather<|plamo:end_tool_name:plamo|>
 *   <|plamo:begin_tool_arguments:plamo|><|plamo:constrain|>json<|plamo:msg|>{"city": "Tokyo"}<|plamo:end_tool_arguments:plamo|>
 *   <|plamo:end_tool_request:plamo|><|plamo:end_tool_requests:plamo|><|plamo:tag|>
 *
 * (without the line breaks). `<|plamo:constrain|>json<|plamo:msg|>` after the arguments tag is
 * optional (earlier templates omit it). `<|plamo:tag|>` ends the turn: text after it is dropped.
 * Reasoning is `<|plamo:begin_think:plamo|>...<|plamo:end_think:plamo|>`, its opener possibly in
 * the prompt.
 *
 * Source: vLLM's `plamo3` tool parser and reasoning parser (plamo3_tool_parser.py,
 * plamo3_reasoning_parser.py; tests/tool_parsers/test_plamo3_tool_parser.py). Leniencies:
 * spaces and line breaks between the tags; a request without its own begin tag; a block whose
 * closing tag is missing at the end of the output when its requests are complete. A request cut
 * off by the end of the output is a truncated call (vLLM drops the whole block).
 */
import type { BlockContext, BlockOutcome, FormatSpec, ProblemDraft, RawCall } from "../format-spec.ts";
import { readJsonArguments } from "./shared/special-arguments.ts";

const TAG = (name: string) => `<|plamo:${name}:plamo|>`;
const REQUESTS_OPEN = TAG("begin_tool_requests");
const REQUESTS_CLOSE = TAG("end_tool_requests");
const REQUEST_OPEN = TAG("begin_tool_request");
const REQUEST_CLOSE = TAG("end_tool_request");
const NAME_OPEN = TAG("begin_tool_name");
const NAME_CLOSE = TAG("end_tool_name");
const ARGS_OPEN = TAG("begin_tool_arguments");
const ARGS_CLOSE = TAG("end_tool_arguments");
const CONSTRAIN = "<|plamo:constrain|>";
const MSG = "<|plamo:msg|>";
const EOT = "<|plamo:tag|>";

function parseRequests(body: string, ctx: BlockContext): BlockOutcome {
  const calls: RawCall[] = [];
  const problems: ProblemDraft[] = [];
  const raw = ctx.open + body + (ctx.close ?? "");
  let stray = "";
  let at = 0;
  for (;;) {
    const start = body.indexOf(NAME_OPEN, at);
    const between = body
      .slice(at, start < 0 ? body.length : start)
      .replaceAll(REQUEST_OPEN, "")
      .replaceAll(REQUEST_CLOSE, "");
    stray += between;
    if (start < 0) break;
    const nameEnd = body.indexOf(NAME_CLOSE, start);
    if (nameEnd < 0) {
      problems.push(cut(ctx, "the output ended inside a tool name", body.slice(start)));
      break;
    }
    const name = body.slice(start + NAME_OPEN.length, nameEnd).trim();
    const argsAt = body.indexOf(ARGS_OPEN, nameEnd);
    const nextName = body.indexOf(NAME_OPEN, nameEnd);
    if (argsAt < 0 || (nextName >= 0 && nextName < argsAt)) {
      const end = nextName < 0 ? body.length : nextName;
      if (ctx.truncated && nextName < 0) {
        problems.push({
          code: "truncated-call",
          message: `the call to ${name} has no arguments yet`,
          raw,
          toolName: name,
        });
        break;
      }
      calls.push({ name, arguments: {} });
      at = end;
      continue;
    }
    let valueStart = argsAt + ARGS_OPEN.length;
    const header = /^\s*<\|plamo:constrain\|>\s*json\s*<\|plamo:msg\|>/.exec(body.slice(valueStart));
    if (header) valueStart += header[0].length;
    const argsEnd = body.indexOf(ARGS_CLOSE, valueStart);
    const truncated = argsEnd < 0 && ctx.truncated;
    const value = body.slice(valueStart, argsEnd < 0 ? body.length : argsEnd);
    const read = readJsonArguments(value, { truncated, raw, toolName: name });
    if (read.ok) calls.push({ name, arguments: read.value });
    else problems.push(read.problem);
    if (argsEnd < 0) break;
    at = argsEnd + ARGS_CLOSE.length;
  }
  const content = stray.replaceAll(CONSTRAIN, "").replaceAll(MSG, "").trim();
  return { calls, problems, ...(content.length > 0 ? { content } : {}) };
}

function cut(ctx: BlockContext, message: string, raw: string): ProblemDraft {
  return { code: ctx.truncated ? "truncated-call" : "malformed-call", message, raw: ctx.open + raw };
}

export const plamo3: FormatSpec = {
  id: "plamo3",
  description:
    "<|plamo:begin_tool_requests:plamo|><|plamo:begin_tool_request:plamo|><|plamo:begin_tool_name:plamo|>NAME<|plamo:end_tool_name:plamo|><|plamo:begin_tool_arguments:plamo|>{...}<|plamo:end_tool_arguments:plamo|>... (PLaMo 3)",
  blocks: [
    {
      open: REQUESTS_OPEN,
      end: { kind: "close", close: [REQUESTS_CLOSE], stopBefore: [EOT] },
      parse: parseRequests,
    },
    {
      // The end of the turn: whatever follows it was never part of the answer.
      open: EOT,
      end: { kind: "close", close: [] },
      parse: () => ({}),
    },
  ],
  reasoning: [{ open: TAG("begin_think"), close: [TAG("end_think")], promptOpened: true }],
  strip: [REQUESTS_CLOSE],
};
