/**
 * minimax_m2 (MiniMax-M2):
 *
 *   <minimax:tool_call>
 *   <invoke name="get_weather">
 *   <parameter name="city">Seattle</parameter>
 *   </invoke>
 *   </minimax:tool_call>
 *
 * Several invokes per block. Values are typed by the tool's schema (anyOf/nullable included:
 * `null` becomes null where the schema allows it, JSON text an object where it asks for one) and
 * stay strings without one (vLLM's MiniMax-M2 parser). Reasoning in `<think>...</think>`.
 *
 * Leniencies: those of shared/glm-invoke.ts, a missing `</minimax:tool_call>` at the end of the
 * output when every invoke closed, and (format given only) bare `<invoke name=...>` blocks
 * without the wrapper. Text inside the block outside the invokes stays content.
 */
import type { BlockContext, BlockOutcome, FormatSpec } from "../format-spec.ts";
import { readInvokes } from "./shared/glm-invoke.ts";

const TAGS = { prefix: "", untyped: "string" } as const;

function parseBlock(body: string, ctx: BlockContext): BlockOutcome {
  const { calls, problems, stray } = readInvokes(body, ctx, TAGS);
  if (calls.length === 0 && problems.length === 0) {
    const raw = ctx.open + body + (ctx.close ?? "");
    const code = ctx.truncated ? "truncated-call" : "malformed-call";
    return { problems: [{ code, message: `${ctx.open} holds no <invoke>`, raw }] };
  }
  const content = stray.trim();
  return { calls, problems, ...(content.length > 0 ? { content } : {}) };
}

export const minimaxM2: FormatSpec = {
  id: "minimax_m2",
  description:
    '<minimax:tool_call><invoke name="NAME"><parameter name="K">V</parameter></invoke></minimax:tool_call> (MiniMax-M2)',
  blocks: [
    {
      open: "<minimax:tool_call>",
      end: { kind: "close", close: ["</minimax:tool_call>"] },
      parse: parseBlock,
    },
    {
      open: "<invoke name=",
      end: { kind: "close", close: ["</invoke>"] },
      auto: false,
      parse: (body, ctx) => {
        const whole = `<invoke name=${body}${ctx.close ?? ""}`;
        return parseBlock(whole, { ...ctx, open: "", close: null });
      },
    },
  ],
};
