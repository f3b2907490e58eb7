/**
 * The request policy tooluse applies to every provider request (chat streams, embeddings, image
 * captions, model listings, health checks, pulls) instead of the client libraries, whose own
 * retries are off:
 *
 * - Retries with exponential backoff and jitter (retry-policy.ts) for connection errors,
 *   timeouts, 429 (honouring Retry-After), 408 and 5xx; for a stream only before its first value
 *   (a stream torn after that is a provider error the executor turns into a fallback).
 * - No retry on 401/403: a provider-auth error at once.
 * - An idle timeout per attempt: the longest wait for the response to start (and, for streams,
 *   between chunks).
 * - Every attempt gets a fetch that records what the transport saw (network error, status,
 *   Retry-After, the server's error message) and carries the attempt's abort signal, so failures
 *   are classified the same way for every client (provider-failure.ts), with no secret in any
 *   message or cause (secrets.ts).
 */
import { ToolUseError } from "../errors.ts";
import { type ProviderSettings, requireApiKey } from "./provider-config.ts";
import {
  type AttemptTrace,
  classifyFailure,
  displayUrl,
  failureError,
  serverMessage,
} from "./provider-failure.ts";
import { parseRetryAfter, type RetryPolicy, retryDelay, sleep } from "./retry-policy.ts";
import { providerSecrets } from "./secrets.ts";

export type Fetch = typeof globalThis.fetch;

export interface ProviderRequestOptions {
  readonly settings: ProviderSettings;
  /** Where the request goes, starting every message ("ollama:llama3 at http://127.0.0.1:11434"). */
  readonly where: string;
  /** Overrides the settings' timeout (health checks use a short one). */
  readonly timeoutMs?: number;
  /** Overrides the settings' retries. */
  readonly maxRetries?: number;
  /** Backoff tuning, and injectable randomness and sleep. */
  readonly retry?: Omit<RetryPolicy, "maxRetries">;
  /** The fetch under the tracing wrapper (default globalThis.fetch). */
  readonly fetch?: Fetch;
  readonly signal?: AbortSignal;
}

/** One attempt, as the code that makes the request sees it. */
export interface Attempt {
  /** The fetch to build the client around: it traces the transport and aborts with the attempt. */
  readonly fetch: Fetch;
  /** Waits for `promise` under the idle timeout; rejects when the attempt or the caller aborts. */
  wait<T>(promise: Promise<T>): Promise<T>;
  /** Aborts the attempt's requests. */
  close(): void;
}

/**
 * The options for a request to `model`: messages start "ollama:llama3 at http://127.0.0.1:11434".
 * Throws missing-api-key when the provider needs a key and has none.
 */
export function modelRequestOptions(
  settings: ProviderSettings,
  model: string,
  options: Pick<ProviderRequestOptions, "retry" | "fetch" | "signal"> = {},
): ProviderRequestOptions {
  requireApiKey(settings, `${settings.provider}:${model}`);
  return {
    settings,
    where: `${settings.provider}:${model} at ${displayUrl(settings.baseUrl)}`,
    retry: options.retry,
    fetch: options.fetch,
    signal: options.signal,
  };
}

/**
 * Runs `send` (one attempt: build the client around `attempt.fetch`, make the request) until it
 * succeeds, a failure is not retryable, or the retries are used up; throws a ToolUseError with a
 * provider code, or "aborted" when the signal aborts (a ToolUseError from `send` passes as is).
 * The attempt that succeeded is left open, so the body of a Response it returns stays readable.
 */
export async function sendProviderRequest<T>(
  options: ProviderRequestOptions,
  send: (attempt: Attempt) => Promise<T>,
): Promise<T> {
  const attempts = new RetryLoop(options);
  for (;;) {
    const attempt = attempts.next();
    try {
      return await attempt.wait(send(attempt));
    } catch (error) {
      attempt.close();
      await attempts.recover(attempt, error, false);
    }
  }
}

/**
 * The values of `open(attempt)` (a response stream), retried as sendProviderRequest is until the
 * first value is yielded; a failure after that is never retried.
 */
export async function* streamProviderRequest<T>(
  options: ProviderRequestOptions,
  open: (attempt: Attempt) => AsyncIterable<T>,
): AsyncGenerator<T> {
  const attempts = new RetryLoop(options);
  for (;;) {
    const attempt = attempts.next();
    let started = false;
    try {
      for await (const value of open(attempt)) {
        started = true;
        yield value;
      }
      return;
    } catch (error) {
      await attempts.recover(attempt, error, started);
    } finally {
      attempt.close();
    }
  }
}

/** Counts attempts and decides, after a failure, between another attempt (after a backoff) and an error. */
class RetryLoop {
  private count = 0;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;

  constructor(private readonly options: ProviderRequestOptions) {
    const { settings } = options;
    this.policy = { ...options.retry, maxRetries: options.maxRetries ?? settings.maxRetries };
    this.timeoutMs = options.timeoutMs ?? settings.timeoutMs;
  }

  next(): TracedAttempt {
    checkAborted(this.options.signal);
    this.count++;
    return new TracedAttempt(this.options.fetch ?? globalThis.fetch, this.timeoutMs, this.options.signal);
  }

  /** Returns after the backoff when the failure is retried; throws its ToolUseError otherwise. */
  async recover(attempt: TracedAttempt, error: unknown, streamStarted: boolean): Promise<void> {
    const { signal } = this.options;
    checkAborted(signal);
    if (ToolUseError.is(error)) throw error;
    const failure = classifyFailure(error, {
      trace: attempt.trace,
      timedOut: attempt.timedOut,
      timeoutMs: this.timeoutMs,
      streamStarted,
    });
    if (!failure.retryable || this.count > this.policy.maxRetries)
      throw failureError(failure, this.options.where, this.count, providerSecrets(this.options.settings));
    try {
      await (this.policy.sleep ?? sleep)(
        retryDelay(this.policy, this.count - 1, failure.retryAfterMs),
        signal,
      );
    } catch (sleepError) {
      checkAborted(signal);
      throw sleepError;
    }
  }
}

class TracedAttempt implements Attempt {
  readonly trace: AttemptTrace = {};
  timedOut = false;
  readonly fetch: Fetch;
  private readonly controller = new AbortController();
  private readonly signal: AbortSignal;

  constructor(
    base: Fetch,
    private readonly timeoutMs: number,
    outer: AbortSignal | undefined,
  ) {
    this.signal = outer ? AbortSignal.any([outer, this.controller.signal]) : this.controller.signal;
    this.fetch = tracingFetch(base, this.trace, this.signal);
  }

  wait<T>(promise: Promise<T>): Promise<T> {
    const { signal, timeoutMs } = this;
    promise.catch(() => undefined);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason ?? new Error("aborted"));
      const timer = setTimeout(() => {
        this.timedOut = true;
        this.controller.abort(new Error(`no data for ${timeoutMs} ms`));
      }, timeoutMs);
      if (signal.aborted) onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      promise.then(resolve, reject).finally(() => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
      });
    });
  }

  close(): void {
    this.controller.abort();
  }
}

/** A fetch that records status, Retry-After, the server's error message and network errors, and aborts with the attempt. */
function tracingFetch(base: Fetch, trace: AttemptTrace, signal: AbortSignal): Fetch {
  return async (input, init) => {
    const combined = init?.signal ? AbortSignal.any([init.signal, signal]) : signal;
    let response: Response;
    try {
      response = await base(input, { ...init, signal: combined });
    } catch (error) {
      if (!combined.aborted) trace.networkError = error;
      throw error;
    }
    trace.status = response.status;
    const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
    if (retryAfter !== undefined) trace.retryAfterMs = retryAfter;
    if (!response.ok) {
      const message = serverMessage(
        await response
          .clone()
          .text()
          .catch(() => ""),
      );
      if (message !== undefined) trace.serverMessage = message;
    }
    return response;
  };
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ToolUseError("aborted", "the request was aborted", { cause: signal.reason });
}
