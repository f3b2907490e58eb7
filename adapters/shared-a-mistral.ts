/**
 * Pieces both Mistral templates share: 9-character call ids, the user/assistant alternation
 * check, and where the tool list goes (before the last user message).
 */
import type { ChatMessage } from "../src/messages.ts";
import { hasCalls } from "./shared-a-messages.ts";

/**
 * Mistral's templates require call ids of 9 alphanumerics. Such ids pass unchanged; any other id
 * maps to a stable 9-character id derived from it (two FNV-1a hashes in base 36), so a call and
 * its result keep matching.
 */
export function mistralCallId(id: string): string {
  if (/^[A-Za-z0-9]{9}$/.test(id)) return id;
  const hash = (seed: number): number => {
    let value = seed;
    for (let index = 0; index < id.length; index++) {
      value ^= id.charCodeAt(index);
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value;
  };
  const text = hash(0x811c9dc5).toString(36) + hash(0x050c5d1f).toString(36);
  return text.padStart(9, "0").slice(-9);
}

/** The templates' check: after the system message, user and assistant turns alternate (calls and results aside). */
export function checkAlternation(messages: readonly ChatMessage[]): void {
  let index = 0;
  for (const message of messages) {
    if (message.role === "tool" || (message.role === "assistant" && hasCalls(message))) continue;
    if ((message.role === "user") !== (index % 2 === 0)) {
      throw new Error(
        "After the optional system message, conversation roles must alternate user/assistant/user/assistant/...",
      );
    }
    index++;
  }
}

/** Index of the last user message (the tool list goes before it). */
export function lastUserIndex(messages: readonly ChatMessage[]): number {
  return messages.findLastIndex((message) => message.role === "user");
}
