import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { ToolSpec } from "../types.ts";

const q = (text: string) => `<|"|>${text}<|"|>`;
const SET_ALARM: ToolSpec = {
  name: "set_alarm",
  parameters: { type: "object", properties: { hour: { type: "integer" }, label: { type: "string" } } },
};

describe("gemma4", () => {
  it("keeps thinking apart and reads the call after it", () => {
    const result = parseToolCalls(
      `<|channel>thought\nThe user wants Paris.<channel|>On it.<|tool_call>call:get_weather{city:${q("Paris")}}<tool_call|><|tool_response>`,
      { format: "gemma4" },
    );
    expect(result.reasoning).toBe("The user wants Paris.");
    expect(result.content).toBe("On it.");
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ city: "Paris" }]);
  });

  it("keeps string contents verbatim, braces, quotes and backslashes included", () => {
    const text = 'if (a) { b("x\\n"); }';
    const result = parseToolCalls(`<|tool_call>call:edit{code:${q(text)},n:1}<tool_call|>`, {
      format: "gemma4",
    });
    expect(result.toolCalls[0]?.arguments).toEqual({ code: text, n: 1 });
  });

  it("types string values by the declared schema", () => {
    const result = parseToolCalls(`<|tool_call>call:set_alarm{hour:${q("7")},label:${q("7")}}<tool_call|>`, {
      format: "gemma4",
      tools: [SET_ALARM],
    });
    expect(result.toolCalls[0]?.arguments).toEqual({ hour: 7, label: "7" });
  });

  it("accepts a complete call without the end token, reports a truncated one", () => {
    expect(parseToolCalls(`<|tool_call>call:f{x:1}`, { format: "gemma4" }).toolCalls).toHaveLength(1);
    const truncated = parseToolCalls(`<|tool_call>call:f{x:${q("ab")},y:[1,`, { format: "gemma4" });
    expect(truncated.toolCalls).toEqual([]);
    expect(truncated.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("reports a block that is not a call", () => {
    const result = parseToolCalls("<|tool_call>hello<tool_call|>", { format: "gemma4" });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
  });

  it("is detected from its tokens", () => {
    const result = parseToolCalls(`Sure.<|tool_call>call:f{x:true}<tool_call|>`);
    expect(result.format).toBe("gemma4");
    expect(result.content).toBe("Sure.");
  });
});
