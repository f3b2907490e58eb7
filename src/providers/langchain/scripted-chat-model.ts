/**
 * A scripted LangChain chat model for tests and benchmarks: plays back one scripted reply per
 * call (text, streamed in the given chunks, and native tool calls), records the messages it was
 * sent, and fails loudly on an unexpected extra call or (with assertDone) unused steps. The
 * LangChain counterpart of src/testing/scripted-model.ts.
 */
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BindToolsInput,
} from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, type BaseMessage, type UsageMetadata } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import type { Runnable } from "@langchain/core/runnables";

export interface ScriptedReply {
  /** The text the model writes; streamed in `chunks` when given (they must join to `text`). */
  readonly text?: string;
  readonly chunks?: readonly string[];
  /** Reasoning the server separated (as `additional_kwargs.reasoning_content`). */
  readonly reasoning?: string;
  /** Native tool calls. */
  readonly toolCalls?: readonly {
    readonly id: string;
    readonly name: string;
    readonly args: Record<string, unknown>;
  }[];
  readonly usage?: UsageMetadata;
}

export class ScriptedChatModel extends BaseChatModel {
  /** The messages of every call, in order. */
  readonly requests: BaseMessage[][] = [];
  /** Tools passed to the latest bindTools call. */
  boundTools: readonly BindToolsInput[] = [];
  private next = 0;

  static override lc_name(): string {
    return "ScriptedChatModel";
  }

  constructor(private readonly replies: readonly ScriptedReply[]) {
    super({});
    for (const [index, reply] of replies.entries()) {
      if (reply.chunks && reply.text !== undefined && reply.chunks.join("") !== reply.text)
        throw new Error(`ScriptedChatModel reply ${index}: chunks do not join to text`);
    }
  }

  _llmType(): string {
    return "scripted";
  }

  get callCount(): number {
    return this.next;
  }

  /** Native tools are accepted and recorded; the script decides what the model "calls". */
  override bindTools(
    tools: BindToolsInput[],
    _kwargs?: Partial<BaseChatModelCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, BaseChatModelCallOptions> {
    this.boundTools = tools;
    return this;
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const reply = this.take(messages);
    const text = reply.text ?? reply.chunks?.join("") ?? "";
    const message = new AIMessage({
      content: text,
      tool_calls: (reply.toolCalls ?? []).map((call) => ({ type: "tool_call" as const, ...call })),
      ...(reply.reasoning ? { additional_kwargs: { reasoning_content: reply.reasoning } } : {}),
      ...(reply.usage ? { usage_metadata: reply.usage } : {}),
    });
    return { generations: [{ text, message }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const reply = this.take(messages);
    const parts: AIMessageChunk[] = [];
    if (reply.reasoning)
      parts.push(
        new AIMessageChunk({ content: "", additional_kwargs: { reasoning_content: reply.reasoning } }),
      );
    for (const text of reply.chunks ?? (reply.text ? [reply.text] : [])) parts.push(new AIMessageChunk(text));
    for (const [index, call] of (reply.toolCalls ?? []).entries())
      parts.push(
        new AIMessageChunk({
          content: "",
          tool_call_chunks: [
            { type: "tool_call_chunk", id: call.id, name: call.name, args: JSON.stringify(call.args), index },
          ],
        }),
      );
    if (reply.usage) parts.push(new AIMessageChunk({ content: "", usage_metadata: reply.usage }));
    for (const message of parts) {
      options.signal?.throwIfAborted();
      const chunk = new ChatGenerationChunk({ text: message.text, message });
      yield chunk;
      await runManager?.handleLLMNewToken(message.text, undefined, undefined, undefined, undefined, {
        chunk,
      });
    }
  }

  /** Plays the script again from the start (benchmarks reuse one model across runs). */
  rewind(): void {
    this.next = 0;
    this.requests.length = 0;
  }

  /** Throws when scripted replies were left unused. */
  assertDone(): void {
    if (this.next < this.replies.length)
      throw new Error(`ScriptedChatModel: ${this.replies.length - this.next} scripted reply(ies) never used`);
  }

  private take(messages: BaseMessage[]): ScriptedReply {
    const index = this.next++;
    this.requests.push(messages);
    const reply = this.replies[index];
    if (!reply)
      throw new Error(
        `ScriptedChatModel: unexpected call #${index + 1} (only ${this.replies.length} scripted)`,
      );
    return reply;
  }
}
