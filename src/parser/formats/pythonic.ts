/**
 * pythonic (Llama 3.2, Llama 4, vLLM `pythonic`): a Python list of calls written as plain text,
 *
 *   [get_weather(city='San Francisco', metric='celsius'), get_time()]
 *
 * with Python literals as arguments (strings in any quote style, numbers, True/False/None,
 * lists, dicts, tuples). Text may come before the list; only spaces may follow it on its line.
 * A call with an unconvertible argument (bytes, a name, an overflowing number) is dropped with
 * a problem and its siblings kept. When auto-detecting, the list must stand at the start of a
 * line, open with `[name(`, read wholly as calls and (with declared tools) name declared ones;
 * anything else stays content. See shared/pythonic-calls.ts for the other leniencies.
 */
import type { BlockContext, BlockOutcome, BlockRule, FormatSpec } from "../format-spec.ts";
import {
  decidePythonicList,
  isConfidentRead,
  looksPythonic,
  parsePythonicBody,
  readPythonicCalls,
  toRawCalls,
} from "./shared/pythonic-calls.ts";

/** End-of-turn tokens of the Llama 3 and Llama 4 templates. */
export const LLAMA_END_TOKENS = ["<|eot_id|>", "<|eom_id|>", "<|eot|>", "<|eom|>"] as const;

/** When auto-detecting, anything short of a clean list of calls is text. */
function parsePythonicList(body: string, ctx: BlockContext): BlockOutcome {
  if (!ctx.auto) return parsePythonicBody(body, ctx);
  const read = readPythonicCalls(body);
  if (!isConfidentRead(read, ctx.tools)) return { reject: true };
  const { calls, problems } = toRawCalls(read.calls, ctx.tools);
  return problems.length > 0 ? { reject: true } : { calls };
}

/** The bare `[name(...), ...]` list; shares `[` (value end, line start, standalone) with bare JSON lists. */
export function pythonicListRule(auto = true): BlockRule {
  return {
    open: "[",
    end: { kind: "value", includeOpen: true, standalone: "auto" },
    lineStart: "auto",
    inlineWithTools: true,
    auto,
    decide: (head) => decidePythonicList(head),
    accepts: looksPythonic,
    parse: parsePythonicList,
  };
}

export const pythonic: FormatSpec = {
  id: "pythonic",
  description: "[fn(a='x', b=1), fn2()] Python-literal call list (Llama 3.2, Llama 4)",
  blocks: [pythonicListRule()],
  strip: LLAMA_END_TOKENS,
};
