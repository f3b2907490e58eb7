/**
 * Test support: a conversation with every multi-call assistant turn split into one turn per call,
 * the input the single-call templates (Llama 3.x) can render.
 */
import type { ChatMessage } from "../src/messages.ts";

export function splitCallTurns(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.flatMap((message): ChatMessage[] => {
    if (message.role !== "assistant" || (message.toolCalls?.length ?? 0) < 2) return [message];
    return (message.toolCalls ?? []).map((call) => ({ role: "assistant", content: "", toolCalls: [call] }));
  });
}
