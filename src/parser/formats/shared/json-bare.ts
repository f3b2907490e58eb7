/**
 * Bare JSON rules for the json group: shared/bare-json.ts's rule with an early verdict that reads
 * the head as the scanner passes it (the text after the opening bracket, without the bracket).
 */
import type { BlockContext, BlockOutcome, BlockRule } from "../../format-spec.ts";
import { firstNonSpace, parseJsonLoose } from "../../json-loose.ts";
import { type BareJsonOptions, bareJsonRule } from "./bare-json.ts";
import { callsFromJson } from "./json-calls.ts";

/** Reject as soon as the text after the bracket cannot start a call object (or a list of them). */
export function decideBareHead(open: "{" | "[", head: string): "reject" | undefined {
  let at = firstNonSpace(head);
  if (at < 0) return head.length > 64 ? "reject" : undefined;
  if (open === "[") {
    if (head[at] !== "{") return "reject";
    at = firstNonSpace(head, at + 1);
    if (at < 0) return undefined;
  }
  // a quoted key, an unquoted key, or a doubled brace
  return /["'{A-Za-z_]/.test(head[at]!) ? undefined : "reject";
}

/** The body (opener included) could be a call object or a list of them. */
export function looksLikeBareCalls(open: "{" | "[", body: string): boolean {
  return decideBareHead(open, body.slice(1)) === undefined;
}

export function bareCallsRule(options: BareJsonOptions): BlockRule {
  return {
    ...bareJsonRule(options),
    decide: (head) => decideBareHead(options.open, head),
    accepts: (body) => looksLikeBareCalls(options.open, body),
  };
}
/** `{"tool_calls": [...]}` (llama.cpp's generic shape), declared names only where declared. */
export function wrappedToolCalls(body: string, ctx: BlockContext): BlockOutcome | null {
  const parsed = parseJsonLoose(body);
  if (!parsed.ok || !parsed.value || typeof parsed.value !== "object") return null;
  const list = (parsed.value as Record<string, unknown>).tool_calls;
  const calls = Array.isArray(list) && list.length > 0 ? callsFromJson(list) : null;
  if (!calls) return null;
  if (ctx.tools.declared && calls.some((call) => ctx.tools.resolve(call.name) === undefined)) return null;
  return { calls };
}
