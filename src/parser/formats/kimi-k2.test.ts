import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";

const section = (calls: string) => `<|tool_calls_section_begin|>${calls}<|tool_calls_section_end|>`;
const call = (header: string, args: string) =>
  `<|tool_call_begin|>${header}<|tool_call_argument_begin|>${args}<|tool_call_end|>`;

describe("kimi_k2", () => {
  it("keeps Kimi's functions.NAME:IDX header as the call id", () => {
    const result = parseToolCalls(section(call("functions.get_weather:0", '{"city": "Paris"}')), {
      format: "kimi_k2",
    });
    expect(result.toolCalls).toEqual([
      { id: "functions.get_weather:0", name: "get_weather", arguments: { city: "Paris" } },
    ]);
  });

  it("reports a header without :IDX and keeps the valid calls", () => {
    const text = section(call("functions.bad.0", "{}") + call("functions.good:1", '{"a": 1}'));
    const result = parseToolCalls(text, { format: "kimi_k2" });
    expect(result.toolCalls.map((c) => c.name)).toEqual(["good"]);
    expect(result.problems).toMatchObject([{ code: "malformed-call", toolName: "bad.0" }]);
  });

  it("keeps complete calls and reports the unfinished one when the output is cut", () => {
    const text = `<|tool_calls_section_begin|>${call("functions.a:0", "{}")}<|tool_call_begin|>functions.b:1<|tool_call_argument_begin|>{"q": "ab`;
    const result = parseToolCalls(text, { format: "kimi_k2" });
    expect(result.toolCalls.map((c) => c.name)).toEqual(["a"]);
    expect(result.problems.map((p) => p.code)).toEqual(["truncated-call"]);
  });

  it("accepts the singular section spelling and a header without the namespace", () => {
    const text = `<|tool_call_section_begin|>${call("search:0", '{"q": "x"}')}<|tool_call_section_end|>`;
    expect(parseToolCalls(text, { format: "kimi_k2" }).toolCalls.map((c) => c.name)).toEqual(["search"]);
  });

  it("is detected when auto-detecting, with text after the section kept", () => {
    const result = parseToolCalls(`${section(call("functions.f:0", "{}"))} Done.`);
    expect(result.format).toBe("kimi_k2");
    expect(result.content).toBe(" Done.");
  });

  it("restarts a call at a repeated call begin and keeps the complete call after it", () => {
    const text = section(
      `<|tool_call_begin|>broken${call("functions.weather.lookup:8", '{"city":"Paris"}')}`,
    );
    const result = parseToolCalls(text, { format: "kimi_k2" });
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "weather.lookup", args: { city: "Paris" } },
    ]);
    expect(result.problems.map((p) => p.code)).toEqual(["malformed-call"]);
  });

  it("keeps a section end quoted inside a JSON string argument", () => {
    const text = `${section(call("functions.f:0", '{"text":"inside <|tool_calls_section_end|> marker","n":1}'))}tail`;
    const result = parseToolCalls(text, { format: "kimi_k2" });
    expect(result.toolCalls.map((c) => c.arguments)).toEqual([
      { text: "inside <|tool_calls_section_end|> marker", n: 1 },
    ]);
    expect(result.content).toBe("tail");
  });

  it("reads a call whose <|tool_call_argument_begin|> was dropped after a whole header (goose)", () => {
    const text = section(
      '<|tool_call_begin|> functions.usage.summary:1  {"period": "24h"} <|tool_call_end|>',
    );
    for (const format of ["kimi_k2", "auto"] as const) {
      const result = parseToolCalls(text, { format, tools: [{ name: "usage.summary" }] });
      expect(result.toolCalls, format).toEqual([
        { id: "functions.usage.summary:1", name: "usage.summary", arguments: { period: "24h" } },
      ]);
    }
    // Without `:IDX` it is still not a call.
    const bare = parseToolCalls(section('<|tool_call_begin|>functions.f {"a": 1}<|tool_call_end|>'), {
      format: "kimi_k2",
    });
    expect(bare.toolCalls).toEqual([]);
    expect(bare.problems.map((p) => p.code)).toEqual(["malformed-call"]);
  });
});

describe("kimi_k2: calls without their end tokens (llama.cpp test-chat.cpp, Kimi-K2-Thinking)", () => {
  it("splits two calls that lack <|tool_call_end|>, inside an unclosed think", () => {
    const text =
      '<think>I need two<|tool_call_begin|>functions.f:0<|tool_call_argument_begin|>{"a": 1}' +
      '<|tool_call_begin|>functions.g:1<|tool_call_argument_begin|>{"text": "x <|tool_call_begin|> y"}';
    const result = parseToolCalls(text, { format: "kimi_k2" });
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "f", args: { a: 1 } },
      { name: "g", args: { text: "x <|tool_call_begin|> y" } },
    ]);
    expect(result.content).toBe("");
  });
});

describe("kimi_k2: ◁think▷ reasoning (sglang test_reasoning_parser.py TestKimiDetector)", () => {
  it("puts ◁think▷..◁/think▷ in reasoning, with the format given or detected", () => {
    const text = "◁think▷Let me consider this carefully◁/think▷The answer is 42.";
    for (const format of ["kimi_k2", undefined] as const) {
      const result = parseToolCalls(text, { format });
      expect(result.reasoning).toBe("Let me consider this carefully");
      expect(result.content).toBe("The answer is 42.");
    }
  });

  it("drops stray call tokens outside a call from content (sglang)", () => {
    const text =
      'invalid_tool:0<|tool_call_argument_begin|>{"path": "/tmp"}<|tool_call_end|><|tool_calls_section_end|>';
    const result = parseToolCalls(text, { format: "kimi_k2" });
    expect([result.toolCalls, result.content]).toEqual([[], 'invalid_tool:0{"path": "/tmp"}']);
  });
});
