import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";
import type { ToolSpec } from "../types.ts";

const special: ToolSpec = {
  name: "special_function",
  parameters: { type: "object", properties: { arg1: { type: "integer" } } },
};
const profile: ToolSpec = {
  name: "update_profile",
  parameters: {
    type: "object",
    properties: {
      nickname: { anyOf: [{ type: "string" }, { type: "null" }] },
      age: { type: ["integer", "null"] },
      prefs: { oneOf: [{ type: "object" }, { type: "null" }] },
    },
  },
};
const block = (invokes: string) => `<minimax:tool_call>\n${invokes}\n</minimax:tool_call>`;
const invoke = (name: string, params: Record<string, string>) =>
  `<invoke name="${name}">\n${Object.entries(params)
    .map(([key, value]) => `<parameter name="${key}">${value}</parameter>`)
    .join("\n")}\n</invoke>`;

describe("minimax_m2", () => {
  it("types values by the schema (llama.cpp's special_function: arg1 integer)", () => {
    const text = block(invoke("special_function", { arg1: "1" }));
    expect(parseToolCalls(text, { format: "minimax_m2", tools: [special] }).toolCalls[0]?.arguments).toEqual({
      arg1: 1,
    });
    expect(parseToolCalls(text, { format: "minimax_m2" }).toolCalls[0]?.arguments).toEqual({ arg1: "1" });
  });

  it("follows anyOf / type lists / oneOf with null", () => {
    const text = block(invoke("update_profile", { nickname: "None", age: "null", prefs: '{"dark": true}' }));
    expect(parseToolCalls(text, { format: "minimax_m2", tools: [profile] }).toolCalls[0]?.arguments).toEqual({
      nickname: null,
      age: null,
      prefs: { dark: true },
    });
  });

  it("keeps multi-line values, dropping only the newline after the tag and before its close", () => {
    const text = block(invoke("write", { code: "\ndef f():\n    return 1\n" }));
    expect(parseToolCalls(text, { format: "minimax_m2" }).toolCalls[0]?.arguments).toEqual({
      code: "def f():\n    return 1",
    });
  });

  it("accepts single-quoted names, a missing </parameter> and a missing </minimax:tool_call>", () => {
    const text =
      "<minimax:tool_call><invoke name='move'><parameter name='x'>1<parameter name=\"y\">2</parameter></invoke>";
    const result = parseToolCalls(text, { format: "minimax_m2" });
    expect(result.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
      ["move", { x: "1", y: "2" }],
    ]);
    expect(result.problems).toEqual([]);
  });

  it("keeps the complete invokes of a block cut off inside a later one", () => {
    const text = `<minimax:tool_call>${invoke("a", { k: "1" })}<invoke name="b"><parameter name="k">2`;
    const result = parseToolCalls(text, { format: "minimax_m2" });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["a"]);
    expect(result.problems.map((problem) => [problem.code, problem.raw])).toEqual([
      ["truncated-call", '<invoke name="b"><parameter name="k">2'],
    ]);
  });

  it("reads bare invokes only when the format is given", () => {
    const text = `Calling.\n${invoke("ping", {})}`;
    expect(parseToolCalls(text, { format: "minimax_m2" }).toolCalls.map((call) => call.name)).toEqual([
      "ping",
    ]);
    expect(parseToolCalls(text).toolCalls).toEqual([]);
  });

  it("is auto-detected and streams character by character to the one-shot result", () => {
    const text = `<think>Weather first.</think>\nChecking.\n${block(invoke("special_function", { arg1: "7" }))}\nDone.`;
    const oneShot = parseToolCalls(text, { tools: [special] });
    const parser = new StreamParser({ tools: [special] });
    for (const char of text) parser.feed(char);
    expect(parser.end().result).toEqual(oneShot);
    expect([oneShot.format, oneShot.reasoning, oneShot.toolCalls[0]?.arguments]).toEqual([
      "minimax_m2",
      "Weather first.",
      { arg1: 7 },
    ]);
    expect(oneShot.content).toBe("\nChecking.\n\nDone.");
  });
});

describe("minimax_m2: invokes without the <minimax:tool_call> opener (QwenPaw#4625)", () => {
  const query: ToolSpec = {
    name: "mobile-query",
    parameters: { type: "object", properties: { phone_number: { type: "string" } } },
  };
  const text =
    'Let me look it up.\n<invoke name="mobile-query"> <parameter name="phone_number">19898098464</parameter> </invoke> </minimax:tool_call>';

  it("reads them with the format given or, for a declared tool, auto-detected; the orphan closer is dropped", () => {
    for (const format of ["minimax_m2", undefined] as const) {
      const result = parseToolCalls(text, { ...(format ? { format } : {}), tools: [query] });
      expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
        { name: "mobile-query", args: { phone_number: "19898098464" } },
      ]);
      expect(result.content.trim()).toBe("Let me look it up.");
    }
  });

  it("leaves an invoke of an undeclared tool (or with no tools declared) as text when auto-detecting", () => {
    expect(parseToolCalls(text, { tools: [special] }).toolCalls).toEqual([]);
    expect(parseToolCalls(text).toolCalls).toEqual([]);
    expect(parseToolCalls(text, { format: "minimax_m2" }).toolCalls.map((call) => call.name)).toEqual([
      "mobile-query",
    ]);
  });

  it("streams to the same result", () => {
    const parser = new StreamParser({ tools: [query] });
    for (const char of text) parser.feed(char);
    expect(parser.end().result).toEqual(parseToolCalls(text, { tools: [query] }));
  });
});
