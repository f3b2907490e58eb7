import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";
import type { ToolSpec } from "../types.ts";

const search: ToolSpec = {
  name: "search",
  parameters: {
    type: "object",
    properties: {
      query: { type: "string" },
      limit: { type: "integer" },
      exact: { type: "boolean" },
      tags: { type: "array", items: { type: "string" } },
      filters: { type: "object" },
    },
  },
};

const args = (text: string, tools?: ToolSpec[]) =>
  parseToolCalls(text, { format: "glm4_moe", tools }).toolCalls.map((call) => call.arguments);

describe("glm4_moe", () => {
  it("types values by the tool schema, keeping string parameters as written", () => {
    const text =
      "<tool_call>search\n<arg_key>query</arg_key>\n<arg_value>30</arg_value>\n<arg_key>limit</arg_key>\n<arg_value>5</arg_value>\n" +
      '<arg_key>exact</arg_key>\n<arg_value>false</arg_value>\n<arg_key>tags</arg_key>\n<arg_value>["a", "b"]</arg_value>\n' +
      '<arg_key>filters</arg_key>\n<arg_value>{"year": 2024}</arg_value>\n</tool_call>';
    expect(args(text, [search])).toEqual([
      { query: "30", limit: 5, exact: false, tags: ["a", "b"], filters: { year: 2024 } },
    ]);
  });

  it("reads a call whose <tool_call> the prompt prefilled, for a declared tool (vLLM tool-only)", () => {
    const text =
      "search\n<arg_key>query</arg_key>\n<arg_value>cafes</arg_value>\n</tool_call>\n<tool_call>search\n<arg_key>query</arg_key>\n<arg_value>bars</arg_value>\n</tool_call>";
    expect(args(text, [search])).toEqual([{ query: "cafes" }, { query: "bars" }]);
    const parser = new StreamParser({ format: "glm4_moe", tools: [search] });
    for (const char of text) parser.feed(char);
    expect(parser.end().result).toEqual(parseToolCalls(text, { format: "glm4_moe", tools: [search] }));
    // auto-detected too; for an undeclared name only the tagged call is read
    const lookup = { ...search, name: "lookup" };
    expect(args(text.replaceAll("search", "lookup"), [search])).toEqual([{ query: "bars" }]);
    expect(parseToolCalls(text, { tools: [search] }).toolCalls.map((call) => call.arguments)).toEqual([
      { query: "cafes" },
      { query: "bars" },
    ]);
    expect(args(text.replaceAll("search", "lookup"), [lookup])).toEqual([
      { query: "cafes" },
      { query: "bars" },
    ]);
  });

  it("reads digits written as a JSON string for a number parameter (sglang)", () => {
    const text =
      '<tool_call>search\n<arg_key>query</arg_key>\n<arg_value>"42"</arg_value>\n<arg_key>limit</arg_key>\n<arg_value>"5"</arg_value>\n</tool_call>';
    expect(args(text, [search])).toEqual([{ query: '"42"', limit: 5 }]);
  });

  it("types values from their text without a schema, Python literals included", () => {
    const text =
      "<tool_call>lookup\n<arg_key>n</arg_key>\n<arg_value>42</arg_value>\n<arg_key>ids</arg_key>\n<arg_value>[1, 2, 3]</arg_value>\n" +
      "<arg_key>opts</arg_key>\n<arg_value>{'deep': True}</arg_value>\n<arg_key>date</arg_key>\n<arg_value>2025-08-01</arg_value>\n</tool_call>";
    expect(args(text)).toEqual([{ n: 42, ids: [1, 2, 3], opts: { deep: true }, date: "2025-08-01" }]);
  });

  it("accepts JSON arguments after the name and a hermes JSON object as the body", () => {
    expect(args('<tool_call>search\n{"query": "cats", "limit": 2}</tool_call>')).toEqual([
      { query: "cats", limit: 2 },
    ]);
    const hermesBody = parseToolCalls(
      '<tool_call>{"name": "search", "arguments": {"query": "dogs"}}</tool_call>',
      {
        format: "glm4_moe",
      },
    );
    expect(hermesBody.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
      ["search", { query: "dogs" }],
    ]);
  });

  it("reads a last value whose </arg_value> is missing when the block closed", () => {
    expect(args("<tool_call>search\n<arg_key>query</arg_key>\n<arg_value>cats\n</tool_call>")).toEqual([
      { query: "cats" },
    ]);
  });

  it("reports a block cut off by the end of the output as a truncated call", () => {
    const text = "Sure.\n<tool_call>search\n<arg_key>query</arg_key>\n<arg_value>cats</arg_value>";
    const result = parseToolCalls(text, { format: "glm4_moe" });
    expect(result.toolCalls).toEqual([]);
    expect(result.content.trim()).toBe("Sure.");
    expect(result.problems.map((problem) => [problem.code, problem.raw])).toEqual([
      ["truncated-call", text.slice("Sure.\n".length)],
    ]);
  });

  it("reports a value without its key as a malformed call", () => {
    const result = parseToolCalls("<tool_call>search\n<arg_value>cats</arg_value>\n</tool_call>", {
      format: "glm4_moe",
    });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => [problem.code, problem.toolName])).toEqual([
      ["malformed-call", "search"],
    ]);
  });

  it("wins <tool_call> in auto mode only for a bare-name body, never for hermes JSON", () => {
    const glm = parseToolCalls("<tool_call>get_time</tool_call>");
    expect([glm.format, glm.toolCalls.map((call) => call.name)]).toEqual(["glm4_moe", ["get_time"]]);
    const hermes = parseToolCalls('<tool_call>{"name": "get_time", "arguments": {}}</tool_call>');
    expect(hermes.format).toBe("hermes");
    const noArguments = parseToolCalls('<tool_call>\n{"name": "get_time"}\n</tool_call>');
    expect(noArguments.format).toBe("hermes");
    const pairs = parseToolCalls(
      "<tool_call>search\n<arg_key>query</arg_key>\n<arg_value>7</arg_value>\n</tool_call>",
    );
    expect([pairs.format, pairs.toolCalls[0]?.arguments]).toEqual(["glm4_moe", { query: 7 }]);
  });

  it("reads an inline <tool_call>word</tool_call> naming no declared tool as text in auto mode", () => {
    const text = "Write <tool_call>example</tool_call> to call.";
    const auto = parseToolCalls(text, { tools: [search] });
    expect([auto.toolCalls, auto.content]).toEqual([[], text]);
    const given = parseToolCalls(text, { format: "glm4_moe", tools: [search] });
    expect(given.toolCalls.map((call) => call.name)).toEqual(["example"]);
    expect(given.problems.map((problem) => problem.code)).toEqual(["unknown-tool"]);
  });

  it("streams character by character to the one-shot result", () => {
    const text =
      "<think>Look it up.</think>On it.\n<tool_call>search\n<arg_key>query</arg_key>\n<arg_value>a < b</arg_value>\n</tool_call>\nDone.";
    const oneShot = parseToolCalls(text, { format: "glm4_moe", tools: [search] });
    const parser = new StreamParser({ format: "glm4_moe", tools: [search] });
    for (const char of text) parser.feed(char);
    expect(parser.end().result).toEqual(oneShot);
    expect([oneShot.reasoning, oneShot.toolCalls[0]?.arguments]).toEqual(["Look it up.", { query: "a < b" }]);
  });

  it("ends a value missing </arg_value> where a whole next pair starts", () => {
    const text =
      "<tool_call>get-weather\n<arg_key>city</arg_key>\n<arg_value>Paris<arg_key>unit</arg_key>\n<arg_value>celsius</arg_value></tool_call>";
    expect(args(text)).toEqual([{ city: "Paris", unit: "celsius" }]);
    const literal =
      "<tool_call>note\n<arg_key>text</arg_key>\n<arg_value>write <arg_key> tags</arg_value></tool_call>";
    expect(args(literal)).toEqual([{ text: "write <arg_key> tags" }]);
  });

  it("keeps a </tool_call> inside a value that reaches its </arg_value> (ollama's GLM-4.6 parser)", () => {
    const text =
      "<tool_call>search\n<arg_key>query</arg_key>\n<arg_value>what ends </tool_call>?</arg_value>\n</tool_call>";
    expect(args(text)).toEqual([{ query: "what ends </tool_call>?" }]);
    const unclosed = "<tool_call>search\n<arg_key>query</arg_key>\n<arg_value>cats</tool_call>";
    expect(args(unclosed)).toEqual([{ query: "cats" }]);
  });

  it("auto-detects a call whose name is not ASCII", () => {
    const text = "<tool_call>获取天气\n<arg_key>城市</arg_key>\n<arg_value>北京</arg_value></tool_call>";
    expect(parseToolCalls(text).toolCalls.map(({ name, arguments: a }) => [name, a])).toEqual([
      ["获取天气", { 城市: "北京" }],
    ]);
  });
});

describe("GLM-4.6 or GLM-4.7, when auto-detecting", () => {
  it("reads a name written straight before <arg_key> as GLM-4.7 (untyped values stay strings)", () => {
    const glm47Text = "<tool_call>set_zip<arg_key>zip</arg_key><arg_value>77004</arg_value></tool_call>";
    const glm46Text =
      "<tool_call>set_zip\n<arg_key>zip</arg_key>\n<arg_value>77004</arg_value>\n</tool_call>";
    const seven = parseToolCalls(glm47Text);
    expect([seven.format, seven.toolCalls[0]?.arguments]).toEqual(["glm47", { zip: "77004" }]);
    const six = parseToolCalls(glm46Text);
    expect([six.format, six.toolCalls[0]?.arguments]).toEqual(["glm4_moe", { zip: 77004 }]);
    // With the format given, glm4_moe reads either layout its own way.
    expect(parseToolCalls(glm47Text, { format: "glm4_moe" }).toolCalls[0]?.arguments).toEqual({ zip: 77004 });
  });
});

describe("glm4_moe: Ling 3.0 / Bailing V3 (llama.cpp test-chat.cpp)", () => {
  it("drops Ling's end-of-turn token decoded as text", () => {
    const text =
      "<tool_call>get_time\n<arg_key>city</arg_key>\n<arg_value>Paris</arg_value>\n</tool_call><|role_end|>";
    const result = parseToolCalls(text, { format: "glm4_moe" });
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ city: "Paris" }]);
    expect(result.content).toBe("");
    expect(parseToolCalls("Here is the answer.<|role_end|>", { format: "glm4_moe" }).content).toBe(
      "Here is the answer.",
    );
  });

  it("trims a string value whose </arg_value> is missing before </tool_call> (tabbyAPI)", () => {
    const text = "<tool_call>search\n<arg_key>query</arg_key>\n<arg_value>Beijing\n</tool_call>";
    const result = parseToolCalls(text, { format: "glm4_moe", tools: [search] });
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ query: "Beijing" }]);
  });
});
