import { describe, expect, it } from "vitest";
import { hasFormat } from "../src/parser/formats/index.ts";
import { commandR7bAdapter } from "./command-r7b.ts";
import { CALL_AND_RESULT, CONVERSATIONS, type Conversation, TOOLS } from "./shared-b-conversations.ts";
import { oracleSuite } from "./shared-b-oracle-suite.ts";

const PLAN_AND_SYSTEMS: Conversation = {
  name: "a plan before calls, a later system turn, an unknown result id",
  tools: TOOLS,
  messages: [
    { role: "user", content: "Weather in Oslo?" },
    {
      role: "assistant",
      content: "I will look up Oslo.",
      toolCalls: [{ id: "c1", name: "get_weather", arguments: { city: "Oslo" } }],
    },
    { role: "tool", toolCallId: "c1", name: "get_weather", content: "cold" },
    { role: "tool", toolCallId: "zz", name: "get_weather", content: "stray" },
    { role: "system", content: "Answer in French." },
    { role: "assistant", content: "Il fait froid." },
  ],
};

// Reads ../shared/templates/CohereForAI-c4ai-command-r7b-12-2024-tool_use.jinja.
oracleSuite(
  "CohereForAI-c4ai-command-r7b-12-2024-tool_use.jinja",
  commandR7bAdapter,
  [...CONVERSATIONS, PLAN_AND_SYSTEMS].map((conversation) => ({
    conversation,
    input: { callTextKey: "tool_plan" },
  })),
);

describe("command-r7b formatMessages", () => {
  it("puts the tool-use section in the system prompt and writes actions", () => {
    const messages = commandR7bAdapter.formatMessages(CALL_AND_RESULT.messages, TOOLS);
    expect(messages[0]?.content.startsWith("You have been trained to have advanced reasoning")).toBe(true);
    expect(messages[0]?.content.endsWith("]\n```\n\nYou help with travel.")).toBe(true);
    expect(messages[2]).toEqual({
      role: "assistant",
      content:
        '<|START_THINKING|><|END_THINKING|><|START_ACTION|>[\n    {"tool_call_id": "0", "tool_name": "get_weather", "parameters": {"city": "Paris"}}\n]<|END_ACTION|>',
    });
  });
});

describe.skipIf(!hasFormat("command_r7b"))("command-r7b parse (needs the command_r7b format)", () => {
  it("reads back the calls it renders, with the plan as reasoning", () => {
    const calls = [
      { id: "a", name: "get_weather", arguments: { city: "Paris" } },
      { id: "b", name: "search_docs", arguments: { query: "umbrella", limit: 2 } },
    ];
    const text = commandR7bAdapter.formatMessages(
      [{ role: "assistant", content: "Two lookups.", toolCalls: calls }],
      [],
    )[0]!.content;
    const result = commandR7bAdapter.parse(text, TOOLS);
    expect(result.reasoning).toBe("Two lookups.");
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual(
      calls.map(({ name, arguments: args }) => ({ name, args })),
    );
  });
});
