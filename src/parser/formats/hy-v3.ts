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
 * `<tool_calls>` wrapper (also ended by `<end_of_tool_call>`, Hy3's template), and a JSON call
 * list as the body. A call cut off by the end of the
 * output is a truncated call; the calls before it are kept.
 */
import type { BlockContext, BlockOutcome, FormatSpec } from "../format-spec.ts";
import { parseCallUnits } from "./shared/call-units.ts";
import { glmToolCallRule, readGlmCall } from "./shared/glm-tool-call.ts";
import { parseJsonCallsBody } from "./shared/tagged-json.ts";

const CALL_OPEN = "<tool_call>";
const CALL_CLOSE = "</tool_call>";

function parseToolCalls(body: string, ctx: BlockContext): BlockOutcome {
  if (/^\s*[[{]/.test(body)) return parseJsonCallsBody(body, ctx);
  return parseCallUnits(body, ctx, { open: CALL_OPEN, close: CALL_CLOSE }, (unit, raw) => {
    const read = readGlmCall(unit, ctx.tools, "string");
    return read.ok
      ? { calls: [read.call] }
      : { problems: [{ code: "malformed-call", message: read.message, raw }] };
  });
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
      // Hy3's chat template (and sglang's hunyuan detector) may end a call with
      // `<end_of_tool_call>` instead of `</tool_call>`.
      end: { kind: "close", close: [CALL_CLOSE, "<end_of_tool_call>"] },
      accepts: (body) => /^\s*[A-Za-z_][\w.:-]*\s*<tool_sep>/.test(body),
    },
  ],
};
