/**
 * hermes (Hermes 2/3, Qwen2.5, Qwen3, ERNIE-4.5): `<tool_call>{"name": ..., "arguments": {...}}</tool_call>`.
 * Also the wrappers llama.cpp's Hermes parser accepts: `<function=NAME>{args}</function>`,
 * `<function name="NAME">`, `<tool>`, `<tools>`, `<response>`, `<json>`, `<xml>`, `<JSON>`,
 * `<function_call>`, code fences, and a bare call object (or list of them) on its own line; a wrapper holding
 * another wrapper around the calls (`<response><tools>{..}</tools></response>`, Qwen2) is read
 * too. ERNIE-4.5's `</s>` is dropped from content.
 */
import type { BlockOutcome, BlockRule, FormatSpec } from "../format-spec.ts";
import { parseJsonLoose } from "../json-loose.ts";
import { bareJsonRule } from "./shared/bare-json.ts";
import { endOfSequenceRule } from "./shared/end-of-sequence.ts";
import { fencedCallsRule } from "./shared/fenced-calls.ts";
import { parseJsonCallsBody, taggedJsonRule } from "./shared/tagged-json.ts";

const WRAPPERS = ["tool", "tools", "response", "json", "xml", "JSON", "function_call"] as const;

/**
 * The body of a wrapper that is itself one wrapper tag around the calls, as Qwen2 writes
 * `<response>\n  <tools>\n    {..}\n  </tools>\n</response>`: the inner body, else undefined.
 */
export function nestedWrapperBody(body: string, tags: readonly string[] = WRAPPERS): string | undefined {
  const match = /^\s*<([A-Za-z_]+)>([\s\S]*)<\/([A-Za-z_]+)>\s*$/.exec(body);
  if (!match || match[1] !== match[3] || !tags.includes(match[1]!)) return undefined;
  return match[2]!;
}

/** `<function=NAME>{args}</function>` and `<function name="NAME">{args}</function>`. */
export const functionTagRule = (open: "<function=" | "<function name=", auto: boolean): BlockRule => ({
  open,
  end: { kind: "close", close: ["</function>"] },
  auto,
  accepts: (body) => /^\s*"?[\w.-]+"?\s*>\s*[{[]/.test(body),
  parse: (body, ctx): BlockOutcome => {
    const match = /^\s*"?([\w.-]+)"?\s*>([\s\S]*)$/.exec(body);
    const raw = ctx.open + body + (ctx.close ?? "");
    if (!match) return { problems: [{ code: "malformed-call", message: `expected ${open}NAME>{...}`, raw }] };
    const argsText = match[2]!.trim();
    if (argsText.length === 0) return { calls: [{ name: match[1]!, arguments: {} }] };
    const parsed = parseJsonLoose(argsText);
    if (!parsed.ok) {
      return {
        problems: [
          {
            code: ctx.truncated ? "truncated-call" : "malformed-call",
            message: `arguments of ${match[1]} are not JSON`,
            raw,
            toolName: match[1]!,
          },
        ],
      };
    }
    return { calls: [{ name: match[1]!, arguments: parsed.value }] };
  },
});

export const hermes: FormatSpec = {
  id: "hermes",
  description: '<tool_call>{"name": ..., "arguments": {...}}</tool_call> (Hermes, Qwen2.5/Qwen3, ERNIE-4.5)',
  priority: 10,
  blocks: [
    taggedJsonRule({ open: "<tool_call>", close: ["</tool_call>"] }),
    functionTagRule("<function=", false),
    functionTagRule("<function name=", false),
    ...WRAPPERS.map((tag) => ({
      ...taggedJsonRule({ open: `<${tag}>`, close: [`</${tag}>`], auto: false }),
      parse: (body: string, ctx: Parameters<BlockRule["parse"]>[1]) => {
        const outcome = parseJsonCallsBody(body, ctx);
        if (outcome.calls) return outcome;
        const inner = nestedWrapperBody(body);
        const nested = inner === undefined ? undefined : parseJsonCallsBody(inner, ctx);
        return nested?.calls ? nested : { reject: true };
      },
    })),
    fencedCallsRule(() => hermes, false),
    // llama.cpp also reads a bare call object; it must start a line (a `{` inside prose is not one).
    bareJsonRule({ open: "{", standalone: "always", auto: false }),
    // ... and a bare list of them standing alone (Qwen2.5 without its tags; ollama reads it, and
    // auto-detection reads it as the json format's list).
    bareJsonRule({ open: "[", standalone: "always", auto: false }),
    // `</s>`: ERNIE-4.5's end of sequence, left in the text by transformers-based servers.
    endOfSequenceRule,
  ],
  strip: ["<|im_end|>", "<|endoftext|>"],
};
