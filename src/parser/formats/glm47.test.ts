import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { ToolSpec } from "../types.ts";

const forecast: ToolSpec = {
  name: "forecast",
  parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } } },
};

describe("glm47", () => {
  it("keeps values without a schema as strings (unlike glm4_moe)", () => {
    const text = "<tool_call>lookup<arg_key>n</arg_key><arg_value>42</arg_value></tool_call>";
    expect(parseToolCalls(text, { format: "glm47" }).toolCalls[0]?.arguments).toEqual({ n: "42" });
    expect(parseToolCalls(text, { format: "glm4_moe" }).toolCalls[0]?.arguments).toEqual({ n: 42 });
  });

  it("types values by the schema with no newlines anywhere", () => {
    const text =
      "<tool_call>forecast<arg_key>city</arg_key><arg_value>Oslo</arg_value><arg_key>days</arg_key><arg_value>3</arg_value></tool_call>";
    expect(parseToolCalls(text, { format: "glm47", tools: [forecast] }).toolCalls[0]?.arguments).toEqual({
      city: "Oslo",
      days: 3,
    });
  });

  it("reads zero-argument calls back to back and keeps the text between them", () => {
    const result = parseToolCalls("<tool_call>now</tool_call> then <tool_call>today\n</tool_call>", {
      format: "glm47",
    });
    expect(result.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
      ["now", {}],
      ["today", {}],
    ]);
    expect(result.content.trim()).toBe("then");
  });

  it("flags a call to an undeclared tool with the closest declared name", () => {
    const result = parseToolCalls(
      "<tool_call>forcast<arg_key>city</arg_key><arg_value>Oslo</arg_value></tool_call>",
      {
        format: "glm47",
        tools: [forecast],
      },
    );
    expect(result.problems.map((problem) => [problem.code, problem.suggestion])).toEqual([
      ["unknown-tool", "forecast"],
    ]);
  });
});

describe("glm47: a value missing its <arg_value> opener (vllm#49248)", () => {
  const search: ToolSpec = {
    name: "search",
    parameters: { type: "object", properties: { query: { type: "string" } } },
  };

  it("reads the value between </arg_key> and </arg_value>", () => {
    const text =
      "<tool_call>search<arg_key>query</arg_key>how many vacation days left</arg_value></tool_call>";
    for (const format of ["glm47", "glm4_moe", undefined] as const) {
      const result = parseToolCalls(text, { ...(format ? { format } : {}), tools: [search] });
      expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
        { name: "search", args: { query: "how many vacation days left" } },
      ]);
      expect(result.problems).toEqual([]);
    }
  });

  it("keeps the pairs after it", () => {
    const text =
      "<tool_call>forecast<arg_key>city</arg_key>Paris</arg_value><arg_key>days</arg_key><arg_value>3</arg_value></tool_call>";
    expect(parseToolCalls(text, { format: "glm47", tools: [forecast] }).toolCalls[0]?.arguments).toEqual({
      city: "Paris",
      days: 3,
    });
  });

  it("still reports a key followed by another key", () => {
    const text =
      "<tool_call>forecast<arg_key>city</arg_key><arg_key>days</arg_key><arg_value>3</arg_value></tool_call>";
    const result = parseToolCalls(text, { format: "glm47", tools: [forecast] });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
  });
});
