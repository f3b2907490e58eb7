/**
 * The async-iterable wrapper over the streaming core: text chunks in, parser events out, then
 * one `end` event carrying the final result.
 */
import { StreamParser, type StreamParserOptions } from "./stream-parser.ts";
import type { ParseResult, ParserEvent } from "./types.ts";

export type ParserStreamEvent = ParserEvent | { readonly type: "end"; readonly result: ParseResult };

export async function* streamToolCalls(
  chunks: AsyncIterable<string> | Iterable<string>,
  options: Omit<StreamParserOptions, "events"> = {},
): AsyncGenerator<ParserStreamEvent, ParseResult, undefined> {
  const parser = new StreamParser(options);
  for await (const chunk of chunks) {
    yield* parser.feed(chunk);
  }
  const { events, result } = parser.end();
  yield* events;
  yield { type: "end", result };
  return result;
}
