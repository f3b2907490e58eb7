/**
 * One JSON request to a provider's management endpoints (`/api/tags`, `/v1/models`, `/api/pull`
 * ...) under the policy chat requests have (src/providers/provider-request.ts): a timeout,
 * retries with backoff for connection errors, timeouts, 429 (honouring Retry-After) and 5xx, and
 * failures as ToolUseErrors whose messages never hold the API key.
 */
import type { z } from "zod";
import { ToolUseError } from "../errors.ts";
import type { ProviderSettings } from "../providers/provider-config.ts";
import { displayUrl } from "../providers/provider-failure.ts";
import { type ProviderRequestOptions, sendProviderRequest } from "../providers/provider-request.ts";

export type RequestOptions = Omit<ProviderRequestOptions, "settings" | "where">;

/** The request headers: configured ones, plus `Authorization: Bearer` for OpenAI-style providers with a key. */
export function requestHeaders(settings: ProviderSettings): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json", ...settings.headers };
  if (settings.provider !== "ollama" && settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
  return headers;
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
export function openResponse(
  settings: ProviderSettings,
  path: string,
  init: { readonly method?: "GET" | "POST"; readonly body?: unknown } = {},
  options: RequestOptions = {},
): Promise<Response> {
  return sendProviderRequest({ ...options, settings, where: where(settings, path) }, async ({ fetch }) => {
    const response = await fetch(`${settings.baseUrl}${path}`, {
      method: init.method ?? "GET",
      headers: {
        ...requestHeaders(settings),
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response;
  });
}

/** "ollama at http://127.0.0.1:11434 (/api/tags)": where a request went, without credentials. */
export function where(settings: ProviderSettings, path: string): string {
  return `${settings.provider} at ${displayUrl(settings.baseUrl)} (${path})`;
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
