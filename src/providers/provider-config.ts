/**
 * Provider settings: base URL, API key, timeout and retries for one provider, resolved from
 * (highest first) options passed in code, the environment, `tooluse.config.json`, and defaults.
 *
 * The config file holds no secrets: a provider names the environment variable its key is in
 * (`apiKeyEnv`). Its `providers` section is validated with zod; other top-level sections belong
 * to other parts of tooluse and are left alone.
 *
 * ```json
 * { "providers": { "ollama": { "baseUrl": "http://gpu-box:11434", "timeoutMs": 120000 },
 *                  "openai-compatible": { "baseUrl": "http://127.0.0.1:1234/v1" } } }
 * ```
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { ToolUseError } from "../errors.ts";
import type { ProviderId } from "./model-spec.ts";

export const CONFIG_FILE_NAME = "tooluse.config.json";

const ProviderSettingsSchema = z.strictObject({
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The environment variable that holds the API key (keys never go in the file). */
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name")
    .optional(),
  timeoutMs: z.number().int().positive().optional(),
  maxRetries: z.number().int().min(0).max(10).optional(),
  /** Extra request headers (not for secrets: use apiKeyEnv). */
  headers: z.record(z.string(), z.string()).optional(),
});

const ConfigFileSchema = z.looseObject({
  providers: z
    .strictObject({
      ollama: ProviderSettingsSchema.optional(),
      vllm: ProviderSettingsSchema.optional(),
      "openai-compatible": ProviderSettingsSchema.optional(),
      openai: ProviderSettingsSchema.optional(),
      huggingface: ProviderSettingsSchema.optional(),
    })
    .optional(),
});

export type ProviderFileSettings = z.infer<typeof ProviderSettingsSchema>;
export type ProviderConfigFile = z.infer<typeof ConfigFileSchema>;

/** Settings passed in code: they win over the environment and the config file. */
export interface ProviderOptions {
  readonly baseUrl?: string;
  readonly apiKey?: string;
  /** The longest wait for the response to start and between streamed chunks (default 60 s). */
  readonly timeoutMs?: number;
  /** Retries after connection errors, timeouts, 429 and 5xx before the first chunk (default 2). */
  readonly maxRetries?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** The config file: a path, parsed contents, or false for none (default ./tooluse.config.json if present). */
  readonly config?: string | ProviderConfigFile | false;
  /** The environment to read (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Everything a provider needs for a request. */
export interface ProviderSettings {
  readonly provider: ProviderId;
  readonly baseUrl: string;
  /** Undefined when the provider needs a key and none was found: requests fail with missing-api-key. */
  readonly apiKey: string | undefined;
  /** Where a missing key should come from, for the error message. */
  readonly apiKeySource: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly headers: Readonly<Record<string, string>>;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;

/** Reads and validates a config file; a ToolUseError naming the file and field when it is bad. */
export function loadConfigFile(path: string): ProviderConfigFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ToolUseError("file-not-readable", `cannot read the config file ${path}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ToolUseError("invalid-config", `${path} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseConfig(json, path);
}

/** Validates parsed config contents; `where` names the source in messages. */
export function parseConfig(json: unknown, where = CONFIG_FILE_NAME): ProviderConfigFile {
  const result = ConfigFileSchema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join(".") : "(root)";
    const keys = issue.code === "unrecognized_keys" ? ` (${issue.keys.join(", ")})` : "";
    return `${field}: ${issue.message}${keys}`;
  });
  throw new ToolUseError("invalid-config", `invalid ${where}: ${issues.join("; ")}`);
}

function configFor(options: ProviderOptions, provider: ProviderId): ProviderFileSettings {
  const config = options.config;
  if (config === false) return {};
  if (typeof config === "object") return parseConfig(config, "config").providers?.[provider] ?? {};
  const path = resolve(config ?? CONFIG_FILE_NAME);
  if (config === undefined && !fileExists(path)) return {};
  return loadConfigFile(path).providers?.[provider] ?? {};
}

function fileExists(path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}

interface ProviderDefaults {
  readonly baseUrlEnv: readonly string[];
  readonly defaultBaseUrl: string | undefined;
  readonly apiKeyEnv: readonly string[];
  /** The key used when none is configured (vLLM and friends accept any bearer token). */
  readonly defaultApiKey: string | undefined;
}

const DEFAULTS: Record<ProviderId, ProviderDefaults> = {
  ollama: {
    baseUrlEnv: ["OLLAMA_BASE_URL", "OLLAMA_HOST"],
    defaultBaseUrl: "http://127.0.0.1:11434",
    apiKeyEnv: [],
    defaultApiKey: undefined,
  },
  vllm: {
    baseUrlEnv: ["VLLM_BASE_URL"],
    defaultBaseUrl: "http://127.0.0.1:8000/v1",
    apiKeyEnv: ["VLLM_API_KEY"],
    defaultApiKey: "EMPTY",
  },
  "openai-compatible": {
    baseUrlEnv: ["OPENAI_BASE_URL"],
    defaultBaseUrl: undefined,
    apiKeyEnv: ["VLLM_API_KEY"],
    defaultApiKey: "EMPTY",
  },
  openai: {
    baseUrlEnv: ["OPENAI_BASE_URL"],
    defaultBaseUrl: "https://api.openai.com/v1",
    apiKeyEnv: ["OPENAI_API_KEY"],
    defaultApiKey: undefined,
  },
  huggingface: {
    baseUrlEnv: ["HUGGINGFACE_BASE_URL"],
    defaultBaseUrl: "https://router.huggingface.co/v1",
    apiKeyEnv: ["HUGGINGFACE_API_KEY", "HF_TOKEN"],
    defaultApiKey: undefined,
  },
};

/** Resolves one provider's settings: code options, then environment, then config file, then defaults. */
export function resolveProviderSettings(
  provider: ProviderId,
  options: ProviderOptions = {},
): ProviderSettings {
  const env = options.env ?? process.env;
  const defaults = DEFAULTS[provider];
  const file = configFor(options, provider);
  const fromEnv = (names: readonly string[]) =>
    names.map((name) => env[name]?.trim()).find((value): value is string => Boolean(value));

  let baseUrl = options.baseUrl;
  if (baseUrl === undefined) {
    const envName = defaults.baseUrlEnv.find((name) => env[name]?.trim());
    if (envName)
      baseUrl = envName === "OLLAMA_HOST" ? ollamaHostUrl(env[envName]!.trim()) : env[envName]!.trim();
  }
  baseUrl ??= file.baseUrl ?? defaults.defaultBaseUrl;
  if (baseUrl === undefined)
    throw new ToolUseError(
      "invalid-config",
      `${provider} needs a base URL: pass baseUrl, set ${defaults.baseUrlEnv.join(" or ")}, or set providers.${provider}.baseUrl in ${CONFIG_FILE_NAME}`,
    );
  checkUrl(baseUrl, provider);

  const keyNames = [...(file.apiKeyEnv ? [file.apiKeyEnv] : []), ...defaults.apiKeyEnv];
  const apiKey = options.apiKey ?? fromEnv(keyNames) ?? defaults.defaultApiKey;
  const timeoutMs = options.timeoutMs ?? file.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? file.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new ToolUseError("invalid-config", `timeoutMs must be a positive number, got ${timeoutMs}`);
  if (!Number.isInteger(maxRetries) || maxRetries < 0)
    throw new ToolUseError("invalid-config", `maxRetries must be a non-negative integer, got ${maxRetries}`);
  return {
    provider,
    baseUrl: baseUrl.replace(/\/+$/, ""),
    apiKey,
    apiKeySource: keyNames.length > 0 ? keyNames.join(" or ") : "no key needed",
    timeoutMs,
    maxRetries,
    headers: { ...file.headers, ...options.headers },
  };
}

/** Providers whose requests need an API key (the others accept none or a placeholder). */
export const NEEDS_API_KEY: Readonly<Record<ProviderId, boolean>> = {
  ollama: false,
  vllm: false,
  "openai-compatible": false,
  openai: true,
  huggingface: true,
};

/** Throws missing-api-key when the provider needs a key and has none; `who` starts the message ("openai:gpt-4o"). */
export function requireApiKey(settings: ProviderSettings, who: string): void {
  if (NEEDS_API_KEY[settings.provider] && !settings.apiKey)
    throw new ToolUseError(
      "missing-api-key",
      `${who} needs an API key: set ${settings.apiKeySource} or pass apiKey`,
    );
}

/** OLLAMA_HOST as Ollama reads it: `host[:port]` with optional scheme; 0.0.0.0 (a bind address) means this machine. */
export function ollamaHostUrl(host: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `http://${host}`;
  const url = new URL(withScheme);
  if (url.hostname === "0.0.0.0") url.hostname = "127.0.0.1";
  const authority = withScheme.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").split("/")[0] ?? "";
  const hasPort = /^(?:\[[^\]]*\]|[^:]*):\d+$/.test(authority);
  if (!hasPort && url.protocol === "http:") url.port = "11434";
  return url.toString().replace(/\/+$/, "");
}

function checkUrl(value: string, provider: ProviderId): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ToolUseError("invalid-config", `${provider} base URL "${value}" is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ToolUseError("invalid-config", `${provider} base URL "${value}" must be http or https`);
}
