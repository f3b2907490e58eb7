/**
 * LangChain stream chunks to our ModelStreamEvents: `content` as text deltas, the reasoning the
 * server separated (`additional_kwargs.reasoning_content`: Ollama `thinking`, vLLM
 * `reasoning_content`) as reasoning deltas, `tool_call_chunks` assembled into whole native calls
 * (OpenAI streams arguments as JSON string pieces keyed by `index`; ChatOllama gives each call
 * whole, with index 0 and a fresh id), and `usage_metadata` as usage.
 */
import type { AIMessageChunk, BaseMessageChunk } from "@langchain/core/messages";
import type { ModelStreamEvent, Usage } from "../model.ts";
import { decodeArguments } from "../parser/normalize-call.ts";
import type { ToolCall } from "../parser/types.ts";

interface PendingCall {
  index: number | undefined;
  id: string | undefined;
  name: string;
  args: string;
}

export class ChunkEventReader {
  private readonly calls: PendingCall[] = [];
  private usage: Usage | undefined;

  /**
   * @param keepCallIds false when the client invents ids (ChatOllama gives every call a random
   *   UUID, as Ollama sends none): calls are then numbered `call_0`, `call_1`... deterministically.
   */
  constructor(private readonly keepCallIds = true) {}

  /** Events for one chunk: text and reasoning now; calls and usage wait for `finish()`. */
  read(chunk: BaseMessageChunk): ModelStreamEvent[] {
    const events: ModelStreamEvent[] = [];
    const reasoning = chunk.additional_kwargs?.reasoning_content;
    if (typeof reasoning === "string" && reasoning.length > 0)
      events.push({ type: "reasoning-delta", text: reasoning });
    const text = contentText(chunk.content);
    if (text.length > 0) events.push({ type: "text-delta", text });
    const aiChunk = chunk as Partial<Pick<AIMessageChunk, "tool_call_chunks" | "usage_metadata">>;
    for (const piece of aiChunk.tool_call_chunks ?? []) this.addCallPiece(piece);
    const usage = aiChunk.usage_metadata;
    if (usage && (usage.input_tokens > 0 || usage.output_tokens > 0))
      this.usage = { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens, estimated: false };
    return events;
  }

  /** The assembled native calls, then the usage (when the server reported any). */
  finish(): ModelStreamEvent[] {
    const events: ModelStreamEvent[] = this.calls.map((call, position) => ({
      type: "tool-call",
      call: toToolCall(call, position, this.keepCallIds),
    }));
    if (this.usage) events.push({ type: "usage", usage: this.usage });
    return events;
  }

  private addCallPiece(piece: { id?: string; name?: string; args?: string; index?: number }): void {
    const current =
      piece.index === undefined
        ? this.calls.at(-1)
        : this.calls.findLast((call) => call.index === piece.index);
    const startsNew =
      !current || (piece.id !== undefined && current.id !== undefined && piece.id !== current.id);
    if (startsNew) {
      this.calls.push({ index: piece.index, id: piece.id, name: piece.name ?? "", args: piece.args ?? "" });
      return;
    }
    current.id ??= piece.id;
    current.name += piece.name ?? "";
    current.args += piece.args ?? "";
  }
}

/**
 * A whole call. Arguments that are not a JSON object (a server passing on a model's broken JSON)
 * become `{}`: the executor's schema check then tells the model which arguments are missing.
 */
function toToolCall(call: PendingCall, position: number, keepId: boolean): ToolCall {
  const decoded = decodeArguments(call.args);
  return {
    id: keepId && call.id && call.id.length > 0 ? call.id : `call_${position}`,
    name: call.name,
    arguments: decoded.ok ? decoded.value : {},
  };
}

/** Text of a chunk's content: a string, or the text parts of a content array. */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let text = "";
  for (const part of content) {
    if (typeof part === "object" && part !== null && (part as { type?: unknown }).type === "text") {
      const value = (part as { text?: unknown }).text;
      if (typeof value === "string") text += value;
    }
  }
  return text;
}
