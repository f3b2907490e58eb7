import { describe, expect, it } from "vitest";
import { hasFormat } from "../src/parser/formats/index.ts";
import type { ToolSpec } from "../src/parser/types.ts";
import { gptOssAdapter, oneCallPerMessage } from "./gpt-oss.ts";
import {
  CALL_AND_RESULT,
  CONVERSATIONS,
  type Conversation,
  MULTI_TURN,
  SEVERAL_CALLS,
  TOOLS,
} from "./shared-b-conversations.ts";
import { FIXED_DATE } from "./shared-b-oracle.ts";
import { oracleSuite } from "./shared-b-oracle-suite.ts";

const RICH_TOOLS: readonly ToolSpec[] = [
  ...TOOLS,
  {
    name: "plan",
    description: "Plan",
    parameters: {
      type: "object",
      properties: {
        o: {
          type: "object",
          description: "obj",
          properties: { a: { type: "string" }, b: { type: "integer" } },
          required: ["a"],
        },
        arr: { type: "array", items: { type: "string" } },
        arr2: { type: "array", items: { type: "object", properties: { x: { type: "number" } } } },
        n: { type: "number", default: 3 },
        e: { type: "string", enum: ["x", "y"], default: "x" },
        u: { type: ["string", "null"] },
        s: { type: "string", nullable: true },
        any: {},
        flag: { type: "boolean", default: false },
      },
      required: ["n"],
    },
  },
  { name: "noargs", description: "none" },
];

const THINKING: Conversation = {
  name: "reasoning on a call and on a final training turn",
  tools: TOOLS,
  messages: [
    { role: "user", content: "Weather?" },
    {
      role: "assistant",
      content: "",
      reasoning: "Need a city; assume Paris.",
      toolCalls: [{ id: "c1", name: "get_weather", arguments: { city: "Paris" } }],
    },
    { role: "tool", toolCallId: "c1", name: "get_weather", content: "sunny" },
  ],
};

// Reads ../shared/templates/openai-gpt-oss-120b.jinja (its strftime_now is given the fixed date).
oracleSuite("openai-gpt-oss-120b.jinja", gptOssAdapter, [
  ...[...CONVERSATIONS, THINKING, { ...CALL_AND_RESULT, name: "rich tool schemas", tools: RICH_TOOLS }].map(
    (conversation) => ({
      conversation,
      input: { emptyCallContent: "" as const, reasoningKey: "thinking" },
      options: { date: FIXED_DATE },
      templateMessages: oneCallPerMessage(conversation.messages),
    }),
  ),
  {
    conversation: {
      ...MULTI_TURN,
      name: "final training turn with reasoning",
      messages: [
        ...MULTI_TURN.messages,
        { role: "assistant", content: "To get across.", reasoning: "Classic." },
      ],
    },
    input: { reasoningKey: "thinking" },
    options: { date: FIXED_DATE, addGenerationPrompt: false },
  },
]);

describe("gpt-oss oneCallPerMessage", () => {
  it("splits a turn's calls and puts each result after its call", () => {
    const split = oneCallPerMessage(SEVERAL_CALLS.messages);
    expect(
      split.map((message) =>
        message.role === "assistant"
          ? `call ${message.toolCalls?.[0]?.id}`
          : message.role === "tool"
            ? `result ${message.toolCallId}`
            : message.role,
      ),
    ).toEqual([
      "user",
      "call call00001",
      "result call00001",
      "call call00002",
      "result call00002",
      "call call00003",
      "result call00003",
    ]);
  });
});

describe("gpt-oss formatMessages", () => {
  it("appends the tool namespace to the system prompt and writes calls on the commentary channel", () => {
    const messages = gptOssAdapter.formatMessages(CALL_AND_RESULT.messages, TOOLS);
    expect(
      messages[0]?.content.startsWith(
        "You help with travel.\n\n# Tools\n\n## functions\n\nnamespace functions {\n\n// Get the current weather for a city\ntype get_weather = (_: {\n// The city name\ncity: string,\n",
      ),
    ).toBe(true);
    expect(messages[2]).toEqual({
      role: "assistant",
      content:
        '<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{"city": "Paris"}<|call|>',
    });
  });
});

describe.skipIf(!hasFormat("gpt_oss"))("gpt-oss parse (needs the gpt_oss format)", () => {
  it("reads back a call it renders, after analysis", () => {
    const text = gptOssAdapter.formatMessages(
      [
        {
          role: "assistant",
          content: "",
          toolCalls: [{ id: "a", name: "search_docs", arguments: { query: "umbrella", limit: 2 } }],
        },
      ],
      [],
    )[0]!.content;
    const result = gptOssAdapter.parse(
      `<|channel|>analysis<|message|>Look it up.<|end|><|start|>assistant${text}`,
      TOOLS,
    );
    expect(result.reasoning).toBe("Look it up.");
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "search_docs", args: { query: "umbrella", limit: 2 } },
    ]);
  });
});
