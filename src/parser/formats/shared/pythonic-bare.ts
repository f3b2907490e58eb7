/**
 * Pythonic calls written without the list brackets, for declared tools only:
 *
 *   get_weather(city="Paris", days=3)          a line that is exactly one call (Granite's
 *                                               pythonic output, Llama 3.2 dropping the `[..]`)
 *   ```tool_code                                Gemma 3's prompt-based function calling
 *   get_weather(city="Paris")
 *   ```
 *
 * The openers are the declared names followed by `(` (like morph_xml's, they come from the tools,
 * so with none declared nothing opens and `print("x")` stays text). A bare call must start a line
 * and stand alone on it (only spaces after its closing parenthesis); it may span lines while its
 * brackets are open. A fence (```python, ```py, and with the format given ```tool_code) counts
 * only when its whole body is calls to declared tools (or a `[..]` list of them), optionally
 * wrapped in `print(..)` as Gemma writes them; any other fence stays text.
 */
import type { BlockContext, BlockOutcome, BlockRule, DecideContext } from "../../format-spec.ts";
import { firstNonSpace, ValueScanner } from "../../json-loose.ts";
import type { ToolIndex } from "../../tool-index.ts";
import { isConfidentRead, parsePythonicBody, readPythonicCalls, toRawCalls } from "./pythonic-calls.ts";

/** Names a bare opener can be built from (what the pythonic call reader accepts as a name). */
const CALLABLE_NAME = /^[A-Za-z_][\w.-]*$/;

/**
 * Early verdict on the text after `NAME(`: the first argument must look like a Python literal or
 * `keyword=`; prose such as `get_weather( is slow` is rejected at once instead of running to EOF.
 */
export function decideBareArguments(head: string): "reject" | undefined {
  const text = head.trimStart();
  if (text.length === 0) return undefined;
  if (/^[)'"\d\-+.[{(*]/.test(text)) return undefined;
  const word = /^[A-Za-z_]\w*/.exec(text);
  if (!word) return "reject";
  const after = text.slice(word[0].length);
  if (/^\s*$/.test(after)) return undefined;
  if (/^\s*=(?!=)/.test(after)) return undefined;
  if (/^(?:[rRuUbBfF]|[bBfF][rR]|[rR][bBfF])['"]/.test(text)) return undefined;
  if (/^(?:True|False|None|true|false|null)\s*(?:[,)]|$)/.test(text)) return undefined;
  return "reject";
}

/** One call read from a block, or a reason it is not one. */
function readBareCall(body: string, ctx: BlockContext): BlockOutcome {
  if (!ctx.auto) {
    const outcome = parsePythonicBody(body, ctx);
    // A block that holds no call at all was prose after all.
    return (outcome.calls?.length ?? 0) > 0 || ctx.truncated ? outcome : { reject: true };
  }
  if (ctx.truncated) return { reject: true };
  const read = readPythonicCalls(body);
  if (read.calls.length !== 1 || !isConfidentRead(read, ctx.tools)) return { reject: true };
  const { calls, problems } = toRawCalls(read.calls, ctx.tools);
  return problems.length > 0 ? { reject: true } : { calls };
}

/** `NAME(..)` on a line of its own, for one declared tool. */
function bareCallRule(name: string): BlockRule {
  return {
    open: `${name}(`,
    end: { kind: "value", includeOpen: true, standalone: true },
    lineStart: "always",
    decide: (head) => decideBareArguments(head),
    parse: readBareCall,
  };
}

/** The bare-call rules for the declared tools (none when no tools are declared). */
export function bareCallRules(tools: ToolIndex): BlockRule[] {
  if (!tools.declared) return [];
  return tools.names.filter((name) => CALLABLE_NAME.test(name)).map(bareCallRule);
}

/** A fence language that holds calls (the opener includes the language and its newline). */
export const PYTHON_FENCES = ["```python\n", "```py\n"] as const;
export const TOOL_CODE_FENCE = "```tool_code\n";

const LEADING_NAME = /^\s*(\[\s*)?(?:print\s*\(\s*)?([A-Za-z_][\w.-]*)?(\s*\(?)/;

/**
 * Early verdict on a fence body: its first call must name a declared tool (any name in a
 * ```tool_code fence when no tools are declared and the format is given).
 */
function decideFence(
  head: string,
  final: boolean,
  ctx: DecideContext,
  anyName: boolean,
): "reject" | undefined {
  const match = LEADING_NAME.exec(head)!;
  const rest = head.slice(match[0].length);
  const name = match[2];
  const open = match[3]!.includes("(");
  if (!open) {
    // Still reading the name (or the spaces before it), or something else started the body.
    if (rest.length > 0 || final) return "reject";
    return undefined;
  }
  if (name === undefined) return "reject";
  if (!ctx.tools.declared) return anyName && !ctx.auto ? undefined : "reject";
  return ctx.tools.resolve(name) !== undefined ? undefined : "reject";
}

/** A statement of a code fence: a call, maybe inside `print(..)`, maybe in Gemma's `default_api.`. */
const STATEMENT = /(print\s*\(\s*)?(default_api\.)?[A-Za-z_][\w.-]*\s*\(/y;
const NAMESPACE = /^default_api\./;

/**
 * The calls of a code fence as plain statements: Gemma 3 writes each call of a ```tool_code fence
 * as `print(default_api.get_weather(city="Paris"))`, one per line. Each `print(..)` around a call
 * and the `default_api.` before its name are dropped; a body that is not wholly such statements
 * (separated by spaces, newlines or `;`) is returned unchanged.
 */
export function unwrapToolCode(body: string): string {
  const statements: string[] = [];
  let at = firstNonSpace(body);
  while (at >= 0) {
    STATEMENT.lastIndex = at;
    const match = STATEMENT.exec(body);
    if (!match) return body;
    if (match[1] !== undefined) {
      const open = at + match[1].indexOf("(");
      const end = new ValueScanner().scan(body, open, body.length);
      if (end < 0) return body;
      statements.push(
        body
          .slice(open + 1, end - 1)
          .trim()
          .replace(NAMESPACE, ""),
      );
      at = end;
    } else {
      const end = new ValueScanner().scan(body, at + match[0].length - 1, body.length);
      if (end < 0) return body;
      statements.push(body.slice(at + (match[2]?.length ?? 0), end));
      at = end;
    }
    while (at < body.length && /[\s;]/.test(body[at]!)) at++;
    if (at >= body.length) break;
  }
  return statements.length > 0 ? `${statements.join("\n")}\n` : body;
}

function parseFence(body: string, ctx: BlockContext, anyName: boolean): BlockOutcome {
  if (ctx.truncated) return { reject: true };
  const read = readPythonicCalls(unwrapToolCode(body));
  if (read.calls.length === 0 || read.failures.length > 0 || read.rest.trim().length > 0)
    return { reject: true };
  const declared = (call: { name: string }) => ctx.tools.resolve(call.name) !== undefined;
  // A ```tool_code fence with the format given is a call marker: once its first call names a
  // declared tool (decideFence), the others are kept too (reported as unknown tools).
  const named = ctx.tools.declared
    ? anyName && !ctx.auto
      ? read.calls.some(declared)
      : read.calls.every(declared)
    : anyName && !ctx.auto;
  if (!named) return { reject: true };
  const { calls, problems } = toRawCalls(read.calls, ctx.tools);
  if (calls.length === 0 || (ctx.auto && problems.length > 0)) return { reject: true };
  return problems.length > 0 ? { calls, problems } : { calls };
}

/**
 * A code fence whose whole body is pythonic calls: ```python / ```py always (declared tools),
 * ```tool_code with the format given (auto-detection reads it through the json format's fence).
 */
export function fencedPythonicRules(): BlockRule[] {
  const rule = (open: string, anyName: boolean, auto: boolean): BlockRule => ({
    open,
    end: { kind: "close", close: ["```"] },
    lineStart: "always",
    auto,
    decide: (head, final, ctx) => decideFence(head, final, ctx, anyName),
    parse: (body, ctx) => parseFence(body, ctx, anyName),
  });
  return [...PYTHON_FENCES.map((open) => rule(open, false, true)), rule(TOOL_CODE_FENCE, true, false)];
}
