/**
 * Regression corpora (fixtures/corpus/ and fixtures/extra/): loading the JSON Lines cases and the
 * documented expectation overrides beside them, and the shared suite that runs every case.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../../src/parser/parse-tool-calls.ts";
import { StreamParser } from "../../src/parser/stream-parser.ts";
import { normalizeTools } from "../../src/parser/tool-index.ts";
import type { FormatId, ParseOptions, ParseResult, ToolSpec } from "../../src/parser/types.ts";

export interface CorpusCase {
  readonly id: string;
  readonly source: string;
  readonly family: FormatId;
  readonly model: string | null;
  readonly text: string;
  readonly expected: {
    readonly tool_calls: { name: string; arguments: Record<string, unknown> }[];
    readonly content: string | null;
    /** Reasoning the source asserts (checked trimmed, in both runs); null or absent: not checked. */
    readonly reasoning?: string | null;
  };
  readonly streaming?: boolean;
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
  /** Reasoning expected when auto-detecting, where it differs from the format-given result. */
  readonly autoReasoning?: string;
  /** Tool calls expected when auto-detecting, where they differ from the format-given result. */
  readonly autoToolCalls?: { name: string; arguments: Record<string, unknown> }[];
}

const fixtures = fileURLToPath(new URL("../../fixtures/", import.meta.url));

function jsonFiles(folder: string, extension: ".jsonl" | ".json"): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => `${folder}${name}`);
}

/** Every case in fixtures/<folder>/*.jsonl. */
export function loadCases(folder: "corpus" | "extra"): CorpusCase[] {
  return jsonFiles(`${fixtures}${folder}/`, ".jsonl").flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim().length > 0)
      .map((line) => JSON.parse(line) as CorpusCase),
  );
}

/** Overrides from fixtures/<folder>/overrides/*.json (one file per group): each needs a reason, once. */
export function loadOverrides(folder: "corpus" | "extra"): Record<string, CorpusOverride> {
  const merged: Record<string, CorpusOverride> = {};
  for (const file of jsonFiles(`${fixtures}${folder}/overrides/`, ".json")) {
    const entries = JSON.parse(readFileSync(file, "utf8")) as Record<string, CorpusOverride>;
    for (const [id, override] of Object.entries(entries)) {
      if (id in merged) throw new Error(`override for ${id} appears twice (${file})`);
      if (typeof override.reason !== "string" || override.reason.length === 0) {
        throw new Error(`override for ${id} has no reason (${file})`);
      }
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

function streamed(chunks: readonly string[], options: ParseOptions): ParseResult {
  const parser = new StreamParser(options);
  for (const chunk of chunks) parser.feed(chunk);
  return parser.end().result;
}

const calls = (result: ParseResult) =>
  result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }));

/**
 * One vitest test per case: with the case's format given (calls, and content where asserted; one-shot,
 * whole, char by char, seeded random splits and the case's own chunks must all agree) and auto-detected.
 */
export function corpusSuite(
  label: string,
  cases: readonly CorpusCase[],
  overrides: Record<string, CorpusOverride>,
): void {
  describe(`${label}: the fixtures themselves`, () => {
    it("has unique ids, chunks that join to the text, and overrides only for existing cases", () => {
      const ids = new Set(cases.map((c) => c.id));
      expect(ids.size).toBe(cases.length);
      for (const c of cases) if (c.chunks) expect(c.chunks.join(""), c.id).toBe(c.text);
      for (const id of Object.keys(overrides)) expect(ids.has(id), id).toBe(true);
    });
  });

  describe(`${label}, format given`, () => {
    for (const c of cases) {
      it(`${c.id} ${c.family}`, () => {
        const override = overrides[c.id];
        const options: ParseOptions = { format: c.family, tools: normalizeTools(override?.tools ?? c.tools) };
        const result = parseToolCalls(c.text, options);
        expect(calls(result)).toEqual(override?.toolCalls ?? c.expected.tool_calls);
        const expectedContent = override && "content" in override ? override.content : c.expected.content;
        if (expectedContent !== null && expectedContent !== undefined) {
          expect(result.content.trim()).toEqual(expectedContent.trim());
        }
        const expectedReasoning = override?.reasoning ?? c.expected.reasoning;
        if (typeof expectedReasoning === "string")
          expect(result.reasoning.trim()).toEqual(expectedReasoning.trim());
        const chunkings = [[c.text], [...c.text], randomChunks(c.text, 1), randomChunks(c.text, 2, 3)];
        if (c.chunks) chunkings.push(c.chunks);
        for (const chunks of chunkings) expect(streamed(chunks, options)).toEqual(result);
      });
    }
  });

  describe(`${label}, format auto-detected`, () => {
    for (const c of cases) {
      it(`${c.id} ${c.family}`, () => {
        const override = overrides[c.id];
        const options: ParseOptions = { tools: normalizeTools(override?.tools ?? c.tools) };
        const result = parseToolCalls(c.text, options);
        expect(calls(result)).toEqual(
          override?.autoToolCalls ?? override?.toolCalls ?? c.expected.tool_calls,
        );
        const expectedReasoning = override?.autoReasoning ?? override?.reasoning ?? c.expected.reasoning;
        if (typeof expectedReasoning === "string") {
          expect(result.reasoning.trim()).toEqual(expectedReasoning.trim());
        }
        expect(streamed(randomChunks(c.text, 3), options)).toEqual(result);
        if (c.chunks) expect(streamed(c.chunks, options)).toEqual(result);
      });
    }
  });
}
