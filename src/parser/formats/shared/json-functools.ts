/**
 * The `functools[...]` marker shared by phi4_mini and firefunction_v2: the JSON list right after
 * the word (spaces allowed, not a line break), so `import functools` or `functools.partial` in
 * prose never opens a block. A single call object right after the word (`functools{"name": ..}`,
 * the list brackets dropped: dynamo's Phi-4 parser reads it) counts too.
 */
import type { BlockRule, ValueStart } from "../../format-spec.ts";
import { blockRaw, parseCallJson } from "./json-call-list.ts";

export function functoolsRule(auto: boolean): BlockRule {
  return {
    open: "functools",
    end: { kind: "value", valueStart: functoolsValueStart },
    // When auto-detecting, `functools` must start a line: a letter that may open a marker
    // anywhere sends every streamed chunk holding it down the scanner's slow path.
    lineStart: "auto",
    auto,
    decide: (head) => (/^[ \t]*(?:\[\s*[^\s{]|\{\s*[^\s"'])/.test(head) ? "reject" : undefined),
    parse: (body, ctx) => parseCallJson(body, ctx, blockRaw(body, ctx)),
  };
}

function functoolsValueStart(head: string, final: boolean): ValueStart {
  let at = 0;
  while (at < head.length && (head[at] === " " || head[at] === "\t")) at++;
  // `functools` is a plain word, not a special token: last in the output, it stays text.
  if (at >= head.length) return final ? "none" : "wait";
  return head[at] === "[" || head[at] === "{" ? at : "none";
}
