/**
 * gigachat3 (GigaChat 3 / 3.1): a single JSON call at the end of the output,
 *
 *   <|message_sep|>\n\nfunction call<|role_sep|>\n{"name": ..., "arguments": {...}}     GigaChat 3
 *   <|function_call|>{"name": ..., "arguments": {...}}                                GigaChat 3.1
 *
 * optionally followed by `</s>` (dropped). Text before is content. A `<|message_sep|>` not
 * followed by the function-call header stays text. With the special tokens stripped (as vLLM's
 * older GigaChat 3 tests and servers that skip special tokens give it) the header is a bare
 * `function call` directly followed by the JSON object: `function call{"name": ...}` (at the
 * start of a line when auto-detecting); a `function call` followed by anything but `{` stays text. Leniencies: spaces around the header, the
 * shared JSON repairs; a call cut off by the end of the output is a truncated call.
 */
import type { BlockRule, FormatSpec, ValueStart } from "../format-spec.ts";
import { endOfSequenceRule } from "./shared/end-of-sequence.ts";
import { blockRaw, parseCallJson } from "./shared/json-call-list.ts";

const HEADER = "function call<|role_sep|>";

function headerValueStart(head: string, final: boolean): ValueStart {
  const more = final ? "none" : "wait";
  let at = skipSpaces(head, 0);
  const header = head.slice(at, at + HEADER.length);
  if (header.length < HEADER.length) return HEADER.startsWith(header) ? more : "none";
  if (header !== HEADER) return "none";
  at = skipSpaces(head, at + HEADER.length);
  if (at >= head.length) return more;
  return head[at] === "{" || head[at] === "[" ? at : "none";
}

/** The bare header left when the special tokens are stripped: only a `{` may follow. */
function bareValueStart(head: string, final: boolean): ValueStart {
  const at = skipSpaces(head, 0);
  if (at >= head.length) return final ? "none" : "wait";
  return head[at] === "{" ? at : "none";
}

function skipSpaces(text: string, from: number): number {
  let at = from;
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

const parse: BlockRule["parse"] = (body, ctx) => {
  const start = body.search(/[[{]/);
  return parseCallJson(start < 0 ? body : body.slice(start), ctx, blockRaw(body, ctx));
};

export const gigachat3: FormatSpec = {
  id: "gigachat3",
  description:
    "<|message_sep|>\\n\\nfunction call<|role_sep|>\\n{json} or <|function_call|>{json} (GigaChat 3/3.1)",
  priority: 50,
  blocks: [
    { open: "<|message_sep|>", end: { kind: "value", valueStart: headerValueStart }, parse },
    { open: "<|function_call|>", end: { kind: "value" }, parse },
    { open: "function call", end: { kind: "value", valueStart: bareValueStart }, lineStart: "auto", parse },
    endOfSequenceRule,
  ],
};
