import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../src/messages.ts";
import { hasFormat } from "../src/parser/formats/index.ts";
import { graniteAdapter } from "./granite.ts";
import {
  CALL_AND_RESULT,
  CONVERSATIONS,
  type Conversation,
  MULTI_TURN,
  TOOLS,
} from "./shared-b-conversations.ts";
import { FIXED_DATE, pythonJson } from "./shared-b-oracle.ts";
import { oracleSuite } from "./shared-b-oracle-suite.ts";

/**
 * The template shows only an assistant turn's content, so it receives the calls the way Granite
 * writes them: `<|tool_call|>` and a JSON list of {"name", "arguments"} (the template's own
 * system text asks for "<|tool_call|> followed by a JSON list of tools used").
 */
function callsAsContent(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.map((message) =>
    message.role === "assistant" && message.toolCalls?.length
      ? {
          role: "assistant",
          content: `${message.content}<|tool_call|>${pythonJson(message.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args })))}`,
        }
      : message,
  );
}

const NO_SYSTEM_TOOLS: Conversation = {
  ...CALL_AND_RESULT,
  name: "tools without a system message (dated default)",
  messages: CALL_AND_RESULT.messages.slice(1),
};

// Reads ../shared/templates/ibm-granite-granite-3.3-2B-Instruct.jinja (strftime_now fixed).
oracleSuite("ibm-granite-granite-3.3-2B-Instruct.jinja", graniteAdapter, [
  ...[...CONVERSATIONS, NO_SYSTEM_TOOLS].map((conversation) => ({
    conversation,
    options: { date: FIXED_DATE },
    templateMessages: callsAsContent(conversation.messages),
  })),
  {
    conversation: MULTI_TURN,
    options: { date: FIXED_DATE, thinking: true },
    input: { extra: { thinking: true } },
  },
  {
    conversation: CALL_AND_RESULT,
    options: { addGenerationPrompt: false },
    templateMessages: callsAsContent(CALL_AND_RESULT.messages),
  },
]);

describe("granite formatMessages", () => {
  it("puts the instruction and tool JSON in the system prompt and calls after <|tool_call|>", () => {
    const messages = graniteAdapter.formatMessages(CALL_AND_RESULT.messages, TOOLS);
    expect(
      messages[0]?.content.startsWith(
        "You help with travel.\n\nYou are a helpful assistant with access to the following tools.",
      ),
    ).toBe(true);
    expect(messages[0]?.content).toContain('\n\nAvailable tools:\n[\n    {\n        "type": "function",');
    expect(messages[2]).toEqual({
      role: "assistant",
      content: '<|tool_call|>[{"name": "get_weather", "arguments": {"city": "Paris"}}]',
    });
    expect(messages[3]).toEqual({ role: "tool", content: '{"temperature": 18, "sky": "clear"}' });
  });
});

describe.skipIf(!hasFormat("granite"))("granite parse (needs the granite format)", () => {
  it("reads back the calls it renders", () => {
    const calls = [
      { id: "a", name: "get_weather", arguments: { city: "Paris" } },
      { id: "b", name: "search_docs", arguments: { query: "umbrella", limit: 2 } },
    ];
    const text = graniteAdapter.formatMessages([{ role: "assistant", content: "", toolCalls: calls }], [])[0]!
      .content;
    const result = graniteAdapter.parse(text, TOOLS);
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual(
      calls.map(({ name, arguments: args }) => ({ name, args })),
    );
  });
});
