/**
 * The ModelAdapter contract: one per model family. An adapter knows how that family was
 * trained to see tools, calls and results, renders raw prompts with its chat template, and
 * parses its outputs.
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { StreamParser } from "../src/parser/stream-parser.ts";
import type { FormatId, ParseResult, ToolSpec } from "../src/parser/types.ts";

export interface AdapterCapabilities {
  /** Context length in tokens of the family's common releases. */
  readonly contextLength: number;
  /** The family emits reasoning (think blocks, analysis channel, ...). */
  readonly reasoning: boolean;
  /** Servers (Ollama, vLLM) usually expose the family's calls through the native tools API. */
  readonly nativeTools: boolean;
  /** The family can emit several calls in one turn. */
  readonly parallelCalls: boolean;
}

export interface RenderOptions {
  /** Append the assistant header so the model writes the next turn (default true). */
  readonly addGenerationPrompt?: boolean;
  readonly bosToken?: string;
  readonly eosToken?: string;
  /** Fixed date for templates that print today's date (default: the template's own fallback). */
  readonly date?: Date;
  /** Families with a thinking switch (Qwen3, DeepSeek V3.1): whether thinking is on. */
  readonly thinking?: boolean;
}

export interface ParserIdOptions {
  /** Prefix of generated call ids (default "call_"), e.g. per agent step so ids stay unique. */
  readonly idPrefix?: string;
}

export interface ModelAdapter {
  /** Stable adapter id, e.g. "qwen2.5", "llama3.1", "gpt-oss". */
  readonly id: string;
  /** The model family in words, for listings. */
  readonly family: string;
  /** The text format this family writes calls in. */
  readonly format: FormatId;
  readonly capabilities: AdapterCapabilities;
  /** The family's template opens reasoning in the prompt, so output starts inside it. */
  readonly startsInReasoning: boolean;
  /** Ollama tags and Hugging Face ids this adapter serves (matched case-insensitively). */
  readonly modelPatterns: readonly RegExp[];

  /**
   * Messages for a chat endpoint used without native tools: the tool descriptions in the system
   * prompt in the form the family was trained on, assistant calls and tool results as text.
   */
  formatMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): TextMessage[];

  /** The raw prompt string for completion endpoints: the family's chat template and special tokens. */
  renderPrompt(messages: readonly ChatMessage[], tools: readonly ToolSpec[], options?: RenderOptions): string;

  /** Parses one complete output with the family's format. */
  parse(text: string, tools?: readonly ToolSpec[], options?: ParserIdOptions): ParseResult;

  /** A streaming parser configured for the family. */
  createStreamParser(tools?: readonly ToolSpec[], options?: ParserIdOptions): StreamParser;
}
