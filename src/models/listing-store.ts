/**
 * Where the model registry keeps provider listings between lookups: in memory (the default, for
 * one process), or in a JSON file in the cache directory (the CLI, so `tooluse models` twice in a
 * row asks the servers once). Keys are `provider baseUrl`.
 */
import { z } from "zod";
import { readCacheFile, writeCacheFile } from "./cache-file.ts";
import { CAPABILITIES, type ModelInfo } from "./model-info.ts";

export interface CachedListing {
  /** Milliseconds since the epoch (the registry's clock) when the listing was fetched. */
  readonly fetchedAt: number;
  readonly models: readonly ModelInfo[];
}

export interface ListingStore {
  get(key: string): CachedListing | undefined;
  set(key: string, listing: CachedListing): void;
  delete(key: string): void;
}

export function memoryListingStore(): ListingStore {
  const entries = new Map<string, CachedListing>();
  return {
    get: (key) => entries.get(key),
    set: (key, listing) => void entries.set(key, listing),
    delete: (key) => void entries.delete(key),
  };
}

const ModelInfoSchema = z.object({
  id: z.string(),
  provider: z.enum(["ollama", "vllm", "openai-compatible", "openai", "huggingface"]),
  model: z.string(),
  family: z.string().optional(),
  parameterSize: z.string().optional(),
  quantization: z.string().optional(),
  sizeBytes: z.number().optional(),
  contextLength: z.number().optional(),
  capabilities: z.array(z.enum(CAPABILITIES)),
  capabilitiesSource: z.enum(["server", "inferred"]),
  adapter: z.string(),
  format: z.string(),
});

const FileSchema = z.object({
  version: z.literal(1),
  listings: z.record(z.string(), z.object({ fetchedAt: z.number(), models: z.array(ModelInfoSchema) })),
});

/** A store in one JSON file; an unreadable or outdated file counts as empty. */
export function fileListingStore(path: string): ListingStore {
  const read = (): Record<string, CachedListing> => {
    const file = readCacheFile(path, FileSchema);
    return (file?.listings ?? {}) as Record<string, CachedListing>;
  };
  const write = (listings: Record<string, CachedListing>) => writeCacheFile(path, { version: 1, listings });
  return {
    get: (key) => read()[key],
    set: (key, listing) => write({ ...read(), [key]: listing }),
    delete: (key) => {
      const listings = read();
      delete listings[key];
      write(listings);
    },
  };
}
