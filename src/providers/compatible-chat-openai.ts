/**
 * ChatOpenAI's Chat Completions model, made tolerant of what OpenAI-compatible servers send:
 * vLLM's newer `delta.reasoning` (the renamed `reasoning_content`) is read as reasoning, and a
 * first delta without `role` (some servers omit it) is taken as the assistant's, so its text and
 * tool-call pieces are not dropped.
 */
import type { BaseMessageChunk } from "@langchain/core/messages";
import { ChatOpenAICompletions } from "@langchain/openai";

type Delta = Parameters<ChatOpenAICompletions["_convertCompletionsDeltaToBaseMessageChunk"]>[0];
type RawChunk = Parameters<ChatOpenAICompletions["_convertCompletionsDeltaToBaseMessageChunk"]>[1];
type Role = Parameters<ChatOpenAICompletions["_convertCompletionsDeltaToBaseMessageChunk"]>[2];

export class CompatibleChatOpenAI extends ChatOpenAICompletions {
  protected override _convertCompletionsDeltaToBaseMessageChunk(
    delta: Delta,
    rawResponse: RawChunk,
    defaultRole?: Role,
  ): BaseMessageChunk {
    const reasoning = (delta as { reasoning?: unknown }).reasoning;
    const normalized: Delta =
      typeof reasoning === "string" && delta.reasoning_content === undefined
        ? { ...delta, reasoning_content: reasoning }
        : delta;
    return super._convertCompletionsDeltaToBaseMessageChunk(
      normalized,
      rawResponse,
      defaultRole ?? "assistant",
    );
  }
}
