/**
 * Message helpers shared by group-a adapters: the assistant/tool variants, the leading system
 * message, and the text-only message list builder behind each adapter's formatMessages.
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { ToolSpec } from "../src/parser/types.ts";

export type AssistantMessage = Extract<ChatMessage, { role: "assistant" }>;
export type ToolMessage = Extract<ChatMessage, { role: "tool" }>;

/** The content of a leading system message, and the messages after it. */
export function splitSystem(messages: readonly ChatMessage[]): {
  readonly system: string | undefined;
  readonly rest: readonly ChatMessage[];
} {
  const first = messages[0];
  if (first?.role === "system") return { system: first.content, rest: messages.slice(1) };
  return { system: undefined, rest: messages };
}

/** Whether an assistant message carries calls. */
export function hasCalls(message: AssistantMessage): boolean {
  return (message.toolCalls?.length ?? 0) > 0;
}

/** How a family's text rendering looks on a chat endpoint without native tools. */
export interface TextStyle {
  /** The system message text: the family's tool preamble around the caller's system text. */
  system(system: string | undefined, tools: readonly ToolSpec[]): string | undefined;
  /** An assistant turn as text: content plus calls in the family's syntax. */
  assistant(message: AssistantMessage): string;
  /**
   * Tool results: as role "tool" messages (the server's template renders them in the family's
   * form), or as one user message per run of consecutive results, in the family's text wrapper.
   */
  readonly results:
    | { readonly role: "tool"; render(message: ToolMessage): string }
    | { readonly role: "user"; render(run: readonly ToolMessage[]): string };
}

/** Builds formatMessages output from a style. */
export function formatWithStyle(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  style: TextStyle,
): TextMessage[] {
  const { system, rest } = splitSystem(messages);
  const out: TextMessage[] = [];
  const systemText = style.system(system, tools);
  if (systemText !== undefined) out.push({ role: "system", content: systemText });
  let run: ToolMessage[] = [];
  const flush = (): void => {
    if (run.length === 0 || style.results.role !== "user") return;
    out.push({ role: "user", content: style.results.render(run) });
    run = [];
  };
  for (const message of rest) {
    if (message.role === "tool") {
      if (style.results.role === "tool") out.push({ role: "tool", content: style.results.render(message) });
      else run.push(message);
      continue;
    }
    flush();
    if (message.role === "assistant") out.push({ role: "assistant", content: style.assistant(message) });
    else out.push({ role: message.role, content: message.content });
  }
  flush();
  return out;
}
