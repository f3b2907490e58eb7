/**
 * LangChain messages <-> tooluse messages, for text tool calling: LangChain's history (with
 * AIMessage.tool_calls and ToolMessages) becomes our ChatMessage list, which the adapter renders
 * as plain text messages; those go back out as LangChain messages without any native tool fields.
 */
import {
  AIMessage,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from "@langchain/core/messages";
import { ToolUseError } from "../../errors.ts";
import type { ChatMessage, TextMessage } from "../../messages.ts";
import type { ToolCall } from "../../parser/types.ts";

/** Our conversation for a LangChain message list; throws ToolUseError("invalid-input") for roles we cannot map. */
export function fromLangChainMessages(messages: readonly BaseMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const [index, message] of messages.entries()) {
    const type = message.getType();
    if (type === "system" || type === "developer") {
      out.push({ role: "system", content: message.text });
    } else if (type === "human") {
      out.push({ role: "user", content: message.text });
    } else if (type === "ai" && AIMessage.isInstance(message)) {
      const toolCalls: ToolCall[] = (message.tool_calls ?? []).map((call, callIndex) => ({
        id: call.id ?? `call_${index}_${callIndex}`,
        name: call.name,
        arguments: call.args,
      }));
      const reasoning = message.additional_kwargs.reasoning_content;
      out.push({
        role: "assistant",
        content: message.text,
        ...(toolCalls.length > 0 ? { toolCalls } : {}),
        ...(typeof reasoning === "string" && reasoning.length > 0 ? { reasoning } : {}),
      });
    } else if (type === "tool" && ToolMessage.isInstance(message)) {
      out.push({
        role: "tool",
        toolCallId: message.tool_call_id,
        name: message.name ?? toolNameFor(out, message.tool_call_id),
        content: message.text,
      });
    } else {
      throw new ToolUseError(
        "invalid-input",
        `text tool calling handles system, human, ai and tool messages; message ${index} is a ${type} message`,
      );
    }
  }
  return out;
}

/** The name of the most recent call with this id (ToolMessages often carry no name). */
function toolNameFor(history: readonly ChatMessage[], callId: string): string {
  for (let i = history.length - 1; i >= 0; i--) {
    const message = history[i]!;
    if (message.role !== "assistant") continue;
    const call = message.toolCalls?.find((candidate) => candidate.id === callId);
    if (call) return call.name;
  }
  return "unknown";
}

/**
 * The adapter's text messages as LangChain messages. A "tool" text message (families whose
 * server template renders results itself, such as Llama 3's ipython turn) needs a
 * tool_call_id: the ids of the conversation's results are handed out in order.
 */
export function toLangChainMessages(
  messages: readonly TextMessage[],
  history: readonly ChatMessage[],
): BaseMessage[] {
  const resultIds = history.flatMap((message) => (message.role === "tool" ? [message.toolCallId] : []));
  let nextResult = 0;
  return messages.map((message): BaseMessage => {
    if (message.role === "system") return new SystemMessage(message.content);
    if (message.role === "user") return new HumanMessage(message.content);
    if (message.role === "assistant") return new AIMessage(message.content);
    return new ToolMessage({ content: message.content, tool_call_id: resultIds[nextResult++] ?? "call_0" });
  });
}
