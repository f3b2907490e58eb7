/**
 * One non-streamed provider request (an embeddings batch, an image caption) under the same
 * policy LangChainChatModel applies to chat streams: the client libraries' own retries off, our
 * retries with backoff for connection errors, timeouts, 429 and 5xx, none for 401/403, a
 * per-attempt timeout, failures classified from what the transport saw (provider-failure.ts), and
 * no key in any message.
 *
 * Shared by embeddings.ts and caption-image.ts. (A candidate to become provider-request.ts, with
 * LangChainChatModel using the same tracing fetch.)
 */
import { ToolUseError } from "../errors.ts";
import type { Fetch } from "./langchain-chat-model.ts";
import type { ProviderId } from "./model-spec.ts";
import type { ProviderSettings } from "./provider-config.ts";
import {
  type AttemptTrace,
  classifyFailure,
  displayUrl,
  failureError,
  serverMessage,
} from "./provider-failure.ts";
import { parseRetryAfter, type RetryPolicy, retryDelay, sleep } from "./retry-policy.ts";

/** Providers whose requests need an API key (the others accept a placeholder). */
export const NEEDS_API_KEY: Readonly<Record<ProviderId, boolean>> = {
  ollama: false,
  vllm: false,
  "openai-compatible": false,
  openai: true,
  huggingface: true,
};

/** Placeholder keys that servers without auth accept; not secrets. */
const PLACEHOLDER_KEYS = new Set(["EMPTY", "none", "ollama"]);

export interface ProviderRequestOptions {
  readonly provider: ProviderId;
  readonly model: string;
  readonly settings: ProviderSettings;
  /** Backoff tuning, and injectable randomness and sleep (maxRetries comes from the settings). */
  readonly retry?: Omit<RetryPolicy, "maxRetries">;
  /** The fetch under the tracing wrapper (default globalThis.fetch). */
  readonly fetch?: Fetch;
  readonly signal?: AbortSignal;
}

/**
 * Runs `send` (one attempt: build the client around `fetch`, make the request) until it succeeds,
 * a failure is not retryable, or the retries are used up; throws a ToolUseError with a provider
 * code (or "aborted" when `signal` aborts, "missing-api-key" before any request).
 */
export async function runProviderRequest<T>(
  options: ProviderRequestOptions,
  send: (fetch: Fetch) => Promise<T>,
): Promise<T> {
  const { settings, provider, model, signal } = options;
  const where = `${provider}:${model} at ${displayUrl(settings.baseUrl)}`;
  if (NEEDS_API_KEY[provider] && !settings.apiKey)
    throw new ToolUseError(
      "missing-api-key",
      `${provider}:${model} needs an API key: set ${settings.apiKeySource} or pass apiKey`,
    );
  const secrets = providerSecrets(settings);
  const policy: RetryPolicy = { ...options.retry, maxRetries: settings.maxRetries };
  for (let attempt = 1; ; attempt++) {
    checkAborted(signal);
    const trace: AttemptTrace = {};
    const controller = new AbortController();
    const attemptSignal = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
    let timedOut = false;
    try {
      const fetch = tracingFetch(options.fetch ?? globalThis.fetch, trace, attemptSignal);
      return await withTimeout(send(fetch), settings.timeoutMs, attemptSignal, () => {
        timedOut = true;
        controller.abort(new Error(`no answer within ${settings.timeoutMs} ms`));
      });
    } catch (error) {
      checkAborted(signal);
      if (ToolUseError.is(error)) throw error;
      const failure = classifyFailure(error, {
        trace,
        timedOut,
        timeoutMs: settings.timeoutMs,
        streamStarted: false,
      });
      if (!failure.retryable || attempt > policy.maxRetries)
        throw failureError(failure, where, attempt, secrets);
      try {
        await (policy.sleep ?? sleep)(retryDelay(policy, attempt - 1, failure.retryAfterMs), signal);
      } catch (sleepError) {
        checkAborted(signal);
        throw sleepError;
      }
    } finally {
      controller.abort();
    }
  }
}

/** The key and any credential-like header values: never in a message. */
export function providerSecrets(settings: ProviderSettings): string[] {
  const { apiKey, headers } = settings;
  const secrets = apiKey && !PLACEHOLDER_KEYS.has(apiKey) ? [apiKey] : [];
  for (const [name, value] of Object.entries(headers))
    if (/auth|key|token|secret/i.test(name)) secrets.push(value.replace(/^Bearer\s+/i, ""));
  return secrets;
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

/** Waits for `promise`; rejects when the signal aborts, and calls `onTimeout` after `timeoutMs`. */
function withTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
  signal: AbortSignal,
  onTimeout: () => void,
): Promise<T> {
  promise.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error("aborted"));
    const timer = setTimeout(onTimeout, timeoutMs);
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    });
  });
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ToolUseError("aborted", "the request was aborted", { cause: signal.reason });
}
