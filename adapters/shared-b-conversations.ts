/**
 * Test support: the conversations every group-b oracle test renders.
 */
import type { ChatMessage } from "../src/messages.ts";
import type { ToolSpec } from "../src/parser/types.ts";

export const WEATHER: ToolSpec = {
  name: "get_weather",
  description: "Get the current weather for a city",
  parameters: {
    type: "object",
    properties: {
      city: { type: "string", description: "The city name" },
      unit: { type: "string", enum: ["celsius", "fahrenheit"], description: "Temperature unit" },
    },
    required: ["city"],
  },
};

export const SEARCH: ToolSpec = {
  name: "search_docs",
  description: "Search the documentation",
  parameters: {
    type: "object",
    properties: {
      query: { type: "string", description: "Words to look for" },
      limit: { type: "integer", description: "Most results to return" },
    },
    required: ["query"],
  },
};

export const TOOLS: readonly ToolSpec[] = [WEATHER, SEARCH];

export interface Conversation {
  readonly name: string;
  readonly messages: readonly ChatMessage[];
  readonly tools: readonly ToolSpec[];
}

const CALL_PARIS = { id: "call00001", name: "get_weather", arguments: { city: "Paris" } };
const CALL_TOKYO = { id: "call00002", name: "get_weather", arguments: { city: "Tokyo", unit: "celsius" } };
const CALL_SEARCH = { id: "call00003", name: "search_docs", arguments: { query: "rain gear", limit: 3 } };

export const NO_TOOLS: Conversation = {
  name: "no tools",
  tools: [],
  messages: [
    { role: "system", content: "You are terse." },
    { role: "user", content: "Hello there" },
  ],
};

export const TOOLS_SYSTEM_USER: Conversation = {
  name: "tools, system and user",
  tools: TOOLS,
  messages: [
    { role: "system", content: "You help with travel." },
    { role: "user", content: "What is the weather in Paris?" },
  ],
};

export const CALL_AND_RESULT: Conversation = {
  name: "a call, its result and a follow-up",
  tools: TOOLS,
  messages: [
    { role: "system", content: "You help with travel." },
    { role: "user", content: "What is the weather in Paris?" },
    { role: "assistant", content: "", toolCalls: [CALL_PARIS] },
    {
      role: "tool",
      toolCallId: "call00001",
      name: "get_weather",
      content: '{"temperature": 18, "sky": "clear"}',
    },
    { role: "assistant", content: "It is 18 degrees and clear in Paris." },
    { role: "user", content: "Thanks! And should I pack anything?" },
  ],
};

export const SEVERAL_CALLS: Conversation = {
  name: "several calls in one turn",
  tools: TOOLS,
  messages: [
    { role: "user", content: "Weather in Paris and Tokyo, and rain gear docs?" },
    { role: "assistant", content: "", toolCalls: [CALL_PARIS, CALL_TOKYO, CALL_SEARCH] },
    { role: "tool", toolCallId: "call00001", name: "get_weather", content: "18C clear" },
    { role: "tool", toolCallId: "call00002", name: "get_weather", content: "22C rain" },
    { role: "tool", toolCallId: "call00003", name: "search_docs", content: "Umbrella page" },
  ],
};

export const MULTI_TURN: Conversation = {
  name: "multi-turn chat",
  tools: [],
  messages: [
    { role: "user", content: "Hi" },
    { role: "assistant", content: "Hello! How can I help?" },
    { role: "user", content: "Tell me a joke." },
    { role: "assistant", content: "Why did the chicken cross the road?" },
    { role: "user", content: "Why?" },
  ],
};

/** Two tool rounds: a call, its result, another call, its result, then the answer. */
export const TWO_ROUNDS: Conversation = {
  name: "two tool rounds",
  tools: TOOLS,
  messages: [
    { role: "system", content: "Be brief." },
    { role: "user", content: "Paris weather, then docs on umbrellas." },
    { role: "assistant", content: "", toolCalls: [CALL_PARIS] },
    { role: "tool", toolCallId: "call00001", name: "get_weather", content: "18C clear" },
    { role: "assistant", content: "", toolCalls: [CALL_SEARCH] },
    { role: "tool", toolCallId: "call00003", name: "search_docs", content: "Umbrella page" },
    { role: "assistant", content: "Clear skies; see the umbrella page." },
    { role: "user", content: "Great." },
  ],
};

export const CONVERSATIONS: readonly Conversation[] = [
  NO_TOOLS,
  TOOLS_SYSTEM_USER,
  CALL_AND_RESULT,
  SEVERAL_CALLS,
  MULTI_TURN,
  TWO_ROUNDS,
];
