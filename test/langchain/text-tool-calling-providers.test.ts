/**
 * withTextToolCalling around other real clients: ChatOllama over Ollama's NDJSON wire format,
 * and ChatOpenAI failing (401) without the API key reaching the error.
 */
import { type AIMessageChunk, HumanMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAI } from "@langchain/openai";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { llama3Adapter } from "../../adapters/llama3.ts";
import { qwen2Adapter } from "../../adapters/qwen2.ts";
import { withTextToolCalling } from "../../src/providers/langchain/with-text-tool-calling.ts";
import { startOllamaServer } from "../servers/ollama-server.ts";
import { startOpenAIServer } from "../servers/openai-server.ts";
import type { ScriptServer } from "../servers/script-server.ts";

const weather = tool(async ({ city }) => `Sunny in ${city}`, {
  name: "get_weather",
  description: "Current weather for a city",
  schema: z.object({ city: z.string() }),
});

let server: ScriptServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("withTextToolCalling with other clients", () => {
  it("streams ChatOllama's NDJSON into tool_call_chunks (Llama 3.1 JSON calls)", async () => {
    server = await startOllamaServer(
      [
        {
          type: "reply",
          text: ['{"name": "get_', 'weather", "parameters": ', '{"city": "Rome"}}'],
          expect: (request) => {
            const body = request.body as { tools?: unknown; messages: { role: string; content: string }[] };
            expect(body.tools).toBeUndefined();
            expect(body.messages.map((message) => message.role)).toEqual(["system", "user"]);
            expect(body.messages[1]?.content).toContain('"name": "get_weather"');
            expect(body.messages[1]?.content).toMatch(/Weather in Rome\?$/);
          },
        },
      ],
      { models: ["llama3.1:8b"] },
    );
    const model = withTextToolCalling(new ChatOllama({ model: "llama3.1:8b", baseUrl: server.origin }), {
      adapter: llama3Adapter,
    }).bindTools([weather]);

    const chunks: AIMessageChunk[] = [];
    for await (const chunk of await model.stream([new HumanMessage("Weather in Rome?")])) chunks.push(chunk);

    server.assertDone();
    expect(chunks.map((chunk) => chunk.text).join("")).toBe("");
    const joined = chunks.reduce((all, chunk) => all.concat(chunk));
    expect(joined.tool_calls).toEqual([
      { type: "tool_call", id: "call_0", name: "get_weather", args: { city: "Rome" } },
    ]);
  });

  it("passes a provider failure through without the API key", async () => {
    const apiKey = "sk-live-should-never-appear-4242";
    server = await startOpenAIServer([{ type: "error", status: 401, message: "Incorrect API key provided" }]);
    const model = withTextToolCalling(
      new ChatOpenAI({
        model: "qwen2.5:7b",
        apiKey,
        maxRetries: 0,
        configuration: { baseURL: `${server.origin}/v1` },
      }),
      { adapter: qwen2Adapter },
    ).bindTools([weather]);

    const error = await model.invoke([new HumanMessage("hi")]).then(
      () => undefined,
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toContain("Incorrect API key provided");
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(apiKey);
    expect(server.chatRequests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
  });
});
