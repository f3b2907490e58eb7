/**
 * Bare JSON rules for the json group: shared/bare-json.ts's rule with an early verdict that reads
 * the head as the scanner passes it (the text after the opening bracket, without the bracket).
 */
import type { BlockRule } from "../../format-spec.ts";
import { firstNonSpace } from "../../json-loose.ts";
import { type BareJsonOptions, bareJsonRule } from "./bare-json.ts";

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
