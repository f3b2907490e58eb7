import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";

const tools = [
  { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
];
const names = (text: string, options: Parameters<typeof parseToolCalls>[1] = {}) =>
  parseToolCalls(text, options).toolCalls.map((call) => call.name);

describe("json (bare calls, and auto-detection of unmarked calls)", () => {
  it("finds pretty-printed and fenced calls Qwen2.5-Coder writes without its tags", () => {
    const pretty = 'Checking.\n{\n  "name": "get_weather",\n  "arguments": {"city": "Paris"}\n}\n';
    const fenced = 'Checking.\n```json\n[{"name": "get_weather", "arguments": {"city": "Paris"}}]\n```';
    expect(names(pretty, { tools })).toEqual(["get_weather"]);
    expect(names(fenced, { tools })).toEqual(["get_weather"]);
    expect(parseToolCalls(fenced, { tools }).content.trim()).toBe("Checking.");
  });

  it("counts only declared tools when tools are declared", () => {
    const text = '{"name": "search", "arguments": {"q": "x"}}';
    expect(names(text, { tools })).toEqual([]);
    expect(parseToolCalls(text, { tools }).content).toBe(text);
    expect(names(text, { format: "json", tools })).toEqual([]);
    expect(names(text)).toEqual(["search"]);
  });

  it("leaves JSON answers and objects inside prose as content when auto-detecting", () => {
    expect(names('{"city": "Paris", "temperature": 21}')).toEqual([]);
    expect(names('Use {"name": "get_weather", "arguments": {}} to call it.')).toEqual([]);
    expect(names('{"name": "get_weather", "arguments": {}} is the shape')).toEqual([]);
  });

  it('reads {"tool_calls": [...]} objects', () => {
    const result = parseToolCalls(
      '{"tool_calls": [{"name": "get_weather", "arguments": {"city": "Oslo"}, "id": "7"}]}',
    );
    expect(result.toolCalls).toEqual([{ id: "7", name: "get_weather", arguments: { city: "Oslo" } }]);
  });

  it("accepts llama.cpp's wrapper tags only around JSON calls", () => {
    expect(names('<tools>\n{"name": "get_weather", "arguments": {"city": "Rome"}}\n</tools>')).toEqual([
      "get_weather",
    ]);
    const prose = "<response>Hello there</response>";
    expect(names(prose)).toEqual([]);
    expect(parseToolCalls(prose).content).toBe(prose);
  });

  it("reads <function name=...> and <function=...> with JSON arguments", () => {
    expect(names('<function name="get_weather">{"city": "Rome"}</function>')).toEqual(["get_weather"]);
    expect(names('<function=get_weather>{"city": "Rome"}</function>')).toEqual(["get_weather"]);
  });

  it("reads lists with json_list and single objects with json when the format is given", () => {
    const list = 'Here: [{"name": "get_weather", "arguments": {"city": "Rome"}}]';
    expect(names(list, { format: "json_list", tools })).toEqual(["get_weather"]);
    expect(
      names('{"name": "get_weather", "arguments": {"city": "Rome"}}', { format: "json", tools }),
    ).toEqual(["get_weather"]);
  });
});

describe("json: several bare calls on one line (sgomez/ollama-ai-provider#11)", () => {
  const both = [
    { name: "weather", parameters: { type: "object", properties: { location: { type: "string" } } } },
    { name: "cityAttractions", parameters: { type: "object", properties: { city: { type: "string" } } } },
  ];
  const text =
    '{\n  "name": "weather",\n  "arguments": {\n    "location": "San Francisco"\n  }\n} {\n  "name": "cityAttractions",\n  "arguments": {\n    "city": "San Francisco"\n  }\n}';

  it("reads each with the format given", () => {
    const result = parseToolCalls(text, { format: "json", tools: both });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["weather", "cityAttractions"]);
    expect(result.content.trim()).toBe("");
  });

  it("keeps them as text when auto-detecting (a bare object must end its line)", () => {
    expect(names(text, { tools: both })).toEqual([]);
  });
});

describe("LangChain structured-chat JSON (action / action_input)", () => {
  it("reads a fenced action naming a declared tool as a call", () => {
    const text =
      'I should look it up.\n```json\n{"action": "get_weather", "action_input": {"city": "Paris"}}\n```';
    const result = parseToolCalls(text, { tools });
    expect(result.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
      ["get_weather", { city: "Paris" }],
    ]);
    expect(result.content.trim()).toBe("I should look it up.");
  });

  it("keeps the final answer, which names no declared tool, as text", () => {
    const text = '```json\n{"action": "Final Answer", "action_input": "It is sunny in Paris."}\n```';
    const result = parseToolCalls(text, { tools });
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toBe(text);
  });
});

describe("xlam and json_list (ollama tools_test.go)", () => {
  const call = '{"name": "get_weather", "arguments": {"city": "Paris"}}';

  it('xlam reads ollama\'s {"tool_calls": [...]} wrapper whole', () => {
    const result = parseToolCalls(`{"tool_calls": [${call},${call}]}`, { format: "xlam" });
    expect(result.toolCalls.map((c) => c.name)).toEqual(["get_weather", "get_weather"]);
    expect(result.content).toBe("");
  });

  it("json_list reads a list followed by a stray bracket, which stays content", () => {
    const result = parseToolCalls(`[${call}]]`, { format: "json_list", tools: [{ name: "get_weather" }] });
    expect(result.toolCalls.map((c) => c.name)).toEqual(["get_weather"]);
    expect(result.content).toBe("]");
  });
});

describe("json: a code fence that is not a call, then more text (auto-detection)", () => {
  it("scans the text after a ```python block: its closing ``` opens no fence", () => {
    const text =
      '```python\nprint(1)\n```\nNow I run it: <tool_call>{"name": "f", "arguments": {}}</tool_call>';
    const result = parseToolCalls(text, {});
    expect(result.toolCalls.map((call) => call.name)).toEqual(["f"]);
    expect(result.content).toBe("```python\nprint(1)\n```\nNow I run it: ");
  });

  it("ends reasoning at a </think> written right after a code block (vLLM minimax_m2 code_in_reasoning)", () => {
    const result = parseToolCalls("```python\nprint('hello')\n```</think>Here is the code.", {});
    expect(result.reasoning).toBe("```python\nprint('hello')\n```");
    expect(result.content).toBe("Here is the code.");
  });

  it("still reads a fence cut off by the end of the output", () => {
    const result = parseToolCalls('```json\n{"name": "f", "arguments": {"a": 1}}', {});
    expect(result.toolCalls.map((call) => call.name)).toEqual(["f"]);
  });

  it("reads a call written on the fence's language line (```json{..}```, xinference's DeepSeek-V3 test)", () => {
    const text = '```json{"name": "get_time", "parameters": {"location": "Hangzhou"}}```';
    for (const options of [{}, { format: "llama3_json" as const }]) {
      const result = parseToolCalls(text, options);
      expect(result.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
        ["get_time", { location: "Hangzhou" }],
      ]);
      expect(result.content).toBe("");
    }
    const listed = parseToolCalls('Now:\n```[{"name": "f", "arguments": {}}]\n```', {});
    expect(listed.toolCalls.map((call) => call.name)).toEqual(["f"]);
    expect(listed.content.trim()).toBe("Now:");
  });

  it("keeps an inline fence that holds no call, and other languages, as text", () => {
    for (const text of ['```json{"city": "Paris"}```', "```python[1, 2]```", '```js{"name": "f"}```']) {
      const result = parseToolCalls(text, {});
      expect(result.toolCalls).toEqual([]);
      expect(result.content).toBe(text);
    }
  });
});
