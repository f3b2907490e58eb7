/**
 * The tier router on real health checks: a tier whose provider refuses connections or answers
 * 503 is passed over for the next one, and the decision says so.
 */
import { describe, expect, it } from "vitest";
import { HealthMonitor } from "../../src/models/health-check.ts";
import { ModelRouter } from "../../src/models/model-router.ts";
import { loadTiers } from "../../src/models/model-tiers.ts";
import { ProviderContext } from "../../src/models/provider-context.ts";
import { closedPortOrigin } from "../servers/script-server.ts";
import { isolated, ollama, routes, vllm } from "./model-helpers.ts";

describe("ModelRouter with HealthMonitor", () => {
  it("falls back from an unreachable complex tier to a healthy balanced one", async () => {
    const refused = await closedPortOrigin();
    const local = await ollama({ models: ["qwen2.5-coder:7b", "qwen2.5-coder:1.5b"] });
    const tiers = loadTiers({
      tiers: {
        fast: "ollama:qwen2.5-coder:1.5b",
        balanced: "ollama:qwen2.5-coder:7b",
        complex: "vllm:Qwen/Qwen2.5-72B-Instruct",
      },
    });
    const context = new ProviderContext(
      isolated({ OLLAMA_BASE_URL: local.origin, VLLM_BASE_URL: `${refused}/v1` }),
    );
    const router = new ModelRouter(tiers!, new HealthMonitor(context));
    const decision = await router.route({ input: "Refactor the parser module", tools: 3 });
    expect(decision).toEqual({
      requestedTier: "complex",
      reason: 'keyword "refactor"',
      tier: "balanced",
      spec: "ollama:qwen2.5-coder:7b",
      skipped: [
        {
          tier: "complex",
          spec: "vllm:Qwen/Qwen2.5-72B-Instruct",
          reason: `vllm is error: vllm at ${refused}/v1 (/models): cannot connect (connection refused)`,
        },
      ],
    });
    // A second request within the health TTL asks no server again.
    await router.route({ input: "hi" });
    expect(routes(local)).toEqual(["GET /api/tags"]);
  });

  it("passes over a provider answering 503", async () => {
    const busy = await vllm({
      routeSteps: { "GET /v1/models": [{ type: "error", status: 503, message: "loading model" }] },
    });
    const local = await ollama();
    const context = new ProviderContext(
      isolated({ OLLAMA_BASE_URL: local.origin, VLLM_BASE_URL: `${busy.origin}/v1` }),
    );
    const router = new ModelRouter(
      { fast: "vllm:Qwen/Qwen2.5-7B-Instruct", complex: "ollama:qwen2.5-coder:7b" },
      new HealthMonitor(context),
    );
    const decision = await router.route({ input: "hi" });
    expect(decision.tier).toBe("complex");
    expect(decision.skipped[0]?.reason).toBe(
      `vllm is unhealthy: vllm at ${busy.origin}/v1 (/models): HTTP 503: loading model`,
    );
  });
});
