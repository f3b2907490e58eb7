/**
 * `</s>`, the end-of-sequence token of Llama-2-style vocabularies (Mistral, ERNIE, GigaChat),
 * which some servers leave in the text. It is also HTML's strikethrough close tag, so it is
 * dropped only at the end of the output (spaces after it allowed): followed by anything else it
 * is text (`<s>old</s> new`).
 */
import type { BlockRule } from "../../format-spec.ts";

export const END_OF_SEQUENCE = "</s>";

export const endOfSequenceRule: BlockRule = {
  open: END_OF_SEQUENCE,
  // No closer: the block runs to the end of the output unless text after it rejects it.
  end: { kind: "close", close: [] },
  decide: (head) => (/\S/.test(head) ? "reject" : undefined),
  // Reached the end of the output: the token goes, the spaces after it stay.
  parse: (body, ctx) => (/\S/.test(body) || !ctx.truncated ? { reject: true } : { content: body }),
};
