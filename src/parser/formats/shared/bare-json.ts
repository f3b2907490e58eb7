/**
 * Bare JSON calls: an object (or a list of objects) written with no markers at all, as
 * Llama 3.x, Qwen2.5-Coder and ollama's generic template produce. When auto-detecting, a bare
 * object counts only when it stands on its own line(s), has a name and an arguments-like key,
 * and, where tools are declared, names one of them; anything else stays content.
 */
import type { BlockContext, BlockOutcome, BlockRule, DecideContext, RawCall } from "../../format-spec.ts";
import { firstNonSpace, lacksOnlyFinalBracket, parseJsonLoose } from "../../json-loose.ts";
import { callFromObject, hasCallShape } from "./json-calls.ts";

export interface BareJsonOptions {
  /** "{" for objects, "[" for lists of objects. */
  readonly open: "{" | "[";
  /** Only declared tool names count (ollama's rule); always true when auto-detecting. */
  readonly declaredOnly?: boolean;
  /** Must the value stand on its own line? "always", or "auto" (only when auto-detecting). */
  readonly standalone?: "always" | "auto" | "never";
  readonly auto?: boolean;
}

export function bareJsonRule(options: BareJsonOptions): BlockRule {
  const standalone = options.standalone ?? "auto";
  return {
    open: options.open,
    end: { kind: "value", includeOpen: true, standalone: standalone !== "never" },
    ...(standalone === "never" ? {} : { lineStart: standalone }),
    auto: options.auto ?? true,
    decide: (head, _final, ctx) => decideBare(head, options.open, ctx),
    parse: (body, ctx) => parseBare(body, ctx, options),
  };
}

/** Reject early when the text right after the bracket cannot start a call object. */
function decideBare(head: string, open: "{" | "[", _ctx: DecideContext): "reject" | undefined {
  // `head` is the text after the opening bracket.
  let i = firstNonSpace(head, 0);
  if (i < 0) return head.length > 64 ? "reject" : undefined;
  if (open === "[") {
    if (head[i] !== "{") return "reject";
    i = firstNonSpace(head, i + 1);
    if (i < 0) return undefined;
  }
  const c = head[i]!;
  // a quoted key or a doubled brace
  if (c === '"' || c === "'" || c === "{") return undefined;
  // an unquoted key must be followed by a colon: `{x + 1}` in prose is not an object
  const key = /^[A-Za-z_][\w-]*\s*/.exec(head.slice(i, i + 80));
  if (!key) return "reject";
  const after = i + key[0].length;
  if (after >= head.length) return key[0].length >= 80 ? "reject" : undefined;
  return head[after] === ":" ? undefined : "reject";
}

/**
 * An unclosed bare value at the end of output is read only when it lacks just its final bracket
 * (a forgotten brace, not a cut-off call: that stays text) and is call-sized: a stray `{` early
 * in a long answer must not send the whole rest of the text through the repairer.
 */
export const TRUNCATED_REPAIR_LIMIT = 16 * 1024;

export function parseBare(body: string, ctx: BlockContext, options: BareJsonOptions): BlockOutcome {
  if (ctx.truncated && (body.length > TRUNCATED_REPAIR_LIMIT || !lacksOnlyFinalBracket(body)))
    return { reject: true };
  const parsed = parseJsonLoose(body);
  if (!parsed.ok) return { reject: true };
  const items = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  if (options.open === "[" && !Array.isArray(parsed.value)) return { reject: true };
  if (items.length === 0) return { reject: true };
  const calls: RawCall[] = [];
  for (const item of items) {
    if (!hasCallShape(item) && (ctx.auto || !callFromObject(item))) return { reject: true };
    const call = callFromObject(item);
    if (!call) return { reject: true };
    const declaredOnly = options.declaredOnly || ctx.auto;
    if (declaredOnly && ctx.tools.declared && ctx.tools.resolve(call.name) === undefined)
      return { reject: true };
    calls.push(call);
  }
  return { calls };
}
