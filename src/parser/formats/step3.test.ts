import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";
import type { ToolSpec } from "../types.ts";

const weather: ToolSpec = {
  name: "get_weather",
  parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } } },
};
const call = (name: string, params: Record<string, string>, type = "function<｜tool_sep｜>") =>
  `<｜tool_call_begin｜>${type}<steptml:invoke name="${name}">${Object.entries(params)
    .map(([key, value]) => `<steptml:parameter name="${key}">${value}</steptml:parameter>`)
    .join("")}</steptml:invoke><｜tool_call_end｜>`;
const block = (...calls: string[]) => `<｜tool_calls_begin｜>${calls.join("")}<｜tool_calls_end｜>`;

describe("step3", () => {
  it("reads several calls, with or without the function<｜tool_sep｜> type prefix, typed by the schema", () => {
    const text = block(
      call("get_weather", { city: "Tokyo", days: "2" }),
      call("get_weather", { city: "Kyoto" }, ""),
    );
    const result = parseToolCalls(text, { format: "step3", tools: [weather] });
    expect(result.toolCalls.map((item) => item.arguments)).toEqual([
      { city: "Tokyo", days: 2 },
      { city: "Kyoto" },
    ]);
    expect(result.content).toBe("");
  });

  it("keeps values as strings without a schema", () => {
    const text = block(call("get_weather", { days: "2" }));
    expect(parseToolCalls(text, { format: "step3" }).toolCalls[0]?.arguments).toEqual({ days: "2" });
  });

  it("keeps the complete calls of a block cut off inside a later one", () => {
    const text = `<｜tool_calls_begin｜>${call("a", {})}<｜tool_call_begin｜>function<｜tool_sep｜><steptml:invoke name="b"><steptml:parameter name="k">v`;
    const result = parseToolCalls(text, { format: "step3" });
    expect(result.toolCalls.map((item) => item.name)).toEqual(["a"]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("reports a block with no invoke in it", () => {
    const result = parseToolCalls("<｜tool_calls_begin｜>oops<｜tool_calls_end｜>", { format: "step3" });
    expect(result.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
  });

  it("is auto-detected next to DeepSeek's look-alike markers and streams to the one-shot result", () => {
    const text = `<think>Tokyo.</think>Sure.\n${block(call("get_weather", { city: "Tokyo" }))}`;
    const oneShot = parseToolCalls(text);
    const parser = new StreamParser({});
    for (const char of text) parser.feed(char);
    expect(parser.end().result).toEqual(oneShot);
    expect([oneShot.format, oneShot.reasoning, oneShot.content.trim()]).toEqual(["step3", "Tokyo.", "Sure."]);
    const deepseek = parseToolCalls("<｜tool▁calls▁begin｜>x<｜tool▁calls▁end｜>", { format: "step3" });
    expect(deepseek.toolCalls).toEqual([]);
  });
});
