/**
 * step3 (StepFun Step-3):
 *
 *   <｜tool_calls_begin｜><｜tool_call_begin｜>function<｜tool_sep｜><steptml:invoke name="get_weather">
 *   <steptml:parameter name="city">Tokyo</steptml:parameter></steptml:invoke><｜tool_call_end｜>
 *   <｜tool_calls_end｜>
 *
 * Fullwidth bars (U+FF5C), ASCII underscores. The `function<｜tool_sep｜>` type prefix is optional
 * (vLLM's tests omit it). Values are raw text typed by the tool's schema, strings without one.
 *
 * Leniencies: those of shared/glm-invoke.ts, missing per-call markers, a missing
 * `<｜tool_calls_end｜>` at the end of the output when every invoke closed. Text inside the block
 * outside the invokes and markers stays content.
 */
import type { BlockContext, BlockOutcome, FormatSpec } from "../format-spec.ts";
import { readInvokes } from "./shared/glm-invoke.ts";

const TAGS = { prefix: "steptml:", untyped: "string" } as const;
const CALL_MARKERS = /<｜tool_call_begin｜>|<｜tool_call_end｜>|(?:function)?<｜tool_sep｜>/g;

function parseBlock(body: string, ctx: BlockContext): BlockOutcome {
  const { calls, problems, stray } = readInvokes(body, ctx, TAGS);
  if (calls.length === 0 && problems.length === 0) {
    const raw = ctx.open + body + (ctx.close ?? "");
    const code = ctx.truncated ? "truncated-call" : "malformed-call";
    return { problems: [{ code, message: `${ctx.open} holds no <steptml:invoke>`, raw }] };
  }
  const content = stray.replace(CALL_MARKERS, "").trim();
  return { calls, problems, ...(content.length > 0 ? { content } : {}) };
}

export const step3: FormatSpec = {
  id: "step3",
  description:
    '<｜tool_calls_begin｜><｜tool_call_begin｜><steptml:invoke name="NAME"><steptml:parameter name="K">V</steptml:parameter></steptml:invoke><｜tool_call_end｜><｜tool_calls_end｜> (Step-3)',
  blocks: [
    {
      open: "<｜tool_calls_begin｜>",
      end: { kind: "close", close: ["<｜tool_calls_end｜>"] },
      parse: parseBlock,
    },
  ],
};
