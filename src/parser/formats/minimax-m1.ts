/**
 * minimax_m1 (MiniMax-M1, vLLM's `minimax` parser): one single-line JSON call per line,
 *
 *   <tool_calls>
 *   {"name": "get_weather", "arguments": {"city": "Dallas"}}
 *   {"name": "get_time", "arguments": {"timezone": "CST"}}
 *   </tool_calls>
 *
 * A line that is not a complete call object (invalid JSON, no name, no arguments, or an object
 * spread over several lines, which vLLM does not read either) is reported and skipped; the other
 * lines still count. Blocks inside `<think>` are reasoning (reported, not run, when calls follow).
 * `<tool_calls>` is shared with jamba, hunyuan_a13b and hy_v3: when auto-detecting this format
 * claims the block when its body starts with an object. Leniencies: the shared JSON repairs per
 * line, a missing `</tool_calls>` at the end of the output (a cut-off last line is truncated).
 */
import type { BlockContext, BlockOutcome, FormatSpec, ProblemDraft, RawCall } from "../format-spec.ts";
import { firstNonSpace, parseJsonLoose, ValueScanner } from "../json-loose.ts";
import { blockRaw, preview, truncatedProblem } from "./shared/json-call-list.ts";
import { callFromObject, hasCallShape } from "./shared/json-calls.ts";

function parseCallLines(body: string, ctx: BlockContext): BlockOutcome {
  const raw = blockRaw(body, ctx);
  const calls: RawCall[] = [];
  const problems: ProblemDraft[] = [];
  for (let at = firstNonSpace(body); at >= 0; at = firstNonSpace(body, at)) {
    if (body[at] !== "{") {
      const lineEnd = body.indexOf("\n", at);
      const stop = lineEnd < 0 ? body.length : lineEnd;
      problems.push(skipped(body.slice(at, stop), "is not a call object"));
      at = stop;
      continue;
    }
    const end = new ValueScanner().scan(body, at, body.length);
    if (end < 0) {
      const rest = body.slice(at);
      problems.push(
        ctx.truncated
          ? truncatedProblem(raw, "the output ended inside a call")
          : skipped(rest, "never closes"),
      );
      break;
    }
    const text = body.slice(at, end);
    at = end;
    if (text.includes("\n")) {
      problems.push(skipped(text, "is spread over several lines (MiniMax-M1 writes one call per line)"));
      continue;
    }
    const parsed = parseJsonLoose(text);
    const call = parsed.ok && hasCallShape(parsed.value) ? callFromObject(parsed.value) : null;
    if (call) calls.push(call);
    else problems.push(skipped(text, 'is not a {"name": ..., "arguments": {...}} object'));
  }
  if (calls.length === 0 && problems.length === 0) {
    return { problems: [{ code: "malformed-call", message: "<tool_calls> block is empty", raw }] };
  }
  return { calls, problems };
}

function skipped(text: string, what: string): ProblemDraft {
  return {
    code: "malformed-call",
    message: `the <tool_calls> entry ${preview(text)} ${what}; skipped`,
    raw: text,
  };
}

export const minimaxM1: FormatSpec = {
  id: "minimax_m1",
  description: '<tool_calls>\\n{"name": ..., "arguments": {...}} one per line\\n</tool_calls> (MiniMax-M1)',
  priority: 52,
  blocks: [
    {
      open: "<tool_calls>",
      end: { kind: "close", close: ["</tool_calls>"] },
      accepts: (body) => /^\s*\{/.test(body),
      parse: parseCallLines,
    },
  ],
};
