/**
 * One environment and config file, resolved into provider settings for several providers: what
 * the registry, the health checks and the CLI share. Which providers it covers: the ones given,
 * else the configured ones (configured-providers.ts).
 */
import type { ProviderId } from "../providers/model-spec.ts";
import {
  type ProviderOptions,
  type ProviderSettings,
  requireApiKey,
  resolveProviderSettings,
} from "../providers/provider-config.ts";
import { configuredProviders } from "./configured-providers.ts";
import type { RequestOptions } from "./request-json.ts";
import { type ConfigSource, loadToolUseConfig } from "./tooluse-config.ts";

/** Per-provider settings passed in code (base URL, key, timeout ...): they win over env and config. */
export type ProviderOverrides = Partial<Record<ProviderId, Omit<ProviderOptions, "env" | "config">>>;

export interface ProviderContextOptions {
  /** The environment (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The config file: a path, contents, or false for none (default ./tooluse.config.json if present). */
  readonly config?: ConfigSource;
  readonly overrides?: ProviderOverrides;
  /** The providers to look at (default: the configured ones, see configured-providers.ts). */
  readonly providers?: readonly ProviderId[];
  /** Fetch, retry tuning and timeouts for the HTTP requests. */
  readonly request?: RequestOptions;
}

/** Resolves provider settings from one env + config for several providers. */
export class ProviderContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  private readonly config: ReturnType<typeof loadToolUseConfig>;

  constructor(private readonly options: ProviderContextOptions = {}) {
    this.env = options.env ?? process.env;
    this.config = loadToolUseConfig(options.config);
  }

  get rawConfig(): ReturnType<typeof loadToolUseConfig> {
    return this.config;
  }

  providers(): readonly ProviderId[] {
    return this.options.providers ?? configuredProviders(this.config, this.env);
  }

  /** The provider's settings; a ToolUseError when its base URL is missing or a hosted provider has no key. */
  settings(provider: ProviderId): ProviderSettings {
    const settings = resolveProviderSettings(provider, {
      ...this.options.overrides?.[provider],
      env: this.env,
      config: this.config ?? false,
    });
    requireApiKey(settings, provider);
    return settings;
  }

  get request(): RequestOptions {
    return this.options.request ?? {};
  }
}
