/**
 * One model-spec string everywhere (CLI, scripts, config): `provider:model`, e.g.
 * `ollama:qwen2.5-coder:7b`, `vllm:Qwen/Qwen2.5-7B-Instruct`, `openai:gpt-4o-mini`.
 */
import { ToolUseError } from "../errors.ts";

export const PROVIDERS = ["ollama", "vllm", "openai-compatible", "openai", "huggingface"] as const;
export type ProviderId = (typeof PROVIDERS)[number];

export interface ModelSpec {
  readonly provider: ProviderId;
  /** The model as the provider names it (may itself contain colons: `qwen2.5:7b`). */
  readonly model: string;
}

/** Parses `provider:model`; throws ToolUseError("invalid-input") naming what is wrong. */
export function parseModelSpec(spec: string): ModelSpec {
  const colon = spec.indexOf(":");
  if (colon <= 0 || colon === spec.length - 1) {
    throw new ToolUseError(
      "invalid-input",
      `model spec "${spec}" must be provider:model, e.g. ollama:qwen2.5-coder:7b (providers: ${PROVIDERS.join(", ")})`,
    );
  }
  const provider = spec.slice(0, colon);
  const model = spec.slice(colon + 1).trim();
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new ToolUseError(
      "invalid-input",
      `unknown provider "${provider}" in "${spec}"; providers: ${PROVIDERS.join(", ")}`,
    );
  }
  return { provider: provider as ProviderId, model };
}

export function formatModelSpec(spec: ModelSpec): string {
  return `${spec.provider}:${spec.model}`;
}
