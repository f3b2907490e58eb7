/**
 * llama4_pythonic (Llama 4): the pythonic call list wrapped in special tokens,
 *
 *   <|python_start|>[get_weather(city='LA', metric='C')]<|python_end|>
 *
 * The end token may be missing (the output ends, or `<|eot|>`/`<|eom|>` follows); a bare list
 * without the tokens is read as in `pythonic`, and so are bare calls without the brackets.
 * Llama 4 prompted with the Llama 3.1 JSON template writes a JSON call object (or list) between
 * the same tokens (vLLM #16214); that body is read as JSON calls.
 */
import type { FormatSpec } from "../format-spec.ts";
import { LLAMA_END_TOKENS, pythonicListRule, pythonStartRule } from "./pythonic.ts";
import { looksPythonic, parsePythonicBody } from "./shared/pythonic-calls.ts";
import { parseJsonCallsBody } from "./shared/tagged-json.ts";

const JSON_BODY = /^\s*\[?\s*\{/;

export const llama4Pythonic: FormatSpec = {
  id: "llama4_pythonic",
  description: "<|python_start|>[fn(a='x')]<|python_end|> (Llama 4; the tokens may be missing)",
  blocks: [
    pythonStartRule(
      (body, ctx) => (JSON_BODY.test(body) ? parseJsonCallsBody(body, ctx) : parsePythonicBody(body, ctx)),
      (body) => looksPythonic(body) || JSON_BODY.test(body),
    ),
    // The bare list is pythonic's own rule; auto-detection already has it from there.
    pythonicListRule(false),
  ],
  strip: LLAMA_END_TOKENS,
};
