/**
 * What the model-management commands (models, health, pull, probe) share: the provider context
 * from `--config` and the command's environment, the cache directory, and `--provider` checked.
 */
import { ToolUseError } from "../errors.ts";
import { resolveCacheDir } from "../models/cache-file.ts";
import { fileListingStore } from "../models/listing-store.ts";
import { ModelRegistry } from "../models/model-registry.ts";
import { PROVIDERS, type ProviderId } from "../providers/model-spec.ts";
import type { CommandDependencies, CommandIo } from "./command-io.ts";

export const MODELS_CACHE_FILE = "models.json";

export interface SharedValues {
  readonly config?: string | undefined;
  readonly "cache-dir"?: string | undefined;
}

export const SHARED_OPTIONS = {
  config: { type: "string" },
  "cache-dir": { type: "string" },
} as const;

export function commandEnv(io: CommandIo): Readonly<Record<string, string | undefined>> {
  return io.env ?? process.env;
}

export function cacheDir(values: SharedValues, io: CommandIo): string {
  return resolveCacheDir(values["cache-dir"], commandEnv(io));
}

/** The registry the CLI uses: listings cached in `models.json` in the cache directory. */
export function commandRegistry(
  values: SharedValues,
  io: CommandIo,
  dependencies: CommandDependencies,
  providers?: readonly ProviderId[],
): ModelRegistry {
  const now = dependencies.now;
  return new ModelRegistry({
    env: commandEnv(io),
    ...(values.config === undefined ? {} : { config: values.config }),
    ...(providers ? { providers } : {}),
    store: fileListingStore(`${cacheDir(values, io)}/${MODELS_CACHE_FILE}`),
    ...(now ? { now: () => now().getTime() } : {}),
  });
}

export function checkProvider(value: string | undefined): ProviderId | undefined {
  if (value === undefined) return undefined;
  if ((PROVIDERS as readonly string[]).includes(value)) return value as ProviderId;
  throw new ToolUseError("invalid-input", `unknown provider "${value}"; providers: ${PROVIDERS.join(", ")}`);
}

export function positiveInteger(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new ToolUseError(
      "invalid-input",
      `${option} must be a positive integer (milliseconds), got "${value}"`,
    );
  return number;
}

/** Prints a ToolUseError the way main.ts does; returns the exit code for a runtime failure. */
export function reportFailure(error: unknown, io: CommandIo): number {
  if (!ToolUseError.is(error)) throw error;
  io.stderr.write(`tooluse: ${error.message} [${error.code}]\n`);
  return 1;
}
