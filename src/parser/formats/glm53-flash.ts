/**
 * glm53_flash (GLM-5.3-Flash): a call is the tool's name, `>`, and its JSON arguments, with no
 * closing tag; calls follow each other directly:
 *
 *   我来帮您查询。<![get_weather>{"city": "北京"}<![get_weather>{"city": "上海"}
 *
 * sglang's tests write the start marker as `<![`; its detector reads the model's `<tool_call>`
 * special token in that place (`<tool_call>get_weather>{"city": "北京"}`, the JSON then ending at
 * the next `<tool_call>`, a `</tool_call>` or the end), and GLM-4.7's tag form
 * (`<tool_call>NAME<arg_key>K</arg_key><arg_value>V</arg_value></tool_call>`) too. The name may
 * carry a display prefix (`Weather/get_weather`): the part that names a declared tool (else the
 * last part) is the call's name.
 *
 * Source: sglang's `Glm53FlashDetector` (glm53_flash_detector.py, test
 * test/registered/unit/function_call/test_glm53_flash_detector.py). Its schema repairs are kept:
 * arguments written as the items of the tool's one required array parameter (a bare list, or one
 * item object whose keys all belong to that array's items) are wrapped into it. Not kept: its
 * fuzzy name guesses (a sole declared tool taking any name).
 *
 * `<![` is auto-detected only when a name and `>` then `{` or `[` follow it (`<![CDATA[` stays
 * text); the `<tool_call>` forms only with the format given (the opener is hermes' and GLM's).
 */
import type { BlockContext, BlockOutcome, BlockRule, FormatSpec, ValueStart } from "../format-spec.ts";
import { parseJsonLoose } from "../json-loose.ts";
import type { ToolIndex } from "../tool-index.ts";
import type { JsonSchema } from "../types.ts";
import { parseGlmBlock } from "./shared/glm-tool-call.ts";

/** A name (no spaces, brackets or quotes; `/`-separated display parts allowed), then `>`. */
const HEAD = /^\s*([^\s<>{}[\]"'\\]+)\s*>\s*/;

function valueStart(head: string, final: boolean): ValueStart {
  const match = HEAD.exec(head);
  if (!match) {
    const partial = /^\s*[^\s<>{}[\]"'\\]*\s*$/.test(head) && head.length < 128;
    return partial && !final ? "wait" : "none";
  }
  const at = match[0].length;
  if (at >= head.length) return final ? "none" : "wait";
  return head[at] === "{" || head[at] === "[" ? at : "none";
}

/** `NAME>` then a JSON value: one call. */
function parseNamedJson(body: string, ctx: BlockContext): BlockOutcome {
  const match = HEAD.exec(body);
  const raw = ctx.open + body + (ctx.close ?? "");
  if (!match) return { reject: true };
  const name = toolName(match[1]!, ctx.tools);
  const text = body.slice(match[0].length).trim();
  if (text.length === 0) return { calls: [{ name, arguments: {} }] };
  const parsed = parseJsonLoose(text);
  if (!parsed.ok) {
    const code = ctx.truncated ? "truncated-call" : "malformed-call";
    return { problems: [{ code, message: `the arguments of ${name} are not JSON`, raw, toolName: name }] };
  }
  return { calls: [{ name, arguments: fitToSchema(parsed.value, name, ctx.tools) }] };
}

/** `Weather/get_weather`: the part naming a declared tool, else the last part. */
function toolName(written: string, tools: ToolIndex): string {
  if (!written.includes("/")) return written;
  const parts = written.split("/").filter((part) => part.length > 0);
  return parts.find((part) => tools.resolve(part) !== undefined) ?? parts[parts.length - 1] ?? written;
}

/**
 * The arguments wrapped into the tool's one required array parameter when the model wrote that
 * array's items instead: a bare list, or a single item object (its keys all item properties).
 */
function fitToSchema(value: unknown, name: string, tools: ToolIndex): unknown {
  const schema = tools.get(tools.resolve(name) ?? name)?.parameters as JsonSchema | undefined;
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  const required = Array.isArray(schema?.required) ? (schema.required as string[]) : [];
  const arrays = required.filter((key) => properties[key]?.type === "array");
  if (Array.isArray(value)) return arrays.length === 1 ? { [arrays[0]!]: value } : value;
  if (typeof value !== "object" || value === null || arrays.length !== 1) return value;
  const key = arrays[0]!;
  const record = value as Record<string, unknown>;
  if (key in record) return value;
  const items = properties[key]?.items as JsonSchema | undefined;
  const itemKeys = new Set(Object.keys((items?.properties ?? {}) as object));
  const keys = Object.keys(record);
  return keys.length > 0 && keys.every((k) => itemKeys.has(k)) ? { [key]: [value] } : value;
}

/** `<tool_call>NAME>{json}` or GLM-4.7's `<tool_call>NAME<arg_key>..` (format given only). */
function parseToolCall(body: string, ctx: BlockContext): BlockOutcome {
  if (HEAD.test(body) && !/^\s*[^\s<>]*\s*<arg_key>/.test(body)) {
    const outcome = parseNamedJson(body, { ...ctx, truncated: false });
    return outcome.reject ? { content: ctx.open + body + (ctx.close ?? "") } : outcome;
  }
  return parseGlmBlock(body, ctx, "string");
}

const TOOL_CALL: BlockRule = {
  open: "<tool_call>",
  end: { kind: "close", close: ["</tool_call>"], stopBefore: ["<tool_call>"] },
  auto: false,
  parse: parseToolCall,
};

export const glm53Flash: FormatSpec = {
  id: "glm53_flash",
  description: "<![NAME>{...} or <tool_call>NAME>{...} per call, no closing tag (GLM-5.3-Flash)",
  blocks: [{ open: "<![", end: { kind: "value", valueStart }, parse: parseNamedJson }, TOOL_CALL],
  strip: ["<|observation|>"],
};
