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
 *
 * Reasoning: `<ifm|think>`, `<ifm|think_fast>` or `<ifm|think_faster>` (high / medium / low
 * reasoning effort; vLLM's k2_horizon reasoning parser), often opened by the prompt. A call
 * drafted inside reasoning is reported, not run (vLLM parses tools from the content only; sglang's
 * detector treats it as hypothetical text).
 */
import { coerceValue } from "../coerce.ts";
import type { BlockContext, BlockOutcome, FormatSpec } from "../format-spec.ts";
import type { ToolIndex } from "../tool-index.ts";
import { parseCallUnits } from "./shared/call-units.ts";
import { readGlmCall } from "./shared/glm-tool-call.ts";
import { isRecord } from "./shared/json-calls.ts";
import { coerceStrings } from "./shared/pythonic-calls.ts";
import { parseJsonCallsBody } from "./shared/tagged-json.ts";

const GROUP_OPEN = "<ifm|tool_calls>";
const GROUP_CLOSE = "</ifm|tool_calls>";
const CALL_OPEN = "<ifm|tool_call>";
const CALL_CLOSE = "</ifm|tool_call>";
/** Reasoning per effort level; the template may open it in the prompt. */
const THINK_TAGS = ["think", "think_fast", "think_faster"].map((name) => ({
  open: `<ifm|${name}>`,
  close: [`</ifm|${name}>`],
  promptOpened: true,
}));
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

function parseUnits(body: string, ctx: BlockContext): BlockOutcome {
  return parseCallUnits(body, ctx, { open: CALL_OPEN, close: CALL_CLOSE }, (unit, raw) => {
    if (/^\s*\{/.test(unit)) {
      const json = parseJsonCallsBody(unit, { ...ctx, truncated: false });
      return {
        // String values typed by the schema where it asks for another type (objects only: a
        // double-encoded string is decoded later, by normalizeCall).
        calls: (json.calls ?? []).map((call) =>
          isRecord(call.arguments)
            ? { ...call, arguments: coerceStrings(call.arguments, call.name, ctx.tools) }
            : call,
        ),
        problems: json.problems,
      };
    }
    const read = readXmlUnit(unit, ctx.tools);
    return read.ok
      ? { calls: [read.call] }
      : { problems: [{ code: "malformed-call", message: read.message, raw }] };
  });
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
  reasoning: THINK_TAGS,
  reasoningCalls: "report",
};
