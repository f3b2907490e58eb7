/**
 * The model interface the executor talks to. Providers (src/providers/) adapt LangChain chat
 * models to it; the executor never names a provider, and providers never reach into the loop.
 */
import type { ChatMessage, TextMessage } from "./messages.ts";
import type { ToolCall, ToolSpec } from "./parser/types.ts";

export interface Usage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** True when the provider reported no counts and these are estimates (about 4 characters a token). */
  readonly estimated: boolean;
}

/** Structured messages (native tool calling) or plain text messages (text tool calling). */
export type ModelMessage = ChatMessage | TextMessage;

export interface ModelRequest {
  readonly messages: readonly ModelMessage[];
  /** Tools for the server's native tools API; absent in text mode. */
  readonly tools?: readonly ToolSpec[];
  readonly signal?: AbortSignal;
}

export type ModelStreamEvent =
  | { readonly type: "text-delta"; readonly text: string }
  /** Reasoning the server already separated (e.g. Ollama's `thinking`, vLLM's `reasoning_content`). */
  | { readonly type: "reasoning-delta"; readonly text: string }
  /** A call the server returned through its native tools API. */
  | { readonly type: "tool-call"; readonly call: ToolCall }
  | { readonly type: "usage"; readonly usage: Usage };

export interface ModelResponse {
  readonly text: string;
  readonly reasoning: string;
  readonly toolCalls: readonly ToolCall[];
  readonly usage: Usage | undefined;
}

export interface ChatModel {
  /** Provider id, e.g. "ollama", "openai", "scripted". */
  readonly provider: string;
  /** Model name as the provider knows it, e.g. "qwen2.5-coder:7b". */
  readonly model: string;
  stream(request: ModelRequest): AsyncIterable<ModelStreamEvent>;
}

/** Collects a model stream into one response. */
export async function generate(model: ChatModel, request: ModelRequest): Promise<ModelResponse> {
  let text = "";
  let reasoning = "";
  const toolCalls: ToolCall[] = [];
  let usage: Usage | undefined;
  for await (const event of model.stream(request)) {
    if (event.type === "text-delta") text += event.text;
    else if (event.type === "reasoning-delta") reasoning += event.text;
    else if (event.type === "tool-call") toolCalls.push(event.call);
    else usage = event.usage;
  }
  return { text, reasoning, toolCalls, usage };
}

/** A rough token estimate for providers that report none. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
