/**
 * lfm2 (Liquid LFM2): a pythonic call list between special tokens,
 *
 *   <|tool_call_start|>[get_weather(city="Paris")]<|tool_call_end|>
 *
 * The opener is shared with lfm2_json (a JSON list between the same tokens): same end rule,
 * and this rule accepts only bodies that start with `[name(` or `name(`. A missing end token at
 * the end of output is tolerated when the calls are complete; text after the list inside the
 * tokens is kept as content. A JSON call list (LFM2 in JSON mode) is read too when no lfm2_json
 * rule claims it.
 */
import type { BlockContext, BlockOutcome, FormatSpec } from "../format-spec.ts";
import { callsFromJsonText } from "./shared/json-calls.ts";
import { looksPythonic, parsePythonicBody } from "./shared/pythonic-calls.ts";

function parseLfm2Body(body: string, ctx: BlockContext): BlockOutcome {
  if (/^\s*[[{]/.test(body) && !looksPythonic(body)) {
    const calls = callsFromJsonText(body);
    if (calls) return { calls };
  }
  return parsePythonicBody(body, ctx);
}

export const lfm2: FormatSpec = {
  id: "lfm2",
  description: '<|tool_call_start|>[fn(a="x")]<|tool_call_end|> (LFM2, pythonic calls)',
  // Before lfm2_json (50): its sniffer takes any `[`, this one only `[name(`.
  priority: 40,
  blocks: [
    {
      open: "<|tool_call_start|>",
      end: { kind: "close", close: ["<|tool_call_end|>"] },
      accepts: looksPythonic,
      parse: parseLfm2Body,
    },
  ],
  strip: ["<|im_end|>", "<|endoftext|>"],
};
