/**
 * The model registry against the scripted Ollama and vLLM servers: listing rows built from
 * /api/tags + /api/show and /v1/models, show and search, the five-minute cache with a fake
 * clock, and faults (connection refused, 429 with Retry-After, 500, slow responses).
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ToolUseError } from "../../src/errors.ts";
import { fileListingStore } from "../../src/models/listing-store.ts";
import { ModelRegistry } from "../../src/models/model-registry.ts";
import { closedPortOrigin } from "../servers/script-server.ts";
import { isolated, ollama, routes, vllm } from "./model-helpers.ts";

const OLLAMA_MODELS = {
  models: ["qwen2.5-coder:7b", "llama3.2-vision:11b", "nomic-embed-text:latest", "deepseek-r1:8b"],
  modelDetails: {
    "llama3.2-vision:11b": {
      family: "mllama",
      parameterSize: "10.7B",
      size: 7_901_829_417,
      contextLength: 131072,
      capabilities: ["completion", "vision"],
    },
    "nomic-embed-text:latest": {
      family: "nomic-bert",
      parameterSize: "137M",
      quantization: "F16",
      size: 274_302_450,
      contextLength: 2048,
      capabilities: ["embedding"],
    },
    // An Ollama before 0.6: no capabilities array, no context length.
    "deepseek-r1:8b": { family: "qwen3", capabilities: null, contextLength: null },
  },
} as const;

describe("model registry", () => {
  it("lists Ollama models with details, context length, capabilities and the adapter", async () => {
    const server = await ollama(OLLAMA_MODELS);
    const registry = new ModelRegistry(isolated({ OLLAMA_BASE_URL: server.origin }));
    const [listing] = await registry.list();
    expect(listing).toMatchObject({ provider: "ollama", baseUrl: server.origin, cached: false });
    expect(listing?.error).toBeUndefined();
    expect(listing?.models).toEqual([
      {
        id: "ollama:qwen2.5-coder:7b",
        provider: "ollama",
        model: "qwen2.5-coder:7b",
        family: "qwen2",
        parameterSize: "7.6B",
        quantization: "Q4_K_M",
        sizeBytes: 4_683_087_332,
        contextLength: 32768,
        capabilities: ["chat", "tools"],
        capabilitiesSource: "server",
        adapter: "qwen2.5",
        format: "hermes",
      },
      expect.objectContaining({
        id: "ollama:llama3.2-vision:11b",
        family: "mllama",
        contextLength: 131072,
        capabilities: ["chat", "vision"],
      }),
      expect.objectContaining({
        id: "ollama:nomic-embed-text:latest",
        parameterSize: "137M",
        quantization: "F16",
        capabilities: ["embeddings"],
        capabilitiesSource: "server",
      }),
      expect.objectContaining({
        id: "ollama:deepseek-r1:8b",
        contextLength: undefined,
        capabilities: ["chat", "thinking"],
        capabilitiesSource: "inferred",
        adapter: "deepseek-r1",
      }),
    ]);
    expect(routes(server).filter((route) => route === "POST /api/show")).toHaveLength(4);
  });

  it("lists vLLM models from /v1/models with max_model_len, across providers", async () => {
    const ollamaServer = await ollama();
    const vllmServer = await vllm({
      models: ["Qwen/Qwen2.5-7B-Instruct-AWQ", "BAAI/bge-m3"],
      modelFields: { "Qwen/Qwen2.5-7B-Instruct-AWQ": { owned_by: "vllm", max_model_len: 32768 } },
    });
    const registry = new ModelRegistry(
      isolated({ OLLAMA_BASE_URL: ollamaServer.origin, VLLM_BASE_URL: `${vllmServer.origin}/v1` }),
    );
    const listings = await registry.list();
    expect(listings.map((listing) => listing.provider)).toEqual(["ollama", "vllm"]);
    expect(listings[1]?.models).toEqual([
      {
        id: "vllm:Qwen/Qwen2.5-7B-Instruct-AWQ",
        provider: "vllm",
        model: "Qwen/Qwen2.5-7B-Instruct-AWQ",
        family: "qwen2.5",
        parameterSize: "7B",
        quantization: "AWQ",
        sizeBytes: undefined,
        contextLength: 32768,
        capabilities: ["chat", "tools"],
        capabilitiesSource: "inferred",
        adapter: "qwen2.5",
        format: "hermes",
      },
      expect.objectContaining({
        id: "vllm:BAAI/bge-m3",
        capabilities: ["embeddings"],
        contextLength: undefined,
      }),
    ]);
    expect((await registry.models()).map((model) => model.id)).toEqual([
      "ollama:qwen2.5-coder:7b",
      "vllm:Qwen/Qwen2.5-7B-Instruct-AWQ",
      "vllm:BAAI/bge-m3",
    ]);
    expect(routes(vllmServer)).toEqual(["GET /v1/models"]);
  });

  it("caches listings for five minutes on the injected clock, and refreshes on demand", async () => {
    const server = await ollama();
    let now = 1_000_000;
    const registry = new ModelRegistry(isolated({ OLLAMA_BASE_URL: server.origin }, { now: () => now }));
    const tagsCalls = () => routes(server).filter((route) => route === "GET /api/tags").length;
    expect((await registry.list())[0]?.cached).toBe(false);
    now += 4 * 60_000;
    expect((await registry.list())[0]).toMatchObject({ cached: true, fetchedAt: 1_000_000 });
    expect(tagsCalls()).toBe(1);
    expect((await registry.list({ refresh: true }))[0]).toMatchObject({ cached: false, fetchedAt: now });
    expect(tagsCalls()).toBe(2);
    now += 5 * 60_000;
    expect((await registry.list())[0]?.cached).toBe(false);
    expect(tagsCalls()).toBe(3);
  });

  it("keeps listings in a cache file between registries", async () => {
    const folder = mkdtempSync(join(tmpdir(), "tooluse-registry-"));
    try {
      const server = await ollama();
      const options = () =>
        isolated(
          { OLLAMA_BASE_URL: server.origin },
          { now: () => 5, store: fileListingStore(join(folder, "m.json")) },
        );
      const first = await new ModelRegistry(options()).models();
      const second = await new ModelRegistry(options()).list();
      expect(second[0]).toMatchObject({ cached: true, models: first });
      expect(routes(server).filter((route) => route === "GET /api/tags")).toHaveLength(1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("shows one model by spec, and Ollama's :latest by its short name", async () => {
    const server = await ollama({ models: ["qwen2.5-coder:7b", "mistral:latest"] });
    const registry = new ModelRegistry(isolated({ OLLAMA_BASE_URL: server.origin }));
    expect(await registry.show("ollama:qwen2.5-coder:7b")).toMatchObject({ contextLength: 32768 });
    expect(await registry.show("ollama:mistral")).toMatchObject({
      id: "ollama:mistral",
      sizeBytes: 4_683_087_332,
      adapter: "mistral",
    });
    const missing = await registry.show("ollama:nope:1b").catch((error: unknown) => error);
    expect(ToolUseError.is(missing, "model-not-found")).toBe(true);
    expect((missing as Error).message).toBe(
      'ollama has no model "nope:1b": pull it with `tooluse pull nope:1b`',
    );
  });

  it("names the served models when a vLLM model is missing", async () => {
    const server = await vllm();
    const registry = new ModelRegistry(isolated({ VLLM_BASE_URL: `${server.origin}/v1` }));
    await expect(registry.show("vllm:other")).rejects.toThrow(
      'vllm has no model "other"; it serves: Qwen/Qwen2.5-7B-Instruct',
    );
  });

  it("searches over id, family and capabilities", async () => {
    const server = await ollama(OLLAMA_MODELS);
    const registry = new ModelRegistry(isolated({ OLLAMA_BASE_URL: server.origin }));
    const ids = async (query: string) => (await registry.search(query)).map((model) => model.id);
    expect(await ids("vision")).toEqual(["ollama:llama3.2-vision:11b"]);
    expect(await ids("embeddings")).toEqual(["ollama:nomic-embed-text:latest"]);
    expect(await ids("qwen")).toEqual(["ollama:deepseek-r1:8b", "ollama:qwen2.5-coder:7b"]);
    expect(await ids("qwen tools")).toEqual(["ollama:qwen2.5-coder:7b"]);
    expect(await ids("nothing-like-this")).toEqual([]);
  });

  it("reports a provider that refuses connections without failing the others", async () => {
    const server = await ollama();
    const refused = await closedPortOrigin();
    const options = isolated({ OLLAMA_BASE_URL: server.origin, VLLM_BASE_URL: `${refused}/v1` });
    const listings = await new ModelRegistry(options).list();
    expect(listings[0]?.models).toHaveLength(1);
    expect(listings[1]).toMatchObject({ provider: "vllm", models: [], cached: false });
    expect(listings[1]?.error).toEqual({
      code: "provider-unreachable",
      message: `vllm at ${refused}/v1 (/models): cannot connect (connection refused) (after 3 attempts)`,
    });
    expect(options.sleeps).toEqual([375, 750]);
  });

  it("waits Retry-After on 429 and retries a 500", async () => {
    const server = await ollama({
      routeSteps: {
        "GET /api/tags": [
          { type: "error", status: 429, message: "slow down", headers: { "retry-after": "2" } },
          { type: "error", status: 500, message: "boom" },
        ],
      },
    });
    const options = isolated({ OLLAMA_BASE_URL: server.origin });
    const [listing] = await new ModelRegistry(options).list();
    expect(listing?.models.map((model) => model.id)).toEqual(["ollama:qwen2.5-coder:7b"]);
    expect(options.sleeps).toEqual([2_000, 750]);
    server.assertDone();
  });

  it("gives up on a server that keeps answering 500, with its message", async () => {
    const server = await ollama({
      routeSteps: {
        "GET /api/tags": Array(3).fill({ type: "error", status: 500, message: "out of memory" }),
      },
    });
    const [listing] = await new ModelRegistry(isolated({ OLLAMA_BASE_URL: server.origin })).list();
    expect(listing?.error).toEqual({
      code: "provider-error",
      message: `ollama at ${server.origin} (/api/tags): HTTP 500: out of memory (after 3 attempts)`,
    });
  });

  it("times out a slow server, then succeeds when it answers in time", async () => {
    const server = await ollama({
      routeSteps: { "GET /api/tags": [{ type: "hang" }, { type: "reply", headersDelayMs: 20 }] },
    });
    const options = isolated({ OLLAMA_BASE_URL: server.origin });
    const registry = new ModelRegistry({ ...options, request: { ...options.request, timeoutMs: 150 } });
    const [listing] = await registry.list();
    expect(listing?.models).toHaveLength(1);
    expect(options.sleeps).toHaveLength(1);
    server.assertDone();
  });

  it("never puts the API key in a listing error", async () => {
    const server = await vllm({
      routeSteps: { "GET /v1/models": [{ type: "error", status: 401, message: "bad key sk-secret-123" }] },
    });
    const registry = new ModelRegistry(
      isolated({ VLLM_BASE_URL: `${server.origin}/v1`, VLLM_API_KEY: "sk-secret-123" }),
    );
    const [listing] = await registry.list({ provider: "vllm" });
    expect(listing?.error?.code).toBe("provider-auth");
    expect(listing?.error?.message).not.toContain("sk-secret-123");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-secret-123");
  });

  it("keeps a password in the base URL out of listings, errors and the cache file", async () => {
    const folder = mkdtempSync(join(tmpdir(), "tooluse-registry-"));
    try {
      const server = await vllm();
      const withPassword = `${server.origin.replace("http://", "http://admin:hunter2-pass@")}/v1`;
      const store = fileListingStore(join(folder, "m.json"));
      const registry = new ModelRegistry(
        isolated({ VLLM_BASE_URL: withPassword }, { store, providers: ["vllm"] }),
      );
      const [listing] = await registry.list();
      // fetch refuses URLs with credentials, quoting the URL: the password is redacted.
      expect(listing?.baseUrl).toBe(`${server.origin}/v1`);
      expect(listing?.error?.code).toBe("provider-unreachable");
      expect(JSON.stringify(listing)).not.toContain("hunter2-pass");
      expect(listing?.error?.message).toContain("[redacted]");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
