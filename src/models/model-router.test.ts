import { describe, expect, it } from "vitest";
import type { ProviderId } from "../providers/model-spec.ts";
import type { HealthStatus, ProviderHealth } from "./health-check.ts";
import { fallbackChain, ModelRouter, pickTier } from "./model-router.ts";

describe("pickTier", () => {
  it("takes an explicit tier over the heuristic", () => {
    expect(pickTier({ input: "refactor everything", tier: "fast" })).toEqual({
      tier: "fast",
      reason: "explicit",
    });
  });

  it("routes by keywords, input length, tool count and code blocks", () => {
    expect(pickTier({ input: "What time is it?" })).toEqual({
      tier: "fast",
      reason: "short input, few tools",
    });
    expect(pickTier({ input: "Please Refactor this module" })).toEqual({
      tier: "complex",
      reason: 'keyword "refactor"',
    });
    expect(pickTier({ input: "Think step by step." }).tier).toBe("complex");
    expect(pickTier({ input: "x".repeat(4001) })).toEqual({ tier: "complex", reason: "4001 characters" });
    expect(pickTier({ input: "x".repeat(501) })).toEqual({ tier: "balanced", reason: "501 characters" });
    expect(pickTier({ input: "x".repeat(500) }).tier).toBe("fast");
    expect(pickTier({ input: "hi", tools: 9 })).toEqual({ tier: "complex", reason: "9 tools" });
    expect(pickTier({ input: "hi", tools: ["a", "b", "c"] })).toEqual({
      tier: "balanced",
      reason: "3 tools",
    });
    expect(pickTier({ input: "hi", tools: 2 }).tier).toBe("fast");
    expect(pickTier({ input: "fix:\n```js\nx()\n```" })).toEqual({
      tier: "balanced",
      reason: "a code block",
    });
    // "planet" is not "plan": keywords match whole words.
    expect(pickTier({ input: "name a planet" }).tier).toBe("fast");
  });

  it("counts every message of a conversation", () => {
    const input = [
      { role: "user" as const, content: "x".repeat(300) },
      { role: "assistant" as const, content: "y".repeat(300) },
    ];
    expect(pickTier({ input }).tier).toBe("balanced");
  });
});

describe("ModelRouter", () => {
  const health = (statuses: Partial<Record<ProviderId, HealthStatus>>) => {
    const asked: ProviderId[] = [];
    return {
      asked,
      async checkOne(provider: ProviderId): Promise<ProviderHealth> {
        asked.push(provider);
        const status = statuses[provider] ?? "healthy";
        return {
          provider,
          baseUrl: "http://127.0.0.1:1",
          status,
          reachable: status !== "error",
          modelsCount: status === "healthy" ? 1 : 0,
          supportsStreaming: status === "healthy",
          error: status === "healthy" ? undefined : "connection refused",
          errorCode: status === "healthy" ? undefined : "provider-unreachable",
        };
      },
    };
  };
  const tiers = { fast: "ollama:small:1b", balanced: "openai-compatible:mid", complex: "vllm:big" };

  it("falls back down the chain, then up, and says what it skipped", async () => {
    expect(fallbackChain("complex")).toEqual(["complex", "balanced", "fast"]);
    expect(fallbackChain("fast")).toEqual(["fast", "balanced", "complex"]);
    expect(fallbackChain("balanced")).toEqual(["balanced", "fast", "complex"]);

    const source = health({ vllm: "error", "openai-compatible": "unhealthy" });
    const decision = await new ModelRouter(tiers, source).route({ input: "analyze this" });
    expect(decision).toEqual({
      requestedTier: "complex",
      reason: 'keyword "analyze"',
      tier: "fast",
      spec: "ollama:small:1b",
      skipped: [
        { tier: "complex", spec: "vllm:big", reason: "vllm is error: connection refused" },
        {
          tier: "balanced",
          spec: "openai-compatible:mid",
          reason: "openai-compatible is unhealthy: connection refused",
        },
      ],
    });
    expect(source.asked).toEqual(["vllm", "openai-compatible", "ollama"]);

    const up = await new ModelRouter(tiers, health({ ollama: "error" })).route({ input: "hi" });
    expect(up).toMatchObject({ requestedTier: "fast", tier: "balanced", spec: "openai-compatible:mid" });
  });

  it("uses the chosen tier when healthy and passes over tiers that are not configured", async () => {
    const router = new ModelRouter({ fast: "ollama:small:1b" }, health({}));
    expect(await router.route({ input: "hi", tier: "complex" })).toEqual({
      requestedTier: "complex",
      reason: "explicit",
      tier: "fast",
      spec: "ollama:small:1b",
      skipped: [],
    });
  });

  it("fails naming every tier when none is healthy", async () => {
    const router = new ModelRouter(
      { fast: "ollama:a:1b", complex: "vllm:big" },
      health({ ollama: "error", vllm: "error" }),
    );
    await expect(router.route({ input: "hi" })).rejects.toThrow(
      "no model tier is available: fast (ollama:a:1b): ollama is error: connection refused; complex (vllm:big): vllm is error: connection refused",
    );
  });
});
