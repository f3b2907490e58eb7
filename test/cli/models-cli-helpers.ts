/**
 * Shared setup for the model-management CLI tests: captured IO with a given environment, a
 * temporary cache directory, and scripted servers closed after each test.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { type CapturedIo, captureIo } from "./helpers/capture-io.ts";

let folder = "";
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "tooluse-models-cli-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** The temporary cache directory of the current test. */
export function cacheDir(): string {
  return folder;
}

/** Captured IO whose environment holds only `env` (plus the test's cache directory). */
export function ioWith(
  env: Record<string, string>,
  options: Parameters<typeof captureIo>[0] = {},
): CapturedIo {
  return { ...captureIo(options), env: { TOOLUSE_CACHE_DIR: folder, ...env } };
}

/** A config file in the test's folder turning retries off for ollama and vllm (no backoff waits). */
export function noRetriesConfig(): string {
  const path = join(folder, "tooluse.config.json");
  const providers = Object.fromEntries(["ollama", "vllm"].map((provider) => [provider, { maxRetries: 0 }]));
  writeFileSync(path, JSON.stringify({ providers }));
  return path;
}
