/**
 * The LangChain clients for a provider, built for one request attempt around the attempt's fetch
 * (provider-request.ts), with the clients' own retries off:
 *
 * | provider                                             | chat                 | embeddings       |
 * |------------------------------------------------------|----------------------|------------------|
 * | `ollama`                                             | ChatOllama           | OllamaEmbeddings |
 * | `vllm`, `openai-compatible`, `openai`, `huggingface` | CompatibleChatOpenAI | OpenAIEmbeddings |
 */
import { ChatOllama, OllamaEmbeddings } from "@langchain/ollama";
import { OpenAIEmbeddings } from "@langchain/openai";
import { CompatibleChatOpenAI } from "./compatible-chat-openai.ts";
import type { ProviderSettings } from "./provider-config.ts";
import type { Fetch } from "./provider-request.ts";

/** The chat client for `model`: ChatOllama for Ollama, Chat Completions for the others. */
export function chatClient(
  model: string,
  settings: ProviderSettings,
  fetch: Fetch,
): ChatOllama | CompatibleChatOpenAI {
  if (settings.provider === "ollama") return new ChatOllama(ollamaFields(model, settings, fetch));
  return new CompatibleChatOpenAI({ ...openAIFields(model, settings, fetch), streamUsage: true });
}

/** The embeddings client for `model`, asking for `dimensions` when given; one request per call. */
export function embeddingsClient(
  model: string,
  settings: ProviderSettings,
  fetch: Fetch,
  dimensions?: number,
): OllamaEmbeddings | OpenAIEmbeddings {
  const size = dimensions === undefined ? {} : { dimensions };
  if (settings.provider === "ollama")
    return new OllamaEmbeddings({ ...ollamaFields(model, settings, fetch), ...size });
  return new OpenAIEmbeddings({
    ...openAIFields(model, settings, fetch),
    // The caller cuts batches to size: one request per call. Newlines are kept (current models
    // do not need them replaced, and replacing changes the vectors).
    batchSize: Number.MAX_SAFE_INTEGER,
    stripNewLines: false,
    ...size,
  });
}

function ollamaFields(model: string, settings: ProviderSettings, fetch: Fetch) {
  return { model, baseUrl: settings.baseUrl, headers: { ...settings.headers }, fetch, maxRetries: 0 };
}

function openAIFields(model: string, settings: ProviderSettings, fetch: Fetch) {
  return {
    model,
    apiKey: settings.apiKey ?? "",
    maxRetries: 0,
    configuration: {
      baseURL: settings.baseUrl,
      fetch,
      maxRetries: 0,
      defaultHeaders: { ...settings.headers },
    },
  };
}
