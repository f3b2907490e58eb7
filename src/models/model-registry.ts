/**
 * The models of every configured provider, listed from the servers and cached for five minutes
 * (clock injectable, `refresh` forces a new listing). One provider failing does not fail the
 * others: its listing carries the error instead of models.
 */
import { type ErrorCode, ToolUseError } from "../errors.ts";
import { type ModelSpec, type ProviderId, parseModelSpec } from "../providers/model-spec.ts";
import type { ProviderSettings } from "../providers/provider-config.ts";
import { displayUrl } from "../providers/provider-failure.ts";
import { type ListingStore, memoryListingStore } from "./listing-store.ts";
import type { ModelInfo } from "./model-info.ts";
import { listOllamaModels, showOllamaModel } from "./ollama-models.ts";
import { listOpenAIModels } from "./openai-models.ts";
import { ProviderContext, type ProviderContextOptions } from "./provider-context.ts";
import { searchModels } from "./search-models.ts";

export const REGISTRY_TTL_MS = 5 * 60_000;

export interface ModelRegistryOptions extends ProviderContextOptions {
  /** How long a listing stays fresh (default 5 minutes). */
  readonly ttlMs?: number;
  /** Milliseconds since the epoch (default Date.now). */
  readonly now?: () => number;
  /** Where listings are kept (default in memory). */
  readonly store?: ListingStore;
}

export interface ProviderListing {
  readonly provider: ProviderId;
  /** The base URL without credentials; undefined when the provider is not configured properly. */
  readonly baseUrl: string | undefined;
  readonly models: readonly ModelInfo[];
  /** Set when the provider could not be listed (then `models` is empty). */
  readonly error?: { readonly code: ErrorCode; readonly message: string };
  /** When the listing was fetched (registry clock); undefined for errors. */
  readonly fetchedAt?: number;
  /** True when the listing came from the cache. */
  readonly cached: boolean;
}

export interface ListOptions {
  /** Only this provider (it need not be among the configured ones). */
  readonly provider?: ProviderId;
  /** Ignore the cache and list again. */
  readonly refresh?: boolean;
}

export class ModelRegistry {
  readonly context: ProviderContext;
  private readonly store: ListingStore;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: ModelRegistryOptions = {}) {
    this.context = new ProviderContext(options);
    this.store = options.store ?? memoryListingStore();
    this.ttlMs = options.ttlMs ?? REGISTRY_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** One listing per provider (the configured ones, or `options.provider`), fetched concurrently. */
  async list(options: ListOptions = {}): Promise<ProviderListing[]> {
    const providers = options.provider ? [options.provider] : this.context.providers();
    return Promise.all(providers.map((provider) => this.listProvider(provider, options.refresh ?? false)));
  }

  /** Every model of the listings that succeeded. */
  async models(options: ListOptions = {}): Promise<ModelInfo[]> {
    return (await this.list(options)).flatMap((listing) => listing.models);
  }

  async search(query: string, options: ListOptions = {}): Promise<ModelInfo[]> {
    return searchModels(await this.models(options), query);
  }

  /**
   * One model by spec: from its provider's listing; for Ollama, `/api/show` when the listing does
   * not name it exactly (`qwen2.5` for `qwen2.5:latest`). A ToolUseError "model-not-found"
   * naming the models the provider has otherwise, or the provider's error when it cannot be listed.
   */
  async show(spec: string | ModelSpec, options: Omit<ListOptions, "provider"> = {}): Promise<ModelInfo> {
    const { provider, model } = typeof spec === "string" ? parseModelSpec(spec) : spec;
    const [listing] = await this.list({ provider, ...options });
    if (listing?.error) throw new ToolUseError(listing.error.code, listing.error.message);
    const found = listing?.models.find((candidate) => candidate.model === model);
    if (found) return found;
    if (provider === "ollama")
      return showOllamaModel(this.context.settings(provider), model, this.context.request);
    const known = listing?.models.map((candidate) => candidate.model) ?? [];
    throw new ToolUseError(
      "model-not-found",
      `${provider} has no model "${model}"${known.length > 0 ? `; it serves: ${known.join(", ")}` : ""}`,
    );
  }

  /** Forgets cached listings (one provider's, or all the registry looks at). */
  invalidate(provider?: ProviderId): void {
    for (const id of provider ? [provider] : this.context.providers()) {
      const key = this.key(id);
      if (key) this.store.delete(key);
    }
  }

  private key(provider: ProviderId): string | undefined {
    try {
      return `${provider} ${displayUrl(this.context.settings(provider).baseUrl)}`;
    } catch {
      return undefined;
    }
  }

  private async listProvider(provider: ProviderId, refresh: boolean): Promise<ProviderListing> {
    let settings: ProviderSettings;
    try {
      settings = this.context.settings(provider);
    } catch (error) {
      return failed(provider, undefined, error);
    }
    // Keys and listings hold the URL without credentials (cache files must not keep passwords).
    const baseUrl = displayUrl(settings.baseUrl);
    const key = `${provider} ${baseUrl}`;
    const cached = refresh ? undefined : this.store.get(key);
    if (cached && this.now() - cached.fetchedAt < this.ttlMs)
      return { provider, baseUrl, models: cached.models, fetchedAt: cached.fetchedAt, cached: true };
    try {
      const models =
        provider === "ollama"
          ? await listOllamaModels(settings, this.context.request)
          : await listOpenAIModels(settings, this.context.request);
      const fetchedAt = this.now();
      this.store.set(key, { fetchedAt, models });
      return { provider, baseUrl, models, fetchedAt, cached: false };
    } catch (error) {
      return failed(provider, baseUrl, error);
    }
  }
}

function failed(provider: ProviderId, baseUrl: string | undefined, error: unknown): ProviderListing {
  if (!ToolUseError.is(error)) throw error;
  return {
    provider,
    baseUrl,
    models: [],
    error: { code: error.code, message: error.message },
    cached: false,
  };
}
