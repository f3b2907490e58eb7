/**
 * Our messages to LangChain messages. Structured ChatMessages (native mode) keep their tool
 * calls and call ids; plain TextMessages (text mode) carry role and text only.
 */
import {
  AIMessage,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from "@langchain/core/messages";
import type { ModelMessage } from "../model.ts";
import type { ToolSpec } from "../parser/types.ts";

export function toLangChainMessages(messages: readonly ModelMessage[]): BaseMessage[] {
  let textResults = 0;
  return messages.map((message): BaseMessage => {
    if (message.role === "system") return new SystemMessage(message.content);
    if (message.role === "user") return new HumanMessage(message.content);
    if (message.role === "assistant") {
      const calls = "toolCalls" in message ? (message.toolCalls ?? []) : [];
      return new AIMessage({
        content: message.content,
        tool_calls: calls.map((call) => ({
          id: call.id,
          name: call.name,
          args: call.arguments,
          type: "tool_call",
        })),
      });
    }
    if ("toolCallId" in message)
      return new ToolMessage({
        content: message.content,
        tool_call_id: message.toolCallId,
        name: message.name,
      });
    // A text-mode result: the family's template renders the tool role; the id is only a placeholder.
    return new ToolMessage({ content: message.content, tool_call_id: `result_${textResults++}` });
  });
}

/** An OpenAI-style function tool, the form bindTools passes through unchanged. */
export interface FunctionTool {
  readonly type: "function";
  readonly function: { name: string; description?: string; parameters: Record<string, unknown> };
}

export function toFunctionTools(tools: readonly ToolSpec[]): FunctionTool[] {
  return tools.map((tool) => ({
    type: "function",
    function: {
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      parameters: { ...(tool.parameters ?? { type: "object", properties: {} }) },
    },
  }));
}
