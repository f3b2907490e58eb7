/**
 * gigachat35 (GigaChat 3.5): DeepSeek's DSML markup under GigaChat's own `｜GCML｜` prefix:
 *
 *   <｜GCML｜tool_calls><｜GCML｜invoke name="get_weather">
 *   <｜GCML｜parameter name="city" string="true">Tokyo</｜GCML｜parameter>
 *   </｜GCML｜invoke></｜GCML｜tool_calls>
 *
 * Several invokes per block; `string="true"` (the default) values are raw text, `string="false"`
 * ones JSON, both typed by the tool's schema where it declares one (the DSML reader of
 * deepseek_v32 / deepseek_v4, with its leniencies and truncation rule). Text before the block is
 * content; a trailing `</s>` is dropped.
 *
 * Source: vLLM's `gigachat35` parser (gigachat35_tool_parser.py, test
 * tests/tool_parsers/test_gigachat35_tool_parser.py) and sglang's `gigachat35` detector. GigaChat
 * 3 / 3.1 write JSON calls instead (format gigachat3).
 */
import type { FormatSpec } from "../format-spec.ts";
import { DSML, parseDsmlBlock } from "./shared/dsml-invoke.ts";
import { endOfSequenceRule } from "./shared/end-of-sequence.ts";

const GCML = "｜GCML｜";

/** The GCML tags spelled as the DSML reader knows them. */
function asDsml(text: string): string {
  return text.replaceAll(`<${GCML}`, `<${DSML}`).replaceAll(`</${GCML}`, `</${DSML}`);
}

export const gigachat35: FormatSpec = {
  id: "gigachat35",
  description:
    '<｜GCML｜tool_calls><｜GCML｜invoke name="NAME"><｜GCML｜parameter name="K" string="true|false">V</｜GCML｜parameter></｜GCML｜invoke></｜GCML｜tool_calls> (GigaChat 3.5)',
  blocks: [
    {
      open: `<${GCML}tool_calls>`,
      end: { kind: "close", close: [`</${GCML}tool_calls>`] },
      parse: (body, ctx) => parseDsmlBlock(asDsml(body), ctx),
    },
    endOfSequenceRule,
  ],
};
