/**
 * The adapter registry: which adapter serves a model id.
 *
 * resolveAdapter accepts Ollama tags (`qwen2.5-coder:1.5b`, `llama3.1:8b`, `mistral`) and Hugging
 * Face ids (`Qwen/Qwen2.5-Coder-1.5B-Instruct`), with or without a provider prefix (`ollama:`).
 * Adapters are tried most specific first and the first whose modelPatterns match wins:
 * group b's (fine-tunes named after their base model, such as Hermes-3-Llama-3.1 or
 * DeepSeek-R1-Distill-Qwen, must win over the base family), then Qwen3-Coder before Qwen3,
 * Mistral Small 3.2 before Mistral, Llama 3.2 before Llama 3.1. Unknown models get the generic
 * tool_use adapter.
 */
import { ToolUseError } from "../src/errors.ts";
import { GROUP_B_ADAPTERS } from "./group-b.ts";
import { llama3Adapter } from "./llama3.ts";
import { llama3PythonicAdapter } from "./llama3-pythonic.ts";
import { mistralAdapter, mistralSmallAdapter } from "./mistral.ts";
import type { ModelAdapter } from "./model-adapter.ts";
import { phi4MiniAdapter } from "./phi4-mini.ts";
import { qwen2Adapter } from "./qwen2.ts";
import { qwen3Adapter } from "./qwen3.ts";
import { qwen3CoderAdapter } from "./qwen3-coder.ts";
import { toolUseAdapter } from "./tool-use.ts";

/** Group a's adapters, most specific first. */
const GROUP_A_ADAPTERS: readonly ModelAdapter[] = [
  qwen3CoderAdapter,
  qwen3Adapter,
  qwen2Adapter,
  mistralSmallAdapter,
  mistralAdapter,
  llama3PythonicAdapter,
  llama3Adapter,
  phi4MiniAdapter,
];

/** Every adapter in resolution order; the fallback (no patterns) last. */
const ADAPTERS: readonly ModelAdapter[] = [...GROUP_B_ADAPTERS, ...GROUP_A_ADAPTERS, toolUseAdapter];

/** The adapter for unknown models. */
export const FALLBACK_ADAPTER: ModelAdapter = toolUseAdapter;

/** Provider prefixes that may precede a model id (`ollama:llama3.1:8b`, `vllm/Qwen/...`). */
const PROVIDER_PREFIX =
  /^(?:ollama|openai|openai-compatible|vllm|sglang|tgi|llamacpp|llama-cpp|llama\.cpp|lmstudio|hf|huggingface)[:/]/i;

/** The model id without a provider prefix, surrounding spaces, or `hf.co/` registry host. */
export function normalizeModelId(modelId: string): string {
  return modelId
    .trim()
    .replace(PROVIDER_PREFIX, "")
    .replace(/^hf\.co\//i, "");
}

/** The adapter serving `modelId`, or the tool_use adapter when none claims it. */
export function resolveAdapter(modelId: string): ModelAdapter {
  if (typeof modelId !== "string") {
    throw new ToolUseError(
      "invalid-input",
      `resolveAdapter() takes a model id string, got ${typeof modelId}`,
    );
  }
  const id = normalizeModelId(modelId);
  return (
    MATCHERS.find(({ patterns }) => patterns.some((pattern) => pattern.test(id)))?.adapter ?? FALLBACK_ADAPTER
  );
}

/** The patterns made case-insensitive and stateless (no `g`/`y`, whose lastIndex would carry over). */
const MATCHERS = ADAPTERS.map((adapter) => ({
  adapter,
  patterns: adapter.modelPatterns.map((pattern) => {
    const flags = pattern.flags.replace(/[gyi]/g, "");
    return new RegExp(pattern.source, `${flags}i`);
  }),
}));

/** Every registered adapter, in resolution order (tool_use last). */
export function listAdapters(): readonly ModelAdapter[] {
  return ADAPTERS;
}

/** The adapter with this id; a ToolUseError "unknown-adapter" naming the known ids otherwise. */
export function getAdapter(id: string): ModelAdapter {
  const adapter = ADAPTERS.find((candidate) => candidate.id === id);
  if (adapter) return adapter;
  const known = ADAPTERS.map((candidate) => candidate.id).join(", ");
  throw new ToolUseError(
    "unknown-adapter",
    `no adapter with id ${JSON.stringify(id)}; known adapters: ${known}`,
    {
      raw: id,
    },
  );
}
