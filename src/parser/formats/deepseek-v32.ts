/**
 * deepseek_v32 (DeepSeek-V3.2 "DSML"):
 *
 *   <｜DSML｜function_calls>
 *   <｜DSML｜invoke name="get_weather">
 *   <｜DSML｜parameter name="location" string="true">Paris</｜DSML｜parameter>
 *   <｜DSML｜parameter name="days" string="false">3</｜DSML｜parameter>
 *   </｜DSML｜invoke>
 *   </｜DSML｜function_calls>
 *
 * (fullwidth `｜`, U+FF5C). `string="true"` values are raw strings, `string="false"` JSON
 * values; a declared schema types both (anyOf/oneOf/type lists; 5.0 for a number is 5), and a
 * lone undeclared `arguments`/`input` parameter wrapping the real arguments is unwrapped.
 * Reasoning is `<think>...</think>` (the opener may be in the prompt).
 * Leniencies (sglang's): tags without the `｜DSML｜` prefix, also as a whole block
 * (`<function_calls><invoke name="..">`), a JSON object as the invoke body, a missing `string`
 * attribute (raw string), missing closing tags when the rest is complete; invokes written
 * without their block, as deepseek_v4 (auto-detection reads those as deepseek_v4). See
 * shared/dsml-invoke.ts for truncation.
 */
import type { FormatSpec } from "../format-spec.ts";
import {
  bareDsmlInvokeRule,
  dsmlBlockRule,
  foreignDsmlBlockRule,
  plainDsmlBlockRule,
} from "./shared/dsml-invoke.ts";

export const deepseekV32: FormatSpec = {
  id: "deepseek_v32",
  description:
    '<｜DSML｜function_calls><｜DSML｜invoke name="..."><｜DSML｜parameter name="..." string="true|false">',
  // Only `<function_calls>` is shared (olmo3): both sniff the body; olmo3 stays the fallback.
  priority: 110,
  blocks: [
    dsmlBlockRule("function_calls"),
    plainDsmlBlockRule("function_calls"),
    foreignDsmlBlockRule("tool_calls"),
    bareDsmlInvokeRule(true, false),
    bareDsmlInvokeRule(false, false),
  ],
  strip: ["<｜end▁of▁sentence｜>"],
};
