/**
 * Which providers `tooluse models` and `tooluse health` look at when none is named: Ollama always
 * (it has a local default), the others when the config file has a section for them or the
 * environment points at them (a base URL, or an API key for the hosted ones).
 */
import { PROVIDERS, type ProviderId } from "../providers/model-spec.ts";
import type { ProviderConfigFile } from "../providers/provider-config.ts";

const ENV_SIGNALS: Record<ProviderId, readonly string[]> = {
  ollama: [],
  vllm: ["VLLM_BASE_URL"],
  "openai-compatible": ["OPENAI_BASE_URL"],
  openai: ["OPENAI_API_KEY"],
  huggingface: ["HUGGINGFACE_API_KEY", "HF_TOKEN"],
};

export function configuredProviders(
  config: ProviderConfigFile | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ProviderId[] {
  return PROVIDERS.filter(
    (provider) =>
      provider === "ollama" ||
      config?.providers?.[provider] !== undefined ||
      ENV_SIGNALS[provider].some((name) => Boolean(env[name]?.trim())),
  );
}
