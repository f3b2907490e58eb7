/**
 * tool_use: tooluse's own text protocol, for any model without a native format. A block is
 *
 *   <tool_use>
 *   tool_name: get_weather
 *   arguments: {"city": "Paris"}
 *   </tool_use>
 *
 * or a JSON object {"name": ..., "arguments": {...}}, or child elements <name>/<arguments>.
 */
import { XMLParser } from "fast-xml-parser";
import type { BlockContext, BlockOutcome, FormatSpec } from "../format-spec.ts";
import { isCompleteValue, parseJsonLoose } from "../json-loose.ts";
import { callFromObject } from "./shared/json-calls.ts";

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

function parseToolUse(body: string, ctx: BlockContext): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  const text = body.trim();
  const fail = (message: string): BlockOutcome => ({
    problems: [{ code: ctx.truncated ? "truncated-call" : "malformed-call", message, raw }],
  });
  if (text.length === 0) return fail("<tool_use> block is empty");
  // key: value lines
  const keyed =
    /^(?:tool_name|name|tool)\s*:\s*(.+?)\s*(?:\r?\n\s*(?:arguments|args|parameters|input)\s*:\s*([\s\S]*))?$/i.exec(
      text,
    );
  if (keyed) {
    const name = keyed[1]!.replace(/^["'`]|["'`]$/g, "");
    const argsText = (keyed[2] ?? "").trim();
    if (argsText.length === 0) return { calls: [{ name, arguments: {} }] };
    if (ctx.truncated && !isCompleteValue(argsText)) return fail("the output ended inside the arguments");
    const parsed = parseJsonLoose(argsText);
    if (!parsed.ok)
      return fail(`arguments of ${name} are not JSON: ${JSON.stringify(argsText.slice(0, 120))}`);
    return { calls: [{ name, arguments: parsed.value }] };
  }
  if (text.startsWith("{")) {
    if (ctx.truncated && !isCompleteValue(text)) return fail("the output ended inside the call");
    const parsed = parseJsonLoose(text);
    const call = parsed.ok ? callFromObject(parsed.value) : null;
    return call ? { calls: [call] } : fail('expected {"name": ..., "arguments": {...}}');
  }
  if (text.startsWith("<")) {
    let tree: unknown;
    try {
      tree = xml.parse(`<root>${text}</root>`);
    } catch {
      return fail("child elements are not well-formed");
    }
    const root = (tree as { root?: Record<string, unknown> }).root;
    const name = root?.name ?? root?.tool_name;
    if (typeof name !== "string" || name.length === 0) return fail("expected a <name> element");
    const argsText = root?.arguments ?? root?.args ?? root?.parameters;
    if (argsText === undefined || argsText === "") return { calls: [{ name, arguments: {} }] };
    const parsed = parseJsonLoose(String(argsText));
    if (!parsed.ok) return fail(`arguments of ${name} are not JSON`);
    return { calls: [{ name, arguments: parsed.value }] };
  }
  return fail("expected tool_name:/arguments: lines, a JSON object, or <name>/<arguments> elements");
}

export const toolUse: FormatSpec = {
  id: "tool_use",
  description:
    "<tool_use> blocks: tool_name:/arguments: lines, a JSON call object, or <name>/<arguments> elements",
  priority: 0,
  blocks: [{ open: "<tool_use>", end: { kind: "close", close: ["</tool_use>"] }, parse: parseToolUse }],
};
