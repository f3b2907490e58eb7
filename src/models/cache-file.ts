/**
 * Small JSON cache files under the tooluse cache directory: `--cache-dir`, else
 * TOOLUSE_CACHE_DIR, else `.tooluse-cache/` in the working directory (gitignored). A missing,
 * unreadable or invalid cache file is treated as empty, never as an error; writes are atomic.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { z } from "zod";

export const DEFAULT_CACHE_DIR = ".tooluse-cache";

export function resolveCacheDir(
  cacheDir: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return resolve(cacheDir ?? (env.TOOLUSE_CACHE_DIR?.trim() || DEFAULT_CACHE_DIR));
}

export function cacheFilePath(cacheDir: string, name: string): string {
  return join(cacheDir, name);
}

/** The file's contents when it exists and matches the schema; undefined otherwise. */
export function readCacheFile<T>(path: string, schema: z.ZodType<T>): T | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

export function writeCacheFile(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, path);
}
