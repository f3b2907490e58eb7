/**
 * Builds a ModelAdapter from a family's renderers: the parse side is always the shared parser
 * with the family's format id and its reasoning start.
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import { parseToolCalls } from "../src/parser/parse-tool-calls.ts";
import { StreamParser } from "../src/parser/stream-parser.ts";
import type { ToolSpec } from "../src/parser/types.ts";
import { loadPrompt } from "../src/prompts.ts";
import type { ModelAdapter, ParserIdOptions } from "./model-adapter.ts";

export type AdapterParts = Omit<ModelAdapter, "parse" | "createStreamParser">;

export function defineAdapter(parts: AdapterParts): ModelAdapter {
  const startInReasoning = parts.startsInReasoning;
  return {
    ...parts,
    parse: (text: string, tools?: readonly ToolSpec[], options?: ParserIdOptions) =>
      parseToolCalls(text, { format: parts.format, tools, startInReasoning, ...options }),
    createStreamParser: (tools?: readonly ToolSpec[], options?: ParserIdOptions) =>
      new StreamParser({ format: parts.format, tools, startInReasoning, ...options }),
  };
}

/**
 * prompts/<path> without its final newline (prompt files end with one; the templates' texts do
 * not). Group b's byte-exact template texts are .txt files: Biome formats .md files and would
 * change them.
 */
export function promptText(path: string): string {
  const text = loadPrompt(path);
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

/** The system messages' texts, in order. */
export function systemTexts(messages: readonly ChatMessage[]): string[] {
  return messages.flatMap((message) => (message.role === "system" ? [message.content] : []));
}

/** Puts `preamble` before the first system message (or as a new one), keeping the other messages. */
export function withSystemPreamble(messages: readonly TextMessage[], preamble: string): TextMessage[] {
  if (preamble.length === 0) return [...messages];
  const [first, ...rest] = messages;
  if (first?.role === "system")
    return [{ role: "system", content: `${preamble}\n\n${first.content}` }, ...rest];
  return [{ role: "system", content: preamble }, ...messages];
}
