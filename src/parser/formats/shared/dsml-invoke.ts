/**
 * The body of a DeepSeek DSML calls block (V3.2 `function_calls`, V4 `tool_calls`):
 *
 *   <｜DSML｜invoke name="NAME">
 *   <｜DSML｜parameter name="K" string="true|false">V</｜DSML｜parameter>
 *   </｜DSML｜invoke>
 *
 * one or more invokes. `string="true"` values are raw strings, `string="false"` JSON values,
 * both typed by the tool's schema where it declares one. Leniencies (sglang's): the `｜DSML｜`
 * prefix may be missing on any tag (`<invoke>`, `<parameter>`), an invoke body may be a JSON
 * object instead of parameters, the `string` attribute may be missing (a raw string); a missing
 * `</invoke>` or `</parameter>` is tolerated when the text around it is complete. An output that
 * ends inside a parameter, a tag or a JSON body is a truncated call; an invoke whose body is other
 * text (neither parameters nor a JSON object) is a malformed call, not an argument-less one.
 */
import type {
  BlockContext,
  BlockOutcome,
  BlockRule,
  DecideContext,
  ProblemDraft,
  RawCall,
} from "../../format-spec.ts";
import { isCompleteValue, parseJsonLoose } from "../../json-loose.ts";
import type { ToolIndex } from "../../tool-index.ts";
import { parseAttributes } from "./dsml-attributes.ts";
import { parameterSchemaOf, typeMarkedValue, unwrapArguments } from "./dsml-values.ts";
import { parseJsonCallsBody } from "./tagged-json.ts";

/** The fullwidth-bar prefix of DSML tag names (U+FF5C). */
export const DSML = "｜DSML｜";
/**
 * The prefix as written with ASCII bars (`<|DSML|invoke`), the token decoded to ASCII: read on
 * the tags inside a block another rule opened, never as a block or bare invoke opener of its own
 * (TensorRT-LLM's parser treats a `<|DSML|function_calls>` output as malformed).
 */
const ASCII_DSML = "|DSML|";
/** Either spelling of the prefix, in a regular expression. */
const PREFIX = "(?:｜DSML｜|\\|DSML\\|)";

interface TagSpan {
  /** The text between the tag name and `>`. */
  readonly attributes: string;
  /** The text between the opening and the closing tag (or the next opening tag, when unclosed). */
  readonly inner: string;
  readonly closed: boolean;
  /** The text after the closing tag, up to the next opening tag. */
  readonly after: string;
}

/**
 * Splits `text` into the `<｜DSML｜TAG ...>...</｜DSML｜TAG>` elements it holds, the prefix
 * optional on either tag (sglang accepts mixed tags). An element ends at a closing tag that is
 * followed by the next element, an enclosing closer or the end: first looking before the next
 * opening tag of any style, then before the next of its own style (so a prefixed raw value may
 * hold plain `<parameter>` text); failing that at any closing tag before the latter; else it
 * is unclosed.
 */
export function splitTags(text: string, tag: string): TagSpan[] {
  const opener = new RegExp(`<(${PREFIX})?${tag}\\b([^>]*)>`, "g");
  const opens = [...text.matchAll(opener)];
  const spans: TagSpan[] = [];
  let consumed = 0;
  for (const [index, open] of opens.entries()) {
    if (open.index < consumed) continue;
    const prefixed = open[1] !== undefined;
    const start = open.index + open[0].length;
    const nextAny = opens[index + 1]?.index ?? text.length;
    const nextOwn = nextOpen(opens, index, prefixed) ?? text.length;
    const close = findClose(text, start, [nextAny, nextOwn], tag, prefixed);
    const end = close ? close.index + close.length : nextOwn;
    const following = opens.slice(index + 1).find((next) => next.index >= end)?.index ?? text.length;
    spans.push({
      attributes: open[2]!,
      // An unclosed element ends where the next tag opens; the line break before it is layout.
      inner: close ? text.slice(start, close.index) : text.slice(start, nextOwn).replace(/\r?\n[ \t]*$/, ""),
      closed: close !== undefined,
      after: close ? text.slice(end, following) : "",
    });
    consumed = end;
  }
  return spans;
}

function nextOpen(opens: readonly RegExpExecArray[], index: number, prefixed: boolean): number | undefined {
  for (const open of opens.slice(index + 1)) {
    if (!prefixed || open[1] !== undefined) return open.index;
  }
  return undefined;
}

/** What may follow an element's real closing tag: the next element, an enclosing closer, the end. */
const STRUCTURAL_NEXT = new RegExp(
  `\\s*(?:$|<${PREFIX}?(?:parameter|invoke)\\b|<\\/${PREFIX}?(?:invoke|function_calls|tool_calls)>)`,
  "y",
);

interface Close {
  readonly index: number;
  readonly length: number;
  readonly prefixed: boolean;
  readonly structural: boolean;
}

function findClose(
  text: string,
  from: number,
  limits: readonly [number, number],
  tag: string,
  prefixed: boolean,
): Close | undefined {
  const closes: Close[] = [];
  const pattern = new RegExp(`</(${PREFIX})?${tag}>`, "g");
  for (const match of text.slice(from, Math.max(...limits)).matchAll(pattern)) {
    const index = from + match.index;
    STRUCTURAL_NEXT.lastIndex = index + match[0].length;
    closes.push({
      index,
      length: match[0].length,
      prefixed: match[1] !== undefined,
      structural: STRUCTURAL_NEXT.test(text),
    });
  }
  const ownFirst = (candidates: Close[]) =>
    candidates.find((close) => close.prefixed === prefixed) ?? candidates[0];
  for (const limit of limits) {
    const found = ownFirst(closes.filter((close) => close.index < limit && close.structural));
    if (found) return found;
  }
  return ownFirst(closes.filter((close) => close.index < limits[1]));
}

/** Reads every invoke of a DSML calls block. */
export function parseDsmlBlock(body: string, ctx: BlockContext): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  const invokes = splitTags(body, "invoke");
  if (invokes.length === 0) return noInvoke(body, ctx, raw);
  const calls: RawCall[] = [];
  const problems: ProblemDraft[] = [];
  for (const [index, invoke] of invokes.entries()) {
    const atEnd = ctx.truncated && index === invokes.length - 1 && !invoke.closed;
    const outcome = readInvoke(invoke, atEnd, ctx.tools);
    if ("call" in outcome) calls.push(outcome.call);
    else problems.push({ ...outcome.problem, raw });
  }
  const last = invokes[invokes.length - 1]!;
  if (ctx.truncated && last.closed && !isClosingRemainder(last.after, ctx)) {
    problems.push({ code: "truncated-call", message: "the output ended inside an invoke tag", raw });
  }
  return { calls, problems };
}

/** Only space, or the start of a closing tag, may follow the last complete part of a truncated block. */
function isClosingRemainder(text: string, ctx: BlockContext): boolean {
  const rest = text.trim();
  if (rest.length === 0) return true;
  const closers = [`</${DSML}invoke>`, `</${ASCII_DSML}invoke>`, "</invoke>", `</${ctx.open.slice(1)}`];
  return closers.some((closer) => closer.startsWith(rest));
}

/** A block with no invoke: JSON calls (a lenient model), a truncated opener, or a malformed block. */
function noInvoke(body: string, ctx: BlockContext, raw: string): BlockOutcome {
  const text = body.trim();
  if (/^[[{]/.test(text)) return parseJsonCallsBody(body, ctx);
  if (ctx.truncated) {
    return {
      problems: [{ code: "truncated-call", message: "the output ended before the first invoke", raw }],
    };
  }
  return {
    problems: [
      { code: "malformed-call", message: `expected <${DSML}invoke name="..."> in ${ctx.open} block`, raw },
    ],
  };
}

type InvokeOutcome = { readonly call: RawCall } | { readonly problem: Omit<ProblemDraft, "raw"> };

function readInvoke(invoke: TagSpan, atEnd: boolean, tools: ToolIndex): InvokeOutcome {
  const name = parseAttributes(invoke.attributes).get("name")?.trim() ?? "";
  if (name.length === 0) {
    return { problem: { code: "malformed-call", message: 'an invoke has no name="..." attribute' } };
  }
  const text = invoke.inner.trim();
  if (text.startsWith("{")) return readJsonInvoke(name, text, atEnd);
  const parameters = readParameters(invoke.inner, name, tools);
  if (atEnd && (!parameters.complete || parameters.count === 0)) {
    return {
      problem: {
        code: "truncated-call",
        message: `the output ended inside the call to ${name} (truncated generation)`,
        toolName: name,
      },
    };
  }
  if (parameters.count === 0 && !isInvokeRemainder(text)) {
    return {
      problem: {
        code: "malformed-call",
        message: `the invoke of ${name} holds neither parameters nor a JSON object`,
        toolName: name,
      },
    };
  }
  return { call: { name, arguments: unwrapArguments(parameters.values, name, tools) } };
}

function readJsonInvoke(name: string, text: string, atEnd: boolean): InvokeOutcome {
  if (atEnd && !isCompleteValue(text)) {
    return {
      problem: {
        code: "truncated-call",
        message: `the output ended inside the JSON arguments of ${name}`,
        toolName: name,
      },
    };
  }
  const parsed = parseJsonLoose(text);
  if (!parsed.ok) {
    return {
      problem: {
        code: "invalid-arguments",
        message: `the JSON body of the invoke of ${name} is not valid JSON`,
        toolName: name,
      },
    };
  }
  return { call: { name, arguments: parsed.value } };
}

interface Parameters {
  readonly values: Record<string, unknown>;
  readonly count: number;
  /** Every parameter closed and nothing but (part of) a closing tag after the last one. */
  readonly complete: boolean;
}

function readParameters(body: string, toolName: string, tools: ToolIndex): Parameters {
  const values: Record<string, unknown> = {};
  const spans = splitTags(body, "parameter");
  for (const span of spans) {
    const attributes = parseAttributes(span.attributes);
    const key = attributes.get("name");
    if (key === undefined) continue;
    const mark = attributes.get("string")?.trim().toLowerCase() === "false" ? "json" : "string";
    values[key] = typeMarkedValue(span.inner, mark, parameterSchemaOf(tools, toolName, key));
  }
  const last = spans[spans.length - 1];
  const tail = last ? last.after : body;
  const complete = (last?.closed ?? true) && isInvokeRemainder(tail);
  return { values, count: spans.length, complete };
}

/** Only space or the start of an invoke's closing tag may follow its last parameter. */
function isInvokeRemainder(text: string): boolean {
  const rest = text.trim();
  return (
    rest.length === 0 ||
    [`</${DSML}invoke>`, `</${ASCII_DSML}invoke>`, "</invoke>"].some((close) => close.startsWith(rest))
  );
}

/** A DSML calls block: `<｜DSML｜NAME>` ... `</｜DSML｜NAME>` (also closed by the unprefixed tag). */
export function dsmlBlockRule(blockName: string): BlockRule {
  return {
    open: `<${DSML}${blockName}>`,
    end: { kind: "close", close: [`</${DSML}${blockName}>`, `</${blockName}>`] },
    parse: parseDsmlBlock,
  };
}

/**
 * sglang's simplified form without the DSML prefix (`<function_calls><invoke name=..>`). The
 * opener is shared (olmo3 writes pythonic calls in `<function_calls>`), so the body must start
 * with an invoke for this rule to claim it.
 */
export function plainDsmlBlockRule(blockName: string): BlockRule {
  return {
    open: `<${blockName}>`,
    end: { kind: "close", close: [`</${blockName}>`] },
    accepts: startsWithInvoke,
    parse: (body, ctx) => (startsWithInvoke(body) ? parseDsmlBlock(body, ctx) : { reject: true }),
  };
}

function startsWithInvoke(body: string): boolean {
  return /^\s*<(?:｜DSML｜|\|DSML\|)?invoke\b/.test(body);
}

/**
 * A bare invoke, its calls block's opener and closer not written: `<｜DSML｜invoke name="..">`
 * (sglang #40236), or `<invoke name="..">` with `<parameter name=".." string="..">` as the DSML
 * reads once a server has dropped the `｜DSML｜` special token (seen from DeepSeek-V4-Flash).
 * With the format given any name counts; when auto-detecting only a declared tool's, and the
 * unprefixed form only with a `string=` attribute on a parameter (else it is MiniMax-M2's bare
 * invoke, whose rule declines such bodies).
 */
export function bareDsmlInvokeRule(prefixed: boolean, auto: boolean): BlockRule {
  const tag = prefixed ? `${DSML}invoke` : "invoke";
  return {
    open: `<${tag} name=`,
    end: { kind: "close", close: prefixed ? [`</${DSML}invoke>`, "</invoke>"] : ["</invoke>"] },
    auto,
    decide: decideDeclaredInvoke,
    ...(prefixed ? {} : { accepts: hasStringMarkedParameter }),
    parse: (body, ctx) =>
      parseDsmlBlock(`<${tag} name=${body}${ctx.close ?? ""}`, { ...ctx, open: "", close: null }),
  };
}

/** A `<parameter name=.. string="true|false">` tag: the DSML typing attribute. */
export function hasStringMarkedParameter(body: string): boolean {
  return /<(?:｜DSML｜|\|DSML\|)?parameter\b[^>]*\sstring\s*=\s*["']?(?:true|false)\b/i.test(body);
}

const NAME_ATTRIBUTE = /^\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/;

/** When auto-detecting, a bare invoke counts only for a declared tool's name. */
function decideDeclaredInvoke(head: string, final: boolean, ctx: DecideContext): "reject" | undefined {
  if (!ctx.auto) return undefined;
  const name = NAME_ATTRIBUTE.exec(head);
  const closed = name !== null && (name[1] !== undefined || name[2] !== undefined || /[\s>]/.test(head));
  if (!name || !closed) return final || head.length > 256 ? "reject" : undefined;
  const value = name[1] ?? name[2] ?? name[3] ?? "";
  return ctx.tools.declared && ctx.tools.resolve(value) !== undefined ? undefined : "reject";
}

/**
 * The other DeepSeek release's calls block (`function_calls` for V4, `tool_calls` for V3.2) with
 * the format given: vLLM leaves it in the content, so it is kept verbatim, and its invokes are
 * not read as bare ones. Auto-detection gives it to the release that writes it.
 */
export function foreignDsmlBlockRule(blockName: string): BlockRule {
  return {
    open: `<${DSML}${blockName}>`,
    end: { kind: "close", close: [`</${DSML}${blockName}>`] },
    auto: false,
    parse: () => ({ reject: true }),
  };
}
