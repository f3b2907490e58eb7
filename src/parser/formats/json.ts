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
 * call, or one more of these wrappers around one (any other body leaves the wrapper as text).
 */
import type { BlockRule, FormatSpec } from "../format-spec.ts";
import { firstNonSpace, lacksOnlyFinalBracket } from "../json-loose.ts";
import { functionTagRule, nestedWrapperBody } from "./hermes.ts";
import { TRUNCATED_REPAIR_LIMIT } from "./shared/bare-json.ts";
import { fencedCallsRule } from "./shared/fenced-calls.ts";
import { bareCallsRule, wrappedToolCalls } from "./shared/json-bare.ts";
import { blockRaw, parseCallJson } from "./shared/json-call-list.ts";
import { startsWithJson } from "./shared/json-tagged-list.ts";

const WRAPPERS = ["tool", "tools", "response", "json", "xml", "JSON"] as const;

function bareRule(open: "{" | "["): BlockRule {
  const base = bareCallsRule({ open, declaredOnly: true, standalone: "auto" });
  return {
    ...base,
    // With the format given, a call need not end its line: ollama reads calls written one after
    // another on a line (`{..} {..}`), and prose after a call on its line does not undo it.
    end: { kind: "value", includeOpen: true, standalone: "auto" },
    parse: (body, ctx) => {
      // A stray bracket that never closes must not send the rest of the output through repairs,
      // and a call cut off mid-value is text, never a guess.
      if (ctx.truncated && (body.length > TRUNCATED_REPAIR_LIMIT || !lacksOnlyFinalBracket(body)))
        return { reject: true };
      return (open === "{" && wrappedToolCalls(body, ctx)) || base.parse(body, ctx);
    },
  };
}

/** The head (from its first non-space) opens, or may still open, another wrapper tag. */
function opensWrapper(rest: string): boolean {
  return WRAPPERS.some((tag) => {
    const opener = `<${tag}>`;
    return rest.length < opener.length ? opener.startsWith(rest) : rest.startsWith(opener);
  });
}

/**
 * A wrapper tag whose body must be JSON calls, or one more wrapper around them
 * (`<response><tools>{..}</tools></response>`); anything else is text.
 */
function wrapperRule(tag: string): BlockRule {
  return {
    open: `<${tag}>`,
    end: { kind: "close", close: [`</${tag}>`] },
    decide: (head) => {
      const at = firstNonSpace(head);
      if (at < 0 || "{[`".includes(head[at]!)) return undefined;
      return head[at] === "<" && opensWrapper(head.slice(at)) ? undefined : "reject";
    },
    accepts: (body) => startsWithJson(body) || startsWithJson(nestedWrapperBody(body, WRAPPERS) ?? ""),
    parse: (body, ctx) => {
      const outcome = parseCallJson(body, ctx, blockRaw(body, ctx));
      if (outcome.calls && outcome.calls.length > 0) return outcome;
      const inner = nestedWrapperBody(body, WRAPPERS);
      const nested = inner === undefined ? undefined : parseCallJson(inner, ctx, blockRaw(body, ctx));
      return nested?.calls && nested.calls.length > 0 ? nested : { reject: true };
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
