/**
 * Test support for group-a adapters: the tools and conversations every oracle test renders.
 * Call ids are 9 alphanumerics, as Mistral's templates require.
 */
import type { ChatMessage } from "../src/messages.ts";
import type { ToolSpec } from "../src/parser/types.ts";

export const WEATHER: ToolSpec = {
  name: "get_weather",
  description: "Get the current weather for a city.",
  parameters: {
    type: "object",
    properties: {
      city: { type: "string", description: "City name, e.g. Paris" },
      unit: { type: "string", enum: ["celsius", "fahrenheit"] },
    },
    required: ["city"],
  },
};

export const SEARCH: ToolSpec = {
  name: "search_docs",
  description: "Search the documentation.",
  parameters: {
    type: "object",
    properties: {
      query: { type: "string" },
      limit: { type: "integer", description: "Maximum results" },
      filters: { type: "object", properties: { tags: { type: "array", items: { type: "string" } } } },
    },
    required: ["query"],
  },
};

export const TOOLS: readonly ToolSpec[] = [WEATHER, SEARCH];

const SYSTEM: ChatMessage = { role: "system", content: "You are a careful assistant." };

/** No tools: system, user, assistant, user. */
export const PLAIN: readonly ChatMessage[] = [
  SYSTEM,
  { role: "user", content: "Hello!" },
  { role: "assistant", content: "Hi there. How can I help?" },
  { role: "user", content: "Tell me a joke." },
];

/** Tools + system + user. */
export const FIRST_TURN: readonly ChatMessage[] = [SYSTEM, { role: "user", content: "Weather in Paris?" }];

/** One call, its result, the answer, a follow-up question. */
export const ONE_CALL: readonly ChatMessage[] = [
  SYSTEM,
  { role: "user", content: "Weather in Paris?" },
  {
    role: "assistant",
    content: "",
    toolCalls: [{ id: "call00001", name: "get_weather", arguments: { city: "Paris", unit: "celsius" } }],
  },
  {
    role: "tool",
    toolCallId: "call00001",
    name: "get_weather",
    content: '{"temperature": 21, "sky": "clear"}',
  },
  { role: "assistant", content: "It is 21 °C and clear in Paris." },
  { role: "user", content: "And in Tokyo?" },
];

/** Two calls in one turn (with text before them), both results, the answer. */
export const TWO_CALLS: readonly ChatMessage[] = [
  SYSTEM,
  { role: "user", content: 'Weather in Paris, and find docs about "rate limits".' },
  {
    role: "assistant",
    content: "Let me check both.",
    toolCalls: [
      { id: "call00001", name: "get_weather", arguments: { city: "Paris" } },
      {
        id: "call00002",
        name: "search_docs",
        arguments: { query: "rate limits", limit: 3, filters: { tags: ["api", "quota"] } },
      },
    ],
  },
  { role: "tool", toolCallId: "call00001", name: "get_weather", content: "Sunny, 24 C" },
  {
    role: "tool",
    toolCallId: "call00002",
    name: "search_docs",
    content: '[{"title": "Limits", "url": "/limits"}]',
  },
  { role: "assistant", content: "Paris is sunny; see /limits." },
  { role: "user", content: "Thanks!" },
];

/** No system message, two rounds of calls. */
export const MULTI_TURN: readonly ChatMessage[] = [
  { role: "user", content: "Weather in Oslo?" },
  {
    role: "assistant",
    content: "",
    toolCalls: [{ id: "call00003", name: "get_weather", arguments: { city: "Oslo" } }],
  },
  { role: "tool", toolCallId: "call00003", name: "get_weather", content: "Snow, -3 C" },
  { role: "assistant", content: "Snowing, -3 C." },
  { role: "user", content: "Search docs for snow chains." },
  {
    role: "assistant",
    content: "",
    toolCalls: [{ id: "call00004", name: "search_docs", arguments: { query: "snow chains" } }],
  },
  { role: "tool", toolCallId: "call00004", name: "search_docs", content: "No results." },
];

/** A generated assistant call to parse back. */
export const SAMPLE_CALLS = [
  { name: "get_weather", arguments: { city: "Paris", unit: "celsius" } },
  {
    name: "search_docs",
    arguments: { query: 'a "quoted" term\nnext line', limit: 2, filters: { tags: ["x"] } },
  },
] as const;
