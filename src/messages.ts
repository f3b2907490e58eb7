/**
 * The conversation model shared by adapters, providers and the executor.
 */
import type { ToolCall } from "./parser/types.ts";

export type ChatMessage =
  | { readonly role: "system"; readonly content: string }
  | { readonly role: "user"; readonly content: string }
  | {
      readonly role: "assistant";
      readonly content: string;
      readonly toolCalls?: readonly ToolCall[];
      /** Reasoning text the model produced (kept for templates that render it). */
      readonly reasoning?: string;
    }
  | {
      readonly role: "tool";
      readonly toolCallId: string;
      readonly name: string;
      /** The tool's result as text (JSON for structured results). */
      readonly content: string;
    };

/** A plain message for chat endpoints used without native tools: role and text only. */
export interface TextMessage {
  readonly role: "system" | "user" | "assistant" | "tool";
  readonly content: string;
}
