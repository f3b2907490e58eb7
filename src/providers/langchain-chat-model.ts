/**
 * A LangChain chat model (ChatOllama, ChatOpenAI) behind our ChatModel interface, with the
 * request policy tooluse owns rather than the client libraries (provider-request.ts): retries
 * with backoff only before the first event is yielded (a stream torn after that is a provider
 * error the executor turns into a fallback), none for 401/403, and an idle timeout for the
 * response to start and between chunks.
 *
 * Every attempt builds the LangChain model around the attempt's tracing fetch, so failures are
 * classified the same way for every client.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessageChunk } from "@langchain/core/messages";
import { ToolUseError } from "../errors.ts";
import type { ChatModel, ModelRequest, ModelStreamEvent } from "../model.ts";
import { ChunkEventReader } from "./chunk-events.ts";
import { toFunctionTools, toLangChainMessages } from "./langchain-messages.ts";
import type { ProviderSettings } from "./provider-config.ts";
import { type Attempt, type Fetch, modelRequestOptions, streamProviderRequest } from "./provider-request.ts";
import type { RetryPolicy } from "./retry-policy.ts";

export interface LangChainChatModelOptions {
  readonly provider: string;
  readonly model: string;
  /** A provider that needs a key and has none fails with missing-api-key on use, not here. */
  readonly settings: ProviderSettings;
  /** Builds the LangChain model for one attempt around the given fetch. */
  readonly create: (fetch: Fetch) => BaseChatModel;
  /** Backoff tuning and injectable randomness and sleep (maxRetries comes from the settings). */
  readonly retry?: Omit<RetryPolicy, "maxRetries">;
  /** The fetch under the tracing wrapper (default globalThis.fetch). */
  readonly fetch?: Fetch;
  /** False when the client invents random call ids (ChatOllama): calls are numbered instead. */
  readonly keepCallIds?: boolean;
}

export class LangChainChatModel implements ChatModel {
  readonly provider: string;
  readonly model: string;

  constructor(private readonly options: LangChainChatModelOptions) {
    this.provider = options.provider;
    this.model = options.model;
  }

  async *stream(request: ModelRequest): AsyncIterable<ModelStreamEvent> {
    const { settings, retry, fetch } = this.options;
    yield* streamProviderRequest(
      modelRequestOptions(settings, this.model, { retry, fetch, signal: request.signal }),
      (attempt) => this.attempt(request, attempt),
    );
  }

  private async *attempt(request: ModelRequest, attempt: Attempt): AsyncGenerator<ModelStreamEvent> {
    const chatModel = this.options.create(attempt.fetch);
    let runnable: Pick<BaseChatModel, "stream"> = chatModel;
    if (request.tools && request.tools.length > 0) {
      if (!chatModel.bindTools)
        throw new ToolUseError("invalid-input", `${this.provider} has no native tools API`);
      runnable = chatModel.bindTools(toFunctionTools(request.tools)) as Pick<BaseChatModel, "stream">;
    }
    const stream = await attempt.wait(runnable.stream(toLangChainMessages(request.messages)));
    const iterator: AsyncIterator<BaseMessageChunk> = stream[Symbol.asyncIterator]();
    const reader = new ChunkEventReader(this.options.keepCallIds ?? true);
    try {
      for (;;) {
        const next = await attempt.wait(iterator.next());
        if (next.done) break;
        yield* reader.read(next.value);
      }
    } finally {
      attempt.close();
      try {
        iterator.return?.()?.catch(() => undefined);
      } catch {
        // the stream is already closed
      }
    }
    yield* reader.finish();
  }
}
