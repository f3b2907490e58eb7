/**
 * `createModel("ollama:qwen2.5-coder:7b")`: a ChatModel for a model spec.
 *
 * | provider            | client                      | base URL (default)                         | key                                  |
 * |---------------------|-----------------------------|--------------------------------------------|--------------------------------------|
 * | `ollama`            | ChatOllama (`/api/chat`)    | OLLAMA_BASE_URL, OLLAMA_HOST (127.0.0.1:11434) | none                             |
 * | `vllm`              | ChatOpenAI Chat Completions | VLLM_BASE_URL (http://127.0.0.1:8000/v1)   | VLLM_API_KEY, else `EMPTY`           |
 * | `openai-compatible` | ChatOpenAI Chat Completions | OPENAI_BASE_URL or the config (required)   | VLLM_API_KEY, else `EMPTY`           |
 * | `openai`            | ChatOpenAI Chat Completions | OPENAI_BASE_URL (https://api.openai.com/v1) | OPENAI_API_KEY (required)          |
 * | `huggingface`       | ChatOpenAI Chat Completions | https://router.huggingface.co/v1           | HUGGINGFACE_API_KEY, HF_TOKEN (required) |
 *
 * Options passed in code win over the environment, which wins over `tooluse.config.json`
 * (see provider-config.ts). Configuration errors are thrown here; a missing key only when the
 * model is used. The client libraries' own retries are off: provider-request.ts retries.
 */
import type { ChatModel } from "../model.ts";
import { LangChainChatModel } from "./langchain-chat-model.ts";
import { type ModelSpec, parseModelSpec } from "./model-spec.ts";
import { chatClient } from "./provider-clients.ts";
import { type ProviderOptions, resolveProviderSettings } from "./provider-config.ts";
import type { Fetch } from "./provider-request.ts";
import type { RetryPolicy } from "./retry-policy.ts";

export interface CreateModelOptions extends ProviderOptions {
  /** Backoff tuning, and injectable randomness and sleep for tests. */
  readonly retry?: Omit<RetryPolicy, "maxRetries">;
  /** The fetch the clients use (default globalThis.fetch). */
  readonly fetch?: Fetch;
}

export function createModel(spec: string | ModelSpec, options: CreateModelOptions = {}): ChatModel {
  const { provider, model } = typeof spec === "string" ? parseModelSpec(spec) : spec;
  const settings = resolveProviderSettings(provider, options);
  return new LangChainChatModel({
    provider,
    model,
    settings,
    keepCallIds: provider !== "ollama",
    create: (fetch) => chatClient(model, settings, fetch),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
