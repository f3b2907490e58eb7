/**
 * Ollama pulls with streamed progress and their failures (server down, unknown model, a pull
 * that stops half-way, disk full, a stalled stream), and provider health checks (concurrent,
 * short timeout, briefly cached) against the scripted servers.
 */
import { describe, expect, it } from "vitest";
import type { ToolUseError } from "../../src/errors.ts";
import { checkProviderHealth, HealthMonitor } from "../../src/models/health-check.ts";
import { ProviderContext } from "../../src/models/provider-context.ts";
import { type PullProgress, pullModel } from "../../src/models/pull-model.ts";
import { resolveProviderSettings } from "../../src/providers/provider-config.ts";
import { closedPortOrigin } from "../servers/script-server.ts";
import { isolated, ollama, routes, vllm } from "./model-helpers.ts";

function settings(origin: string, timeoutMs = 1_000) {
  return resolveProviderSettings("ollama", {
    baseUrl: origin,
    config: false,
    env: {},
    timeoutMs,
    maxRetries: 0,
  });
}

async function pull(origin: string, model: string, timeoutMs?: number) {
  const events: PullProgress[] = [];
  try {
    for await (const event of pullModel(settings(origin, timeoutMs), model)) events.push(event);
    return { events, error: undefined };
  } catch (error) {
    return { events, error: error as ToolUseError };
  }
}

describe("pullModel", () => {
  it("streams Ollama's progress lines as events until success", async () => {
    const server = await ollama({ models: ["llama3.2:3b"] });
    const { events, error } = await pull(server.origin, "llama3.2:3b");
    expect(error).toBeUndefined();
    const digest = `sha256:${"a".repeat(64)}`;
    expect(events).toEqual([
      { type: "pull-progress", status: "pulling manifest" },
      { type: "pull-progress", status: "pulling aaaaaaaaaaaa", digest, total: 1000, completed: 0 },
      { type: "pull-progress", status: "pulling aaaaaaaaaaaa", digest, total: 1000, completed: 500 },
      { type: "pull-progress", status: "pulling aaaaaaaaaaaa", digest, total: 1000, completed: 1000 },
      { type: "pull-progress", status: "verifying sha256 digest" },
      { type: "pull-progress", status: "writing manifest" },
      { type: "pull-progress", status: "success" },
    ]);
    expect(server.requests[0]?.body).toEqual({ model: "llama3.2:3b", stream: true });
  });

  it("says Ollama is not running when nothing listens", async () => {
    const origin = await closedPortOrigin();
    const { error } = await pull(origin, "llama3.2:3b");
    expect(error?.code).toBe("provider-unreachable");
    expect(error?.message).toBe(
      `Ollama is not running at ${origin} (cannot connect (connection refused)): start it with \`ollama serve\` or set OLLAMA_HOST`,
    );
  });

  it("says the library has no such model", async () => {
    const server = await ollama({ models: [] });
    const { error } = await pull(server.origin, "no-such-model:1b");
    expect(error?.code).toBe("model-not-found");
    expect(error?.message).toBe(
      'the Ollama library has no model "no-such-model:1b": check the name and tag at https://ollama.com/library',
    );
  });

  it("reports a disk-full failure half-way with how far it got", async () => {
    const server = await ollama({ models: ["llama3.2:3b"], pull: { failAfterLines: 3 } });
    const { events, error } = await pull(server.origin, "llama3.2:3b");
    expect(events).toHaveLength(3);
    expect(error?.code).toBe("pull-failed");
    expect(error?.message).toBe(
      `pulling llama3.2:3b failed at 50% of sha256:${"a".repeat(64)}: the disk is full (write /root/.ollama/models/blobs: no space left on device); free some space and pull again`,
    );
  });

  it("reports a stream torn half-way", async () => {
    const server = await ollama({ models: ["llama3.2:3b"], pull: { failAfterLines: 2, tear: true } });
    const { events, error } = await pull(server.origin, "llama3.2:3b");
    expect(events.map((event) => event.completed)).toEqual([undefined, 0]);
    expect(error?.code).toBe("pull-failed");
    expect(error?.message).toMatch(/^pulling llama3\.2:3b (?:stopped|broke off) at 0% of sha256:a{64}/);
  });

  it("times out a server that never answers", async () => {
    const server = await ollama({
      models: ["llama3.2:3b"],
      routeSteps: { "POST /api/pull": [{ type: "hang" }] },
    });
    const { error } = await pull(server.origin, "llama3.2:3b", 100);
    expect(error?.code).toBe("provider-timeout");
    expect(error?.message).toMatch(
      /^Ollama at http:\/\/127\.0\.0\.1:\d+ did not answer the pull: .*no data for 100 ms/,
    );
  });
});

describe("health", () => {
  it("checks every configured provider concurrently: healthy, unhealthy, error", async () => {
    const healthy = await ollama({ models: ["a:1b", "b:2b"] });
    const limited = await vllm({
      routeSteps: {
        "GET /v1/models": [{ type: "error", status: 429, message: "busy", headers: { "retry-after": "5" } }],
      },
    });
    const refused = await closedPortOrigin();
    const context = new ProviderContext(
      isolated({
        OLLAMA_BASE_URL: healthy.origin,
        VLLM_BASE_URL: `${limited.origin}/v1`,
        OPENAI_BASE_URL: `${refused}/v1`,
      }),
    );
    const results = await new HealthMonitor(context).check();
    expect(results).toEqual([
      {
        provider: "ollama",
        baseUrl: healthy.origin,
        status: "healthy",
        reachable: true,
        modelsCount: 2,
        supportsStreaming: true,
        error: undefined,
        errorCode: undefined,
      },
      {
        provider: "vllm",
        baseUrl: `${limited.origin}/v1`,
        status: "unhealthy",
        reachable: true,
        modelsCount: 0,
        supportsStreaming: false,
        error: `vllm at ${limited.origin}/v1 (/models): HTTP 429, rate limited: busy`,
        errorCode: "provider-rate-limited",
      },
      {
        provider: "openai-compatible",
        baseUrl: `${refused}/v1`,
        status: "error",
        reachable: false,
        modelsCount: 0,
        supportsStreaming: false,
        error: `openai-compatible at ${refused}/v1 (/models): cannot connect (connection refused)`,
        errorCode: "provider-unreachable",
      },
    ]);
    // One request each: no retries in health checks.
    expect(routes(limited)).toEqual(["GET /v1/models"]);
  });

  it("marks a server with no models unhealthy and a slow one an error after the short timeout", async () => {
    const empty = await ollama({ models: [] });
    const slow = await vllm({ routeSteps: { "GET /v1/models": [{ type: "hang" }] } });
    const context = new ProviderContext(
      isolated({ OLLAMA_BASE_URL: empty.origin, VLLM_BASE_URL: `${slow.origin}/v1` }),
    );
    const [ollamaHealth, vllmHealth] = await Promise.all([
      checkProviderHealth(context, "ollama"),
      checkProviderHealth(context, "vllm", { timeoutMs: 50 }),
    ]);
    expect(ollamaHealth).toMatchObject({
      status: "unhealthy",
      reachable: true,
      error: "no models pulled: run `tooluse pull <tag>`",
    });
    expect(vllmHealth).toMatchObject({ status: "error", reachable: false, errorCode: "provider-timeout" });
  });

  it("reports a missing key without asking the server", async () => {
    const context = new ProviderContext(isolated({}, { providers: ["openai"] }));
    const [health] = await new HealthMonitor(context).check();
    expect(health).toMatchObject({
      status: "error",
      errorCode: "missing-api-key",
      error: "openai needs an API key: set OPENAI_API_KEY or pass apiKey",
    });
  });

  it("caches results briefly on the injected clock and shares a check in flight", async () => {
    const server = await ollama();
    let now = 0;
    const monitor = new HealthMonitor(new ProviderContext(isolated({ OLLAMA_BASE_URL: server.origin })), {
      now: () => now,
      ttlMs: 10_000,
    });
    await Promise.all([monitor.checkOne("ollama"), monitor.checkOne("ollama")]);
    now = 9_999;
    await monitor.checkOne("ollama");
    expect(routes(server)).toEqual(["GET /api/tags"]);
    now = 10_000;
    await monitor.checkOne("ollama");
    await monitor.checkOne("ollama", true);
    expect(routes(server)).toEqual(["GET /api/tags", "GET /api/tags", "GET /api/tags"]);
  });
});
