/**
 * generic_json (llama.cpp's generic format, for templates without native tool support): the
 * whole answer is one JSON object,
 *
 *   {"tool_calls": [{"name": "get_weather", "arguments": {"city": "Paris"}, "id": "123"}]}
 *   {"response": "Hello!"}
 *
 * `tool_calls` become calls (ids kept), `response` becomes the content; both may appear. A single
 * `tool_call` object is accepted too. Any other JSON stays content. When auto-detecting,
 * `{"tool_calls": [...]}` is read by the `json` format's bare-object rule.
 */
import type { BlockContext, BlockOutcome, FormatSpec } from "../format-spec.ts";
import { parseJsonLoose } from "../json-loose.ts";
import { callFromObject, callsFromJson } from "./shared/json-calls.ts";

function parseGeneric(body: string, ctx: BlockContext): BlockOutcome {
  if (ctx.truncated) return { reject: true };
  const parsed = parseJsonLoose(body);
  if (!parsed.ok || !parsed.value || typeof parsed.value !== "object" || Array.isArray(parsed.value)) {
    return { reject: true };
  }
  const record = parsed.value as Record<string, unknown>;
  const single = record.tool_call === undefined ? null : callFromObject(record.tool_call);
  const calls = Array.isArray(record.tool_calls)
    ? callsFromJson(record.tool_calls)
    : single
      ? [single]
      : null;
  const content = typeof record.response === "string" ? record.response : undefined;
  if (!calls && content === undefined) return { reject: true };
  return { ...(calls ? { calls } : {}), ...(content !== undefined ? { content } : {}) };
}

export const genericJson: FormatSpec = {
  id: "generic_json",
  description:
    '{"tool_calls": [{"name": ..., "arguments": {...}}]} or {"response": "..."} (llama.cpp generic)',
  priority: 92,
  blocks: [{ open: "{", end: { kind: "value", includeOpen: true }, auto: false, parse: parseGeneric }],
};
