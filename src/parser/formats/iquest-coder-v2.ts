/**
 * iquest_coder_v2 (IQuest-Coder V2): GLM-4.7's name-and-pairs call inside IQuest's own special
 * tokens, one block per call:
 *
 *   <iquestcoder_tool_call>get_weather<arg_key>city</arg_key><arg_value>Dallas</arg_value></iquestcoder_tool_call>
 *
 * Source: vLLM's `iquest_coder_v2` parser (iquest_coder_v2_tool_parser.py, test
 * tests/tool_parsers/test_iquest_coder_v2_tool_parser.py). Newlines between the name and the tags
 * are allowed. A string-typed parameter keeps its text; other values are typed by the schema, and
 * without one they are JSON-decoded when they read as JSON (vLLM decodes every value not declared
 * a string). IQuest-Coder V1 writes Qwen3-Coder's XML (format qwen3_coder).
 *
 * IQuest-Q1 writes the same call in `<iquest_tool_call>` tags (sglang's `iquest_q1` detector,
 * test/registered/unit/function_call/test_iquest_q1_detector.py); its `<|iquest_end|>` stop
 * token is kept as text, as there.
 *
 * Leniencies (shared GLM readers): a last `<arg_value>` missing its `</arg_value>` runs to the
 * block's end (vLLM drops such a call), JSON arguments after the name. A block cut off by the end
 * of the output is a truncated call.
 */
import type { FormatSpec } from "../format-spec.ts";
import { isGlmCallBody, parseGlmBlock } from "./shared/glm-tool-call.ts";

export const iquestCoderV2: FormatSpec = {
  id: "iquest_coder_v2",
  description:
    "<iquestcoder_tool_call>NAME<arg_key>K</arg_key><arg_value>V</arg_value></iquestcoder_tool_call> (IQuest-Coder V2)",
  blocks: [
    {
      open: "<iquestcoder_tool_call>",
      end: { kind: "close", close: ["</iquestcoder_tool_call>"] },
      accepts: isGlmCallBody,
      parse: (body, ctx) => parseGlmBlock(body, ctx, "infer"),
    },
    {
      open: "<iquest_tool_call>",
      end: { kind: "close", close: ["</iquest_tool_call>"] },
      accepts: isGlmCallBody,
      parse: (body, ctx) => parseGlmBlock(body, ctx, "infer"),
    },
  ],
};
