/**
 * withTextToolCalling inside real LangChain runs: a real ChatOpenAI talks over HTTP to a scripted
 * OpenAI-compatible server on 127.0.0.1 that replays what Qwen2.5 writes (`<tool_call>` blocks
 * in the text, no native tools API); langchain's createAgent runs the tool and finishes.
 */
import { type AIMessage, AIMessageChunk, type BaseMessage, type ToolMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { createAgent, tool } from "langchain";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { qwen2Adapter } from "../../adapters/qwen2.ts";
import { withTextToolCalling } from "../../src/providers/langchain/with-text-tool-calling.ts";
import { type OpenAIServer, startOpenAIServer } from "../servers/openai-server.ts";
import type { RecordedRequest } from "../servers/script-server.ts";

const API_KEY = "sk-test-secret-0000";

const CALL_TEXT =
  'I\'ll check the weather.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>';
/** The same reply cut where a naive streamer would leak markup: inside both tags and the JSON. */
const CALL_CHUNKS = [
  "I'll check ",
  "the weather.\n<tool",
  '_call>\n{"name": "get_',
  'weather", "arguments": {"city": "Par',
  'is"}}\n</tool_',
  "call>",
];

interface ChatBody {
  readonly messages: readonly { role: string; content: string }[];
  readonly tools?: unknown;
  readonly stream?: boolean;
}

function body(request: RecordedRequest): ChatBody {
  return request.body as ChatBody;
}

function weatherTool(calls: unknown[]) {
  return tool(
    async ({ city }) => {
      calls.push(city);
      return `Sunny, 24 C in ${city}`;
    },
    {
      name: "get_weather",
      description: "Current weather for a city",
      schema: z.object({ city: z.string().describe("City name") }),
    },
  );
}

function wrappedModel(server: OpenAIServer) {
  const chat = new ChatOpenAI({
    model: "Qwen/Qwen2.5-7B-Instruct",
    apiKey: API_KEY,
    maxRetries: 0,
    configuration: { baseURL: `${server.origin}/v1` },
  });
  return withTextToolCalling(chat, { adapter: qwen2Adapter });
}

/** First request: tools in the system prompt in Qwen's `<tools>` form, none through the API. */
function expectToolsInPrompt(request: RecordedRequest): void {
  const { messages, tools } = body(request);
  expect(tools).toBeUndefined();
  expect(messages[0]?.role).toBe("system");
  expect(messages[0]?.content).toContain("You are a weather bot.");
  expect(messages[0]?.content).toContain("<tools>");
  expect(messages[0]?.content).toContain('"name": "get_weather"');
  expect(messages.at(-1)).toEqual({ role: "user", content: "Weather in Paris?" });
}

/** Second request: the call as Qwen's text, the result in a `<tool_response>` user turn. */
function expectHistoryAsText(request: RecordedRequest): void {
  const { messages, tools } = body(request);
  expect(tools).toBeUndefined();
  expect(messages.map((message) => message.role)).toEqual(["system", "user", "assistant", "user"]);
  expect(messages[2]?.content).toContain("I'll check the weather.");
  expect(messages[2]?.content).toContain(
    '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>',
  );
  expect(messages[3]?.content).toContain("<tool_response>");
  expect(messages[3]?.content).toContain("Sunny, 24 C in Paris");
}

let server: OpenAIServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("withTextToolCalling in createAgent", () => {
  it("runs a tool from a Qwen2.5 text call and finishes (JSON responses)", async () => {
    server = await startOpenAIServer([
      { type: "reply", text: CALL_TEXT, expect: expectToolsInPrompt },
      { type: "reply", text: "It is sunny in Paris, 24 C.", expect: expectHistoryAsText },
    ]);
    const calls: unknown[] = [];
    const agent = createAgent({
      model: wrappedModel(server),
      tools: [weatherTool(calls)],
      systemPrompt: "You are a weather bot.",
    });

    const result = await agent.invoke({ messages: [{ role: "user", content: "Weather in Paris?" }] });

    server.assertDone();
    expect(server.chatRequests.every((request) => body(request).stream !== true)).toBe(true);
    expect(calls).toEqual(["Paris"]);
    const messages: BaseMessage[] = result.messages;
    expect(messages.map((message) => message.getType())).toEqual(["human", "ai", "tool", "ai"]);
    const first = messages[1] as AIMessage;
    expect(first.content).toBe("I'll check the weather.\n");
    expect(first.tool_calls).toEqual([
      { type: "tool_call", id: "call_0", name: "get_weather", args: { city: "Paris" } },
    ]);
    expect(first.invalid_tool_calls).toEqual([]);
    const result0 = messages[2] as ToolMessage;
    expect(result0.tool_call_id).toBe("call_0");
    expect(result0.content).toBe("Sunny, 24 C in Paris");
    expect(messages[3]?.content).toBe("It is sunny in Paris, 24 C.");
  });

  it("streams chunks with tool_call_chunks and never the <tool_call> markup (SSE, streamMode messages)", async () => {
    server = await startOpenAIServer([
      {
        type: "reply",
        text: CALL_CHUNKS,
        usage: { inputTokens: 120, outputTokens: 30 },
        expect: expectToolsInPrompt,
      },
      { type: "reply", text: ["It is sunny ", "in Paris, 24 C."], expect: expectHistoryAsText },
    ]);
    const calls: unknown[] = [];
    const agent = createAgent({
      model: wrappedModel(server),
      tools: [weatherTool(calls)],
      systemPrompt: "You are a weather bot.",
    });

    const chunks: AIMessageChunk[] = [];
    const stream = await agent.stream(
      { messages: [{ role: "user", content: "Weather in Paris?" }] },
      { streamMode: "messages" },
    );
    for await (const [message, metadata] of stream) {
      if (AIMessageChunk.isInstance(message)) {
        expect((metadata as { langgraph_node?: string }).langgraph_node).toBe("model_request");
        chunks.push(message);
      }
    }

    server.assertDone();
    expect(server.chatRequests.every((request) => body(request).stream === true)).toBe(true);
    expect(calls).toEqual(["Paris"]);
    for (const chunk of chunks) {
      expect(chunk.text).not.toMatch(/<\/?tool|_call>|"arguments"/);
    }
    expect(chunks.flatMap((chunk) => chunk.tool_call_chunks ?? [])).toEqual([
      { type: "tool_call_chunk", id: "call_0", name: "get_weather", args: '{"city":"Paris"}', index: 0 },
    ]);
    expect(chunks.map((chunk) => chunk.text).join("")).toBe(
      "I'll check the weather.\nIt is sunny in Paris, 24 C.",
    );
    expect(chunks.some((chunk) => chunk.usage_metadata?.input_tokens === 120)).toBe(true);
  });

  it("keeps the wrapped model's raw tokens out of streamEvents", async () => {
    server = await startOpenAIServer([
      { type: "reply", text: CALL_CHUNKS, expect: expectToolsInPrompt },
      { type: "reply", text: ["It is sunny ", "in Paris, 24 C."], expect: expectHistoryAsText },
    ]);
    const agent = createAgent({
      model: wrappedModel(server),
      tools: [weatherTool([])],
      systemPrompt: "You are a weather bot.",
    });

    const streamed: string[] = [];
    const models = new Set<string>();
    const events = agent.streamEvents(
      { messages: [{ role: "user", content: "Weather in Paris?" }] },
      { version: "v2" },
    );
    for await (const event of events) {
      if (event.event !== "on_chat_model_stream") continue;
      models.add(event.name);
      streamed.push((event.data.chunk as AIMessageChunk).text);
    }

    server.assertDone();
    expect([...models]).toEqual(["TextToolCallingChatModel"]);
    expect(streamed.join("")).toBe("I'll check the weather.\nIt is sunny in Paris, 24 C.");
  });
});
