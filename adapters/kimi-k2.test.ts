import { describe, expect, it } from "vitest";
import { kimiK2Adapter } from "./kimi-k2.ts";
import { CALL_AND_RESULT, CONVERSATIONS, type Conversation, TOOLS } from "./shared-b-conversations.ts";
import { oracleSuite } from "./shared-b-oracle-suite.ts";

const WITH_TEXT: Conversation = {
  name: "a call with text before it",
  tools: TOOLS,
  messages: [
    { role: "user", content: "Weather in Oslo?" },
    {
      role: "assistant",
      content: "Checking.",
      toolCalls: [{ id: "functions.get_weather:0", name: "get_weather", arguments: { city: "Oslo" } }],
    },
    { role: "tool", toolCallId: "functions.get_weather:0", name: "get_weather", content: "cold" },
  ],
};

// Reads ../shared/templates/moonshotai-Kimi-K2.jinja.
oracleSuite("moonshotai-Kimi-K2.jinja", kimiK2Adapter, [
  ...[...CONVERSATIONS, WITH_TEXT].map((conversation) => ({ conversation })),
  { conversation: CALL_AND_RESULT, options: { addGenerationPrompt: false } },
]);

describe("kimi-k2 formatMessages", () => {
  it("declares the tools in the system prompt and writes calls in sections", () => {
    const messages = kimiK2Adapter.formatMessages(WITH_TEXT.messages, [TOOLS[1]!]);
    expect(messages[0]?.content).toContain(
      '{"type": "function", "function": {"name": "search_docs", "description": "Search the documentation"',
    );
    expect(messages.slice(1)).toEqual([
      { role: "user", content: "Weather in Oslo?" },
      {
        role: "assistant",
        content:
          'Checking.<|tool_calls_section_begin|><|tool_call_begin|>functions.get_weather:0<|tool_call_argument_begin|>{"city": "Oslo"}<|tool_call_end|><|tool_calls_section_end|>',
      },
      { role: "tool", content: "cold" },
    ]);
  });
});

describe("kimi-k2 parse", () => {
  it("reads back the calls it renders", () => {
    const calls = [
      { id: "a", name: "get_weather", arguments: { city: "Paris" } },
      { id: "b", name: "search_docs", arguments: { query: "umbrella", limit: 2 } },
    ];
    const text = kimiK2Adapter.formatMessages([{ role: "assistant", content: "", toolCalls: calls }], [])[0]!
      .content;
    const result = kimiK2Adapter.parse(text, TOOLS);
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual(
      calls.map(({ name, arguments: args }) => ({ name, args })),
    );
    expect(result.content).toBe("");
  });
});
