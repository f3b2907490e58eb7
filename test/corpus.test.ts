/**
 * The regression corpus: every case, one-shot and streamed (whole, the case's own chunks, char
 * by char, seeded random splits), with the format given and auto-detected.
 */
import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../src/parser/parse-tool-calls.ts";
import { StreamParser } from "../src/parser/stream-parser.ts";
import { normalizeTools } from "../src/parser/tool-index.ts";
import type { ParseOptions, ParseResult } from "../src/parser/types.ts";
import { loadCorpus, loadOverrides, randomChunks } from "./helpers/corpus.ts";

const cases = loadCorpus();
const overrides = loadOverrides();

function streamed(chunks: readonly string[], options: ParseOptions): ParseResult {
  const parser = new StreamParser(options);
  const content: string[] = [];
  for (const chunk of chunks) {
    for (const event of parser.feed(chunk)) if (event.type === "text-delta") content.push(event.text);
  }
  const { events, result } = parser.end();
  for (const event of events) if (event.type === "text-delta") content.push(event.text);
  return result;
}

const calls = (result: ParseResult) =>
  result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }));

describe("corpus, format given", () => {
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

describe("corpus, format auto-detected", () => {
  for (const c of cases) {
    it(`${c.id} ${c.family}`, () => {
      const override = overrides[c.id];
      const options: ParseOptions = { tools: normalizeTools(override?.tools ?? c.tools) };
      const result = parseToolCalls(c.text, options);
      expect(calls(result)).toEqual(override?.autoToolCalls ?? override?.toolCalls ?? c.expected.tool_calls);
      expect(streamed(randomChunks(c.text, 3), options)).toEqual(result);
    });
  }
});
