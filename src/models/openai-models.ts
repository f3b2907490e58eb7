/**
 * Models of OpenAI-compatible servers (vLLM, LM Studio, the Hugging Face router, OpenAI) from
 * `GET /v1/models`. The list names models only: vLLM adds `max_model_len` (the context length),
 * and capabilities are inferred from the name and the adapter.
 */
import { z } from "zod";
import { FALLBACK_ADAPTER } from "../../adapters/registry.ts";
import type { ProviderId } from "../providers/model-spec.ts";
import type { ProviderSettings } from "../providers/provider-config.ts";
import { adapterFields, inferCapabilities, type ModelInfo } from "./model-info.ts";
import { type RequestOptions, requestJson, validate } from "./request-json.ts";

const ModelsSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string(),
      max_model_len: z.number().int().positive().optional().catch(undefined),
    }),
  ),
});

export async function listOpenAIModels(
  settings: ProviderSettings,
  options: RequestOptions = {},
): Promise<ModelInfo[]> {
  const body = validate(
    ModelsSchema,
    await requestJson(settings, "/models", {}, options),
    settings,
    "/models",
  );
  return body.data.map((entry) => openAIModelInfo(settings.provider, entry.id, entry.max_model_len));
}

export function openAIModelInfo(provider: ProviderId, model: string, contextLength?: number): ModelInfo {
  const adapter = adapterFields(model);
  return {
    id: `${provider}:${model}`,
    provider,
    model,
    family: adapter.adapter === FALLBACK_ADAPTER.id ? undefined : adapter.adapter,
    parameterSize: parameterSize(model),
    quantization: quantization(model),
    sizeBytes: undefined,
    contextLength,
    capabilities: inferCapabilities(model),
    capabilitiesSource: "inferred",
    ...adapter,
  };
}

/** "7B" from "Qwen/Qwen2.5-7B-Instruct", "0.5B" from "qwen2.5-0.5b" (as the name says, nothing more). */
function parameterSize(model: string): string | undefined {
  const match = /(?:^|[-_/.:])(\d+(?:\.\d+)?)([bm])(?=$|[-_/.:])/i.exec(model);
  return match ? `${match[1]}${match[2]!.toUpperCase()}` : undefined;
}

/** "AWQ", "GPTQ-Int4", "FP8" ... when the name says so. */
function quantization(model: string): string | undefined {
  const match = /(?:^|[-_/.])(awq|gptq(?:-int[48])?|fp8|int[48]|gguf|bnb-4bit|4bit|8bit)(?=$|[-_/.])/i.exec(
    model,
  );
  return match?.[1]?.toUpperCase();
}
