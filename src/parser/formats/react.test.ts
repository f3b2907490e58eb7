import { describe, expect, it } from "vitest";
import { expectStreamsAsOneShot } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { FormatId, ToolSpec } from "../types.ts";

const WEATHER: ToolSpec = {
  name: "get_weather",
  parameters: { type: "object", properties: { city: { type: "string" } } },
};
const CALCULATOR: ToolSpec = { name: "calculator" };
const ROUTE: ToolSpec = {
  name: "route",
  parameters: { type: "object", properties: { from: { type: "string" }, to: { type: "string" } } },
};
const TOOLS = [WEATHER, CALCULATOR, ROUTE];

const calls = (text: string, format: FormatId | "auto" = "react", tools: ToolSpec[] | undefined = TOOLS) =>
  parseToolCalls(text, { format, tools }).toolCalls.map(({ name, arguments: args }) => ({ name, args }));

const AGENT =
  'Thought: I need the weather first.\nAction: get_weather\nAction Input: {"city": "Paris"}\nObservation:';

describe("react (LangChain ReAct)", () => {
  it("reads Action / Action Input, with the format given and auto-detected with declared tools", () => {
    for (const format of ["react", "auto"] as const) {
      const result = parseToolCalls(AGENT, { format, tools: TOOLS });
      expect(calls(AGENT, format), format).toEqual([{ name: "get_weather", args: { city: "Paris" } }]);
      expect(result.content.trim()).toBe("Thought: I need the weather first.");
      expect(result.format).toBe("react");
    }
  });

  it("passes a plain-text input to the tool's only parameter, else to `input`", () => {
    expect(calls("Action: get_weather\nAction Input: Paris")).toEqual([
      { name: "get_weather", args: { city: "Paris" } },
    ]);
    expect(calls('Action: calculator\nAction Input: "2 + 2"\n')).toEqual([
      { name: "calculator", args: { input: "2 + 2" } },
    ]);
    const result = parseToolCalls("Action: route\nAction Input: Paris to Rome", {
      format: "react",
      tools: TOOLS,
    });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["invalid-arguments"]);
  });

  it("reads several actions in one output, and keeps text after the JSON input as content", () => {
    const text =
      'Action: get_weather\nAction Input: {"city": "Paris"}\nAction: calculator\nAction Input: 3 * 3\nObservation: 9';
    expect(calls(text, "auto")).toEqual([
      { name: "get_weather", args: { city: "Paris" } },
      { name: "calculator", args: { input: "3 * 3" } },
    ]);
    const trailing = parseToolCalls('Action: get_weather\nAction Input: {"city": "Oslo"} (metric)', {
      format: "react",
      tools: TOOLS,
    });
    expect(trailing.toolCalls).toHaveLength(1);
    expect(trailing.content.trim()).toBe("(metric)");
  });

  it("reads the structured-chat JSON blob", () => {
    const text =
      'Thought: look it up\nAction:\n```\n{\n  "action": "get_weather",\n  "action_input": {"city": "Oslo"}\n}\n```\nObservation:';
    for (const format of ["react", "auto"] as const) {
      expect(calls(text, format), format).toEqual([{ name: "get_weather", args: { city: "Oslo" } }]);
    }
  });

  it("reads smolagents' tool_name / tool_arguments blob", () => {
    const text =
      'Action:\n{\n  "tool_name": "get_weather",\n  "tool_arguments": {"city": "Oslo"}\n}\n\nThen I answer.';
    for (const format of ["react", "auto"] as const) {
      expect(calls(text, format), format).toEqual([{ name: "get_weather", args: { city: "Oslo" } }]);
    }
    const undeclared = 'Action:\n{"tool_name": "launch_rockets", "tool_arguments": {}}';
    expect(parseToolCalls(undeclared, { tools: TOOLS }).toolCalls).toEqual([]);
  });

  it("leaves final answers, prose and undeclared actions as text when auto-detecting", () => {
    for (const text of [
      'Thought: I know.\nAction: Final Answer\nAction Input: "It is 22C"',
      "Thought: I now know the final answer\nFinal Answer: It is sunny.",
      'Action:\n```json\n{"action": "Final Answer", "action_input": "hi"}\n```',
      "Action: taken by the board.\nWe will see.",
      "Action: get_weather\nThen I will wait.",
      'Action: launch_rockets\nAction Input: {"count": 3}',
      "The next Action: get_weather\nAction Input: Paris",
    ]) {
      const result = parseToolCalls(text, { tools: TOOLS });
      expect(result.toolCalls, text).toEqual([]);
      expect(result.content, text).toBe(text);
    }
  });

  it("needs declared tools when auto-detecting; with the format given any name is read", () => {
    const text = 'Action: get_weather\nAction Input: {"city": "Paris"}';
    expect(calls(text, "auto", [])).toEqual([]);
    expect(calls(text, "react", [])).toEqual([{ name: "get_weather", args: { city: "Paris" } }]);
    const unknown = parseToolCalls('Action: launch\nAction Input: {"n": 1}', {
      format: "react",
      tools: TOOLS,
    });
    expect(unknown.toolCalls.map((call) => call.name)).toEqual(["launch"]);
    expect(unknown.problems.map((problem) => problem.code)).toEqual(["unknown-tool"]);
  });

  it("reports a JSON input cut off by the end of the output with the format given", () => {
    const text = 'Action: get_weather\nAction Input: {"city": "Par';
    expect(parseToolCalls(text, { format: "react", tools: TOOLS }).problems.map((p) => p.code)).toEqual([
      "truncated-call",
    ]);
    expect(parseToolCalls(text, { tools: TOOLS }).content).toBe(text);
  });

  it("reads the input shapes agent frameworks' parsers accept (llama_index, crewAI, LangChain)", () => {
    const adder: ToolSpec = { name: "加法" };
    const tools = [...TOOLS, adder];
    const read = (text: string) => calls(text, "react", tools);
    // A tool named in another script; a description in parentheses after the name.
    expect(read('Action: 加法\nAction Input: {"a": 1}')).toEqual([{ name: "加法", args: { a: 1 } }]);
    expect(read('Action: get_weather (the weather)\nAction Input: {"city": "Oslo"}')).toEqual([
      { name: "get_weather", args: { city: "Oslo" } },
    ]);
    // JSON wrapped in a call-like `Tool(..)`, or after stray markdown bold.
    expect(read('Action: calculator\nAction Input: QueryEngineTool({"a": 1})')).toEqual([
      { name: "calculator", args: { a: 1 } },
    ]);
    expect(read('Action: calculator\nAction Input: ** {"a": 1}')).toEqual([
      { name: "calculator", args: { a: 1 } },
    ]);
    // Brackets around words, an unbalanced quote, a fence around code: plain text.
    expect(read("Action: calculator\nAction Input: {temperature in SF}")).toEqual([
      { name: "calculator", args: { input: "{temperature in SF}" } },
    ]);
    expect(read('Action: calculator\nAction Input: "2 + 2')).toEqual([
      { name: "calculator", args: { input: "2 + 2" } },
    ]);
    expect(read("Action: calculator\nAction Input:\n```\nprint(1)\n```")).toEqual([
      { name: "calculator", args: { input: "```\nprint(1)\n```" } },
    ]);
    // The name on the line after `Action:`; an `Observation:` cut short by a stop sequence.
    expect(read("Action:\n  calculator\n\n  Action Input:\n  3 * 3\n")).toEqual([
      { name: "calculator", args: { input: "3 * 3" } },
    ]);
    expect(read("Action: calculator\nAction Input: 3 * 3\nObs")).toEqual([
      { name: "calculator", args: { input: "3 * 3" } },
    ]);
    // A JSON `{"query": "x"` cut off stays a truncated call, not text.
    expect(
      parseToolCalls('Action: calculator\nAction Input: {"a": "x"', { format: "react", tools }).problems,
    ).toHaveLength(1);
  });

  it("reads a fenced {action, action_input} blob with no `Action:` line, with the format given", () => {
    const text = 'Thought: x\n```json\n{"action": "calculator", "action_input": "2+2"}\n```\n';
    expect(calls(text)).toEqual([{ name: "calculator", args: { input: "2+2" } }]);
    const finish = '```\n{"action": "Final Answer", "action_input": "4"}\n```';
    expect(parseToolCalls(finish, { format: "react", tools: TOOLS }).content).toBe(finish);
    const other = '```json\n{"name": "calculator", "arguments": {}}\n```';
    expect(calls(other)).toEqual([]);
  });

  it("reads the blob after prose on its line, a fence quoted in its strings (LangChain.js tests)", () => {
    const text =
      'Some preamble```json\n{"action": "calculator", "action_input": "```sql\\nSELECT 1```"}\n``` and more text';
    const result = parseToolCalls(text, { format: "react", tools: TOOLS });
    expect(calls(text)).toEqual([{ name: "calculator", args: { input: "```sql\nSELECT 1```" } }]);
    expect(result.content).toBe("Some preamble and more text");
    // inline code in prose is no blob
    const prose = "Use ```x``` here.";
    expect(parseToolCalls(prose, { format: "react", tools: TOOLS }).content).toBe(prose);
  });

  it("gives a JSON action_input that is not an object to the tool's single input", () => {
    const text = '```json\n{"action": "calculator", "action_input": ["GET", "/api/table/1"]}\n```';
    expect(calls(text)).toEqual([{ name: "calculator", args: { input: ["GET", "/api/table/1"] } }]);
    const one = '```json\n{"action": "get_weather", "action_input": ["Paris"]}\n```';
    expect(calls(one)).toEqual([{ name: "get_weather", args: { city: ["Paris"] } }]);
    const many = 'Action: route\nAction Input: ["a", "b"]';
    expect(calls(many)).toEqual([]);
    expect(parseToolCalls(many, { format: "react", tools: TOOLS }).problems[0]?.code).toBe(
      "invalid-arguments",
    );
  });

  it("reads Dify's blob shapes with the format given: bare on its line, `input` key, a list", () => {
    expect(calls('{"action": "calculator", "input": "2+2"}')).toEqual([
      { name: "calculator", args: { input: "2+2" } },
    ]);
    expect(calls('[{"action": "calculator", "input": "2+2"}]')).toEqual([
      { name: "calculator", args: { input: "2+2" } },
    ]);
    expect(calls('```json\n{"action": "get_weather", "input": {"city": "Oslo"}}\n```')).toEqual([
      { name: "get_weather", args: { city: "Oslo" } },
    ]);
    for (const text of ['{"foo": "bar"}', '{"action": "Final Answer", "action_input": "4"}', "[1, 2]"]) {
      const result = parseToolCalls(text, { format: "react", tools: TOOLS });
      expect(result.toolCalls, text).toEqual([]);
      expect(result.content, text).toBe(text);
    }
    // not when auto-detecting: a bare object belongs to the JSON formats
    expect(calls('{"action": "calculator", "input": "2+2"}', "auto")).toEqual([]);
  });

  it("streams in 1-3 character chunks exactly as one-shot", () => {
    const texts = [
      AGENT,
      'Action: get_weather\nAction Input: {"city": "Paris"}\nAction: calculator\nAction Input: 3 * 3\nObservation: 9',
      'Thought: x\nAction:\n```\n{"action": "get_weather", "action_input": {"city": "Oslo"}}\n```',
      "Thought: I now know the final answer\nFinal Answer: It is sunny.",
      "Thought: x\nAction:\n  calculator\n\n  Action Input:\n  3 * 3\nObs",
      'Thought: x\n```json\n{"action": "calculator", "action_input": "2+2"}\n```\nDone.',
      'Action: get_weather (the weather)\nAction Input: ** {"city": "Oslo"}',
      'Preamble```json\n{"action": "calculator", "action_input": "```sql\\nSELECT 1```"}\n``` more',
      '{"action": "calculator", "input": "2+2"}\n[{"action": "get_weather", "input": {"city": "Oslo"}}] done',
    ];
    expectStreamsAsOneShot(texts, ["react", "auto"], { tools: TOOLS });
  });
});
