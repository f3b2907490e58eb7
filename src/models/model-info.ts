/**
 * What tooluse knows about one model a provider serves: the listing row of `tooluse models`,
 * built from the provider's own model endpoints (Ollama `/api/tags` + `/api/show`,
 * OpenAI-compatible `/v1/models`) and the adapter tooluse will use for it.
 */
import { resolveAdapter } from "../../adapters/registry.ts";
import type { ProviderId } from "../providers/model-spec.ts";

export const CAPABILITIES = ["chat", "tools", "vision", "embeddings", "thinking"] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface ModelInfo {
  /** The model spec: `provider:model`, e.g. `ollama:qwen2.5-coder:7b`. */
  readonly id: string;
  readonly provider: ProviderId;
  /** The model as the provider names it. */
  readonly model: string;
  /** The architecture family: Ollama's (`qwen2`, `llama`), else the adapter id (`qwen2.5`) when one claims the model. */
  readonly family: string | undefined;
  /** E.g. "7.6B" (Ollama only). */
  readonly parameterSize: string | undefined;
  /** E.g. "Q4_K_M" (Ollama only). */
  readonly quantization: string | undefined;
  /** Bytes on disk (Ollama only). */
  readonly sizeBytes: number | undefined;
  /** Context length in tokens, when the server reports it (Ollama model_info, vLLM max_model_len). */
  readonly contextLength: number | undefined;
  readonly capabilities: readonly Capability[];
  /** "server": the server said so (Ollama's capabilities array); "inferred": from the name and adapter. */
  readonly capabilitiesSource: "server" | "inferred";
  /** The adapter tooluse uses for this model (adapters/registry.ts resolveAdapter). */
  readonly adapter: string;
  /** The adapter's text format for tool calls. */
  readonly format: string;
}

/** Ollama's capability names as ours: `completion` is chat, `embedding` embeddings; `insert` is dropped. */
export function fromOllamaCapabilities(names: readonly string[]): Capability[] {
  const mapped = new Set<Capability>();
  for (const name of names) {
    if (name === "completion") mapped.add("chat");
    else if (name === "embedding") mapped.add("embeddings");
    else if ((CAPABILITIES as readonly string[]).includes(name)) mapped.add(name as Capability);
  }
  return CAPABILITIES.filter((capability) => mapped.has(capability));
}

const EMBEDDING_NAME =
  /(?:^|[-_/.:])(?:embed|embedding|embeddings|bge|e5|gte|minilm|nomic-bert)(?:$|[-_/.:\d])/i;
const VISION_NAME = /(?:vision|[-_.]vl(?:$|[-_.:\d])|llava|pixtral|gemma3(?!n)|moondream|minicpm-v)/i;

/**
 * Capabilities when the server does not say: embedding models by name; otherwise chat, tools
 * when the adapter's family calls tools natively on servers, thinking when it reasons, vision by name.
 */
export function inferCapabilities(model: string, family?: string): Capability[] {
  const name = `${model} ${family ?? ""}`;
  if (EMBEDDING_NAME.test(model) || /bert/i.test(family ?? "")) return ["embeddings"];
  const adapter = resolveAdapter(model);
  const found = new Set<Capability>(["chat"]);
  if (adapter.capabilities.nativeTools) found.add("tools");
  if (VISION_NAME.test(name)) found.add("vision");
  if (adapter.capabilities.reasoning) found.add("thinking");
  return CAPABILITIES.filter((capability) => found.has(capability));
}

/** The adapter fields of a listing row. */
export function adapterFields(model: string): Pick<ModelInfo, "adapter" | "format"> {
  const adapter = resolveAdapter(model);
  return { adapter: adapter.id, format: adapter.format };
}

/** "4.7 GB", "512 MB", "1000 B": sizes as people read them (decimal units, as Ollama prints). */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return "-";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}
