/**
 * `createEmbeddings("ollama:nomic-embed-text")`: text embeddings behind the same provider spec,
 * settings (code options > environment > tooluse.config.json) and request policy as chat models.
 *
 * | provider                                             | client           | endpoint          |
 * |------------------------------------------------------|------------------|-------------------|
 * | `ollama`                                             | OllamaEmbeddings | `/api/embed`      |
 * | `vllm`, `openai-compatible`, `openai`, `huggingface` | OpenAIEmbeddings | `/v1/embeddings`  |
 *
 * Texts go in batches of `batchSize`, one request each, in order; every batch is retried on its
 * own (sendProviderRequest), so a failure late in a long list does not resend the earlier batches.
 * The answer is checked: one vector per text, all of one length (the requested `dimensions` when
 * given), finite numbers.
 */
import { ToolUseError } from "../errors.ts";
import type { CreateModelOptions } from "./create-model.ts";
import { type ModelSpec, parseModelSpec } from "./model-spec.ts";
import { embeddingsClient } from "./provider-clients.ts";
import { resolveProviderSettings } from "./provider-config.ts";
import { modelRequestOptions, sendProviderRequest } from "./provider-request.ts";

export interface EmbeddingsOptions extends CreateModelOptions {
  /** Texts per request (default 64). */
  readonly batchSize?: number;
  /** Ask the server for vectors of this length (models that support it: text-embedding-3-*, some Ollama models). */
  readonly dimensions?: number;
}

export interface EmbedOptions {
  readonly signal?: AbortSignal;
}

export interface Embeddings {
  readonly provider: string;
  readonly model: string;
  /** One vector per text, in order; [] for no texts (no request is made). */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<number[][]>;
}

export const DEFAULT_EMBEDDING_BATCH_SIZE = 64;

export function createEmbeddings(spec: string | ModelSpec, options: EmbeddingsOptions = {}): Embeddings {
  const { provider, model } = typeof spec === "string" ? parseModelSpec(spec) : spec;
  const settings = resolveProviderSettings(provider, options);
  const batchSize = options.batchSize ?? DEFAULT_EMBEDDING_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new ToolUseError("invalid-input", `batchSize must be a positive integer, got ${batchSize}`);
  const { dimensions } = options;
  if (dimensions !== undefined && (!Number.isInteger(dimensions) || dimensions < 1))
    throw new ToolUseError("invalid-input", `dimensions must be a positive integer, got ${dimensions}`);

  return {
    provider,
    model,
    async embed(texts, embedOptions = {}) {
      if (!Array.isArray(texts) || texts.some((text) => typeof text !== "string"))
        throw new ToolUseError("invalid-input", "embed() takes an array of strings");
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        const batch = texts.slice(start, start + batchSize);
        const answer = await sendProviderRequest(
          modelRequestOptions(settings, model, { ...options, signal: embedOptions.signal }),
          ({ fetch }) => embeddingsClient(model, settings, fetch, dimensions).embedDocuments(batch),
        );
        vectors.push(...checkVectors(answer, batch.length, start, `${provider}:${model}`));
      }
      checkDimensions(vectors, dimensions, `${provider}:${model}`);
      return vectors;
    },
  };
}

/** The vectors of one batch, checked: `count` of them, each an array of finite numbers. */
function checkVectors(answer: unknown, count: number, offset: number, who: string): number[][] {
  if (!Array.isArray(answer) || answer.length !== count)
    throw new ToolUseError(
      "provider-error",
      `${who} returned ${Array.isArray(answer) ? answer.length : "no"} embeddings for ${count} texts`,
    );
  return answer.map((vector: unknown, index) => {
    if (
      !Array.isArray(vector) ||
      vector.length === 0 ||
      !vector.every((value) => typeof value === "number" && Number.isFinite(value))
    )
      throw new ToolUseError(
        "provider-error",
        `${who} returned an invalid embedding for text #${offset + index + 1}: expected a non-empty array of finite numbers`,
      );
    return vector as number[];
  });
}

function checkDimensions(vectors: readonly number[][], expected: number | undefined, who: string): void {
  const first = vectors[0]?.length;
  const want = expected ?? first;
  const bad = vectors.findIndex((vector) => vector.length !== want);
  if (bad >= 0)
    throw new ToolUseError(
      "provider-error",
      `${who} returned embeddings of different lengths: text #${bad + 1} has ${vectors[bad]?.length} dimensions, expected ${want}`,
    );
}
