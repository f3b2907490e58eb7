/**
 * One JSON request to a provider's management endpoints (`/api/tags`, `/v1/models` ...), with the
 * same policy as chat requests: a timeout, retries with backoff for connection errors, timeouts,
 * 429 (honouring Retry-After) and 5xx, and failures as ToolUseErrors whose messages never hold
 * the API key.
 */
import type { z } from "zod";
import { ToolUseError } from "../errors.ts";
import type { ProviderSettings } from "../providers/provider-config.ts";
import {
  type AttemptTrace,
  classifyFailure,
  displayUrl,
  failureError,
  serverMessage,
} from "../providers/provider-failure.ts";
import { parseRetryAfter, type RetryPolicy, retryDelay, sleep } from "../providers/retry-policy.ts";

export type Fetch = typeof globalThis.fetch;

export interface RequestOptions {
  /** Overrides the settings' timeout (health checks use a short one). */
  readonly timeoutMs?: number;
  /** Overrides the settings' retries. */
  readonly maxRetries?: number;
  /** Backoff tuning and injectable sleep for tests. */
  readonly retry?: Omit<RetryPolicy, "maxRetries">;
  readonly fetch?: Fetch;
  readonly signal?: AbortSignal;
}

/** Placeholder keys servers without auth accept; sent, but not secrets. */
const PLACEHOLDER_KEYS = new Set(["EMPTY", "none", "ollama"]);

/** The request headers: configured ones, plus `Authorization: Bearer` for OpenAI-style providers with a key. */
export function requestHeaders(settings: ProviderSettings): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json", ...settings.headers };
  if (settings.provider !== "ollama" && settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
  return headers;
}

/**
 * The strings that must never appear in messages: the API key (unless a placeholder), auth-like
 * configured headers, and a password in the base URL (fetch rejects such URLs with an error that
 * quotes them).
 */
export function secretsOf(settings: ProviderSettings): string[] {
  const secrets = settings.apiKey && !PLACEHOLDER_KEYS.has(settings.apiKey) ? [settings.apiKey] : [];
  for (const [name, value] of Object.entries(settings.headers))
    if (/auth|key|token|secret/i.test(name)) secrets.push(value.replace(/^Bearer\s+/i, ""));
  try {
    const { password } = new URL(settings.baseUrl);
    if (password) secrets.push(password, decodeURIComponent(password));
  } catch {
    // not a URL: resolveProviderSettings already rejected it
  }
  return secrets;
}

/** `GET`/`POST` a JSON endpoint under the base URL and return the parsed body (unknown: validate it). */
export async function requestJson(
  settings: ProviderSettings,
  path: string,
  init: { readonly method?: "GET" | "POST"; readonly body?: unknown } = {},
  options: RequestOptions = {},
): Promise<unknown> {
  const response = await openResponse(settings, path, init, options);
  const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
  const text = await withTimeout(response.text(), timeoutMs, `${where(settings, path)}: no body`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ToolUseError(
      "provider-error",
      `${where(settings, path)}: expected JSON, got ${JSON.stringify(text.slice(0, 80))}`,
      { cause: error },
    );
  }
}

/**
 * Sends the request and returns the response once its headers arrived with a 2xx status, after
 * retries; the body is the caller's to read. Non-2xx and network failures become ToolUseErrors.
 */
export async function openResponse(
  settings: ProviderSettings,
  path: string,
  init: { readonly method?: "GET" | "POST"; readonly body?: unknown } = {},
  options: RequestOptions = {},
): Promise<Response> {
  const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
  const policy: RetryPolicy = { ...options.retry, maxRetries: options.maxRetries ?? settings.maxRetries };
  const fetch = options.fetch ?? globalThis.fetch;
  const url = `${settings.baseUrl}${path}`;
  for (let attempt = 1; ; attempt++) {
    const trace: AttemptTrace = {};
    const controller = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let failure: unknown;
    try {
      const response = await fetch(url, {
        method: init.method ?? "GET",
        headers: {
          ...requestHeaders(settings),
          ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal,
      });
      trace.status = response.status;
      if (response.ok) return response;
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      if (retryAfterMs !== undefined) trace.retryAfterMs = retryAfterMs;
      const said = serverMessage(await response.text().catch(() => ""));
      if (said !== undefined) trace.serverMessage = said;
      failure = new Error(`HTTP ${response.status}`);
    } catch (error) {
      if (options.signal?.aborted) throw abortedError(options.signal);
      if (trace.status === undefined && !timedOut) trace.networkError = error;
      failure = error;
    } finally {
      clearTimeout(timer);
    }
    const classified = classifyFailure(failure, { trace, timedOut, timeoutMs, streamStarted: false });
    if (!classified.retryable || attempt > policy.maxRetries)
      throw failureError(classified, where(settings, path), attempt, secretsOf(settings));
    await (policy.sleep ?? sleep)(retryDelay(policy, attempt - 1, classified.retryAfterMs), options.signal);
  }
}

/** "ollama at http://127.0.0.1:11434 (/api/tags)": where a request went, without credentials. */
export function where(settings: ProviderSettings, path: string): string {
  return `${settings.provider} at ${displayUrl(settings.baseUrl)} (${path})`;
}

function abortedError(signal: AbortSignal): ToolUseError {
  return new ToolUseError("aborted", "the request was aborted", { cause: signal.reason });
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ToolUseError("provider-timeout", `${message} for ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A response body checked against its schema; a provider-error naming the first bad field otherwise. */
export function validate<T>(
  schema: z.ZodType<T>,
  body: unknown,
  settings: ProviderSettings,
  path: string,
): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join(".") : "(root)";
  throw new ToolUseError(
    "provider-error",
    `${where(settings, path)}: unexpected response, ${field}: ${issue?.message ?? "invalid"}`,
  );
}
