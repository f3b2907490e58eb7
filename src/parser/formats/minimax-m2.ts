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
 * output when every invoke closed, and bare `<invoke name=...>` blocks without the wrapper (when
 * auto-detecting only for declared tools, and not when a parameter carries DeepSeek's `string=`
 * attribute: deepseek_v4's; a left-over `</minimax:tool_call>` is dropped). Text
 * inside the block outside the invokes stays content.
 */
import type { BlockContext, BlockOutcome, DecideContext, FormatSpec } from "../format-spec.ts";
import { hasStringMarkedParameter } from "./shared/dsml-invoke.ts";
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

const NAME_ATTRIBUTE = /^\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))\s*>/;

/**
 * A bare `<invoke name=...>` (the wrapper's opener forgotten): with the format given, any name;
 * when auto-detecting, only a declared tool's name.
 */
function decideBareInvoke(head: string, final: boolean, ctx: DecideContext): "reject" | undefined {
  if (!ctx.auto) return undefined;
  const name = NAME_ATTRIBUTE.exec(head);
  if (!name) return final || head.includes(">") ? "reject" : undefined;
  const value = name[1] ?? name[2] ?? name[3] ?? "";
  return ctx.tools.declared && ctx.tools.resolve(value) !== undefined ? undefined : "reject";
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
      decide: decideBareInvoke,
      // `<parameter name=.. string="true">`: DeepSeek's DSML with its `｜DSML｜` token dropped.
      accepts: (body) => !hasStringMarkedParameter(body),
      parse: (body, ctx) => {
        const whole = `<invoke name=${body}${ctx.close ?? ""}`;
        return parseBlock(whole, { ...ctx, open: "", close: null });
      },
    },
  ],
  // An orphan closer (its block's opener forgotten, the invokes read as bare ones) is not text.
  strip: ["</minimax:tool_call>"],
};
