/**
 * Ollama's models: `GET /api/tags` for the local list (size, family, parameter size,
 * quantization), then `POST /api/show` per model for what the list lacks (context length from
 * `model_info["<arch>.context_length"]`, the `capabilities` array of Ollama 0.6+). Bodies are
 * validated with zod; unknown fields are ignored.
 */
import { z } from "zod";
import { ToolUseError } from "../errors.ts";
import type { ProviderSettings } from "../providers/provider-config.ts";
import {
  adapterFields,
  type Capability,
  fromOllamaCapabilities,
  inferCapabilities,
  type ModelInfo,
} from "./model-info.ts";
import { type RequestOptions, requestJson, validate } from "./request-json.ts";

const DetailsSchema = z
  .looseObject({
    family: z.string().optional(),
    parameter_size: z.string().optional(),
    quantization_level: z.string().optional(),
  })
  .optional();

const TagsSchema = z.looseObject({
  models: z.array(
    z.looseObject({
      name: z.string(),
      model: z.string().optional(),
      size: z.number().optional(),
      details: DetailsSchema,
    }),
  ),
});

const ShowSchema = z.looseObject({
  details: DetailsSchema,
  model_info: z.record(z.string(), z.unknown()).optional(),
  capabilities: z.array(z.string()).optional(),
});

export type OllamaTags = z.infer<typeof TagsSchema>;
type OllamaShow = z.infer<typeof ShowSchema>;

/** `/api/show` requests at once, at most. */
const SHOW_CONCURRENCY = 4;

/** The models Ollama has pulled, with details from `/api/show` (a failing show leaves those fields empty). */
export async function listOllamaModels(
  settings: ProviderSettings,
  options: RequestOptions = {},
): Promise<ModelInfo[]> {
  const tags = await fetchOllamaTags(settings, options);
  return mapLimited(tags.models, SHOW_CONCURRENCY, async (entry) => {
    const show = await fetchOllamaShow(settings, entry.name, options).catch((error: unknown) => {
      if (ToolUseError.is(error)) return undefined;
      throw error;
    });
    return ollamaModelInfo(entry.name, entry, show);
  });
}

export async function fetchOllamaTags(
  settings: ProviderSettings,
  options: RequestOptions = {},
): Promise<OllamaTags> {
  return validate(TagsSchema, await requestJson(settings, "/api/tags", {}, options), settings, "/api/tags");
}

/** One model's `/api/show`; a ToolUseError "model-not-found" when Ollama does not have it. */
export async function fetchOllamaShow(
  settings: ProviderSettings,
  model: string,
  options: RequestOptions = {},
): Promise<OllamaShow> {
  try {
    const body = await requestJson(settings, "/api/show", { method: "POST", body: { model } }, options);
    return validate(ShowSchema, body, settings, "/api/show");
  } catch (error) {
    if (ToolUseError.is(error, "provider-error") && /HTTP 404/.test(error.message))
      throw new ToolUseError(
        "model-not-found",
        `ollama has no model "${model}": pull it with \`tooluse pull ${model}\``,
        { cause: error },
      );
    throw error;
  }
}

/** One model from Ollama: its show output, or only its tags entry. */
export async function showOllamaModel(
  settings: ProviderSettings,
  model: string,
  options: RequestOptions = {},
): Promise<ModelInfo> {
  const show = await fetchOllamaShow(settings, model, options);
  const tags = await fetchOllamaTags(settings, options).catch(() => ({ models: [] }) as OllamaTags);
  const entry = tags.models.find(
    (candidate) => candidate.name === model || candidate.name === `${model}:latest`,
  );
  return ollamaModelInfo(model, entry, show);
}

export function ollamaModelInfo(
  model: string,
  entry: OllamaTags["models"][number] | undefined,
  show: OllamaShow | undefined,
): ModelInfo {
  const details = { ...entry?.details, ...show?.details };
  const serverCapabilities = show?.capabilities;
  const capabilities: readonly Capability[] = serverCapabilities
    ? fromOllamaCapabilities(serverCapabilities)
    : inferCapabilities(model, details.family);
  return {
    id: `ollama:${model}`,
    provider: "ollama",
    model,
    family: details.family,
    parameterSize: details.parameter_size,
    quantization: details.quantization_level,
    sizeBytes: entry?.size,
    contextLength: contextLength(show?.model_info),
    capabilities,
    capabilitiesSource: serverCapabilities ? "server" : "inferred",
    ...adapterFields(model),
  };
}

/** `<architecture>.context_length` from model_info (any key ending so, when the architecture is missing). */
function contextLength(info: Readonly<Record<string, unknown>> | undefined): number | undefined {
  if (!info) return undefined;
  const architecture = info["general.architecture"];
  const exact = typeof architecture === "string" ? info[`${architecture}.context_length`] : undefined;
  const value =
    exact ??
    Object.entries(info).find(([key, candidate]) => key.endsWith(".context_length") && candidate)?.[1];
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Maps with at most `limit` calls in flight, keeping the order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
