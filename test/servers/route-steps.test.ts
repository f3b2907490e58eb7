/**
 * The scripted servers' route steps and model options used by the model-management tests:
 * faults and delays on /api/tags and /v1/models, per-model details, pulls failing half-way.
 */
import { Ollama } from "ollama";
import { afterEach, describe, expect, it } from "vitest";
import { type OllamaServer, startOllamaServer } from "./ollama-server.ts";
import { type OpenAIServer, startOpenAIServer } from "./openai-server.ts";

const servers: (OllamaServer | OpenAIServer)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("route steps", () => {
  it("answers a route's steps first, then normally, and reports unused ones", async () => {
    const server = await startOllamaServer([], {
      routeSteps: { "GET /api/tags": [{ type: "error", status: 500, message: "boom" }, { type: "reply" }] },
    });
    servers.push(server);
    server.enqueueRoute("GET /api/tags", { type: "error", status: 429 });
    const client = new Ollama({ host: server.origin });
    await expect(client.list()).rejects.toThrow("boom");
    expect((await client.list()).models).toHaveLength(1);
    expect(() => server.assertDone()).toThrow("1 scripted step(s) for GET /api/tags never used");
    await expect(client.list()).rejects.toThrow();
    expect((await client.list()).models).toHaveLength(1);
    server.assertDone();
  });

  it("serves per-model details and a pull that fails half-way", async () => {
    const server = await startOllamaServer([], {
      models: ["old:1b"],
      modelDetails: { "old:1b": { family: "llama", capabilities: null, contextLength: 4096, size: 10 } },
      pull: { failAfterLines: 2, error: "boom" },
    });
    servers.push(server);
    const client = new Ollama({ host: server.origin });
    const show = await client.show({ model: "old:1b" });
    expect(show.capabilities).toBeUndefined();
    expect(show.model_info).toEqual({ "general.architecture": "llama", "llama.context_length": 4096 });
    expect((await client.list()).models[0]).toMatchObject({ size: 10, details: { family: "llama" } });
    const statuses: string[] = [];
    await expect(
      (async () => {
        for await (const progress of await client.pull({ model: "old:1b", stream: true }))
          statuses.push(progress.status);
      })(),
    ).rejects.toThrow("boom");
    expect(statuses).toEqual(["pulling manifest", "pulling aaaaaaaaaaaa"]);
  });

  it("adds vLLM's fields to /v1/models", async () => {
    const server = await startOpenAIServer([], {
      models: ["m"],
      modelFields: { m: { max_model_len: 8192 } },
    });
    servers.push(server);
    const body = (await (await fetch(`${server.origin}/v1/models`)).json()) as { data: unknown[] };
    expect(body.data[0]).toMatchObject({ id: "m", max_model_len: 8192, owned_by: "scripted" });
  });
});
