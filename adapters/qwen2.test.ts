/**
 * Qwen2.5 adapter. Oracle tests read ../shared/templates/Qwen-Qwen2.5-7B-Instruct.jinja and skip
 * visibly when it is missing.
 */
import { describe, expect, it } from "vitest";
import { qwen2Adapter } from "./qwen2.ts";
import {
  FIRST_TURN,
  MULTI_TURN,
  ONE_CALL,
  PLAIN,
  SAMPLE_CALLS,
  TOOLS,
  TWO_CALLS,
} from "./shared-a-fixtures.ts";
import { oracleTemplate, renderOracle } from "./shared-a-oracle.ts";

const FILE = "Qwen-Qwen2.5-7B-Instruct.jinja";
const template = oracleTemplate(FILE, "qwen2.5");

describe.skipIf(!template.exists)(template.title, () => {
  const cases = { PLAIN, FIRST_TURN, ONE_CALL, TWO_CALLS, MULTI_TURN };
  for (const [name, messages] of Object.entries(cases)) {
    it(`${name} with tools is byte-identical`, () => {
      expect(qwen2Adapter.renderPrompt(messages, TOOLS)).toBe(renderOracle(FILE, messages, TOOLS));
    });
    it(`${name} without tools is byte-identical`, () => {
      expect(qwen2Adapter.renderPrompt(messages, [])).toBe(renderOracle(FILE, messages, []));
    });
  }
  it("without a generation prompt and without a system message", () => {
    const messages = MULTI_TURN.slice(0, 4);
    expect(qwen2Adapter.renderPrompt(messages, TOOLS, { addGenerationPrompt: false })).toBe(
      renderOracle(FILE, messages, TOOLS, { addGenerationPrompt: false }),
    );
  });
});

describe("qwen2.5 formatMessages", () => {
  it("puts the default system prompt and the tool signatures in the system message", () => {
    const [system] = qwen2Adapter.formatMessages([{ role: "user", content: "hi" }], TOOLS.slice(0, 1));
    expect(system?.role).toBe("system");
    expect(system?.content).toBe(
      "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.\n\n# Tools\n\n" +
        "You may call one or more functions to assist with the user query.\n\n" +
        "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n" +
        '{"type": "function", "function": {"name": "get_weather", "description": "Get the current weather for a city.", ' +
        '"parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "City name, e.g. Paris"}, ' +
        '"unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}}, "required": ["city"]}}}\n</tools>\n\n' +
        "For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n" +
        '<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>',
    );
  });

  it("renders calls as <tool_call> text and groups results in one user turn", () => {
    expect(qwen2Adapter.formatMessages(TWO_CALLS, TOOLS).slice(1)).toEqual([
      { role: "user", content: 'Weather in Paris, and find docs about "rate limits".' },
      {
        role: "assistant",
        content:
          'Let me check both.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>\n' +
          '<tool_call>\n{"name": "search_docs", "arguments": {"query": "rate limits", "limit": 3, "filters": {"tags": ["api", "quota"]}}}\n</tool_call>',
      },
      {
        role: "user",
        content:
          "<tool_response>\nSunny, 24 C\n</tool_response>\n" +
          '<tool_response>\n[{"title": "Limits", "url": "/limits"}]\n</tool_response>',
      },
      { role: "assistant", content: "Paris is sunny; see /limits." },
      { role: "user", content: "Thanks!" },
    ]);
  });

  it("keeps the caller's system message and adds nothing without tools", () => {
    expect(qwen2Adapter.formatMessages(PLAIN, [])).toEqual(PLAIN);
  });

  it("the rendered chat turns match what the template puts between the turn markers", () => {
    const formatted = qwen2Adapter.formatMessages(ONE_CALL, TOOLS);
    const prompt = qwen2Adapter.renderPrompt(ONE_CALL, TOOLS);
    for (const message of formatted) expect(prompt).toContain(`${message.content}<|im_end|>`);
  });
});

describe("qwen2.5 parse", () => {
  it("parses the assistant text it renders back to the same calls", () => {
    const calls = SAMPLE_CALLS.map((call, index) => ({ id: `c${index}`, ...call }));
    const [, , assistant] = qwen2Adapter.formatMessages(
      [
        { role: "user", content: "x" },
        { role: "assistant", content: "Sure.", toolCalls: calls },
      ],
      TOOLS,
    );
    const result = qwen2Adapter.parse(assistant!.content, TOOLS);
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(
      SAMPLE_CALLS,
    );
    expect(result.content.trim()).toBe("Sure.");
    expect(result.problems).toEqual([]);
  });

  it("streams the same calls chunk by chunk", () => {
    const text =
      '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call><|im_end|>';
    const parser = qwen2Adapter.createStreamParser(TOOLS);
    for (const char of text) parser.feed(char);
    const { result } = parser.end();
    expect(result.toolCalls).toEqual([{ id: "call_0", name: "get_weather", arguments: { city: "Oslo" } }]);
    expect(result.content).toBe("");
  });
});
