import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";
import type { ToolSpec } from "../types.ts";

const weather: ToolSpec = {
  name: "get_weather",
  parameters: {
    type: "object",
    properties: { city: { type: "string" }, days: { type: "integer" }, tags: { type: "array" } },
  },
};
const calls = (
  text: string,
  options: Parameters<typeof parseToolCalls>[1] = { format: "minicpm", tools: [weather] },
) => parseToolCalls(text, options).toolCalls.map(({ name, arguments: args }) => [name, args]);

describe("minicpm", () => {
  it("reads MiniCPM5's <function>/<param> calls (vLLM, llama.cpp and ollama examples) and keeps the text around", () => {
    const text =
      'Sure.\n<function name="get_weather"><param name="city">Paris</param><param name="days">3</param></function>\nDone.';
    const result = parseToolCalls(text, { format: "minicpm", tools: [weather] });
    expect(result.toolCalls.map(({ name, arguments: args }) => [name, args])).toEqual([
      ["get_weather", { city: "Paris", days: 3 }],
    ]);
    expect(result.content).toBe("Sure.\n\nDone.");
    expect(parseToolCalls(text, { tools: [weather] }).format).toBe("minicpm");
  });

  it("drops the ChatML end-of-turn token from content (OVMS minicpm5 streaming test)", () => {
    const text =
      'Let me check.<function name="get_weather"><param name="city">Rome</param></function><|im_end|>';
    const result = parseToolCalls(text, { format: "minicpm", tools: [weather] });
    expect(result.toolCalls.map(({ name, arguments: args }) => [name, args])).toEqual([
      ["get_weather", { city: "Rome" }],
    ]);
    expect(result.content).toBe("Let me check.");
  });

  it("types values by the schema and from their text without one; CDATA is kept verbatim", () => {
    const text =
      '<function name="get_weather"><param name="city"><![CDATA[ a & <b> ]]></param><param name="tags">["x"]</param><param name="n">7</param></function>';
    expect(calls(text)).toEqual([["get_weather", { city: " a & <b> ", tags: ["x"], n: 7 }]]);
  });

  it("reads the <arguments> wrapper, collapsed tags and the tokenizer's space markers", () => {
    for (const text of [
      '<function name="get_weather"><arguments><param name="city">Oslo</param></arguments></function>',
      '<functionname="get_weather"><paramname="city">Oslo</param></function>',
      '<function\u0120name="get_weather"><param\u0120name="city">Oslo</param></function>',
    ]) {
      expect(calls(text)).toEqual([["get_weather", { city: "Oslo" }]]);
    }
  });

  it("unwraps an `arguments` param holding a dict when the tool has no such parameter", () => {
    const text = `<function name="get_weather"><param name="arguments">{'city': 'Rome', 'days': 2}</param></function>`;
    expect(calls(text)).toEqual([["get_weather", { city: "Rome", days: 2 }]]);
  });

  it("reports a nameless param as malformed and a cut-off call as truncated", () => {
    const nameless = parseToolCalls('<function name="get_weather"><param>Paris</param></function>', {
      format: "minicpm",
    });
    expect([nameless.toolCalls, nameless.problems.map((problem) => problem.code)]).toEqual([
      [],
      ["malformed-call"],
    ]);
    const cut = parseToolCalls('<function name="get_weather"><param name="city">Par', { format: "minicpm" });
    expect(cut.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("keeps a call to an undeclared tool as text when auto-detecting, as a flagged call with the format given", () => {
    const text = '<function name="lookup"><param name="q">x</param></function>';
    const auto = parseToolCalls(text, { tools: [weather] });
    expect([auto.toolCalls, auto.content]).toEqual([[], text]);
    const given = parseToolCalls(text, { format: "minicpm", tools: [weather] });
    expect(given.problems.map((problem) => problem.code)).toEqual(["unknown-tool"]);
  });

  it("streams token by token to the one-shot result", () => {
    const text =
      '<think>Weather.</think><function name="get_weather"><param name="city">Paris</param></function>';
    const oneShot = parseToolCalls(text, { format: "minicpm", tools: [weather] });
    const parser = new StreamParser({ format: "minicpm", tools: [weather] });
    for (const char of text) parser.feed(char);
    expect(parser.end().result).toEqual(oneShot);
    expect([oneShot.reasoning, oneShot.toolCalls.length]).toEqual(["Weather.", 1]);
  });
});

describe("minicpm: CDATA values (llama.cpp test-chat.cpp)", () => {
  it("keeps a </param> written inside a CDATA value", () => {
    const text =
      '<function name="html"><param name="markup"><![CDATA[<a href="/x">hi</a> </param>]]></param></function>';
    const result = parseToolCalls(text, { format: "minicpm" });
    expect(result.toolCalls[0]?.arguments).toEqual({ markup: '<a href="/x">hi</a> </param>' });
    expect(result.content).toBe("");
  });

  it("keeps a </function> written inside a CDATA value, streamed too (xinference)", () => {
    const text =
      '<function name="write_file"><param name="content"><![CDATA[example </param> and </function> end]]></param></function> ok';
    const result = parseToolCalls(text, { format: "minicpm" });
    expect(result.toolCalls[0]?.arguments).toEqual({ content: "example </param> and </function> end" });
    expect(result.content).toBe(" ok");
    const parser = new StreamParser({ format: "minicpm" });
    for (const char of text) parser.feed(char);
    expect(parser.end().result).toEqual(result);
  });

  it("decodes a schema-less value written as a JSON string (xinference)", () => {
    const text =
      '<function name="weather"><param name="city">"Beijing"</param><param name="days">3</param></function>';
    expect(calls(text, { format: "minicpm" })).toEqual([["weather", { city: "Beijing", days: 3 }]]);
    expect(calls(text.replace("weather", "get_weather"))).toEqual([
      ["get_weather", { city: '"Beijing"', days: 3 }],
    ]);
  });

  it("reads a call whose special tokens the server stripped, for a declared tool with the format given (llama.cpp)", () => {
    const python: ToolSpec = {
      name: "python",
      parameters: { type: "object", properties: { code: { type: "string" } } },
    };
    const text = ` name="python"> name="code">print('Hello, World!')`;
    expect(calls(text, { format: "minicpm", tools: [python] })).toEqual([
      ["python", { code: "print('Hello, World!')" }],
    ]);
    const two = ` name="get_weather"> name="city">Paris name="days">3`;
    expect(calls(two)).toEqual([["get_weather", { city: "Paris", days: 3 }]]);
    expect(streamedInPieces(two, { format: "minicpm", tools: [weather] })).toEqual(
      parseToolCalls(two, { format: "minicpm", tools: [weather] }),
    );
    // not when auto-detecting, and not for an undeclared name: prose about HTML stays text
    expect(calls(text, { tools: [python] })).toEqual([]);
    expect(calls(' name="other"> name="code">x')).toEqual([]);
  });
});

describe("minicpm: spaces around the name attribute (LiteRT-LM)", () => {
  it("reads `<function  name = \"..\" >` and `<param   name  =  '..' >`", () => {
    const text = `<function  name = "get_current_weather" ><param   name  =  'location' >Tokyo</param></function>`;
    for (const format of ["minicpm", undefined] as const) {
      const result = parseToolCalls(text, { format, tools: [{ name: "get_current_weather" }] });
      expect(result.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
        ["get_current_weather", { location: "Tokyo" }],
      ]);
      expect(result.content).toBe("");
    }
    expect(streamedInPieces(text, { format: "minicpm" })).toEqual(
      parseToolCalls(text, { format: "minicpm" }),
    );
  });

  it("leaves other `<function ` text alone", () => {
    const prose = "Use <function foo> in the template, or <function  named things>.";
    expect(parseToolCalls(prose, { format: "minicpm" }).content).toBe(prose);
  });
});
