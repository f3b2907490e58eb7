/**
 * createModel("ollama:...") drives the real ChatOllama over HTTP against the scripted Ollama
 * server: NDJSON streaming, thinking, native calls with object arguments, usage, the history
 * ChatOllama sends, and the retry, timeout and error policy.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ToolUseError } from "../../src/errors.ts";
import type { ChatMessage } from "../../src/messages.ts";
import { createModel } from "../../src/providers/create-model.ts";
import { type OllamaServer, startOllamaServer } from "../servers/ollama-server.ts";
import { closedPortOrigin, type ScriptStep } from "../servers/script-server.ts";
import { collect, streamError, testOptions, USER_ONLY, WEATHER_TOOL } from "./provider-helpers.ts";

const SPEC = "ollama:qwen2.5-coder:7b";
let server: OllamaServer | undefined;

async function serve(...steps: ScriptStep[]): Promise<OllamaServer> {
  server = await startOllamaServer(steps);
  return server;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("ollama: streaming", () => {
  it("streams text chunks and reports prompt_eval_count/eval_count as usage", async () => {
    const ollama = await serve({
      type: "reply",
      text: ["Hel", "lo", " there"],
      usage: { inputTokens: 12, outputTokens: 3 },
    });
    const events = await collect(createModel(SPEC, testOptions({ baseUrl: ollama.origin })), USER_ONLY);
    expect(events).toEqual([
      { type: "text-delta", text: "Hel" },
      { type: "text-delta", text: "lo" },
      { type: "text-delta", text: " there" },
      { type: "usage", usage: { inputTokens: 12, outputTokens: 3, estimated: false } },
    ]);
    const body = ollama.chatBody();
    expect(body).toMatchObject({
      model: "qwen2.5-coder:7b",
      stream: true,
      messages: [{ role: "user", content: "Hi" }],
    });
    expect(body.tools).toBeUndefined();
    ollama.assertDone();
  });

  it("reports no usage when the server sends no counts (the executor estimates)", async () => {
    const ollama = await serve({ type: "reply", text: "ok" });
    const events = await collect(createModel(SPEC, testOptions({ baseUrl: ollama.origin })), USER_ONLY);
    expect(events).toEqual([{ type: "text-delta", text: "ok" }]);
  });

  it("passes message.thinking on as reasoning deltas", async () => {
    const ollama = await serve({ type: "reply", reasoning: ["Let me ", "think."], text: "Done." });
    const events = await collect(createModel(SPEC, testOptions({ baseUrl: ollama.origin })), USER_ONLY);
    expect(events).toEqual([
      { type: "reasoning-delta", text: "Let me " },
      { type: "reasoning-delta", text: "think." },
      { type: "text-delta", text: "Done." },
    ]);
  });

  it("binds tools and returns native calls with object arguments, numbered deterministically", async () => {
    const ollama = await serve({
      type: "reply",
      toolCalls: [
        { name: "get_weather", arguments: { city: "Paris" } },
        { name: "get_weather", arguments: { city: "Rome", days: 2 } },
      ],
      usage: { inputTokens: 40, outputTokens: 20 },
    });
    const events = await collect(createModel(SPEC, testOptions({ baseUrl: ollama.origin })), {
      ...USER_ONLY,
      tools: [WEATHER_TOOL],
    });
    expect(events.filter((event) => event.type === "tool-call")).toEqual([
      { type: "tool-call", call: { id: "call_0", name: "get_weather", arguments: { city: "Paris" } } },
      {
        type: "tool-call",
        call: { id: "call_1", name: "get_weather", arguments: { city: "Rome", days: 2 } },
      },
    ]);
    expect((ollama.chatBody(0) as { tools?: unknown }).tools).toEqual([
      { type: "function", function: WEATHER_TOOL },
    ]);
  });

  it("sends the history the way ChatOllama does: call arguments as objects, tool results by role", async () => {
    const ollama = await serve({ type: "reply", text: "It is sunny." });
    const history: ChatMessage[] = [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: "",
        toolCalls: [{ id: "call_7", name: "get_weather", arguments: { city: "Paris" } }],
      },
      { role: "tool", toolCallId: "call_7", name: "get_weather", content: "Sunny, 24 C" },
    ];
    await collect(createModel(SPEC, testOptions({ baseUrl: ollama.origin })), {
      messages: history,
      tools: [WEATHER_TOOL],
    });
    const sent = (ollama.chatBody(0) as { messages: unknown[] }).messages;
    expect(sent).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: "",
        tool_calls: [
          { id: "call_7", type: "function", function: { name: "get_weather", arguments: { city: "Paris" } } },
        ],
      },
      // ChatOllama drops the call id and tool name of results: Ollama matches them by order.
      { role: "tool", content: "Sunny, 24 C" },
    ]);
  });

  it("sends text-mode messages as plain role and content", async () => {
    const ollama = await serve({ type: "reply", text: "ok" });
    await collect(createModel(SPEC, testOptions({ baseUrl: ollama.origin })), {
      messages: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: '<tool_call>\n{"name": "x", "arguments": {}}\n</tool_call>' },
        { role: "tool", content: "<tool_response>1</tool_response>" },
      ],
    });
    expect((ollama.chatBody(0) as { messages: unknown[] }).messages).toEqual([
      { role: "user", content: "Hi" },
      { role: "assistant", content: '<tool_call>\n{"name": "x", "arguments": {}}\n</tool_call>' },
      { role: "tool", content: "<tool_response>1</tool_response>" },
    ]);
  });
});

describe("ollama: failures", () => {
  it("retries HTTP 500 with exponential backoff, then streams", async () => {
    const ollama = await serve(
      { type: "error", status: 500, message: "llama runner process has terminated" },
      { type: "error", status: 503, message: "server busy" },
      { type: "reply", text: "recovered" },
    );
    const options = testOptions({ baseUrl: ollama.origin, maxRetries: 2 });
    const events = await collect(createModel(SPEC, options), USER_ONLY);
    expect(events).toEqual([{ type: "text-delta", text: "recovered" }]);
    // random() = 0.5: three quarters of the 500 ms and 1000 ms ceilings.
    expect(options.sleeps).toEqual([375, 750]);
    ollama.assertDone();
  });

  it("gives up after maxRetries with the server's message and the attempt count", async () => {
    const ollama = await serve(
      { type: "error", status: 500, message: "llama runner process has terminated" },
      { type: "error", status: 500, message: "llama runner process has terminated" },
    );
    const error = await streamError(
      createModel(SPEC, testOptions({ baseUrl: ollama.origin, maxRetries: 1 })),
      USER_ONLY,
    );
    expect(ToolUseError.is(error, "provider-error")).toBe(true);
    expect((error as Error).message).toBe(
      `ollama:qwen2.5-coder:7b at ${ollama.origin}: HTTP 500: llama runner process has terminated (after 2 attempts)`,
    );
    ollama.assertDone();
  });

  it("does not retry a 404 (model not pulled)", async () => {
    const ollama = await serve({
      type: "error",
      status: 404,
      message: 'model "qwen2.5-coder:7b" not found, try pulling it first',
    });
    const options = testOptions({ baseUrl: ollama.origin });
    const error = await streamError(createModel(SPEC, options), USER_ONLY);
    expect(ToolUseError.is(error, "provider-error")).toBe(true);
    expect((error as Error).message).toContain("try pulling it first");
    expect(options.sleeps).toEqual([]);
  });

  it("connection refused: provider-unreachable after the retries", async () => {
    const origin = await closedPortOrigin();
    const options = testOptions({ baseUrl: origin, maxRetries: 2 });
    const error = await streamError(createModel(SPEC, options), USER_ONLY);
    expect(ToolUseError.is(error, "provider-unreachable")).toBe(true);
    expect((error as Error).message).toBe(
      `ollama:qwen2.5-coder:7b at ${origin}: cannot connect (connection refused) (after 3 attempts)`,
    );
    expect(options.sleeps).toHaveLength(2);
  });

  it("retries a connection reset before any answer", async () => {
    const ollama = await serve({ type: "reset" }, { type: "reply", text: "ok" });
    const events = await collect(createModel(SPEC, testOptions({ baseUrl: ollama.origin })), USER_ONLY);
    expect(events).toEqual([{ type: "text-delta", text: "ok" }]);
    ollama.assertDone();
  });

  it("a stream torn after the first chunk is a provider-error, never retried", async () => {
    const ollama = await serve({ type: "reply", text: ["one ", "two ", "three"], tearAfterChunks: 1 });
    const options = testOptions({ baseUrl: ollama.origin });
    const seen: string[] = [];
    let failure: unknown;
    try {
      for await (const event of createModel(SPEC, options).stream(USER_ONLY))
        if (event.type === "text-delta") seen.push(event.text);
    } catch (error) {
      failure = error;
    }
    expect(seen).toEqual(["one "]);
    expect(ToolUseError.is(failure, "provider-error")).toBe(true);
    expect((failure as Error).message).toMatch(/the response stream broke after it started/);
    expect(options.sleeps).toEqual([]);
    expect(ollama.chatRequests).toHaveLength(1);
  });

  it("times out when the server sends nothing, retrying then failing with provider-timeout", async () => {
    const ollama = await serve({ type: "hang" }, { type: "hang" });
    const options = testOptions({ baseUrl: ollama.origin, timeoutMs: 50, maxRetries: 1 });
    const error = await streamError(createModel(SPEC, options), USER_ONLY);
    expect(ToolUseError.is(error, "provider-timeout")).toBe(true);
    expect((error as Error).message).toBe(
      `ollama:qwen2.5-coder:7b at ${ollama.origin}: no data for 50 ms (after 2 attempts)`,
    );
    ollama.assertDone();
  });

  it("times out when the stream stalls between chunks", async () => {
    const ollama = await serve({ type: "reply", text: ["a", "b"], chunkDelayMs: 500 });
    const error = await streamError(
      createModel(SPEC, testOptions({ baseUrl: ollama.origin, timeoutMs: 50, maxRetries: 0 })),
      USER_ONLY,
    );
    expect(ToolUseError.is(error, "provider-timeout")).toBe(true);
  });

  it("stops with an aborted error when the caller aborts", async () => {
    const ollama = await serve({ type: "hang" });
    const controller = new AbortController();
    const model = createModel(SPEC, testOptions({ baseUrl: ollama.origin }));
    const pending = streamError(model, { ...USER_ONLY, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user stop")), 20);
    const error = await pending;
    expect(ToolUseError.is(error, "aborted")).toBe(true);
  });
});
