/**
 * One-shot parsing: exactly the streaming core fed the whole text at once, so both agree.
 */
import { ToolUseError } from "../errors.ts";
import { StreamParser, type StreamParserOptions } from "./stream-parser.ts";
import type { ParseResult } from "./types.ts";

export type ParseToolCallsOptions = Omit<StreamParserOptions, "events">;

/**
 * Parses raw model output into tool calls, content, reasoning and problems. Never throws on
 * text; caller faults (a non-string, bad options) throw a ToolUseError.
 */
export function parseToolCalls(text: string, options: ParseToolCallsOptions = {}): ParseResult {
  if (typeof text !== "string") {
    throw new ToolUseError("invalid-input", `parseToolCalls() takes a string, got ${typeof text}`);
  }
  const parser = new StreamParser({ ...options, events: false });
  parser.feed(text);
  return parser.end().result;
}
