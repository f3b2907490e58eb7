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
 * the content); auto-detection still reads it as deepseek_v32. No unprefixed `<tool_calls>`
 * form: that tag is Jamba's / Hunyuan's / MiniMax-M1's. Values, schemas, leniencies and
 * truncation as deepseek_v32 (shared/dsml-invoke.ts).
 *
 * Leniency: invokes written without their block (`<｜DSML｜invoke name="..">`, or `<invoke ..>`
 * with `string=` parameters once a server dropped the `｜DSML｜` token), for declared tools only
 * when auto-detecting (see `bareDsmlInvokeRule`).
 */
import type { FormatSpec } from "../format-spec.ts";
import { bareDsmlInvokeRule, dsmlBlockRule, foreignDsmlBlockRule } from "./shared/dsml-invoke.ts";

export const deepseekV4: FormatSpec = {
  id: "deepseek_v4",
  description:
    '<｜DSML｜tool_calls><｜DSML｜invoke name="..."><｜DSML｜parameter name="..." string="true|false">',
  blocks: [
    dsmlBlockRule("tool_calls"),
    foreignDsmlBlockRule("function_calls"),
    bareDsmlInvokeRule(true, true),
    bareDsmlInvokeRule(false, true),
  ],
  strip: ["<｜end▁of▁sentence｜>"],
};
