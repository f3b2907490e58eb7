/**
 * deepseek_v4 (DeepSeek-V4): the DSML of deepseek_v32 in a `tool_calls` block:
 *
 *   <｜DSML｜tool_calls>
 *   <｜DSML｜invoke name="search">
 *   <｜DSML｜parameter name="query" string="true">deepseek v4</｜DSML｜parameter>
 *   </｜DSML｜invoke>
 *   </｜DSML｜tool_calls>
 *
 * A V3.2 `<｜DSML｜function_calls>` block is not a call for V4 (vLLM's V4 parser leaves it in
 * the content); auto-detection still reads it as deepseek_v32. The unprefixed `<tool_calls>`
 * (the `｜DSML｜` token dropped by a server, or the shape imitated by another model: GigaChat 3
 * Ultra) is read only when its body starts with an invoke, and when auto-detecting only when it is
 * closed and that invoke names a declared tool (as for bare invokes): the tag is also Jamba's / Hunyuan's /
 * MiniMax-M1's (JSON bodies) and Hy3's (`<tool_call>` children). Values, schemas, leniencies and
 * truncation as deepseek_v32 (shared/dsml-invoke.ts).
 *
 * Leniency: invokes written without their block (`<｜DSML｜invoke name="..">`, or `<invoke ..>`
 * with `string=` parameters once a server dropped the `｜DSML｜` token), for declared tools only
 * when auto-detecting (see `bareDsmlInvokeRule`). An element left unclosed ends where the next
 * tag opens (OpenHands' DeepSeek-V4 captures). The prefix written with ASCII bars
 * (`<|DSML|tool_calls>`) is not the token: TensorRT-LLM treats it as malformed, and the block
 * tags stay text (their `<invoke>`s are still read as bare ones).
 *
 * DeepSeek-V4.1 writes each tag name after a space and names the block `calls`
 * (`<｜DSML｜ calls>`, `<｜DSML｜ invoke name="..">`, `<｜DSML｜ parameter ..>`; sglang's
 * `deepseekv41` detector): read the same way.
 */
import type { BlockRule, FormatSpec } from "../format-spec.ts";
import type { ToolIndex } from "../tool-index.ts";
import {
  bareDsmlInvokeRule,
  DSML,
  dsmlBlockRule,
  foreignDsmlBlockRule,
  parseDsmlBlock,
  plainDsmlBlockRule,
} from "./shared/dsml-invoke.ts";

export const deepseekV4: FormatSpec = {
  id: "deepseek_v4",
  description:
    '<｜DSML｜tool_calls><｜DSML｜invoke name="..."><｜DSML｜parameter name="..." string="true|false">',
  blocks: [
    dsmlBlockRule("tool_calls"),
    spacedCallsRule(),
    plainToolCallsRule(),
    foreignDsmlBlockRule("function_calls"),
    bareDsmlInvokeRule(true, true),
    bareDsmlInvokeRule(false, true),
  ],
  strip: ["<｜end▁of▁sentence｜>"],
};

/** The first invoke's opener in a plain block (the `｜DSML｜` prefix absent from the block tag). */
const INVOKE_OPENERS = ["<｜DSML｜invoke name=", "<|DSML|invoke name=", "<invoke name="];

/**
 * `<tool_calls>` around invokes. A head that cannot open an invoke (a damaged
 * `<｜DSML｜tool_calls<tool_calls>` wrapper before the real block) gives the opener up; a wrapper
 * never closed keeps its opener as text while its invokes are read. When auto-detecting, the block
 * must be closed and its first invoke must name a declared tool (as for bare invokes).
 */
function plainToolCallsRule(): BlockRule {
  const base = plainDsmlBlockRule("tool_calls");
  return {
    ...base,
    decide: decidePlainToolCalls,
    parse: (body, ctx) => {
      if (ctx.auto && (ctx.close === null || !namesDeclaredTool(body, ctx.tools))) return { reject: true };
      const outcome = base.parse(body, ctx);
      return ctx.close === null ? { ...outcome, content: ctx.open + (outcome.content ?? "") } : outcome;
    },
  };
}

function decidePlainToolCalls(head: string): "reject" | undefined {
  const text = head.trimStart();
  if (INVOKE_OPENERS.some((opener) => text.startsWith(opener))) return undefined;
  const partial = INVOKE_OPENERS.some((opener) => opener.startsWith(text));
  return partial && head.length <= 256 ? undefined : "reject";
}

function namesDeclaredTool(body: string, tools: ToolIndex): boolean {
  const name = /^\s*<(?:｜DSML｜|\|DSML\|)?invoke\s+name\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(body);
  return name !== null && tools.declared && tools.resolve(name[1] ?? name[2] ?? "") !== undefined;
}

/** `<｜DSML｜ calls>` (DeepSeek-V4.1): the spaced tag names read as V4's. */
function spacedCallsRule(): BlockRule {
  return {
    open: `<${DSML} calls>`,
    end: { kind: "close", close: [`</${DSML} calls>`] },
    parse: (body, ctx) => parseDsmlBlock(unspaceTags(body), ctx),
  };
}

/** `<｜DSML｜ invoke ..>` → `<｜DSML｜invoke ..>` (and the parameter and closing tags). */
export function unspaceTags(text: string): string {
  return text.replace(/<(\/?)｜DSML｜ (?=invoke\b|parameter\b|calls>)/g, "<$1｜DSML｜");
}
