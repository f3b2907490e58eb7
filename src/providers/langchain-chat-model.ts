/**
 * A LangChain chat model (ChatOllama, ChatOpenAI) behind our ChatModel interface, with the
 * request policy tooluse owns rather than the client libraries (whose own retries are off):
 *
 * - Retries with exponential backoff and jitter for connection errors, timeouts, 429 (honouring
 *   Retry-After) and 5xx, only before the first event is yielded; a stream torn after that is a
 *   provider error the executor turns into a fallback.
 * - No retry on 401/403: a provider-auth error at once, whose message never holds the key.
 * - A per-request idle timeout: the longest wait for the response to start and between chunks.
 *
 * Every attempt builds the LangChain model around a fetch that records what the transport saw
 * (network error, status, Retry-After, the server's error message) and carries the attempt's
 * abort signal, so failures are classified the same way for every client.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessageChunk } from "@langchain/core/messages";
import { ToolUseError } from "../errors.ts";
import type { ChatModel, ModelRequest, ModelStreamEvent } from "../model.ts";
import { ChunkEventReader } from "./chunk-events.ts";
import { toFunctionTools, toLangChainMessages } from "./langchain-messages.ts";
import type { ProviderSettings } from "./provider-config.ts";
import {
  type AttemptTrace,
  classifyFailure,
  displayUrl,
  failureError,
  serverMessage,
} from "./provider-failure.ts";
import { parseRetryAfter, type RetryPolicy, retryDelay, sleep } from "./retry-policy.ts";

export type Fetch = typeof globalThis.fetch;

export interface LangChainChatModelOptions {
  readonly provider: string;
  readonly model: string;
  readonly settings: ProviderSettings;
  /** True when requests need `settings.apiKey` (missing: a missing-api-key error on use). */
  readonly needsApiKey: boolean;
  /** Builds the LangChain model for one attempt around the given fetch. */
  readonly create: (fetch: Fetch) => BaseChatModel;
  /** Backoff tuning and injectable randomness and sleep (maxRetries comes from the settings). */
  readonly retry?: Omit<RetryPolicy, "maxRetries">;
  /** The fetch under the wrapper (default globalThis.fetch). */
  readonly fetch?: Fetch;
  /** False when the client invents random call ids (ChatOllama): calls are numbered instead. */
  readonly keepCallIds?: boolean;
}

/** Placeholder keys that servers without auth accept; not secrets. */
const PLACEHOLDER_KEYS = new Set(["EMPTY", "none", "ollama"]);

export class LangChainChatModel implements ChatModel {
  readonly provider: string;
  readonly model: string;

  constructor(private readonly options: LangChainChatModelOptions) {
    this.provider = options.provider;
    this.model = options.model;
  }

  async *stream(request: ModelRequest): AsyncIterable<ModelStreamEvent> {
    const { settings } = this.options;
    const where = `${this.provider}:${this.model} at ${displayUrl(settings.baseUrl)}`;
    if (this.options.needsApiKey && !settings.apiKey)
      throw new ToolUseError(
        "missing-api-key",
        `${this.provider}:${this.model} needs an API key: set ${settings.apiKeySource} or pass apiKey`,
      );
    const secrets = this.secrets();
    const policy: RetryPolicy = { ...this.options.retry, maxRetries: settings.maxRetries };
    for (let attempt = 1; ; attempt++) {
      checkAborted(request.signal);
      const trace: AttemptTrace = {};
      const controller = new AbortController();
      const timer = { timedOut: false };
      let started = false;
      try {
        for await (const event of this.attempt(request, trace, controller, timer)) {
          started = true;
          yield event;
        }
        return;
      } catch (error) {
        checkAborted(request.signal);
        if (ToolUseError.is(error)) throw error;
        const failure = classifyFailure(error, {
          trace,
          timedOut: timer.timedOut,
          timeoutMs: settings.timeoutMs,
          streamStarted: started,
        });
        if (!failure.retryable || attempt > policy.maxRetries)
          throw failureError(failure, where, attempt, secrets);
        try {
          await (policy.sleep ?? sleep)(
            retryDelay(policy, attempt - 1, failure.retryAfterMs),
            request.signal,
          );
        } catch (sleepError) {
          checkAborted(request.signal);
          throw sleepError;
        }
      } finally {
        controller.abort();
      }
    }
  }

  private async *attempt(
    request: ModelRequest,
    trace: AttemptTrace,
    controller: AbortController,
    timer: { timedOut: boolean },
  ): AsyncGenerator<ModelStreamEvent> {
    const signal = request.signal ? AbortSignal.any([request.signal, controller.signal]) : controller.signal;
    const chatModel = this.options.create(
      tracingFetch(this.options.fetch ?? globalThis.fetch, trace, signal),
    );
    let runnable: Pick<BaseChatModel, "stream"> = chatModel;
    if (request.tools && request.tools.length > 0) {
      if (!chatModel.bindTools)
        throw new ToolUseError("invalid-input", `${this.provider} has no native tools API`);
      runnable = chatModel.bindTools(toFunctionTools(request.tools)) as Pick<BaseChatModel, "stream">;
    }
    const wait = <T>(promise: Promise<T>) =>
      withIdleTimeout(promise, this.options.settings.timeoutMs, controller, signal, () => {
        timer.timedOut = true;
      });
    const stream = await wait(runnable.stream(toLangChainMessages(request.messages)));
    const iterator: AsyncIterator<BaseMessageChunk> = stream[Symbol.asyncIterator]();
    const reader = new ChunkEventReader(this.options.keepCallIds ?? true);
    try {
      for (;;) {
        const next = await wait(iterator.next());
        if (next.done) break;
        yield* reader.read(next.value);
      }
    } finally {
      controller.abort();
      try {
        iterator.return?.()?.catch(() => undefined);
      } catch {
        // the stream is already closed
      }
    }
    yield* reader.finish();
  }

  /** The key and any credential-like header values: never in a message. */
  private secrets(): string[] {
    const { apiKey, headers } = this.options.settings;
    const secrets = apiKey && !PLACEHOLDER_KEYS.has(apiKey) ? [apiKey] : [];
    for (const [name, value] of Object.entries(headers))
      if (/auth|key|token|secret/i.test(name)) secrets.push(value.replace(/^Bearer\s+/i, ""));
    // A password in the base URL (http://user:pass@host) is quoted by fetch's errors.
    const password = urlPassword(this.options.settings.baseUrl);
    if (password) secrets.push(password, decodeURIComponent(password));
    return secrets;
  }
}

function urlPassword(url: string): string | undefined {
  try {
    return new URL(url).password || undefined;
  } catch {
    return undefined;
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

/** Waits for `promise`, aborting the attempt when it takes longer than `timeoutMs` or the signal aborts. */
function withIdleTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
  controller: AbortController,
  signal: AbortSignal,
  onTimeout: () => void,
): Promise<T> {
  promise.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error("aborted"));
    const timer = setTimeout(() => {
      onTimeout();
      controller.abort(new Error(`no data for ${timeoutMs} ms`));
    }, timeoutMs);
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
