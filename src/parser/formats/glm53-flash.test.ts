import { describe, expect, it } from "vitest";
import { expectStreamsAsOneShot } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { ToolSpec } from "../types.ts";

const weather: ToolSpec = {
  name: "get_weather",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};
const todo: ToolSpec = {
  name: "todo_write",
  parameters: {
    type: "object",
    properties: {
      todos: {
        type: "array",
        items: { type: "object", properties: { content: { type: "string" }, status: { type: "string" } } },
      },
    },
    required: ["todos"],
  },
};
const calls = (text: string, format: "glm53_flash" | "auto", tools: ToolSpec[] = [weather]) =>
  parseToolCalls(text, { format, tools }).toolCalls.map((call) => [call.name, call.arguments]);

describe("glm53_flash", () => {
  const text = '我来帮您查询。<![get_weather>{"city": "北京"}<![Weather/get_weather>{"city": "上海"}';

  it("reads NAME>{json} calls, with the format given and auto-detected", () => {
    for (const format of ["glm53_flash", "auto"] as const) {
      const result = parseToolCalls(text, { format, tools: [weather] });
      expect(
        result.toolCalls.map((call) => [call.name, call.arguments]),
        format,
      ).toEqual([
        ["get_weather", { city: "北京" }],
        ["get_weather", { city: "上海" }],
      ]);
      expect([result.format, result.content]).toEqual(["glm53_flash", "我来帮您查询。"]);
    }
  });

  it("reads the <tool_call> forms with the format given", () => {
    expect(
      calls('<tool_call>get_weather>{"city": "北京"}<tool_call>get_weather>{"city": "上海"}', "glm53_flash"),
    ).toEqual([
      ["get_weather", { city: "北京" }],
      ["get_weather", { city: "上海" }],
    ]);
    expect(
      calls(
        "<tool_call>get_weather<arg_key>city</arg_key><arg_value>北京</arg_value></tool_call>",
        "glm53_flash",
      ),
    ).toEqual([["get_weather", { city: "北京" }]]);
  });

  it("wraps the items of the one required array parameter", () => {
    expect(calls('<![todo_write>[{"content": "a", "status": "pending"}]', "glm53_flash", [todo])).toEqual([
      ["todo_write", { todos: [{ content: "a", status: "pending" }] }],
    ]);
    expect(calls('<![todo_write>{"content": "a", "status": "pending"}', "glm53_flash", [todo])).toEqual([
      ["todo_write", { todos: [{ content: "a", status: "pending" }] }],
    ]);
  });

  it("leaves CDATA and bare <![ text alone", () => {
    for (const format of ["glm53_flash", "auto"] as const) {
      const result = parseToolCalls("<![CDATA[x]]> and <![x>y", { format });
      expect([result.toolCalls, result.content]).toEqual([[], "<![CDATA[x]]> and <![x>y"]);
    }
  });

  it("streams as it parses one-shot", () => {
    expectStreamsAsOneShot([text], ["glm53_flash", "auto"], { tools: [weather] });
  });
});
