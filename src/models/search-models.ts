/**
 * `tooluse models search Q`: every whitespace-separated term must occur (case-insensitively) in
 * the model's id, family, adapter, format or one of its capabilities. Exact id or model-name
 * matches first, then by id.
 */
import type { ModelInfo } from "./model-info.ts";

export function searchModels(models: readonly ModelInfo[], query: string): ModelInfo[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = (model: ModelInfo) =>
    [model.id, model.family ?? "", model.adapter, model.format, ...model.capabilities].map((field) =>
      field.toLowerCase(),
    );
  const exact = (model: ModelInfo) => {
    const whole = query.trim().toLowerCase();
    return model.id.toLowerCase() === whole || model.model.toLowerCase() === whole ? 0 : 1;
  };
  return models
    .filter((model) => {
      const fields = haystack(model);
      return terms.every((term) => fields.some((field) => field.includes(term)));
    })
    .sort((a, b) => exact(a) - exact(b) || a.id.localeCompare(b.id));
}
