/**
 * glm4_moe (GLM-4.5 / GLM-4.6):
 *
 *   <tool_call>get_weather
 *   <arg_key>city</arg_key>
 *   <arg_value>Beijing</arg_value>
 *   </tool_call>
 *
 * One call per `<tool_call>` block, several blocks allowed, text around them is content. Values
 * are typed by the tool's schema; without one they are typed from their text (`30`, `true`,
 * `[1, 2]`), as llama.cpp's and vLLM's GLM parsers do. Reasoning in `<think>...</think>`.
 *
 * Leniencies: any whitespace (or none) between name and pairs, a missing last `</arg_value>`,
 * JSON arguments after the name, a hermes JSON call object as the body. A block cut off by the end
 * of the output is a truncated call, never a guess. In auto mode the block wins `<tool_call>` only
 * when its body starts with a bare name (never a JSON body: that is hermes), and not when the
 * name runs straight into `<arg_key>`: GLM-4.6's template puts a newline there and GLM-4.7's
 * does not, so such a body is read as glm47 (whose untyped values stay strings).
 *
 * vLLM's GLM-4.5 tool-only mode prefills `<tool_call>` in the prompt, so the output starts with
 * `NAME\n<arg_key>..` and ends the call with `</tool_call>` (glm4_tool_only_parser.py): a declared
 * tool's name followed by a newline and `<arg_key>` opens such a call (GLM syntax only, so when
 * auto-detecting too).
 *
 * inclusionAI's Ling 3.0 / Bailing V3 writes the same blocks; its end-of-turn token
 * `<|role_end|>`, when decoded as text, is dropped from content like GLM's `<|observation|>`.
 */
import type { BlockRule, FormatSpec } from "../format-spec.ts";
import type { ToolIndex } from "../tool-index.ts";
import { glmToolCallRule, isGlmCallBody, parseGlmBlock } from "./shared/glm-tool-call.ts";

/** A name written straight before its first `<arg_key>`, GLM-4.7's layout. */
const NAME_THEN_KEY = /^\s*[^\s<>{}[\]"'\\]+<arg_key>/;

const TAGGED: BlockRule = {
  ...glmToolCallRule("infer", true),
  accepts: (body: string) => isGlmCallBody(body) && !NAME_THEN_KEY.test(body),
};

/** A call whose `<tool_call>` the prompt prefilled: `NAME\n<arg_key>..</tool_call>`, for a declared NAME. */
function prefilledRule(name: string): BlockRule {
  const open = `${name}\n<arg_key>`;
  return {
    open,
    end: { kind: "close", close: ["</tool_call>"] },
    parse: (body, ctx) => parseGlmBlock(open + body, { ...ctx, open: "<tool_call>" }, "infer"),
  };
}

function glm4MoeBlocks(tools: ToolIndex): readonly BlockRule[] {
  if (!tools.declared) return [TAGGED];
  return [TAGGED, ...tools.names.filter((name) => /^[A-Za-z_][\w.-]*$/.test(name)).map(prefilledRule)];
}

export const glm4Moe: FormatSpec = {
  id: "glm4_moe",
  description: "<tool_call>NAME\\n<arg_key>K</arg_key>\\n<arg_value>V</arg_value></tool_call> (GLM-4.5/4.6)",
  blocks: glm4MoeBlocks,
  strip: ["<|observation|>", "<|role_end|>"],
};
