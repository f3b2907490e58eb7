import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";

const pairs = (text: string, options: Parameters<typeof parseToolCalls>[1] = { format: "llama3_builtin" }) =>
  parseToolCalls(text, options).toolCalls.map(({ name, arguments: args }) => ({ name, args }));

describe("llama3_builtin", () => {
  it("reads built-in tool calls up to the end-of-message token", () => {
    const result = parseToolCalls('<|python_tag|>brave_search.call(query="weather in Paris")<|eom_id|>', {
      format: "llama3_builtin",
    });
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "brave_search", args: { query: "weather in Paris" } },
    ]);
    expect(result.content).toBe("");
  });

  it("reads several arguments with Python or JSON literals, and spaced `. call (`", () => {
    expect(pairs("<|python_tag|>wolfram_alpha . call (query='2+2', limit=3, exact=True)")).toEqual([
      { name: "wolfram_alpha", args: { query: "2+2", limit: 3, exact: true } },
    ]);
  });

  it("turns plain code into a code_interpreter call (python when only that is declared)", () => {
    const code = "import math\nprint(math.sqrt(2))";
    expect(pairs(`<|python_tag|>${code}<|eom_id|>`)).toEqual([{ name: "code_interpreter", args: { code } }]);
    expect(pairs(`<|python_tag|>${code}`, { format: "llama3_builtin", tools: [{ name: "python" }] })).toEqual(
      [{ name: "python", args: { code } }],
    );
  });

  it("reads a pythonic call to a declared tool, and a JSON call object", () => {
    expect(
      pairs("<|python_tag|>get_weather(city='Oslo')", {
        format: "llama3_builtin",
        tools: [{ name: "get_weather" }],
      }),
    ).toEqual([{ name: "get_weather", args: { city: "Oslo" } }]);
    expect(pairs('<|python_tag|>{"name": "get_weather", "parameters": {"city": "Oslo"}}<|eot_id|>')).toEqual([
      { name: "get_weather", args: { city: "Oslo" } },
    ]);
  });

  it("reports an output that ends inside a built-in call", () => {
    const result = parseToolCalls('<|python_tag|>brave_search.call(query="weath', {
      format: "llama3_builtin",
    });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("is detected from the tag", () => {
    const result = parseToolCalls('<|python_tag|>brave_search.call(query="x")<|eom_id|>');
    expect(result.format).toBe("llama3_builtin");
    expect(result.toolCalls).toHaveLength(1);
  });

  it("reads a JSON call object followed by text, the text as content", () => {
    const text = '<|python_tag|>{"name":"find_user","parameters":{"zip":77004}} Done.';
    for (const options of [{ format: "llama3_builtin" as const }, {}]) {
      const result = parseToolCalls(text, options);
      expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
        { name: "find_user", args: { zip: 77004 } },
      ]);
      expect(result.content).toBe(" Done.");
    }
  });
});
