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
 * object `{"name": ..., "parameters": ...}` after the tag; a pythonic `name(k=v)` call when the
 * name is a declared tool. An output that ends inside a `.call(` is a truncated call.
 */
import type { BlockContext, BlockOutcome, FormatSpec } from "../format-spec.ts";
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
    const calls = callsFromJsonText(text);
    if (calls) return { calls };
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
