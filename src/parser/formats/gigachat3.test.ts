import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";

describe("gigachat3, phi4_mini and the other marker-then-JSON formats", () => {
  it("leaves a <|message_sep|> without the function-call header as text", () => {
    const result = parseToolCalls("Hi<|message_sep|>\n\nassistant<|role_sep|>\nHello", {
      format: "gigachat3",
    });
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toContain("Hello");
  });

  it("reads the bare `function call{json}` header left when special tokens are stripped", () => {
    const text = 'function call{"name": "a", "arguments": {"x": 1}}';
    for (const format of ["gigachat3", undefined]) {
      const result = parseToolCalls(text, { format });
      expect(result.toolCalls).toMatchObject([{ name: "a", arguments: { x: 1 } }]);
    }
    const prose = "I will make a function call to check it, function call [1]";
    expect(parseToolCalls(prose).toolCalls).toEqual([]);
    expect(parseToolCalls(prose, { format: "gigachat3" }).content).toBe(prose);
  });

  it("reports a GigaChat call cut off by the end of the output", () => {
    const result = parseToolCalls('<|function_call|>{"name": "a", "arguments": {"x": ', {
      format: "gigachat3",
    });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("does not open a functools block in Python prose", () => {
    const text = "import functools\nfunctools.partial(f)\nfunctools [1, 2]";
    expect(parseToolCalls(text).toolCalls).toEqual([]);
    expect(parseToolCalls(text, { format: "phi4_mini" }).content).toBe(text);
  });

  it("reads internlm, longcat, nemotron_v2 and lfm2_json blocks when auto-detecting", () => {
    const texts = [
      '<|action_start|><|plugin|>{"name": "a", "parameters": {"x": 1}}<|action_end|>',
      '<longcat_tool_call>{"name": "a", "arguments": {"x": 1}}</longcat_tool_call>',
      '<TOOLCALL>[{"name": "a", "arguments": {"x": 1}}]</TOOLCALL>',
      '<|tool_call_start|>[{"name": "a", "arguments": {"x": 1}}]<|tool_call_end|>',
    ];
    const formats = texts.map((text) => parseToolCalls(text).format);
    expect(formats).toEqual(["internlm", "longcat", "nemotron_v2", "lfm2_json"]);
  });

  it("reads granite_20b_fc calls with a stray </function_call>", () => {
    const result = parseToolCalls('<function_call> {"name": "a", "arguments": {}} </function_call>\nok', {
      format: "granite_20b_fc",
    });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["a"]);
    expect(result.content.trim()).toBe("ok");
  });

  it("turns generic_json's response into content", () => {
    const result = parseToolCalls('{"response": "Hi!"}', { format: "generic_json" });
    expect(result).toMatchObject({ toolCalls: [], content: "Hi!" });
  });
});
