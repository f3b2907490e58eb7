/**
 * Provider health: is the server up, does it answer its model list, how many models does it
 * have. One cheap request per provider (Ollama `GET /api/tags`, OpenAI-compatible `GET /models`),
 * no retries, a short timeout; checks run concurrently and are cached briefly (HealthMonitor).
 *
 * | status      | meaning                                                                |
 * |-------------|------------------------------------------------------------------------|
 * | `healthy`   | the server answered its model list with at least one model             |
 * | `unhealthy` | the server answered, but with an error (HTTP 429, 5xx, 401) or no models |
 * | `error`     | no answer: connection refused, timeout, or the provider is not configured |
 */

import { z } from "zod";
import { type ErrorCode, ToolUseError } from "../errors.ts";
import type { ProviderId } from "../providers/model-spec.ts";
import { displayUrl } from "../providers/provider-failure.ts";
import { fetchOllamaTags } from "./ollama-models.ts";
import type { ProviderContext } from "./provider-context.ts";
import { type RequestOptions, requestJson, validate } from "./request-json.ts";

export type HealthStatus = "healthy" | "unhealthy" | "error";

export interface ProviderHealth {
  readonly provider: ProviderId;
  readonly baseUrl: string | undefined;
  readonly status: HealthStatus;
  /** The server answered HTTP at all. */
  readonly reachable: boolean;
  /** Models the server lists (0 when it could not be listed). */
  readonly modelsCount: number;
  /** The server answered and its chat API streams (Ollama NDJSON, OpenAI-compatible SSE). */
  readonly supportsStreaming: boolean;
  /** What is wrong, for `unhealthy` and `error`. */
  readonly error: string | undefined;
  readonly errorCode: ErrorCode | undefined;
}

/** The health check timeout (default): short, a healthy local server answers in milliseconds. */
export const HEALTH_TIMEOUT_MS = 2_000;

const ModelsSchema = z.looseObject({ data: z.array(z.unknown()) });

/** Checks one provider; never throws for provider faults (they are the result). */
export async function checkProviderHealth(
  context: ProviderContext,
  provider: ProviderId,
  options: { readonly timeoutMs?: number } = {},
): Promise<ProviderHealth> {
  const request: RequestOptions = {
    ...context.request,
    timeoutMs: options.timeoutMs ?? HEALTH_TIMEOUT_MS,
    maxRetries: 0,
  };
  let baseUrl: string | undefined;
  try {
    const settings = context.settings(provider);
    baseUrl = displayUrl(settings.baseUrl);
    const modelsCount =
      provider === "ollama"
        ? (await fetchOllamaTags(settings, request)).models.length
        : validate(ModelsSchema, await requestJson(settings, "/models", {}, request), settings, "/models")
            .data.length;
    const empty =
      provider === "ollama" ? "no models pulled: run `tooluse pull <tag>`" : "the server lists no models";
    return {
      provider,
      baseUrl,
      status: modelsCount > 0 ? "healthy" : "unhealthy",
      reachable: true,
      modelsCount,
      supportsStreaming: true,
      error: modelsCount > 0 ? undefined : empty,
      errorCode: undefined,
    };
  } catch (error) {
    if (!ToolUseError.is(error)) throw error;
    const reachable = !NO_ANSWER.has(error.code);
    return {
      provider,
      baseUrl,
      status: reachable ? "unhealthy" : "error",
      reachable,
      modelsCount: 0,
      supportsStreaming: false,
      error: error.message,
      errorCode: error.code,
    };
  }
}

/** Codes meaning the server never answered (or was never asked). */
const NO_ANSWER = new Set<ErrorCode>([
  "provider-unreachable",
  "provider-timeout",
  "missing-api-key",
  "invalid-config",
  "aborted",
]);

export interface HealthMonitorOptions {
  /** How long a result is reused (default 15 s). */
  readonly ttlMs?: number;
  readonly timeoutMs?: number;
  /** Milliseconds since the epoch (default Date.now). */
  readonly now?: () => number;
}

export const HEALTH_TTL_MS = 15_000;

/** Health checks with a short cache; concurrent callers share one check in flight. */
export class HealthMonitor {
  private readonly entries = new Map<ProviderId, { at: number; result: Promise<ProviderHealth> }>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    readonly context: ProviderContext,
    private readonly options: HealthMonitorOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? HEALTH_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** Every provider asked (default: the configured ones), concurrently. */
  check(
    providers: readonly ProviderId[] = this.context.providers(),
    refresh = false,
  ): Promise<ProviderHealth[]> {
    return Promise.all(providers.map((provider) => this.checkOne(provider, refresh)));
  }

  checkOne(provider: ProviderId, refresh = false): Promise<ProviderHealth> {
    const cached = this.entries.get(provider);
    if (!refresh && cached && this.now() - cached.at < this.ttlMs) return cached.result;
    const result = checkProviderHealth(this.context, provider, {
      ...(this.options.timeoutMs === undefined ? {} : { timeoutMs: this.options.timeoutMs }),
    });
    this.entries.set(provider, { at: this.now(), result });
    return result;
  }
}
