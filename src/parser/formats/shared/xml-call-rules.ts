/**
 * Block rules for `<function=NAME><parameter=KEY>VALUE</parameter></function>` calls: inside a
 * wrapper tag (`<tool_call>`, `<seed:tool_call>`) and bare, with the wrapper's opener dropped
 * (Qwen3-Coder in the field often omits `<tool_call>`).
 */
import type { BlockContext, BlockOutcome, BlockRule, EndRule } from "../../format-spec.ts";
import { hasStringMarkedParameter, parseDsmlBlock } from "./dsml-invoke.ts";
import { parseJsonCallsBody } from "./tagged-json.ts";
import { canonicalFunctionBody, jsonArgumentsCall, looksLikeFunctionVariant } from "./xml-call-variants.ts";
import { closesQuotedCall, readFunctionCalls, type ValueLayout } from "./xml-function-calls.ts";
import { FUNCTION_CLOSE, FUNCTION_OPEN, PARAMETER_OPEN } from "./xml-parameters.ts";

/** A close end rule whose closer may also appear quoted inside a value (see `literalClose`). */
export type QuotedCloseEnd = Extract<EndRule, { kind: "close" }>;

/** `<tool_call>` (or another wrapper) around one or more `<function=NAME>` calls. */
export function wrappedFunctionRule(open: string, close: string, layout: ValueLayout = "wrapped"): BlockRule {
  const end: QuotedCloseEnd = {
    kind: "close",
    close: [close],
    literalClose: (body, marker, ctx) => closesQuotedCall(body, open, marker, ctx.tools),
  };
  return {
    open,
    end,
    accepts: (body) => /^\s*<function=/.test(body) || looksLikeFunctionVariant(body),
    parse: (body, ctx) => parseWrapped(body, ctx, layout),
  };
}

function parseWrapped(body: string, ctx: BlockContext, layout: ValueLayout): BlockOutcome {
  // The output ended right after the opener (or inside `<function=`): a call cut off, not text.
  if (ctx.truncated && FUNCTION_OPEN.startsWith(body.trim())) {
    const raw = ctx.open + body;
    return {
      problems: [{ code: "truncated-call", message: `the output ended right after ${ctx.open}`, raw }],
    };
  }
  // Leniency: the model fell back to the hermes JSON body inside the XML wrapper.
  if (/^\s*[[{]/.test(body)) return parseJsonCallsBody(body, ctx);
  // Leniency: the name as `<function>NAME</function>` and the arguments as a JSON object.
  const jsonCall = jsonArgumentsCall(body);
  if (jsonCall) return { calls: [jsonCall] };
  // Leniency: `<function name="NAME">` whose parameters carry DSML's `string="true|false"` typing
  // attribute (Doubao Seed 2.0 in `<seed:tool_call>`): read as a DSML invoke, so the mark types them.
  if (ATTRIBUTE_HEADER.test(body) && hasStringMarkedParameter(body)) {
    const invokes = body.replace(/<(\/?)function\b/g, "<$1invoke");
    const outcome = parseDsmlBlock(invokes, { ...ctx, open: "", close: null });
    if (outcome.calls && outcome.calls.length > 0) return outcome;
  }
  // `<function=NAME/>`: a call without arguments.
  const expanded = body.replace(/<function=([^\s<>/"']+)\s*\/>/g, `${FUNCTION_OPEN}$1>${FUNCTION_CLOSE}`);
  return readFunctionCalls(canonicalFunctionBody(expanded, ctx.tools) ?? expanded, ctx, layout);
}

/** `<function name="NAME">`: the attribute form of the header. */
const ATTRIBUTE_HEADER = /^\s*<function\s+name\s*=\s*["']/;

/**
 * A bare `<function=NAME>` block ending at `</function>` (the opener shared with hermes and
 * functionary_v3_1): only bodies whose text after `NAME>` is empty or starts with `<parameter=`.
 */
export function bareFunctionRule(layout: ValueLayout = "wrapped"): BlockRule {
  const end: QuotedCloseEnd = {
    kind: "close",
    close: [FUNCTION_CLOSE],
    literalClose: (body, marker, ctx) => closesQuotedCall(body, FUNCTION_OPEN, marker, ctx.tools),
  };
  return {
    open: FUNCTION_OPEN,
    end,
    decide: (head, final, ctx) => decideBareFunction(head, final, !ctx.auto),
    accepts: (body) => /^[^\s<>{}"']+>\s*(?:<parameter=[\s\S]*)?$/.test(body),
    parse: (body, ctx) => {
      // The opener is part of the body read here (its raw text holds it once).
      const outcome = readFunctionCalls(FUNCTION_OPEN + body, { ...ctx, open: "" }, layout);
      return outcome.calls || outcome.problems ? outcome : { reject: true };
    },
  };
}

/**
 * Rejects a bare `<function=` block as soon as its head cannot be `NAME>` + `<parameter=`, or,
 * with the format given (`jsonBody`), `NAME>` + a JSON object (Qwen3-Coder writing functionary's
 * body, Rapid-MLX #448). When auto-detecting, that JSON shape is functionary_v3_1's.
 */
function decideBareFunction(head: string, final: boolean, jsonBody: boolean): "reject" | undefined {
  const nameEnd = head.indexOf(">");
  if (nameEnd < 0) {
    if (final || head.length > 128 || /[\s<{}"']/.test(head)) return "reject";
    return undefined;
  }
  if (nameEnd === 0 || /[\s<{}"']/.test(head.slice(0, nameEnd))) return "reject";
  const rest = head.slice(nameEnd + 1).trimStart();
  if (rest.length === 0) return undefined;
  if (jsonBody && rest.startsWith("{")) return undefined;
  if (rest.startsWith(PARAMETER_OPEN) || PARAMETER_OPEN.startsWith(rest)) return undefined;
  // MiniMax's `<parameter name="KEY">` header (read as `<parameter=KEY>`).
  return /^<parameter\s+name\s*=/.test(rest) || /^<parameter(?:\s+(?:n(?:a(?:m(?:e\s*)?)?)?)?)?$/.test(rest)
    ? undefined
    : "reject";
}
