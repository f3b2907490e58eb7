import { describe, expect, it } from "vitest";
import { hasFormat } from "../src/parser/formats/index.ts";
import { firefunctionV2Adapter } from "./firefunction-v2.ts";
import { CALL_AND_RESULT, CONVERSATIONS, type Conversation, TOOLS } from "./shared-b-conversations.ts";
import { FIXED_DATE, pythonJson } from "./shared-b-oracle.ts";
import { oracleSuite } from "./shared-b-oracle-suite.ts";

/** The extra variables, written independently of the adapter: llama.cpp's tools.dump(2) and date. */
function extra(conversation: Conversation): Record<string, unknown> {
  const functions =
    conversation.tools.length === 0
      ? ""
      : JSON.stringify(
          conversation.tools.map((tool) => ({ type: "function", function: tool })),
          null,
          2,
        );
  return { functions, datetime: "Mar 07 2025 12:00:00 GMT" };
}

const WITH_TEXT: Conversation = {
  name: "a call with text before it",
  tools: TOOLS,
  messages: [
    { role: "user", content: "  Weather in Oslo?  " },
    {
      role: "assistant",
      content: "Checking.",
      toolCalls: [{ id: "c1", name: "get_weather", arguments: { city: "Oslo" } }],
    },
    { role: "tool", toolCallId: "c1", name: "get_weather", content: "cold" },
  ],
};

// Reads ../shared/templates/fireworks-ai-llama-3-firefunction-v2.jinja.
oracleSuite(
  "fireworks-ai-llama-3-firefunction-v2.jinja",
  firefunctionV2Adapter,
  [...CONVERSATIONS, WITH_TEXT].map((conversation) => ({
    conversation,
    input: { argumentsAsString: true, extra: extra(conversation) },
    options: { date: FIXED_DATE },
    passTools: false,
  })),
);

describe("firefunction-v2 formatMessages", () => {
  it("appends the functions and date to the system prompt and writes calls after functools", () => {
    const messages = firefunctionV2Adapter.formatMessages(CALL_AND_RESULT.messages, TOOLS);
    expect(
      messages[0]?.content.startsWith("You help with travel.\nIn addition to plain text responses"),
    ).toBe(true);
    expect(messages[0]?.content).toMatch(/\n\]\nToday is [A-Z][a-z]{2} \d\d \d{4} \d\d:\d\d:\d\d GMT\.$/);
    expect(messages[2]).toEqual({
      role: "assistant",
      content: ` functools[{"name": "get_weather", "arguments": ${pythonJson({ city: "Paris" })}}]`,
    });
    expect(messages[3]).toEqual({ role: "tool", content: '{"temperature": 18, "sky": "clear"}' });
  });
});

describe.skipIf(!hasFormat("firefunction_v2"))(
  "firefunction-v2 parse (needs the firefunction_v2 format)",
  () => {
    it("reads back the calls it renders", () => {
      const calls = [
        { id: "a", name: "get_weather", arguments: { city: "Paris" } },
        { id: "b", name: "search_docs", arguments: { query: "umbrella", limit: 2 } },
      ];
      const text = firefunctionV2Adapter.formatMessages(
        [{ role: "assistant", content: "", toolCalls: calls }],
        [],
      )[1]!.content;
      const result = firefunctionV2Adapter.parse(text, TOOLS);
      expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual(
        calls.map(({ name, arguments: args }) => ({ name, args })),
      );
    });
  },
);
