import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { ToolSpec } from "../types.ts";

const weather: ToolSpec = {
  name: "get_weather",
  parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } } },
};
const unit = (city: string) =>
  `<tool_call>get_weather<tool_sep>\n<arg_key>city</arg_key>\n<arg_value>${city}</arg_value>\n<arg_key>days</arg_key>\n<arg_value>2</arg_value>\n</tool_call>`;

describe("hy_v3", () => {
  it("types values by the schema and keeps them strings without one", () => {
    const text = `<tool_calls>\n${unit("Paris")}\n</tool_calls>`;
    expect(parseToolCalls(text, { format: "hy_v3", tools: [weather] }).toolCalls[0]?.arguments).toEqual({
      city: "Paris",
      days: 2,
    });
    expect(parseToolCalls(text, { format: "hy_v3" }).toolCalls[0]?.arguments).toEqual({
      city: "Paris",
      days: "2",
    });
  });

  it("keeps the complete calls of a block cut off inside a later call", () => {
    const text = `<tool_calls>\n${unit("Paris")}\n<tool_call>get_weather<tool_sep>\n<arg_key>city</arg_key>\n<arg_value>Ro`;
    const result = parseToolCalls(text, { format: "hy_v3" });
    expect(result.toolCalls.map((call) => call.arguments.city)).toEqual(["Paris"]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("accepts a missing <tool_sep>, a missing </tool_call> before </tool_calls>, and a missing </tool_calls>", () => {
    const noSeparator =
      "<tool_calls><tool_call>now</tool_call><tool_call>get_weather<arg_key>city</arg_key><arg_value>Oslo</arg_value></tool_calls>";
    expect(
      parseToolCalls(noSeparator, { format: "hy_v3" }).toolCalls.map((call) => [call.name, call.arguments]),
    ).toEqual([
      ["now", {}],
      ["get_weather", { city: "Oslo" }],
    ]);
    const unclosed = parseToolCalls(`<tool_calls>${unit("Rome")}`, { format: "hy_v3" });
    expect([unclosed.toolCalls.length, unclosed.problems]).toEqual([1, []]);
  });

  it("reads calls written without the <tool_calls> wrapper", () => {
    const result = parseToolCalls(`Let me see.${unit("Lima")}`, { format: "hy_v3" });
    expect(result.toolCalls.map((call) => call.arguments.city)).toEqual(["Lima"]);
    expect(result.content).toBe("Let me see.");
  });

  it("claims <tool_calls> and <tool_call> in auto mode by content, leaving JSON bodies to other formats", () => {
    const hy = parseToolCalls(`<tool_calls>\n${unit("Paris")}\n</tool_calls>`);
    expect([hy.format, hy.toolCalls.length]).toEqual(["hy_v3", 1]);
    const bare = parseToolCalls(unit("Paris"));
    expect(bare.format).toBe("hy_v3");
    const json = parseToolCalls(
      '<tool_calls>[{"name": "get_weather", "arguments": {"city": "Paris"}}]</tool_calls>',
    );
    expect(json.format).not.toBe("hy_v3");
  });

  it("reports a block with no call in it", () => {
    const result = parseToolCalls("<tool_calls>\nnothing here\n</tool_calls>", { format: "hy_v3" });
    expect([result.toolCalls, result.problems.map((problem) => problem.code)]).toEqual([
      [],
      ["malformed-call"],
    ]);
  });

  it("reads a call ended by <end_of_tool_call> (Hy3's chat template)", () => {
    const text = '<tool_call>get_weather<tool_sep>{"city": "Paris"}<end_of_tool_call>';
    const result = parseToolCalls(text, { format: "hy_v3", tools: [weather] });
    expect(result.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
      ["get_weather", { city: "Paris" }],
    ]);
    expect(result.content).toBe("");
  });
});
