/**
 * llama3_json (Llama 3.1 / 3.2 / 3.3 JSON tool calling):
 *
 *   {"name": "get_weather", "parameters": {"city": "Paris"}}
 *
 * a bare call object (`arguments` accepted for `parameters`), possibly after `<|python_tag|>`.
 * With the format given, as vLLM does, call objects count anywhere in the text and several may
 * be separated by `; ` (the separators are dropped); an object counts only with a name and a
 * `parameters`/`arguments` key, anything else (and invalid JSON) stays content; a fenced
 * ```json call counts too, and so does a list of call objects, `[{..}, {..}]` (Llama 3.2 writes
 * one for parallel calls; ollama reads it, commas between the objects optional), whose
 * brackets go with it. When auto-detecting, bare objects and lists are the `json` format's
 * rules: only standalone ones count.
 */
import type { BlockContext, BlockOutcome, BlockRule, FormatSpec, RawCall } from "../format-spec.ts";
import { parseJsonLoose } from "../json-loose.ts";
import { fencedCallsRule } from "./shared/fenced-calls.ts";
import { decideBareHead } from "./shared/json-bare.ts";
import { callFromObject, hasCallShape } from "./shared/json-calls.ts";

/** `[{call}, {call}]`: every element a call object, else the list stays content. */
function parseCallList(body: string, ctx: BlockContext): BlockOutcome {
  if (ctx.truncated) return { reject: true };
  const parsed = parseJsonLoose(body);
  if (!parsed.ok || !Array.isArray(parsed.value) || parsed.value.length === 0) return { reject: true };
  const calls: RawCall[] = [];
  for (const item of parsed.value) {
    const call = hasCallShape(item) ? callFromObject(item) : undefined;
    if (!call) return { reject: true };
    calls.push(call);
  }
  return { calls };
}

const listRule: BlockRule = {
  open: "[",
  end: { kind: "value", includeOpen: true },
  auto: false,
  decide: (head) => decideBareHead("[", head),
  parse: parseCallList,
};

function parseCallObject(body: string, ctx: BlockContext): BlockOutcome {
  if (ctx.truncated) return { reject: true };
  const parsed = parseJsonLoose(body);
  if (!parsed.ok || !hasCallShape(parsed.value)) return { reject: true };
  const call = callFromObject(parsed.value);
  return call ? { calls: [call] } : { reject: true };
}

const objectRule: BlockRule = {
  open: "{",
  end: { kind: "value", includeOpen: true },
  auto: false,
  decide: (head) => (/^\{\s*[^\s"'{A-Za-z_]/.test(head) ? "reject" : undefined),
  parse: parseCallObject,
};

/** `; {...}`: the separator between calls, dropped with the call that follows it. */
const separatedRule: BlockRule = {
  open: ";",
  end: { kind: "value" },
  auto: false,
  parse: (body, ctx) => parseCallObject(body.trim(), ctx),
};

export const llama3Json: FormatSpec = {
  id: "llama3_json",
  description: '{"name": ..., "parameters": {...}} bare, "; "-separated (Llama 3.x JSON tool calling)',
  priority: 70,
  // Llama 3.2 in the field also wraps the object in a ```json fence (ollama #13519).
  blocks: [objectRule, listRule, separatedRule, fencedCallsRule(() => llama3Json, false)],
  // Llama 4 writes the same objects between its python tokens.
  strip: [
    "<|python_tag|>",
    "<|eom_id|>",
    "<|eot_id|>",
    "<|python_start|>",
    "<|python_end|>",
    "<|eom|>",
    "<|eot|>",
  ],
};
