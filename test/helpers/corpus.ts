/**
 * Loads the regression corpus (fixtures/corpus/tool-calls.jsonl, copied from ../shared/corpus)
 * and the documented expectation overrides beside it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FormatId, ToolSpec } from "../../src/parser/types.ts";

export interface CorpusCase {
  readonly id: string;
  readonly source: string;
  readonly family: FormatId;
  readonly model: string | null;
  readonly text: string;
  readonly expected: {
    readonly tool_calls: { name: string; arguments: Record<string, unknown> }[];
    readonly content: string | null;
  };
  readonly streaming: boolean;
  readonly chunks?: string[];
  readonly tools?: (string | ToolSpec)[];
  readonly note?: string;
}

export interface CorpusOverride {
  /** Why our expectation differs from the source's. */
  readonly reason: string;
  /** Content we expect instead (the source keeps reasoning in content, etc.). */
  readonly content?: string | null;
  /** Reasoning we expect, where the override moves text there. */
  readonly reasoning?: string;
  /** Input correction: the tools the source's test declares, where the corpus case omits them. */
  readonly tools?: ToolSpec[];
  /** Expectation correction for both runs, where the source's expectation depends on a setting a parser lacks. */
  readonly toolCalls?: { name: string; arguments: Record<string, unknown> }[];
  /** Tool calls expected when auto-detecting, where they differ from the format-given result. */
  readonly autoToolCalls?: { name: string; arguments: Record<string, unknown> }[];
}

const root = fileURLToPath(new URL("../../fixtures/corpus/", import.meta.url));

export function loadCorpus(): CorpusCase[] {
  return readFileSync(`${root}tool-calls.jsonl`, "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as CorpusCase);
}

/** Overrides live in fixtures/corpus/overrides/*.json, one file per group of formats. */
export function loadOverrides(): Record<string, CorpusOverride> {
  const merged: Record<string, CorpusOverride> = {};
  for (const file of readdirSync(`${root}overrides`)
    .filter((name) => name.endsWith(".json"))
    .sort()) {
    const entries = JSON.parse(readFileSync(`${root}overrides/${file}`, "utf8")) as Record<
      string,
      CorpusOverride
    >;
    for (const [id, override] of Object.entries(entries)) {
      if (id in merged) throw new Error(`override for ${id} appears twice (${file})`);
      merged[id] = override;
    }
  }
  return merged;
}

/** Deterministic chunkings: mulberry32-seeded random splits of 1..maxSize characters. */
export function randomChunks(text: string, seed: number, maxSize = 7): string[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const chunks: string[] = [];
  for (let i = 0; i < text.length; ) {
    const size = 1 + Math.floor(next() * maxSize);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
}
