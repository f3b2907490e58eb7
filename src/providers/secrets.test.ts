import { describe, expect, it } from "vitest";
import { resolveProviderSettings } from "./provider-config.ts";
import { providerSecrets, redact, scrubbedCause } from "./secrets.ts";

const settings = (options: Parameters<typeof resolveProviderSettings>[1]) =>
  resolveProviderSettings("vllm", { config: false, env: {}, ...options });

describe("providerSecrets", () => {
  it("holds the key, auth-like header values without Bearer, and the base URL's password", () => {
    const secrets = providerSecrets(
      settings({
        baseUrl: "http://someone:p%40ss-word@127.0.0.1:8000/v1",
        apiKey: "sk-live-123",
        headers: { Authorization: "Bearer tok-999", "X-Api-Key": "k-777", "X-Trace": "visible" },
      }),
    );
    expect(secrets).toEqual(["sk-live-123", "tok-999", "k-777", "p%40ss-word", "p@ss-word"]);
  });

  it("leaves out placeholder keys", () => {
    expect(providerSecrets(settings({ baseUrl: "http://127.0.0.1:8000/v1" }))).toEqual([]);
    expect(providerSecrets(settings({ baseUrl: "http://127.0.0.1:8000/v1", apiKey: "none" }))).toEqual([]);
  });
});

describe("scrubbedCause", () => {
  it("copies name and redacted message down the cause chain, nothing else", () => {
    const inner = Object.assign(new Error("sent sk-live-123"), { headers: { authorization: "sk-live-123" } });
    const outer = new TypeError("fetch failed for sk-live-123", { cause: inner });
    const copy = scrubbedCause(outer, ["sk-live-123"]);
    expect(copy.name).toBe("TypeError");
    expect(copy.message).toBe("fetch failed for [redacted]");
    expect((copy.cause as Error).message).toBe("sent [redacted]");
    expect(JSON.stringify(copy, Object.getOwnPropertyNames(copy))).not.toContain("sk-live-123");
    expect(redact("Bearer abc.def", [])).toBe("Bearer [redacted]");
  });
});
