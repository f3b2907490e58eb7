/**
 * The extra corpus (fixtures/extra/*.jsonl): public test cases from projects other than the main
 * corpus's sources (sglang, ollama, ai-sdk middleware, llama.cpp and vLLM cases the corpus lacks,
 * issue reports). Every case runs like test/corpus.test.ts: one-shot with the format given and
 * auto-detected, streamed whole, char by char, in seeded random splits and the case's own chunks;
 * streaming must equal one-shot. Documented expectation overrides live in fixtures/extra/overrides/.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../src/parser/parse-tool-calls.ts";
import { StreamParser } from "../src/parser/stream-parser.ts";
import { normalizeTools } from "../src/parser/tool-index.ts";
import type { ParseOptions, ParseResult } from "../src/parser/types.ts";
import { type CorpusCase, type CorpusOverride, randomChunks } from "./helpers/corpus.ts";

const root = fileURLToPath(new URL("../fixtures/extra/", import.meta.url));

function loadExtraCases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const file of readdirSync(root)
    .filter((name) => name.endsWith(".jsonl"))
    .sort()) {
    for (const line of readFileSync(`${root}${file}`, "utf8").split("\n")) {
      if (line.trim().length > 0) cases.push(JSON.parse(line) as CorpusCase);
    }
  }
  return cases;
}

function loadExtraOverrides(): Record<string, CorpusOverride> {
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
      if (typeof override.reason !== "string" || override.reason.length === 0)
        throw new Error(`override for ${id} has no reason (${file})`);
      merged[id] = override;
    }
  }
  return merged;
}

const cases = loadExtraCases();
const overrides = loadExtraOverrides();

function streamed(chunks: readonly string[], options: ParseOptions): ParseResult {
  const parser = new StreamParser(options);
  for (const chunk of chunks) parser.feed(chunk);
  return parser.end().result;
}

const calls = (result: ParseResult) =>
  result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }));

describe("extra corpus: ids are unique and chunks add up", () => {
  it("has unique ids", () => {
    const ids = cases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it("has chunks that concatenate to the text", () => {
    for (const c of cases) if (c.chunks) expect(c.chunks.join(""), c.id).toBe(c.text);
  });
  it("has overrides only for existing cases", () => {
    const ids = new Set(cases.map((c) => c.id));
    for (const id of Object.keys(overrides)) expect(ids.has(id), id).toBe(true);
  });
});

describe("extra corpus, format given", () => {
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
      if (override?.reasoning !== undefined)
        expect(result.reasoning.trim()).toEqual(override.reasoning.trim());
      const chunkings = [[c.text], [...c.text], randomChunks(c.text, 1), randomChunks(c.text, 2, 3)];
      if (c.chunks) chunkings.push(c.chunks);
      for (const chunks of chunkings) expect(streamed(chunks, options)).toEqual(result);
    });
  }
});

describe("extra corpus, format auto-detected", () => {
  for (const c of cases) {
    it(`${c.id} ${c.family}`, () => {
      const override = overrides[c.id];
      const options: ParseOptions = { tools: normalizeTools(override?.tools ?? c.tools) };
      const result = parseToolCalls(c.text, options);
      expect(calls(result)).toEqual(override?.autoToolCalls ?? override?.toolCalls ?? c.expected.tool_calls);
      expect(streamed(randomChunks(c.text, 3), options)).toEqual(result);
      if (c.chunks) expect(streamed(c.chunks, options)).toEqual(result);
    });
  }
});
