/**
 * createModel("vllm:" | "openai-compatible:" | "openai:" | "huggingface:") drives the real
 * ChatOpenAI (Chat Completions) over HTTP against the scripted OpenAI-compatible server: SSE
 * text, tool-call arguments streamed as JSON string pieces, reasoning fields, usage, the request
 * ChatOpenAI sends, keys, and the retry and error policy. Keys never reach an error.
 */
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { ToolUseError } from "../../src/errors.ts";
import type { ChatMessage } from "../../src/messages.ts";
import { createModel } from "../../src/providers/create-model.ts";
import { type OpenAIServer, type OpenAIServerOptions, startOpenAIServer } from "../servers/openai-server.ts";
import type { ScriptStep } from "../servers/script-server.ts";
import { collect, streamError, testOptions, USER_ONLY, WEATHER_TOOL } from "./provider-helpers.ts";

const SPEC = "vllm:Qwen/Qwen2.5-7B-Instruct";
const SECRET = "sk-test-0123456789abcdefSECRET";
let server: OpenAIServer | undefined;

async function serve(steps: ScriptStep[], options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  server = await startOpenAIServer(steps, options);
  return server;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("openai-compatible: streaming", () => {
  it("streams SSE content deltas and the include_usage chunk; sends Bearer EMPTY to vLLM", async () => {
    const vllm = await serve([
      { type: "reply", text: ["Hel", "lo"], usage: { inputTokens: 11, outputTokens: 2 } },
    ]);
    const events = await collect(createModel(SPEC, testOptions({ baseUrl: `${vllm.origin}/v1` })), USER_ONLY);
    expect(events).toEqual([
      { type: "text-delta", text: "Hel" },
      { type: "text-delta", text: "lo" },
      { type: "usage", usage: { inputTokens: 11, outputTokens: 2, estimated: false } },
    ]);
    const request = vllm.chatRequests[0]!;
    expect(request.headers.authorization).toBe("Bearer EMPTY");
    expect(request.body).toMatchObject({
      model: "Qwen/Qwen2.5-7B-Instruct",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "Hi" }],
    });
    vllm.assertDone();
  });

  it("assembles tool-call arguments streamed as JSON string pieces, keeping the server's ids", async () => {
    const vllm = await serve(
      [
        {
          type: "reply",
          toolCalls: [
            { id: "chatcmpl-tool-a", name: "get_weather", arguments: { city: "Paris", unit: "celsius" } },
            { id: "chatcmpl-tool-b", name: "get_weather", arguments: { city: "Rome" } },
          ],
        },
      ],
      { argumentPieces: 5 },
    );
    const events = await collect(createModel(SPEC, testOptions({ baseUrl: `${vllm.origin}/v1` })), {
      ...USER_ONLY,
      tools: [WEATHER_TOOL],
    });
    expect(events).toEqual([
      {
        type: "tool-call",
        call: { id: "chatcmpl-tool-a", name: "get_weather", arguments: { city: "Paris", unit: "celsius" } },
      },
      {
        type: "tool-call",
        call: { id: "chatcmpl-tool-b", name: "get_weather", arguments: { city: "Rome" } },
      },
    ]);
    expect((vllm.chatBody(0) as { tools?: unknown }).tools).toEqual([
      { type: "function", function: WEATHER_TOOL },
    ]);
  });

  it("reads reasoning_content and vLLM's newer reasoning field as reasoning deltas", async () => {
    for (const reasoningField of ["reasoning_content", "reasoning"] as const) {
      const vllm = await serve([{ type: "reply", reasoning: ["Thinking", "..."], text: "Answer" }], {
        reasoningField,
      });
      const events = await collect(
        createModel(SPEC, testOptions({ baseUrl: `${vllm.origin}/v1` })),
        USER_ONLY,
      );
      expect(events, reasoningField).toEqual([
        { type: "reasoning-delta", text: "Thinking" },
        { type: "reasoning-delta", text: "..." },
        { type: "text-delta", text: "Answer" },
      ]);
      await vllm.close();
    }
  });

  it("sends call arguments in the history as JSON strings and results with their tool_call_id", async () => {
    const vllm = await serve([{ type: "reply", text: "Sunny." }]);
    const history: ChatMessage[] = [
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: "",
        toolCalls: [{ id: "call_7", name: "get_weather", arguments: { city: "Paris" } }],
      },
      { role: "tool", toolCallId: "call_7", name: "get_weather", content: "Sunny, 24 C" },
    ];
    await collect(createModel(SPEC, testOptions({ baseUrl: `${vllm.origin}/v1` })), {
      messages: history,
      tools: [WEATHER_TOOL],
    });
    expect((vllm.chatBody(0) as { messages: unknown[] }).messages).toEqual([
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: "",
        tool_calls: [
          {
            id: "call_7",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: "tool", content: "Sunny, 24 C", tool_call_id: "call_7", name: "get_weather" },
    ]);
  });

  it("openai-compatible uses the given base URL and VLLM_API_KEY when set", async () => {
    const local = await serve([{ type: "reply", text: "ok" }]);
    const model = createModel(
      "openai-compatible:local-model",
      testOptions({ env: { OPENAI_BASE_URL: `${local.origin}/v1`, VLLM_API_KEY: "vllm-key-123" } }),
    );
    expect(await collect(model, USER_ONLY)).toEqual([{ type: "text-delta", text: "ok" }]);
    expect(local.chatRequests[0]?.headers.authorization).toBe("Bearer vllm-key-123");
    expect((local.chatBody(0) as { model: string }).model).toBe("local-model");
  });
});

describe("openai-compatible: failures", () => {
  it("retries a 429, waiting as long as Retry-After says, then streams", async () => {
    const vllm = await serve([
      { type: "error", status: 429, message: "Too many requests", headers: { "retry-after": "2" } },
      { type: "reply", text: "ok" },
    ]);
    const options = testOptions({ baseUrl: `${vllm.origin}/v1` });
    expect(await collect(createModel(SPEC, options), USER_ONLY)).toEqual([
      { type: "text-delta", text: "ok" },
    ]);
    expect(options.sleeps).toEqual([2000]);
    vllm.assertDone();
  });

  it("429 every time: provider-rate-limited after the retries", async () => {
    const busy: ScriptStep = { type: "error", status: 429, message: "Too many requests" };
    const vllm = await serve([busy, busy]);
    const options = testOptions({ baseUrl: `${vllm.origin}/v1`, maxRetries: 1 });
    const error = await streamError(createModel(SPEC, options), USER_ONLY);
    expect(ToolUseError.is(error, "provider-rate-limited")).toBe(true);
    expect(options.sleeps).toEqual([375]);
  });

  it("retries a 500 then streams", async () => {
    const vllm = await serve([
      { type: "error", status: 500, message: "engine dead" },
      { type: "reply", text: "ok" },
    ]);
    const options = testOptions({ baseUrl: `${vllm.origin}/v1` });
    expect(await collect(createModel(SPEC, options), USER_ONLY)).toEqual([
      { type: "text-delta", text: "ok" },
    ]);
    expect(options.sleeps).toHaveLength(1);
  });

  it("401 fails fast, without retries, and the key is in no message or cause", async () => {
    const openai = await serve([
      { type: "error", status: 401, message: `Incorrect API key provided: ${SECRET}. Find your key at ...` },
    ]);
    const options = testOptions({ env: { OPENAI_API_KEY: SECRET, OPENAI_BASE_URL: `${openai.origin}/v1` } });
    const error = await streamError(createModel("openai:gpt-4o-mini", options), USER_ONLY);
    expect(ToolUseError.is(error, "provider-auth")).toBe(true);
    expect(options.sleeps).toEqual([]);
    expect(openai.chatRequests).toHaveLength(1);
    // The key did reach the server ...
    expect(openai.chatRequests[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
    // ... but not the error, however deep it is printed.
    const printed = inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true });
    expect(printed).toContain("HTTP 401");
    expect(printed).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it("a stream torn mid-way is a provider-error after the text already yielded", async () => {
    const vllm = await serve([{ type: "reply", text: ["a", "b", "c"], tearAfterChunks: 2 }]);
    const options = testOptions({ baseUrl: `${vllm.origin}/v1` });
    const seen: string[] = [];
    let failure: unknown;
    try {
      for await (const event of createModel(SPEC, options).stream(USER_ONLY))
        if (event.type === "text-delta") seen.push(event.text);
    } catch (error) {
      failure = error;
    }
    expect(seen).toEqual(["a"]);
    expect(ToolUseError.is(failure, "provider-error")).toBe(true);
    expect(options.sleeps).toEqual([]);
  });

  it("a slow first byte past the timeout is a provider-timeout", async () => {
    const vllm = await serve([{ type: "reply", text: "late", headersDelayMs: 500 }]);
    const error = await streamError(
      createModel(SPEC, testOptions({ baseUrl: `${vllm.origin}/v1`, timeoutMs: 50, maxRetries: 0 })),
      USER_ONLY,
    );
    expect(ToolUseError.is(error, "provider-timeout")).toBe(true);
  });
});

describe("keys", () => {
  it("openai without OPENAI_API_KEY: missing-api-key when used, not when created", async () => {
    const model = createModel("openai:gpt-4o-mini", testOptions());
    const error = await streamError(model, USER_ONLY);
    expect(ToolUseError.is(error, "missing-api-key")).toBe(true);
    expect((error as Error).message).toBe(
      "openai:gpt-4o-mini needs an API key: set OPENAI_API_KEY or pass apiKey",
    );
  });

  it("huggingface reads HUGGINGFACE_API_KEY and talks to the router's OpenAI API", async () => {
    const hf = await serve([{ type: "reply", text: "hi" }]);
    const model = createModel(
      "huggingface:Qwen/Qwen2.5-7B-Instruct",
      testOptions({ baseUrl: `${hf.origin}/v1`, env: { HUGGINGFACE_API_KEY: "hf_secret_token" } }),
    );
    expect(await collect(model, USER_ONLY)).toEqual([{ type: "text-delta", text: "hi" }]);
    expect(hf.chatRequests[0]?.headers.authorization).toBe("Bearer hf_secret_token");
    const missing = await streamError(createModel("huggingface:x/y", testOptions()), USER_ONLY);
    expect(ToolUseError.is(missing, "missing-api-key")).toBe(true);
    expect((missing as Error).message).toContain("HUGGINGFACE_API_KEY");
  });
});
