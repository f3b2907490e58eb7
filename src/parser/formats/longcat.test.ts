import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { normalizeTools } from "../tool-index.ts";

const pairs = (text: string, options: Parameters<typeof parseToolCalls>[1] = { format: "longcat" }) =>
  parseToolCalls(text, options).toolCalls.map(({ name, arguments: args }) => ({ name, args }));

describe("longcat", () => {
  it("reads a JSON call between the tags", () => {
    expect(pairs('<longcat_tool_call>{"name": "f", "arguments": {"a": 1}}</longcat_tool_call>')).toEqual([
      { name: "f", args: { a: 1 } },
    ]);
  });

  it("reads the XML variant, typing values by the schema or their text", () => {
    const text =
      "<longcat_tool_call>f<longcat_arg_key>n</longcat_arg_key>\n<longcat_arg_value>12</longcat_arg_value>\n<longcat_arg_key>s</longcat_arg_key>\n<longcat_arg_value>12</longcat_arg_value></longcat_tool_call>";
    const tools = normalizeTools([
      { name: "f", parameters: { type: "object", properties: { s: { type: "string" } } } },
    ]);
    expect(pairs(text, { format: "longcat", tools })).toEqual([{ name: "f", args: { n: 12, s: "12" } }]);
    expect(pairs(text, { tools })).toEqual([{ name: "f", args: { n: 12, s: "12" } }]);
  });
});
