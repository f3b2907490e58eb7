import { describe, expect, it } from "vitest";
import { expectStreamsAsOneShot } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";
import type { FormatId } from "../types.ts";

const calls = (text: string, format?: FormatId) =>
  parseToolCalls(text, { format }).toolCalls.map(({ name, arguments: args }) => ({ name, args }));

describe("[TOOL_CALLS] formats (mistral, mistral_v11, mistral_args)", () => {
  it("reads the three call heads when auto-detecting and names the right format", () => {
    const list = parseToolCalls('[TOOL_CALLS] [{"name": "add", "arguments": {"a": 1}}]');
    const named = parseToolCalls('Sure.[TOOL_CALLS]add{"a": 1}');
    const args = parseToolCalls('[TOOL_CALLS]add[ARGS]{"a": 1}');
    expect([list.format, named.format, args.format]).toEqual(["mistral", "mistral_v11", "mistral_args"]);
    for (const result of [list, named, args])
      expect(result.toolCalls[0]).toMatchObject({ name: "add", arguments: { a: 1 } });
    expect(named.content).toBe("Sure.");
  });

  it("keeps the [CALL_ID] id of mistral_args calls", () => {
    const result = parseToolCalls('[TOOL_CALLS]get_weather[CALL_ID]a1b2c3d4e[ARGS]{"city": "Paris"}', {
      format: "mistral_args",
    });
    expect(result.toolCalls).toEqual([
      { id: "a1b2c3d4e", name: "get_weather", arguments: { city: "Paris" } },
    ]);
  });

  it("drops ollama's [/TOOL_CALLS] closer and repairs single quotes", () => {
    const result = parseToolCalls("[TOOL_CALLS] [{'name': 'add', 'arguments': {'a': 1,}}][/TOOL_CALLS]", {
      format: "mistral",
    });
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ a: 1 }]);
    expect(result.content).toBe("");
  });

  it("reports arguments cut off by the end of the output as truncated", () => {
    const result = parseToolCalls('[TOOL_CALLS]add{"a": 1, "b"', { format: "mistral_v11" });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("leaves [TOOL_CALLS] followed by prose as text", () => {
    const result = parseToolCalls("[TOOL_CALLS] sorry, no tool fits", { format: "mistral" });
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toBe("[TOOL_CALLS] sorry, no tool fits");
  });

  it("streams a call head split across chunks like the one-shot parse", () => {
    const text = 'x[TOOL_CALLS]get_time[CALL_ID]abc[ARGS]{"tz": "CET"}';
    const parser = new StreamParser({ format: "mistral_args" });
    for (const char of text) parser.feed(char);
    expect(parser.end().result).toEqual(parseToolCalls(text, { format: "mistral_args" }));
    expect(calls(text, "mistral_args")).toEqual([{ name: "get_time", args: { tz: "CET" } }]);
  });

  it("reads the bare list a server left after dropping the [TOOL_CALLS] special token", () => {
    const text =
      '[{"name": "add_layer", "arguments": {"id": "m0", "p": "WIND"}}, {"name": "add_layer", "arguments": {"id": "m0", "p": "T"}}]';
    const tools = [{ name: "add_layer" }];
    const result = parseToolCalls(text, { format: "mistral", tools });
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([
      { id: "m0", p: "WIND" },
      { id: "m0", p: "T" },
    ]);
    expect(result.content).toBe("");
    const parser = new StreamParser({ format: "mistral", tools });
    for (const char of text) parser.feed(char);
    expect(parser.end().result).toEqual(result);
    // only declared names count, and a list of other objects stays text
    expect(parseToolCalls(text, { format: "mistral", tools: [{ name: "other" }] }).toolCalls).toEqual([]);
    const prose = 'Two rows: [{"id": 1}, {"id": 2}]';
    expect(parseToolCalls(prose, { format: "mistral" }).content).toBe(prose);
  });

  it("reads a bare single call object with the format given (Mistral-7B on ollama, shell_gpt #677)", () => {
    const text = '{"name": "execute_shell_command", "arguments": {"shell_command": "ls -la"}}';
    const tools = [{ name: "execute_shell_command" }];
    const result = parseToolCalls(text, { format: "mistral", tools });
    expect(result.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
      ["execute_shell_command", { shell_command: "ls -la" }],
    ]);
    expect(result.content).toBe("");
    const parser = new StreamParser({ format: "mistral", tools });
    for (const char of text) parser.feed(char);
    expect(parser.end().result).toEqual(result);
    // an undeclared name or a plain JSON object stays text
    expect(parseToolCalls(text, { format: "mistral", tools: [{ name: "other" }] }).toolCalls).toEqual([]);
    const data = 'The row is {"id": 1, "label": "x"}';
    expect(parseToolCalls(data, { format: "mistral" }).content).toBe(data);
  });
});

describe("mistral_args: Magistral / Ministral-3 Reasoning thinking (llama.cpp test-chat.cpp)", () => {
  it("reads [THINK]..[/THINK] as reasoning and does not run a call drafted in it", () => {
    const text =
      '[THINK]Let me think about [TOOL_CALLS]f[ARGS]{"a":1} and more[/THINK][TOOL_CALLS]f[ARGS]{"a": 2}';
    const result = parseToolCalls(text, { format: "mistral_args" });
    expect(result.reasoning).toBe('Let me think about [TOOL_CALLS]f[ARGS]{"a":1} and more');
    expect(result.content).toBe("");
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ a: 2 }]);
    const parser = new StreamParser({ format: "mistral_args" });
    for (const ch of text) parser.feed(ch);
    expect(parser.end().result).toEqual(result);
  });

  it("keeps the answer after the thinking as content", () => {
    const result = parseToolCalls("[THINK]I'm\nthinking[/THINK]Hello!", { format: "mistral_args" });
    expect([result.reasoning, result.content]).toEqual(["I'm\nthinking", "Hello!"]);
  });
});

describe("mistral call lists with an entry that is not a call", () => {
  it("keeps the calls and reports the other entries (a marked list is a call attempt)", () => {
    const text =
      '[TOOL_CALLS] [{"name": "a", "arguments": {"x": 1}}, {"arguments": {"y": 2}}, {"name": "b", "arguments": {}}]';
    for (const format of ["mistral", "auto"] as const) {
      const result = parseToolCalls(text, { format });
      expect(result.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
        ["a", { x: 1 }],
        ["b", {}],
      ]);
      expect(result.problems.map((problem) => [problem.code, problem.raw])).toEqual([
        ["malformed-call", '{"arguments":{"y":2}}'],
      ]);
      expect(result.content).toBe("");
    }
    expectStreamsAsOneShot([text], ["mistral", "auto"]);
  });

  it("leaves a bare list with a non-call entry as content when auto-detecting", () => {
    const text = '[{"name": "a", "arguments": {}}, {"foo": 1}]';
    expect(parseToolCalls(text).content).toBe(text);
  });
});
