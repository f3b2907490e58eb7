/**
 * k2_horizon (K2 Horizon): calls in `<ifm|..>` special tokens, in one of three shapes the chat
 * template's `tool_call_format` selects (xml, the default; xml_typed; json):
 *
 *   <ifm|tool_calls><ifm|tool_call>lookup<ifm|arg_key>limit</ifm|arg_key><ifm|arg_value>3</ifm|arg_value></ifm|tool_call>
 *   <ifm|tool_call>lookup<ifm|arg_key>limit</ifm|arg_key><ifm|arg_type>integer</ifm|arg_type><ifm|arg_value>3</ifm|arg_value></ifm|tool_call>
 *   <ifm|tool_call>{"name": "lookup", "arguments": {"limit": 3}}</ifm|tool_call></ifm|tool_calls>
 *
 * Calls are newline-separated inside the group. Source: vLLM's `k2_horizon` parser
 * (k2_horizon_tool_parser.py, test tests/tool_parsers/test_k2_horizon_tool_parser.py). tooluse
 * reads all three shapes whatever the request asked for (vLLM rejects a shape the request did not
 * select). Values are typed by the tool's schema (a JSON call's string values too: `"2"` for an
 * integer is 2); without a schema an XML value stays text unless its `<ifm|arg_type>` names a type.
 *
 * Leniencies (as hy_v3): a missing `</ifm|tool_call>` before `</ifm|tool_calls>`, a missing
 * `</ifm|tool_calls>` at the end of the output when every call closed, and calls written without
 * the group. A call cut off by the end of the output is a truncated call.
 */
import { coerceValue } from "../coerce.ts";
import type { BlockContext, BlockOutcome, FormatSpec, ProblemDraft, RawCall } from "../format-spec.ts";
import type { ToolIndex } from "../tool-index.ts";
import { readGlmCall } from "./shared/glm-tool-call.ts";
import { parseJsonCallsBody } from "./shared/tagged-json.ts";

const GROUP_OPEN = "<ifm|tool_calls>";
const GROUP_CLOSE = "</ifm|tool_calls>";
const CALL_OPEN = "<ifm|tool_call>";
const CALL_CLOSE = "</ifm|tool_call>";
const ARG_TYPE = /<ifm\|arg_type>([^<]*)<\/ifm\|arg_type>/g;

/** An XML call unit: its `<ifm|arg_key>`/`<ifm|arg_value>` tags as GLM's, types set aside. */
function readXmlUnit(unit: string, tools: ToolIndex): ReturnType<typeof readGlmCall> {
  const types = new Map<string, string>();
  const plain = unit
    .replace(
      /<ifm\|arg_key>([^<]*)<\/ifm\|arg_key>\s*<ifm\|arg_type>([^<]*)<\/ifm\|arg_type>/g,
      (_, key, type) => {
        types.set(String(key).trim(), String(type).trim());
        return `<ifm|arg_key>${key}</ifm|arg_key>`;
      },
    )
    .replace(ARG_TYPE, "")
    .replace(/<(\/?)ifm\|(arg_key|arg_value)>/g, "<$1$2>");
  const read = readGlmCall(plain, tools, "string");
  if (!read.ok || types.size === 0) return read;
  const declared = tools.resolve(read.call.name) ?? read.call.name;
  const args = { ...(read.call.arguments as Record<string, unknown>) };
  for (const [key, type] of types) {
    const value = args[key];
    if (typeof value === "string" && !tools.parameterSchema(declared, key)) {
      args[key] = coerceValue(value, { type }, { untyped: "string" });
    }
  }
  return { ok: true, call: { ...read.call, arguments: args } };
}

/** A JSON call's string values typed by the schema where it asks for another type. */
function typeJsonStrings(call: RawCall, tools: ToolIndex): RawCall {
  const args = call.arguments;
  if (!tools.declared || typeof args !== "object" || args === null) return call;
  const declared = tools.resolve(call.name) ?? call.name;
  const typed: Record<string, unknown> = { ...(args as Record<string, unknown>) };
  for (const [key, value] of Object.entries(typed)) {
    const schema = tools.parameterSchema(declared, key);
    if (typeof value === "string" && schema) typed[key] = coerceValue(value, schema, { untyped: "string" });
  }
  return { ...call, arguments: typed };
}

function parseUnits(body: string, ctx: BlockContext): BlockOutcome {
  const calls: RawCall[] = [];
  const problems: ProblemDraft[] = [];
  const stray: string[] = [];
  let at = 0;
  for (;;) {
    const start = body.indexOf(CALL_OPEN, at);
    stray.push(body.slice(at, start < 0 ? body.length : start));
    if (start < 0) break;
    const close = body.indexOf(CALL_CLOSE, start);
    const unit = body.slice(start + CALL_OPEN.length, close < 0 ? body.length : close);
    const raw = body.slice(start, close < 0 ? body.length : close + CALL_CLOSE.length);
    if (close < 0 && ctx.truncated) {
      problems.push({ code: "truncated-call", message: "the output ended inside a call", raw });
      break;
    }
    if (/^\s*\{/.test(unit)) {
      const json = parseJsonCallsBody(unit, { ...ctx, truncated: false });
      for (const call of json.calls ?? []) calls.push(typeJsonStrings(call, ctx.tools));
      problems.push(...(json.problems ?? []));
    } else {
      const read = readXmlUnit(unit, ctx.tools);
      if (read.ok) calls.push(read.call);
      else problems.push({ code: "malformed-call", message: read.message, raw });
    }
    if (close < 0) break;
    at = close + CALL_CLOSE.length;
  }
  const content = stray.join("").trim();
  if (calls.length === 0 && problems.length === 0) {
    const raw = ctx.open + body + (ctx.close ?? "");
    const code = ctx.truncated ? "truncated-call" : "malformed-call";
    return { problems: [{ code, message: `${ctx.open} holds no ${CALL_OPEN}`, raw }] };
  }
  return { calls, problems, ...(content.length > 0 ? { content } : {}) };
}

export const k2Horizon: FormatSpec = {
  id: "k2_horizon",
  description:
    "<ifm|tool_calls><ifm|tool_call>NAME<ifm|arg_key>K</ifm|arg_key>[<ifm|arg_type>T</ifm|arg_type>]<ifm|arg_value>V</ifm|arg_value></ifm|tool_call></ifm|tool_calls>, or a JSON call per <ifm|tool_call> (K2 Horizon)",
  blocks: [
    { open: GROUP_OPEN, end: { kind: "close", close: [GROUP_CLOSE] }, parse: parseUnits },
    {
      open: CALL_OPEN,
      end: { kind: "close", close: [CALL_CLOSE] },
      parse: (body, ctx) =>
        parseUnits(`${CALL_OPEN}${body}${ctx.close === null ? "" : CALL_CLOSE}`, { ...ctx, open: CALL_OPEN }),
    },
  ],
};
