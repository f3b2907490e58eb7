import { describe, expect, it } from "vitest";
import { classifyFailure, displayUrl, failureError, redact, serverMessage } from "./provider-failure.ts";

const base = { timedOut: false, timeoutMs: 1000, streamStarted: false };

describe("classifyFailure", () => {
  it.each([
    [401, "provider-auth", false],
    [403, "provider-auth", false],
    [429, "provider-rate-limited", true],
    [500, "provider-error", true],
    [503, "provider-error", true],
    [408, "provider-error", true],
    [400, "provider-error", false],
    [404, "provider-error", false],
  ] as const)("HTTP %i -> %s, retryable %s", (status, code, retryable) => {
    expect(classifyFailure(new Error("x"), { ...base, trace: { status } })).toMatchObject({
      code,
      retryable,
    });
  });

  it("a network error is unreachable; a break after 200 is retryable only before the stream started", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const failure = classifyFailure(new TypeError("fetch failed", { cause: refused }), {
      ...base,
      trace: { networkError: new TypeError("fetch failed", { cause: refused }) },
    });
    expect(failure).toMatchObject({
      code: "provider-unreachable",
      retryable: true,
      detail: "cannot connect (connection refused)",
    });
    expect(classifyFailure(new Error("terminated"), { ...base, trace: { status: 200 } }).retryable).toBe(
      true,
    );
    expect(
      classifyFailure(new Error("terminated"), { ...base, streamStarted: true, trace: { status: 200 } })
        .retryable,
    ).toBe(false);
  });
});

describe("secrets", () => {
  it("are removed from the message and from the cause chain", () => {
    const cause = new Error("bad key sk-123456", { cause: new Error("Authorization: Bearer sk-123456") });
    const error = failureError(
      { code: "provider-auth", retryable: false, detail: "HTTP 401: key sk-123456 rejected", cause },
      "openai:x",
      1,
      ["sk-123456"],
    );
    expect(error.message).toBe("openai:x: HTTP 401: key [redacted] rejected");
    expect(String((error.cause as Error).message)).toBe("bad key [redacted]");
    expect(String(((error.cause as Error).cause as Error).message)).toBe("Authorization: Bearer [redacted]");
  });

  it("redacts any bearer token and URL user info", () => {
    expect(redact("header Bearer abc.def-1 sent", [])).toBe("header Bearer [redacted] sent");
    expect(displayUrl("http://user:pw@host:1/v1")).toBe("http://host:1/v1");
  });
});

describe("serverMessage", () => {
  it("reads Ollama, OpenAI and text error bodies", () => {
    expect(serverMessage('{"error":"model not found"}')).toBe("model not found");
    expect(serverMessage('{"error":{"message":"Rate limit","type":"x"}}')).toBe("Rate limit");
    expect(serverMessage("Bad Gateway")).toBe("Bad Gateway");
    expect(serverMessage("")).toBeUndefined();
  });
});
