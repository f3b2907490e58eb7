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

describe("gemma4: call:NAME{..} without the <|tool_call> token (vllm#54256)", () => {
  const text = `<|channel>thought\nLet me inspect the code at the crash point.\n<channel|>call:bash{command:${q("cat /work/src/entry.c")}}`;

  it("reads the call after the thought channel, format given or auto-detected with the tool declared", () => {
    for (const format of ["gemma4", undefined] as const) {
      const result = parseToolCalls(text, { ...(format ? { format } : {}), tools: [{ name: "bash" }] });
      expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
        { name: "bash", args: { command: "cat /work/src/entry.c" } },
      ]);
      expect(result.reasoning.trim()).toBe("Let me inspect the code at the crash point.");
      expect(result.content).toBe("");
    }
  });

  it("needs a declared name (or the format given without tools); prose with call: stays text", () => {
    expect(parseToolCalls(text, { tools: [SET_ALARM] }).toolCalls).toEqual([]);
    expect(parseToolCalls(text).toolCalls).toEqual([]);
    expect(parseToolCalls(text, { format: "gemma4" }).toolCalls.map((call) => call.name)).toEqual(["bash"]);
    const prose = "Make a call: bash{x} is not a tool call, nor is recall:that.";
    expect(parseToolCalls(prose, { format: "gemma4", tools: [{ name: "bash" }] })).toMatchObject({
      toolCalls: [],
      content: prose,
    });
  });

  it("keeps text after the call as content", () => {
    const result = parseToolCalls(`call:set_alarm{hour:7}\nDone.`, { format: "gemma4", tools: [SET_ALARM] });
    expect(result.toolCalls[0]?.arguments).toEqual({ hour: 7 });
    expect(result.content.trim()).toBe("Done.");
  });

  it("skips a stray colon before call: (vLLM test_colon_prefixed_tool_call)", () => {
    const result = parseToolCalls(`<|tool_call>:call:set_alarm{hour:7}<tool_call|>`, { format: "gemma4" });
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "set_alarm", args: { hour: 7 } },
    ]);
    expect(result.problems).toEqual([]);
  });

  it("reads the fragmented <call>NAME{..} form for a declared tool only", () => {
    const text = `<call>set_alarm{label:${q("wake")}}`;
    const declared = parseToolCalls(text, { tools: [SET_ALARM] });
    expect(declared.toolCalls.map((call) => call.arguments)).toEqual([{ label: "wake" }]);
    expect(parseToolCalls(text, { format: "gemma4", tools: [{ name: "other" }] }).toolCalls).toEqual([]);
    expect(parseToolCalls(text, {}).toolCalls).toEqual([]);
  });
});
