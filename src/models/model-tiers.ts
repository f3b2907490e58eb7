/**
 * Model tiers: three model specs by cost, from `tooluse.config.json`:
 *
 * ```json
 * { "tiers": { "fast": "ollama:qwen2.5-coder:1.5b", "balanced": "ollama:qwen2.5-coder:7b",
 *              "complex": "vllm:Qwen/Qwen2.5-72B-Instruct-AWQ" } }
 * ```
 *
 * Any tier may be left out, not all of them. Validated with zod; errors name the field
 * (`tiers.fast: ...`).
 */
import { z } from "zod";
import { ToolUseError } from "../errors.ts";
import { parseModelSpec } from "../providers/model-spec.ts";
import { CONFIG_FILE_NAME } from "../providers/provider-config.ts";
import { type ConfigSource, loadToolUseConfig } from "./tooluse-config.ts";

/** Cheapest first: the fallback chain runs from a tier towards the start of this list. */
export const TIERS = ["fast", "balanced", "complex"] as const;
export type Tier = (typeof TIERS)[number];

export type TierConfig = Readonly<Partial<Record<Tier, string>>>;

const SpecSchema = z.string().superRefine((value, context) => {
  try {
    parseModelSpec(value);
  } catch (error) {
    context.addIssue({ code: "custom", message: (error as Error).message });
  }
});

const TiersSchema = z
  .strictObject({
    fast: SpecSchema.optional(),
    balanced: SpecSchema.optional(),
    complex: SpecSchema.optional(),
  })
  .refine(
    (tiers) => TIERS.some((tier) => tiers[tier] !== undefined),
    "configure at least one of fast, balanced, complex",
  );

/** Validates a `tiers` section; a ToolUseError "invalid-config" naming every bad field. */
export function parseTiers(json: unknown, where = CONFIG_FILE_NAME): TierConfig {
  const result = TiersSchema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const field = ["tiers", ...issue.path].join(".");
    const keys =
      issue.code === "unrecognized_keys" ? ` (${issue.keys.join(", ")}; tiers are ${TIERS.join(", ")})` : "";
    return `${field}: ${issue.message}${keys}`;
  });
  throw new ToolUseError("invalid-config", `invalid ${where}: ${issues.join("; ")}`);
}

/** The tiers of the config file, or undefined when it has none. */
export function loadTiers(config: ConfigSource): TierConfig | undefined {
  const file = loadToolUseConfig(config);
  const tiers = (file as { tiers?: unknown } | undefined)?.tiers;
  return tiers === undefined
    ? undefined
    : parseTiers(tiers, typeof config === "string" ? config : CONFIG_FILE_NAME);
}
