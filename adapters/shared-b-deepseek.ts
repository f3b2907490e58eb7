/**
 * DeepSeek special tokens and call rendering shared by the R1 and V3.1 adapters.
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";

export const DS = {
  user: "<｜User｜>",
  assistant: "<｜Assistant｜>",
  eos: "<｜end▁of▁sentence｜>",
  callsBegin: "<｜tool▁calls▁begin｜>",
  callsEnd: "<｜tool▁calls▁end｜>",
  callBegin: "<｜tool▁call▁begin｜>",
  callEnd: "<｜tool▁call▁end｜>",
  sep: "<｜tool▁sep｜>",
  outputsBegin: "<｜tool▁outputs▁begin｜>",
  outputsEnd: "<｜tool▁outputs▁end｜>",
  outputBegin: "<｜tool▁output▁begin｜>",
  outputEnd: "<｜tool▁output▁end｜>",
} as const;

/** The text after the last `</think>` (earlier turns' reasoning is dropped by the templates). */
export function afterLastThink(content: string): string {
  const index = content.lastIndexOf("</think>");
  return index === -1 ? content : content.slice(index + "</think>".length);
}

/** The text after the first `</think>` (V3.1 splits once). */
export function afterFirstThink(content: string): string {
  const index = content.indexOf("</think>");
  return index === -1 ? content : content.slice(index + "</think>".length);
}

/**
 * Messages for a chat endpoint: `preamble` joined to the system prompt, assistant calls written
 * with `renderCalls`, results left in role "tool" (DeepSeek templates wrap them in output tokens).
 */
export function deepSeekTextMessages(
  messages: readonly ChatMessage[],
  preamble: string,
  renderCalls: (message: Extract<ChatMessage, { role: "assistant" }>) => string,
): TextMessage[] {
  const result: TextMessage[] = [];
  let systemDone = false;
  for (const message of messages) {
    if (message.role === "system" && !systemDone && preamble) {
      result.push({ role: "system", content: preamble + message.content });
      systemDone = true;
    } else if (message.role === "assistant" && message.toolCalls?.length) {
      result.push({ role: "assistant", content: renderCalls(message) });
    } else {
      result.push({ role: message.role, content: message.content });
    }
  }
  if (!systemDone && preamble) result.unshift({ role: "system", content: preamble });
  return result;
}
