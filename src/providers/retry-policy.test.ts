import { describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelay, sleep } from "./retry-policy.ts";

describe("retryDelay", () => {
  it("doubles the ceiling per retry and jitters within its upper half", () => {
    const low = { maxRetries: 5, random: () => 0 };
    const high = { maxRetries: 5, random: () => 0.999999 };
    expect([0, 1, 2].map((retry) => retryDelay(low, retry))).toEqual([250, 500, 1000]);
    expect([0, 1, 2].map((retry) => retryDelay(high, retry))).toEqual([500, 1000, 2000]);
  });

  it("caps at maxDelayMs, Retry-After included", () => {
    const policy = { maxRetries: 9, random: () => 0.999999, maxDelayMs: 4000 };
    expect(retryDelay(policy, 8)).toBe(4000);
    expect(retryDelay(policy, 0, 60_000)).toBe(4000);
    expect(retryDelay(policy, 3, 1200)).toBe(1200);
  });
});

describe("parseRetryAfter", () => {
  it("reads delta seconds and HTTP dates", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter("0.5")).toBe(500);
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 00:00:00 GMT", now)).toBe(0);
  });

  it("ignores absent and unreadable values", () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("")).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("sleep", () => {
  it("rejects with the signal's reason when aborted", async () => {
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
  });
});
