/**
 * Qwen3 adapter. Oracle tests read ../shared/templates/Qwen-Qwen3-0.6B.jinja and skip visibly
 * when it is missing.
 */
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../src/messages.ts";
import { qwen3Adapter } from "./qwen3.ts";
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

const FILE = "Qwen-Qwen3-0.6B.jinja";
const template = oracleTemplate(FILE, "qwen3");

/** An agent loop in progress: reasoning on the calls after the last user query. */
const WITH_REASONING: readonly ChatMessage[] = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "Weather in Paris?" },
  { role: "assistant", content: "Earlier answer.", reasoning: "old thoughts" },
  { role: "user", content: "And Rome?" },
  {
    role: "assistant",
    content: "",
    reasoning: "\nI should call the tool.\n",
    toolCalls: [{ id: "call00005", name: "get_weather", arguments: { city: "Rome" } }],
  },
  { role: "tool", toolCallId: "call00005", name: "get_weather", content: "Hot, 31 C" },
  { role: "assistant", content: "<think>\nIt is hot.\n</think>\n\nRome: hot, 31 C." },
];

describe.skipIf(!template.exists)(template.title, () => {
  const cases = { PLAIN, FIRST_TURN, ONE_CALL, TWO_CALLS, MULTI_TURN, WITH_REASONING };
  for (const [name, messages] of Object.entries(cases)) {
    it(`${name} with tools is byte-identical`, () => {
      expect(qwen3Adapter.renderPrompt(messages, TOOLS)).toBe(renderOracle(FILE, messages, TOOLS));
    });
    it(`${name} without tools, thinking off, is byte-identical`, () => {
      expect(qwen3Adapter.renderPrompt(messages, [], { thinking: false })).toBe(
        renderOracle(FILE, messages, [], { extra: { enable_thinking: false } }),
      );
    });
  }
  it("a final assistant turn without a generation prompt gets an (empty) think block", () => {
    const messages = WITH_REASONING.slice(0, 5);
    const rendered = qwen3Adapter.renderPrompt(messages, TOOLS, { addGenerationPrompt: false });
    expect(rendered).toBe(renderOracle(FILE, messages, TOOLS, { addGenerationPrompt: false }));
    expect(rendered).toContain("<think>\nI should call the tool.\n</think>\n\n<tool_call>");
    expect(rendered).not.toContain("old thoughts");
  });
});

describe("qwen3 formatMessages", () => {
  it("puts the caller's system text before the tool preamble", () => {
    const [system] = qwen3Adapter.formatMessages(FIRST_TURN, TOOLS);
    expect(
      system?.content.startsWith("You are a careful assistant.\n\n# Tools\n\nYou may call one or more"),
    ).toBe(true);
    expect(
      system?.content.endsWith('{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>'),
    ).toBe(true);
  });

  it("has no system message without tools and without a caller system text", () => {
    expect(qwen3Adapter.formatMessages([{ role: "user", content: "hi" }], [])).toEqual([
      { role: "user", content: "hi" },
    ]);
  });

  it("drops reasoning from history and renders calls and results as text", () => {
    expect(qwen3Adapter.formatMessages(WITH_REASONING.slice(3, 6), [])).toEqual([
      { role: "user", content: "And Rome?" },
      {
        role: "assistant",
        content: '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Rome"}}\n</tool_call>',
      },
      { role: "user", content: "<tool_response>\nHot, 31 C\n</tool_response>" },
    ]);
  });
});

describe("qwen3 parse", () => {
  it("parses the assistant text it renders back to the same calls", () => {
    const calls = SAMPLE_CALLS.map((call, index) => ({ id: `c${index}`, ...call }));
    const formatted = qwen3Adapter.formatMessages([{ role: "assistant", content: "", toolCalls: calls }], []);
    const result = qwen3Adapter.parse(formatted[0]!.content, TOOLS);
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(
      SAMPLE_CALLS,
    );
    expect(result.problems).toEqual([]);
  });

  it("separates the think block from the call", () => {
    const result = qwen3Adapter.parse(
      '<think>\nNeed weather.\n</think>\n\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Rome"}}\n</tool_call>',
      TOOLS,
    );
    expect(result.reasoning.trim()).toBe("Need weather.");
    expect(result.toolCalls).toEqual([{ id: "call_0", name: "get_weather", arguments: { city: "Rome" } }]);
    expect(result.content.trim()).toBe("");
  });
});
