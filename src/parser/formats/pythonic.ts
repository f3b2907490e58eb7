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
 *
 * Calls to declared tools written without the brackets are read too (shared/pythonic-bare.ts):
 * a line that is exactly `get_weather(city="Paris")` (IBM Granite's pythonic output, Llama 3.2
 * dropping the brackets), and a ```python / ```py fence (```tool_code with the format given:
 * Gemma 3's prompt-based function calling) whose whole body is such calls, optionally inside
 * `print(..)`. The openers are the declared names, so with no tools declared
 * `print("x")` on its own line stays text; auto-detection reads these only for declared tools.
 *
 * With the format given, Llama 4's `<|python_start|>[..]<|python_end|>` wrapper is read too (its
 * tokens never reach content; dynamo's pythonic parser); auto-detection leaves the tokens to
 * llama4_pythonic.
 */
import type { BlockContext, BlockOutcome, BlockRule, FormatSpec } from "../format-spec.ts";
import type { ToolIndex } from "../tool-index.ts";
import { bareCallRules, fencedPythonicRules } from "./shared/pythonic-bare.ts";
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

/** Llama 4's `<|python_start|>[..]<|python_end|>` around the list (or bare calls). */
export function pythonStartRule(
  parse: (body: string, ctx: BlockContext) => BlockOutcome = parsePythonicBody,
  accepts: (body: string) => boolean = looksPythonic,
  auto = true,
): BlockRule {
  return {
    open: "<|python_start|>",
    end: { kind: "close", close: ["<|python_end|>"], stopBefore: ["<|eot|>", "<|eom|>"] },
    auto,
    accepts,
    parse,
  };
}

const LIST_RULE = pythonicListRule();
const PYTHON_START_RULE = pythonStartRule(parsePythonicBody, looksPythonic, false);
const FENCE_RULES = fencedPythonicRules();

export const pythonic: FormatSpec = {
  id: "pythonic",
  description:
    "[fn(a='x', b=1), fn2()] Python-literal call list (Llama 3.2, Llama 4); a line or ```tool_code fence that is just fn(a='x') for declared tools (Granite, Gemma 3)",
  blocks: (tools: ToolIndex) => [
    LIST_RULE,
    PYTHON_START_RULE,
    ...bareCallRules(tools),
    ...FENCE_RULES.filter((rule) => tools.declared || rule.auto === false),
  ],
  strip: LLAMA_END_TOKENS,
};
