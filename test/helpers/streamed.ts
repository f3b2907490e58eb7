/** Streaming in small pieces, for format tests that compare a stream with the one-shot result. */
import { expect } from "vitest";
import { parseToolCalls } from "../../src/parser/parse-tool-calls.ts";
import { StreamParser, type StreamParserOptions } from "../../src/parser/stream-parser.ts";
import type { FormatId, ParseResult } from "../../src/parser/types.ts";

/** Feeds `text` in pieces of 1, 2, ... `maxPiece` characters (cycling) and returns the result. */
export function streamedInPieces(text: string, options: StreamParserOptions = {}, maxPiece = 3): ParseResult {
  const parser = new StreamParser(options);
  for (let at = 0, size = 1; at < text.length; at += size, size = (size % maxPiece) + 1) {
    parser.feed(text.slice(at, at + size));
  }
  return parser.end().result;
}

/** Expects each text, streamed in small pieces under each format, to give the one-shot result. */
export function expectStreamsAsOneShot(
  texts: readonly string[],
  formats: readonly (FormatId | "auto")[],
  options: Omit<StreamParserOptions, "format"> = {},
): void {
  for (const text of texts) {
    for (const format of formats) {
      expect(streamedInPieces(text, { ...options, format }), `${format} ${text}`).toEqual(
        parseToolCalls(text, { ...options, format }),
      );
    }
  }
}
