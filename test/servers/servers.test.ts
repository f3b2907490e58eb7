/**
 * The scripted servers themselves, driven by the real `ollama` and `openai` clients: the routes
 * besides streamed chat (non-streamed chat, tags, show, pull, embed, models, embeddings) and the
 * script bookkeeping (unexpected requests, failed checks, unused steps).
 */
import { OllamaEmbeddings } from "@langchain/ollama";
import { Ollama } from "ollama";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { type OllamaServer, startOllamaServer } from "./ollama-server.ts";
import { type OpenAIServer, splitString, startOpenAIServer } from "./openai-server.ts";
import { fakeEmbedding } from "./script-server.ts";

const servers: (OllamaServer | OpenAIServer)[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function ollamaServer(...args: Parameters<typeof startOllamaServer>): Promise<OllamaServer> {
  const server = await startOllamaServer(...args);
  servers.push(server);
  return server;
}

async function openAIServer(...args: Parameters<typeof startOpenAIServer>): Promise<OpenAIServer> {
  const server = await startOpenAIServer(...args);
  servers.push(server);
  return server;
}

describe("ollama server", () => {
  it("answers stream:false with one JSON object: object arguments, counts, done_reason", async () => {
    const server = await ollamaServer([
      {
        type: "reply",
        text: "Calling.",
        reasoning: "Need weather.",
        toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }],
        usage: { inputTokens: 5, outputTokens: 6 },
      },
    ]);
    const response = await new Ollama({ host: server.origin }).chat({
      model: "qwen2.5-coder:7b",
      messages: [{ role: "user", content: "Hi" }],
      stream: false,
    });
    expect(response).toMatchObject({
      model: "qwen2.5-coder:7b",
      done: true,
      done_reason: "stop",
      prompt_eval_count: 5,
      eval_count: 6,
      message: {
        role: "assistant",
        content: "Calling.",
        thinking: "Need weather.",
        tool_calls: [{ function: { name: "get_weather", arguments: { city: "Paris" } } }],
      },
    });
    server.assertDone();
  });

  it("lists, shows, pulls (streamed progress) and embeds", async () => {
    const server = await ollamaServer([], { models: ["qwen2.5-coder:7b", "llama3.1:8b"] });
    const client = new Ollama({ host: server.origin });
    expect((await client.list()).models.map((model) => model.name)).toEqual([
      "qwen2.5-coder:7b",
      "llama3.1:8b",
    ]);
    expect((await client.show({ model: "llama3.1:8b" })).capabilities).toContain("tools");
    await expect(client.show({ model: "nope" })).rejects.toThrow("model 'nope' not found");
    const statuses: string[] = [];
    for await (const progress of await client.pull({ model: "llama3.1:8b", stream: true }))
      statuses.push(progress.status);
    expect(statuses[0]).toBe("pulling manifest");
    expect(statuses.at(-1)).toBe("success");
    const embeddings = new OllamaEmbeddings({ model: "llama3.1:8b", baseUrl: server.origin });
    expect(await embeddings.embedQuery("hello")).toEqual(fakeEmbedding("hello"));
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toContain(
      "POST /api/embed",
    );
  });

  it("reports an unexpected request, a failed check and unused steps", async () => {
    const server = await ollamaServer([
      {
        type: "reply",
        text: "x",
        expect(request) {
          if ((request.body as { model?: string }).model !== "expected-model")
            throw new Error("the model should be expected-model");
        },
      },
      { type: "reply", text: "never used" },
    ]);
    const client = new Ollama({ host: server.origin });
    await expect(client.chat({ model: "other", messages: [], stream: false })).rejects.toThrow(
      "step 1 check failed: the model should be expected-model",
    );
    expect(() => server.assertDone()).toThrow(/step 1 check failed[\s\S]*1 scripted step\(s\) never used/);
    await client.chat({ model: "other", messages: [], stream: false });
    await expect(client.chat({ model: "other", messages: [], stream: false })).rejects.toThrow(
      "unexpected chat request #3 (2 scripted)",
    );
  });
});

describe("openai server", () => {
  it("answers non-streamed requests with a chat.completion: string arguments and usage", async () => {
    const server = await openAIServer([
      {
        type: "reply",
        text: "",
        toolCalls: [{ id: "call_a", name: "get_weather", arguments: { city: "Paris" } }],
        usage: { inputTokens: 7, outputTokens: 8 },
      },
    ]);
    const client = new OpenAI({ baseURL: `${server.origin}/v1`, apiKey: "EMPTY", maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: "Hi" }],
    });
    expect(completion.choices[0]).toMatchObject({
      finish_reason: "tool_calls",
      message: {
        tool_calls: [
          {
            id: "call_a",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
        ],
      },
    });
    expect(completion.usage).toEqual({ prompt_tokens: 7, completion_tokens: 8, total_tokens: 15 });
    server.assertDone();
  });

  it("streams SSE chunks ending in [DONE], with usage only when include_usage is asked", async () => {
    const server = await openAIServer([
      { type: "reply", text: ["a", "b"], usage: { inputTokens: 1, outputTokens: 2 } },
      { type: "reply", text: "c", usage: { inputTokens: 1, outputTokens: 1 } },
    ]);
    const client = new OpenAI({ baseURL: `${server.origin}/v1`, apiKey: "EMPTY", maxRetries: 0 });
    const read = async (includeUsage: boolean) => {
      const stream = await client.chat.completions.create({
        model: "m",
        messages: [{ role: "user", content: "Hi" }],
        stream: true,
        ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
      });
      const seen: string[] = [];
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta.content;
        if (content) seen.push(content);
        if (chunk.usage) seen.push(`usage:${chunk.usage.total_tokens}`);
      }
      return seen;
    };
    expect(await read(true)).toEqual(["a", "b", "usage:3"]);
    expect(await read(false)).toEqual(["c"]);
    expect(server.chatRequests[0]?.rawBody).toContain('"stream":true');
  });

  it("lists models and embeds (base64, as the openai client asks by default)", async () => {
    const server = await openAIServer([], { models: ["a/b", "c/d"] });
    const client = new OpenAI({ baseURL: `${server.origin}/v1`, apiKey: "EMPTY", maxRetries: 0 });
    const models: string[] = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toEqual(["a/b", "c/d"]);
    const embedding = await client.embeddings.create({ model: "e", input: "hello" });
    expect(embedding.data[0]?.embedding.map((value) => Math.round(value * 1e6) / 1e6)).toEqual(
      fakeEmbedding("hello"),
    );
  });

  it("splitString cuts a string into nearly equal pieces that join back", () => {
    expect(splitString('{"city":"Paris"}', 3)).toEqual(['{"city', '":"Par', 'is"}']);
    expect(splitString("", 3)).toEqual([""]);
  });
});
