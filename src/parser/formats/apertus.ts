/**
 * apertus (Swiss AI Apertus): `<|tools_prefix|>[{"NAME": {args}}, ...]<|tools_suffix|>`, a JSON
 * list of single-key objects mapping a tool name to its arguments; reasoning in
 * `<|inner_prefix|>...<|inner_suffix|>`; text after the block is content. `<think>` is not
 * Apertus's: its tokenizer maps `<think>` to the inner pair on input only, so a generated
 * `<think>` is text (vLLM's apertus reasoning parser).
 *
 * Leniencies: a missing `<|tools_suffix|>`; an output cut off after a call's arguments object
 * (`[{"f": {"a": 1}}` — vLLM still returns the call): the calls whose arguments closed count and
 * an unfinished one is a truncated call; a bare object instead of a list; `{"name", "arguments"}`
 * objects; several names in one object; code fences and the usual JSON repairs.
 */
import type { BlockContext, BlockOutcome, FormatSpec, ProblemDraft, RawCall } from "../format-spec.ts";
import { isCompleteValue, parseJsonLoose } from "../json-loose.ts";
import { callFromObject, hasCallShape } from "./shared/json-calls.ts";
import { stripCodeFence } from "./shared/special-arguments.ts";

function parseTools(body: string, ctx: BlockContext): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  const text = stripCodeFence(body);
  if (text.length === 0)
    return { problems: [{ code: "malformed-call", message: "empty <|tools_prefix|> block", raw }] };
  const readable = isCompleteValue(text) ? { text, cut: text.length } : completedPrefix(text);
  const problems: ProblemDraft[] = [];
  if (readable === undefined || readable.cut < text.length) {
    const code = ctx.truncated ? "truncated-call" : "malformed-call";
    problems.push({ code, message: "the output ended inside a call (truncated generation)", raw });
  }
  if (readable === undefined) return { problems };
  const parsed = parseJsonLoose(readable.text);
  const calls = parsed.ok ? callsFromValue(parsed.value) : null;
  if (!calls) {
    return {
      problems: [
        ...problems,
        {
          code: "malformed-call",
          message: `expected [{"NAME": {arguments}}], got ${JSON.stringify(text.slice(0, 120))}`,
          raw,
        },
      ],
    };
  }
  return { calls, problems };
}

function callsFromValue(value: unknown): RawCall[] | null {
  const items = Array.isArray(value) ? value : [value];
  const calls: RawCall[] = [];
  for (const item of items) {
    if (!item || typeof item !== "object" || Array.isArray(item)) return null;
    if (hasCallShape(item)) {
      calls.push(callFromObject(item)!);
      continue;
    }
    const entries = Object.entries(item as Record<string, unknown>);
    if (entries.length === 0) return null;
    for (const [name, args] of entries) calls.push({ name, arguments: args });
  }
  return calls;
}

/**
 * For an unfinished list: the text up to the end of the last arguments object that closed,
 * with the brackets it needs to be a value, and where it was cut. Undefined when none closed.
 */
export function completedPrefix(text: string): { text: string; cut: number } | undefined {
  const list = text.startsWith("[");
  const itemDepth = list ? 2 : 1;
  let depth = 0;
  let quote = false;
  let escaped = false;
  let cut = -1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (escaped) escaped = false;
      else if (char === "\\") escaped = true;
      else if (char === '"') quote = false;
      continue;
    }
    if (char === '"') quote = true;
    else if (char === "{" || char === "[") depth++;
    else if (char === "}" || char === "]") {
      depth--;
      if (depth === itemDepth) cut = i + 1;
    }
  }
  if (cut < 0) return undefined;
  const rest = text.slice(cut).replace(/^\s*}\s*,?\s*/, "");
  const cutAt = rest.trim().length === 0 ? text.length : cut;
  return { text: `${text.slice(0, cut)}}${list ? "]" : ""}`, cut: cutAt };
}

export const apertus: FormatSpec = {
  id: "apertus",
  description:
    '<|tools_prefix|>[{"NAME": {args}}]<|tools_suffix|>, reasoning <|inner_prefix|>...<|inner_suffix|> (Apertus)',
  priority: 40,
  blocks: [
    { open: "<|tools_prefix|>", end: { kind: "close", close: ["<|tools_suffix|>"] }, parse: parseTools },
  ],
  reasoning: [{ open: "<|inner_prefix|>", close: ["<|inner_suffix|>"] }],
  thinkTags: false,
  // The turn tokens around the answer (Apertus 1.5 writes `<|assistant_start|>` when it is not in the prompt).
  strip: ["<|assistant_start|>", "<|assistant_end|>"],
};
