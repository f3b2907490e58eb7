/**
 * hy_v3 (Tencent Hy3):
 *
 *   <tool_calls>
 *   <tool_call>get_weather<tool_sep>
 *   <arg_key>city</arg_key>
 *   <arg_value>Beijing</arg_value>
 *   </tool_call>
 *   </tool_calls>
 *
 * Newlines optional; a zero-argument call is `<tool_call>NAME<tool_sep></tool_call>`. Values are
 * typed by the tool's schema and stay strings without one (vLLM's HYV3 parser).
 *
 * `<tool_calls>` is shared with jamba, hunyuan_a13b and minimax_m1 (JSON bodies): in auto mode
 * this format claims it only when the body starts with `<tool_call>`. Leniencies: a missing
 * `<tool_sep>`, a missing `</tool_call>` before `</tool_calls>`, a missing `</tool_calls>` at the
 * end of the output when every call closed, `<tool_call>NAME<tool_sep>...</tool_call>` without the
 * `<tool_calls>` wrapper, and a JSON call list as the body. A call cut off by the end of the
 * output is a truncated call; the calls before it are kept.
 */
import type { BlockContext, BlockOutcome, FormatSpec, ProblemDraft, RawCall } from "../format-spec.ts";
import { glmToolCallRule, readGlmCall } from "./shared/glm-tool-call.ts";
import { parseJsonCallsBody } from "./shared/tagged-json.ts";

const CALL_OPEN = "<tool_call>";
const CALL_CLOSE = "</tool_call>";

function parseToolCalls(body: string, ctx: BlockContext): BlockOutcome {
  if (/^\s*[[{]/.test(body)) return parseJsonCallsBody(body, ctx);
  const calls: RawCall[] = [];
  const problems: ProblemDraft[] = [];
  const stray: string[] = [];
  let at = 0;
  for (;;) {
    const start = body.indexOf(CALL_OPEN, at);
    stray.push(body.slice(at, start < 0 ? body.length : start));
    if (start < 0) break;
    const close = body.indexOf(CALL_CLOSE, start);
    const unitEnd = close < 0 ? body.length : close;
    const unit = body.slice(start + CALL_OPEN.length, unitEnd);
    const raw = body.slice(start, close < 0 ? body.length : close + CALL_CLOSE.length);
    if (close < 0 && ctx.truncated) {
      problems.push({ code: "truncated-call", message: "the output ended inside a call", raw });
      break;
    }
    const read = readGlmCall(unit, ctx.tools, "string");
    if (read.ok) calls.push(read.call);
    else problems.push({ code: "malformed-call", message: read.message, raw });
    if (close < 0) break;
    at = close + CALL_CLOSE.length;
  }
  const content = stray.join("").trim();
  if (calls.length === 0 && problems.length === 0) {
    const raw = ctx.open + body + (ctx.close ?? "");
    const code = ctx.truncated ? "truncated-call" : "malformed-call";
    return { problems: [{ code, message: `${ctx.open} holds no ${CALL_OPEN}`, raw }] };
  }
  return { calls, problems, ...(content.length > 0 ? { content } : {}) };
}

export const hyV3: FormatSpec = {
  id: "hy_v3",
  description:
    "<tool_calls><tool_call>NAME<tool_sep><arg_key>K</arg_key><arg_value>V</arg_value></tool_call></tool_calls> (Tencent Hy3)",
  blocks: [
    {
      open: "<tool_calls>",
      end: { kind: "close", close: ["</tool_calls>"] },
      accepts: (body) => /^\s*<tool_call>/.test(body),
      parse: parseToolCalls,
    },
    {
      ...glmToolCallRule("string"),
      accepts: (body) => /^\s*[A-Za-z_][\w.:-]*\s*<tool_sep>/.test(body),
    },
  ],
};
