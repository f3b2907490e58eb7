/**
 * json (ollama's generic, template-derived parser): bare call objects or lists,
 *
 *   {"name": "get_weather", "arguments": {"city": "Paris"}}
 *   [{"name": "get_weather", "arguments": {"city": "Paris"}}, ...]
 *
 * Only declared tool names count when tools are declared (ollama's rule). This format also owns
 * the auto-detection of calls written with no native markers (Qwen2.5-Coder without its tags,
 * llama.cpp's Hermes leniencies): a bare object or list standing on its own line(s) (pretty
 * printed or not) with a name and an arguments-like key, `{"tool_calls": [...]}`, a code fence
 * holding only calls, `<function=NAME>{...}</function>`, `<function name="NAME">`, and the
 * wrappers `<tool>`, `<tools>`, `<response>`, `<json>`, `<xml>`, `<JSON>` whose body is a JSON
 * call (any other body leaves the wrapper as text).
 */
import type { BlockContext, BlockOutcome, BlockRule, FormatSpec } from "../format-spec.ts";
import { firstNonSpace, parseJsonLoose } from "../json-loose.ts";
import { functionTagRule } from "./hermes.ts";
import { TRUNCATED_REPAIR_LIMIT } from "./shared/bare-json.ts";
import { fencedCallsRule } from "./shared/fenced-calls.ts";
import { bareCallsRule } from "./shared/json-bare.ts";
import { blockRaw, parseCallJson } from "./shared/json-call-list.ts";
import { callsFromJson } from "./shared/json-calls.ts";
import { startsWithJson } from "./shared/json-tagged-list.ts";

const WRAPPERS = ["tool", "tools", "response", "json", "xml", "JSON"] as const;

/** `{"tool_calls": [...]}` (llama.cpp's generic shape), declared names only where declared. */
function wrappedToolCalls(body: string, ctx: BlockContext): BlockOutcome | null {
  const parsed = parseJsonLoose(body);
  if (!parsed.ok || !parsed.value || typeof parsed.value !== "object") return null;
  const list = (parsed.value as Record<string, unknown>).tool_calls;
  const calls = Array.isArray(list) && list.length > 0 ? callsFromJson(list) : null;
  if (!calls) return null;
  if (ctx.tools.declared && calls.some((call) => ctx.tools.resolve(call.name) === undefined)) return null;
  return { calls };
}

function bareRule(open: "{" | "["): BlockRule {
  const base = bareCallsRule({ open, declaredOnly: true, standalone: "auto" });
  return {
    ...base,
    // With the format given, a call need not end its line: ollama reads calls written one after
    // another on a line (`{..} {..}`), and prose after a call on its line does not undo it.
    end: { kind: "value", includeOpen: true, standalone: "auto" },
    parse: (body, ctx) => {
      // A stray bracket that never closes must not send the rest of the output through repairs.
      if (ctx.truncated && body.length > TRUNCATED_REPAIR_LIMIT) return { reject: true };
      return (open === "{" && wrappedToolCalls(body, ctx)) || base.parse(body, ctx);
    },
  };
}

/** A wrapper tag whose body must be JSON calls; anything else is text. */
function wrapperRule(tag: string): BlockRule {
  return {
    open: `<${tag}>`,
    end: { kind: "close", close: [`</${tag}>`] },
    decide: (head) => {
      const at = firstNonSpace(head);
      return at < 0 || "{[`".includes(head[at]!) ? undefined : "reject";
    },
    accepts: startsWithJson,
    parse: (body, ctx) => {
      const outcome = parseCallJson(body, ctx, blockRaw(body, ctx));
      return outcome.calls && outcome.calls.length > 0 ? outcome : { reject: true };
    },
  };
}

export const json: FormatSpec = {
  id: "json",
  description: '{"name": ..., "arguments": {...}} or a list, bare (ollama generic; declared tools only)',
  priority: 90,
  blocks: [
    bareRule("{"),
    bareRule("["),
    fencedCallsRule(() => json, true),
    functionTagRule("<function=", true),
    functionTagRule("<function name=", true),
    ...WRAPPERS.map(wrapperRule),
  ],
};
