import { describe, expect, it } from "vitest";
import { glm46Adapter } from "./glm-4.6.ts";
import {
  CALL_AND_RESULT,
  CONVERSATIONS,
  type Conversation,
  MULTI_TURN,
  TOOLS,
} from "./shared-b-conversations.ts";
import { oracleSuite } from "./shared-b-oracle-suite.ts";

const REASONING: Conversation = {
  name: "reasoning kept after the last user turn, dropped before it",
  tools: TOOLS,
  messages: [
    { role: "user", content: "Hi" },
    { role: "assistant", content: "<think>\nGreet back.\n</think>\n\nHello!" },
    { role: "user", content: "Weather in Oslo? Also a nested value." },
    {
      role: "assistant",
      content: "Checking.",
      reasoning: " Use the tool. ",
      toolCalls: [
        {
          id: "c1",
          name: "get_weather",
          arguments: { city: "Oslo", options: { days: [1, 2] }, exact: true },
        },
        { id: "c2", name: "search_docs", arguments: {} },
      ],
    },
    { role: "tool", toolCallId: "c1", name: "get_weather", content: "cold" },
    { role: "assistant", content: "<think>cold</think>It is cold." },
  ],
};

// Reads ../shared/templates/GLM-4.6.jinja.
oracleSuite("GLM-4.6.jinja", glm46Adapter, [
  ...[...CONVERSATIONS, REASONING].map((conversation) => ({
    conversation,
    input: { reasoningKey: "reasoning_content" },
  })),
  { conversation: CALL_AND_RESULT, options: { addGenerationPrompt: false } },
  { conversation: MULTI_TURN, options: { thinking: false }, input: { extra: { enable_thinking: false } } },
]);

describe("glm-4.6 formatMessages", () => {
  it("puts the tool section in the system prompt and writes calls as arg_key/arg_value", () => {
    const messages = glm46Adapter.formatMessages(CALL_AND_RESULT.messages, TOOLS);
    expect(messages[0]?.content.startsWith("# Tools\n\nYou may call one or more functions")).toBe(true);
    expect(messages[0]?.content.endsWith("...\n</tool_call>\n\nYou help with travel.")).toBe(true);
    expect(messages.slice(2, 4)).toEqual([
      {
        role: "assistant",
        content:
          "<tool_call>get_weather\n<arg_key>city</arg_key>\n<arg_value>Paris</arg_value>\n</tool_call>",
      },
      { role: "tool", content: '{"temperature": 18, "sky": "clear"}' },
    ]);
  });
});

describe("glm-4.6 parse", () => {
  it("reads back the calls it renders, with typed values", () => {
    const calls = [
      { id: "a", name: "get_weather", arguments: { city: "Paris", unit: "celsius" } },
      { id: "b", name: "search_docs", arguments: { query: "umbrella", limit: 2 } },
    ];
    const text = glm46Adapter.formatMessages([{ role: "assistant", content: "", toolCalls: calls }], [])[0]!
      .content;
    const result = glm46Adapter.parse(`<think>plan</think>\n${text}`, TOOLS);
    expect(result.reasoning).toBe("plan");
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual(
      calls.map(({ name, arguments: args }) => ({ name, args })),
    );
  });
});
