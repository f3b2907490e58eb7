import { describe, expect, it } from "vitest";
import { hermesAdapter } from "./hermes.ts";
import { CALL_AND_RESULT, CONVERSATIONS, NO_TOOLS, TOOLS, WEATHER } from "./shared-b-conversations.ts";
import { oracleSuite } from "./shared-b-oracle-suite.ts";

// Reads ../shared/templates/NousResearch-Hermes-3-Llama-3.1-8B-tool_use.jinja.
oracleSuite("NousResearch-Hermes-3-Llama-3.1-8B-tool_use.jinja", hermesAdapter, [
  ...CONVERSATIONS.map((conversation) => ({ conversation, passTools: true })),
  { conversation: CALL_AND_RESULT, options: { addGenerationPrompt: false } },
]);

describe("hermes formatMessages", () => {
  it("puts the tool preamble in the system prompt and calls in <tool_call> blocks", () => {
    const messages = hermesAdapter.formatMessages(CALL_AND_RESULT.messages, [WEATHER]);
    expect(messages[0]?.role).toBe("system");
    expect(messages[0]?.content).toContain(
      '<tools> {"type": "function", "function": {"name": "get_weather", "description": "get_weather(city: str, unit: str) - Get the current weather for a city\n\n    Args:\n        city(str): The city name        unit(str): Temperature unit", "parameters": {"type": "object"',
    );
    expect(messages[0]?.content.endsWith("</tool_call>\n\nYou help with travel.")).toBe(true);
    expect(messages.slice(1)).toEqual([
      { role: "user", content: "What is the weather in Paris?" },
      {
        role: "assistant",
        content: '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>',
      },
      { role: "tool", content: '{"temperature": 18, "sky": "clear"}' },
      { role: "assistant", content: "It is 18 degrees and clear in Paris." },
      { role: "user", content: "Thanks! And should I pack anything?" },
    ]);
  });

  it("leaves a conversation without tools unchanged", () => {
    expect(hermesAdapter.formatMessages(NO_TOOLS.messages, [])).toEqual([
      { role: "system", content: "You are terse." },
      { role: "user", content: "Hello there" },
    ]);
  });
});

describe("hermes parse", () => {
  it("reads back the calls it renders", () => {
    const assistant = hermesAdapter.formatMessages(
      [
        {
          role: "assistant",
          content: "",
          toolCalls: [
            { id: "a", name: "get_weather", arguments: { city: "Paris", unit: "celsius" } },
            { id: "b", name: "search_docs", arguments: { query: "x", limit: 2 } },
          ],
        },
      ],
      [],
    )[0]!;
    const result = hermesAdapter.parse(assistant.content, TOOLS);
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "get_weather", args: { city: "Paris", unit: "celsius" } },
      { name: "search_docs", args: { query: "x", limit: 2 } },
    ]);
    expect(result.problems).toEqual([]);
  });

  it("streams the same calls", () => {
    const parser = hermesAdapter.createStreamParser(TOOLS);
    const text = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>';
    for (const char of text) parser.feed(char);
    expect(parser.end().result.toolCalls).toMatchObject([
      { name: "get_weather", arguments: { city: "Oslo" } },
    ]);
  });
});
