/**
 * dots (rednote hi lab dots.llm): MiniMax-M2's invokes inside a `<dots_function_call>` block, or
 * a JSON call object as the block's body:
 *
 *   <dots_function_call>
 *   <invoke name="search">
 *   <parameter name="query">weather in Shanghai</parameter>
 *   </invoke>
 *   </dots_function_call>
 *   <dots_function_call>{"name": "search", "arguments": {"query": "tables"}}</dots_function_call>
 *
 * Source: vLLM's `dots` parser (dots_tool_parser.py, test tests/tool_parsers/test_dots_tool_parser.py).
 * Several invokes per block and several blocks per output. Values are typed by the tool's schema,
 * a parameter schema that is a local `$ref` (`#/$defs/NAME`) by the definition it names, and stay
 * strings without one. A stray `</dots_function_call>` is dropped from content.
 *
 * Leniencies: those of shared/glm-invoke.ts; a missing `</dots_function_call>` at the end of the
 * output when every invoke closed. Where tooluse's contract differs from vLLM's: a call to an
 * undeclared tool is kept with an `unknown-tool` problem (vLLM leaves the block as content), and a
 * block that holds no call is a malformed-call problem (vLLM returns its body as content).
 */
import { coerceValue } from "../coerce.ts";
import type { BlockContext, BlockOutcome, FormatSpec, RawCall } from "../format-spec.ts";
import type { ToolIndex } from "../tool-index.ts";
import type { JsonSchema } from "../types.ts";
import { readInvokes } from "./shared/glm-invoke.ts";
import { parseJsonCallsBody } from "./shared/tagged-json.ts";

const TAGS = { prefix: "", untyped: "string" } as const;

function parseBlock(body: string, ctx: BlockContext): BlockOutcome {
  if (/^\s*[[{]/.test(body)) return parseJsonCallsBody(body, ctx);
  const { calls, problems, stray } = readInvokes(body, ctx, TAGS);
  if (calls.length === 0 && problems.length === 0) {
    const raw = ctx.open + body + (ctx.close ?? "");
    const code = ctx.truncated ? "truncated-call" : "malformed-call";
    return { problems: [{ code, message: `${ctx.open} holds no <invoke> or JSON call`, raw }] };
  }
  const content = stray.trim();
  return {
    calls: calls.map((call) => typeReferences(call, ctx.tools)),
    problems,
    ...(content.length > 0 ? { content } : {}),
  };
}

/** A parameter schema `{"$ref": "#/$defs/NAME"}`, resolved in the tool's `$defs` (depth-limited). */
function resolveReference(schema: JsonSchema | undefined, defs: unknown, depth = 0): JsonSchema | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/$defs/") || depth > 10) return undefined;
  if (!defs || typeof defs !== "object") return undefined;
  const target = (defs as Record<string, unknown>)[ref.slice("#/$defs/".length)];
  if (!target || typeof target !== "object") return undefined;
  return resolveReference(target as JsonSchema, defs, depth + 1) ?? (target as JsonSchema);
}

/** Re-types the values (still text) whose parameter schema is a `$ref` into the tool's `$defs`. */
function typeReferences(call: RawCall, tools: ToolIndex): RawCall {
  const args = call.arguments;
  if (!tools.declared || typeof args !== "object" || args === null) return call;
  const declared = tools.resolve(call.name) ?? call.name;
  const defs = tools.get(declared)?.parameters?.$defs;
  if (defs === undefined) return call;
  let typed: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(args as Record<string, unknown>)) {
    if (typeof value !== "string") continue;
    const schema = resolveReference(tools.parameterSchema(declared, key), defs);
    if (!schema) continue;
    typed ??= { ...(args as Record<string, unknown>) };
    typed[key] = coerceValue(value, schema, { untyped: "string" });
  }
  return typed ? { ...call, arguments: typed } : call;
}

export const dots: FormatSpec = {
  id: "dots",
  description:
    '<dots_function_call><invoke name="NAME"><parameter name="K">V</parameter></invoke></dots_function_call> or a JSON call inside (dots.llm)',
  blocks: [
    {
      open: "<dots_function_call>",
      end: { kind: "close", close: ["</dots_function_call>"] },
      parse: parseBlock,
    },
  ],
  strip: ["</dots_function_call>"],
};
