/**
 * The messages a run added to the conversation (assistant turns with their calls, tool results),
 * rebuilt from its result so a chat can continue where the run ended.
 */
import type { AgentResult } from "../executor/agent-events.ts";
import type { ChatMessage } from "../messages.ts";

export function resultMessages(result: AgentResult): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const step of result.steps) {
    const calls = step.toolCalls.map((record) => record.call);
    messages.push({
      role: "assistant",
      content: step.text,
      ...(calls.length > 0 ? { toolCalls: calls } : {}),
      ...(step.reasoning ? { reasoning: step.reasoning } : {}),
    });
    for (const record of step.toolCalls)
      messages.push({
        role: "tool",
        toolCallId: record.call.id,
        name: record.call.name,
        content: record.output,
      });
  }
  return messages;
}
