import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../src/messages.ts";
import { deepSeekV31Adapter, deepSeekV31ThinkingAdapter, deepSeekV31ToolPrompt } from "./deepseek-v3.1.ts";
import {
  CALL_AND_RESULT,
  CONVERSATIONS,
  type Conversation,
  MULTI_TURN,
  SEARCH,
  TOOLS,
  TOOLS_SYSTEM_USER,
} from "./shared-b-conversations.ts";
import { oracleSuite } from "./shared-b-oracle-suite.ts";

const FILE = "deepseek-ai-DeepSeek-V3.1.jinja";

/** The template has no tool slot: it receives the tool description as one more system message. */
function templateMessages(conversation: Conversation): readonly ChatMessage[] {
  if (conversation.tools.length === 0) return conversation.messages;
  return [...conversation.messages, { role: "system", content: deepSeekV31ToolPrompt(conversation.tools) }];
}

const WITH_TEXT: Conversation = {
  name: "a call with text before it",
  tools: TOOLS,
  messages: [
    { role: "user", content: "Weather in Oslo?" },
    {
      role: "assistant",
      content: "Let me check.",
      toolCalls: [{ id: "c1", name: "get_weather", arguments: { city: "Oslo" } }],
    },
    { role: "tool", toolCallId: "c1", name: "get_weather", content: "cold" },
    { role: "assistant", content: "<think>cold means cold</think>It is cold." },
    { role: "user", content: "Ok" },
  ],
};

// Reads ../shared/templates/deepseek-ai-DeepSeek-V3.1.jinja.
for (const thinking of [false, true]) {
  oracleSuite(
    FILE,
    thinking ? deepSeekV31ThinkingAdapter : deepSeekV31Adapter,
    [...CONVERSATIONS, WITH_TEXT].map((conversation) => ({
      conversation,
      input: { argumentsAsString: true, emptyCallContent: null, extra: { thinking } },
      passTools: false,
      templateMessages: templateMessages(conversation),
    })),
  );
}
oracleSuite(FILE, deepSeekV31Adapter, [
  {
    conversation: MULTI_TURN,
    input: { extra: { thinking: true } },
    options: { thinking: true },
  },
  {
    conversation: CALL_AND_RESULT,
    input: { argumentsAsString: true },
    options: { addGenerationPrompt: false },
    passTools: false,
    templateMessages: templateMessages(CALL_AND_RESULT),
  },
]);

describe("deepseek-v3.1 tool prompt", () => {
  it("follows the model card's ToolCall section", () => {
    expect(deepSeekV31ToolPrompt([SEARCH])).toBe(
      [
        "## Tools",
        "You have access to the following tools:",
        "",
        "### search_docs",
        "Description: Search the documentation",
        "",
        'Parameters: {"type": "object", "properties": {"query": {"type": "string", "description": "Words to look for"}, "limit": {"type": "integer", "description": "Most results to return"}}, "required": ["query"]}',
        "",
        "IMPORTANT: ALWAYS adhere to this exact format for tool use:",
        "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>tool_call_name<｜tool▁sep｜>tool_call_arguments<｜tool▁call▁end｜>{{additional_tool_calls}}<｜tool▁calls▁end｜>",
        "",
        "Where:",
        "- `tool_call_name` must be an exact match to one of the available tools",
        "- `tool_call_arguments` must be valid JSON that strictly follows the tool's Parameters Schema",
        "- For multiple tool calls, chain them directly without separators or spaces",
      ].join("\n"),
    );
  });
});

describe("deepseek-v3.1 formatMessages", () => {
  it("appends the tools to the system prompt and writes calls in the V3.1 syntax", () => {
    const messages = deepSeekV31Adapter.formatMessages(WITH_TEXT.messages, TOOLS);
    expect(messages[0]).toEqual({ role: "system", content: deepSeekV31ToolPrompt(TOOLS) });
    expect(messages[2]).toEqual({
      role: "assistant",
      content:
        'Let me check.<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>{"city": "Oslo"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>',
    });
    expect(messages[3]).toEqual({ role: "tool", content: "cold" });
    const withSystem = deepSeekV31Adapter.formatMessages(TOOLS_SYSTEM_USER.messages, TOOLS);
    expect(withSystem[0]?.content).toBe(`You help with travel.\n\n${deepSeekV31ToolPrompt(TOOLS)}`);
  });
});

describe("deepseek-v3.1 parse", () => {
  const calls = [
    { id: "a", name: "get_weather", arguments: { city: "Paris" } },
    { id: "b", name: "search_docs", arguments: { query: "umbrella", limit: 2 } },
  ];
  const text = deepSeekV31Adapter.formatMessages(
    [{ role: "assistant", content: "", toolCalls: calls }],
    [],
  )[0]!.content;

  it("reads back the calls it renders", () => {
    const result = deepSeekV31Adapter.parse(text, TOOLS);
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual(
      calls.map(({ name, arguments: args }) => ({ name, args })),
    );
  });

  it("with thinking, starts inside the reasoning the prompt opened", () => {
    const result = deepSeekV31ThinkingAdapter.parse(`Need the weather.</think>${text}`, TOOLS);
    expect(result.reasoning).toBe("Need the weather.");
    expect(result.toolCalls).toHaveLength(2);
  });
});
