/**
 * longcat (Meituan LongCat-Flash): hermes with its own tag,
 *
 *   <longcat_tool_call>{"name": "get_weather", "arguments": {"city": "Tokyo"}}</longcat_tool_call>
 *
 * one call per tag, text around the tags is content. Leniencies: a list of calls, the shared JSON
 * repairs, a missing close tag at the end of the output when the JSON is complete. LongCat's XML
 * variant `NAME<longcat_arg_key>K</longcat_arg_key><longcat_arg_value>V</longcat_arg_value>`
 * (mlx-lm) is read like GLM's pairs: values typed by the schema, else from their text.
 */
import type { BlockRule, FormatSpec } from "../format-spec.ts";
import { readGlmCall } from "./shared/glm-tool-call.ts";
import { startsWithJson, taggedCallsRule } from "./shared/json-tagged-list.ts";

const ARG_TAGS = /<(\/?)longcat_arg_(key|value)>/g;

const jsonRule = taggedCallsRule({ open: "<longcat_tool_call>", close: ["</longcat_tool_call>"] });

const hasArgPairs = (body: string): boolean => /^\s*[^\s<>{}[\]]+\s*<longcat_arg_key>/.test(body);

const callRule: BlockRule = {
  ...jsonRule,
  accepts: (body) => startsWithJson(body) || hasArgPairs(body),
  parse: (body, ctx) => {
    if (!hasArgPairs(body) || ctx.truncated) return jsonRule.parse(body, ctx);
    const read = readGlmCall(body.replace(ARG_TAGS, "<$1arg_$2>"), ctx.tools, "infer");
    if (read.ok) return { calls: [read.call] };
    return {
      problems: [{ code: "malformed-call", message: read.message, raw: ctx.open + body + (ctx.close ?? "") }],
    };
  },
};

export const longcat: FormatSpec = {
  id: "longcat",
  description: '<longcat_tool_call>{"name": ..., "arguments": {...}}</longcat_tool_call> (LongCat-Flash)',
  priority: 50,
  blocks: [callRule],
};
