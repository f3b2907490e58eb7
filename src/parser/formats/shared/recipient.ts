/**
 * Harmony-style recipients (`to=NAME` then a header token), which gpt-oss and Muse Glimmer write.
 */

/**
 * Early verdict for a bare `to=` opener: a recipient name, optional spaces, then one of
 * `headerTokens` (or a prefix of one while it arrives); anything else is ordinary text.
 */
export function decideRecipient(head: string, headerTokens: readonly string[]): "reject" | undefined {
  const name = /^[\w.\-:/]*/.exec(head)![0];
  if (name.length === head.length) return head.length > 128 ? "reject" : undefined;
  if (name.length === 0) return "reject";
  const rest = head.slice(name.length).replace(/^[ \t]*/, "");
  if (rest.length === 0) return undefined;
  const fits = headerTokens.some((token) => token.startsWith(rest) || rest.startsWith(token));
  return fits ? undefined : "reject";
}
