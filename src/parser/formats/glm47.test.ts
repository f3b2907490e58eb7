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
