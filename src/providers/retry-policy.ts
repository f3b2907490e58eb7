/**
 * When to retry a provider request and how long to wait: exponential backoff with full jitter,
 * capped, with the server's Retry-After honoured. The random source and the sleep are
 * injectable so tests run without waiting.
 */

export interface RetryPolicy {
  /** Retries after the first attempt (0: none). */
  readonly maxRetries: number;
  /** The first backoff ceiling in milliseconds (default 500); doubles per retry. */
  readonly baseDelayMs?: number;
  /** The largest backoff, and the largest Retry-After honoured (default 30 s). */
  readonly maxDelayMs?: number;
  /** A number in [0, 1) (default Math.random). */
  readonly random?: () => number;
  /** Waits (default setTimeout); rejects when the signal aborts. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * The wait before retry number `retry` (0 for the first retry): the server's Retry-After when it
 * sent one (capped), else a random wait in [ceiling/2, ceiling] with ceiling = base * 2^retry.
 */
export function retryDelay(policy: RetryPolicy, retry: number, retryAfterMs?: number): number {
  const maxDelay = policy.maxDelayMs ?? 30_000;
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), maxDelay);
  const ceiling = Math.min(maxDelay, (policy.baseDelayMs ?? 500) * 2 ** retry);
  const random = policy.random ?? Math.random;
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Retry-After as milliseconds: delta seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** setTimeout as a promise that rejects with the signal's reason when it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
