import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";

const ACTION =
  'Action: ```json\n[\n    {\n        "tool_name": "get_weather",\n        "parameters": {"location": "New York"}\n    },\n    {\n        "tool_name": "get_time",\n        "parameters": {"timezone": "EST"}\n    }\n]\n```';

const read = (text: string) => {
  const result = parseToolCalls(text, { format: "command_r" });
  expect(streamedInPieces(text, { format: "command_r" })).toEqual(result);
  return result;
};

describe("command_r (ollama commandr_test.go)", () => {
  it("reads the fenced list after Action:, text before it being content", () => {
    const result = read(`I'll look up the weather for you.\n${ACTION}`);
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "get_weather", args: { location: "New York" } },
      { name: "get_time", args: { timezone: "EST" } },
    ]);
    expect(result.content).toBe("I'll look up the weather for you.\n");
  });

  it("drops Command R's directly-answer pseudo-tool", () => {
    const result = read('Action: ```json\n[{"tool_name": "directly-answer", "parameters": {}}]\n```');
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toBe("");
  });

  it("leaves a ReAct Final Answer blob as text (Dify's CoT agent output)", () => {
    const text =
      'Through: abc\nAction: ```json\n{"action": "Final Answer", "action_input": "```echarts\n {}\n```"}```';
    for (const options of [{ format: "command_r" }, {}] as const) {
      const result = parseToolCalls(text, options);
      expect(result.toolCalls).toEqual([]);
      expect(result.content).toBe(text);
      expect(streamedInPieces(text, options)).toEqual(result);
    }
  });

  it("reads a single object, and a complete list whose closing fence never came", () => {
    expect(
      read('Action: ```json\n{"tool_name": "read_file", "parameters": {"path": "/etc/hosts"}}\n```')
        .toolCalls[0]!.name,
    ).toBe("read_file");
    expect(
      read('Action: ```json\n[{"tool_name": "bash", "parameters": {"command": "pwd"}}]').toolCalls[0]!.name,
    ).toBe("bash");
  });

  it("keeps a fence quoted inside an argument", () => {
    const result = read(
      'Action: ```json\n[{"tool_name": "write", "parameters": {"text": "```py\\nx\\n```"}}]\n```',
    );
    expect(result.toolCalls[0]!.arguments).toEqual({ text: "```py\nx\n```" });
  });

  it("leaves prose with Action in it as text", () => {
    for (const text of ["Here is my response. Actually, let me think...", "Action: call the plumber."]) {
      const result = read(text);
      expect(result.toolCalls).toEqual([]);
      expect(result.content).toBe(text);
    }
  });

  it("is auto-detected when the fence holds calls (declared ones where tools are declared)", () => {
    const auto = parseToolCalls(ACTION, {});
    expect(auto.format).toBe("command_r");
    expect(auto.toolCalls.map((call) => call.name)).toEqual(["get_weather", "get_time"]);
    const json = 'Action: ```json\n{"status": "ok"}\n```';
    expect(parseToolCalls(json, {}).content).toBe(json);
    const undeclared = parseToolCalls(ACTION, { tools: [{ name: "search" }] });
    expect(undeclared.toolCalls).toEqual([]);
  });

  it("reads the fence on the line after Action:, and drops Cohere's turn tokens (llama.cpp test-chat.cpp)", () => {
    const result = read(
      'Action:\n```json\n[{"tool_name": "special_function", "parameters": {"arg1": 1}}]\n```',
    );
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "special_function", args: { arg1: 1 } },
    ]);
    expect(result.content).toBe("");
    expect(read("<|CHATBOT_TOKEN|>Hello, world!\nWhat's up?<|END_OF_TURN_TOKEN|>").content).toBe(
      "Hello, world!\nWhat's up?",
    );
    const prose = "Action:\nI will check the logs first.";
    expect(read(prose).content).toBe(prose);
  });
});
