/**
 * Probe results kept in `probes.json` in the cache directory, keyed by model spec and base URL
 * (the same spec on another server is another model). Entries do not expire: `--refresh` probes again.
 */
import { z } from "zod";
import { FORMAT_IDS } from "../parser/types.ts";
import { cacheFilePath, readCacheFile, writeCacheFile } from "./cache-file.ts";
import type { ProbeResult } from "./probe-model.ts";

export const PROBE_CACHE_FILE = "probes.json";

const ProbeSchema = z.object({
  spec: z.string(),
  adapter: z.string(),
  adapterFormat: z.enum(FORMAT_IDS),
  native: z.object({ works: z.boolean(), detail: z.string() }),
  text: z.object({ works: z.boolean(), format: z.enum(FORMAT_IDS).nullable(), detail: z.string() }),
  toolMode: z.enum(["text", "native", "auto"]),
  reason: z.string(),
  probedAt: z.string(),
});

const FileSchema = z.object({ version: z.literal(1), probes: z.record(z.string(), ProbeSchema) });

/** The cache key; pass the base URL without credentials (displayUrl). */
export function probeKey(spec: string, baseUrl: string): string {
  return `${spec} ${baseUrl}`;
}

export class ProbeCache {
  readonly path: string;

  constructor(cacheDir: string) {
    this.path = cacheFilePath(cacheDir, PROBE_CACHE_FILE);
  }

  get(key: string): ProbeResult | undefined {
    return this.read()[key];
  }

  set(key: string, result: ProbeResult): void {
    writeCacheFile(this.path, { version: 1, probes: { ...this.read(), [key]: result } });
  }

  private read(): Record<string, ProbeResult> {
    return readCacheFile(this.path, FileSchema)?.probes ?? {};
  }
}
