/**
 * llama3_builtin (Llama 3.1/3.2/3.3 built-in tools): after `<|python_tag|>` the model writes
 *
 *   <|python_tag|>brave_search.call(query="weather in Paris")<|eom_id|>
 *
 * (also wolfram_alpha.call, code_interpreter.call, python.call), or plain Python code for the
 * code interpreter, which becomes a `code_interpreter` call with `{"code": ...}` (`python` when
 * only that tool is declared). The block ends at `<|eom_id|>` / `<|eot_id|>` or the end of output.
 *
 * Leniencies: several `.call(...)` lines; Python or JSON literals as argument values; a JSON call
 * object `{"name": ..., "parameters": ...}` after the tag (text after it is content); a pythonic
 * `name(k=v)` call when the name is a declared tool. An output that ends inside a `.call(` is a
 * truncated call.
 */
import type { BlockContext, BlockOutcome, FormatSpec, RawCall } from "../format-spec.ts";
import type { ToolIndex } from "../tool-index.ts";
import { LLAMA_END_TOKENS } from "./pythonic.ts";
import { callsFromJsonText } from "./shared/json-calls.ts";
import { isConfidentRead, parsePythonicBody, readPythonicCalls } from "./shared/pythonic-calls.ts";

const BUILTIN_CALL = /^\s*[A-Za-z_]\w*\s*\.\s*call\s*\(/;

function codeInterpreterName(tools: ToolIndex): string {
  if (tools.declared && tools.resolve("code_interpreter") === undefined && tools.resolve("python")) {
    return "python";
  }
  return "code_interpreter";
}

function parseBuiltin(body: string, ctx: BlockContext): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  const text = body.trim();
  if (text.length === 0) {
    return { problems: [{ code: "malformed-call", message: "<|python_tag|> is followed by nothing", raw }] };
  }
  if (/^[[{]/.test(text)) {
    const calls = callsFromJsonText(text) ?? separatedJsonCalls(text);
    if (calls) return { calls };
    const leading = leadingJsonCall(body);
    if (leading) return { calls: [leading.call], content: leading.rest };
  }
  if (BUILTIN_CALL.test(text)) {
    const outcome = parsePythonicBody(text.replace(/\s*\.\s*call\s*\(/g, ".call("), ctx);
    const calls = outcome.calls?.map((call) => ({ ...call, name: call.name.replace(/\.call$/, "") }));
    return { ...outcome, ...(calls ? { calls } : {}) };
  }
  const read = readPythonicCalls(text);
  if (ctx.tools.declared && isConfidentRead(read, ctx.tools) && read.rest.trim() === "") {
    return parsePythonicBody(text, ctx);
  }
  return { calls: [{ name: codeInterpreterName(ctx.tools), arguments: { code: text } }] };
}

/** Separators between JSON call objects after one tag: `;` (Llama 3.2) or a repeated tag. */
const JSON_SEPARATOR = /^(?:\s|;|<\|python_tag\|>)*$/;

/**
 * `{..};{..}` or `{..}<|python_tag|>{..}`: several call objects after one tag (sglang's Llama 3.2
 * detector). Every top-level object must be a call and only separators may sit between them.
 */
function separatedJsonCalls(text: string): RawCall[] | null {
  const calls: RawCall[] = [];
  let pos = 0;
  while (pos < text.length) {
    const start = text.indexOf("{", pos);
    if (start < 0) break;
    if (!JSON_SEPARATOR.test(text.slice(pos, start))) return null;
    const end = objectEnd(text, start);
    if (end < 0) return null;
    const found = callsFromJsonText(text.slice(start, end));
    const call = found?.length === 1 ? found[0] : undefined;
    if (!call) return null;
    calls.push(call);
    pos = end;
  }
  return calls.length > 1 && JSON_SEPARATOR.test(text.slice(pos)) ? calls : null;
}

/** `{call} text`: one JSON call object then prose (the text after it is content, as lmdeploy keeps it). */
function leadingJsonCall(body: string): { call: RawCall; rest: string } | null {
  const start = body.indexOf("{");
  const end = start < 0 ? -1 : objectEnd(body, start);
  if (end < 0) return null;
  const found = callsFromJsonText(body.slice(start, end));
  const call = found?.length === 1 ? found[0] : undefined;
  return call ? { call, rest: body.slice(end) } : null;
}

/** Index just past the `}` that closes the object opening at `start` (string-aware), or -1. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

export const llama3Builtin: FormatSpec = {
  id: "llama3_builtin",
  description: '<|python_tag|>brave_search.call(query="...") or code (Llama 3.1 built-in tools)',
  blocks: [
    {
      open: "<|python_tag|>",
      end: { kind: "close", close: ["<|eom_id|>", "<|eot_id|>"] },
      // A JSON body is llama3_json's when that format claims the tag too.
      accepts: (body) => !/^\s*[[{]/.test(body),
      parse: parseBuiltin,
    },
  ],
  strip: LLAMA_END_TOKENS,
};
