/**
 * Text tool calling for any LangChain chat model: `withTextToolCalling(model, { adapter })`
 * wraps a chat model whose server exposes no native tools API (or a broken one) in a chat model
 * that supports `bindTools`. Requests carry the tools in the system prompt in the family's trained
 * form and earlier calls and results as the family's text (adapter.formatMessages); replies are
 * parsed with the family's parser into AIMessage.tool_calls (broken calls into
 * invalid_tool_calls), with the call markup removed from the text. Streaming yields text deltas
 * and one tool_call_chunk per finished call (arguments whole, as JSON); raw markup never reaches
 * a chunk, and the wrapped model runs without the caller's callbacks so its raw tokens do not
 * reach LangGraph's "messages" stream or streamEvents either.
 *
 * Limits: the tools never go to the wrapped model's native tools API, so native calls in its
 * reply are ignored; `tool_choice` "none" leaves the tools out of the prompt, other choices cannot
 * be forced through text; only the text of multimodal content is sent.
 */
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BindToolsInput,
} from "@langchain/core/language_models/chat_models";
import {
  AIMessage,
  AIMessageChunk,
  type BaseMessage,
  type InvalidToolCall,
  type ToolCallChunk,
  type UsageMetadata,
} from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import type { Runnable } from "@langchain/core/runnables";
import type { ModelAdapter } from "../../../adapters/model-adapter.ts";
import { listAdapters } from "../../../adapters/registry.ts";
import { ToolUseError } from "../../errors.ts";
import type { ChatMessage } from "../../messages.ts";
import type { FormatId, ParseProblem, ParserEvent, ToolSpec } from "../../parser/types.ts";
import { fromLangChainMessages, toLangChainMessages } from "./convert-messages.ts";
import { toToolSpecs } from "./to-tool-specs.ts";

export interface TextToolCallingCallOptions extends BaseChatModelCallOptions {
  /** Tools in any form bindTools accepts (set by bindTools). */
  tools?: readonly BindToolsInput[];
}

export type TextToolCallingOptions = { readonly adapter: ModelAdapter } | { readonly format: FormatId };

/** Parser problems that mean a call was written but could not be read: they become invalid_tool_calls. */
const BROKEN_CALL = new Set<ParseProblem["code"]>(["malformed-call", "truncated-call", "invalid-arguments"]);

/**
 * The wrapped model runs without the caller's callbacks: its output is raw call markup, which
 * LangGraph's "messages" stream and streamEvents would otherwise pass on as tokens. The tags keep
 * it out of those streams should a handler still reach it (a global tracer).
 */
const INNER_TAGS = ["nostream", "langsmith:nostream"];

/** Response metadata keys of the wrapped model that would misdescribe our message. */
const DROPPED_METADATA = new Set(["model_provider", "output_version", "tool_calls"]);

/** What one streamed chunk carries. */
interface ChunkPart {
  readonly text?: string;
  readonly reasoning?: string;
  readonly toolCallChunk?: ToolCallChunk;
  readonly usage?: UsageMetadata;
  readonly metadata?: Record<string, unknown>;
}

export class TextToolCallingChatModel extends BaseChatModel<TextToolCallingCallOptions> {
  readonly inner: BaseChatModel;
  readonly adapter: ModelAdapter;

  static override lc_name(): string {
    return "TextToolCallingChatModel";
  }

  constructor(inner: BaseChatModel, adapter: ModelAdapter) {
    super({});
    this.inner = inner;
    this.adapter = adapter;
  }

  /** Called by BaseChatModel's constructor, before `inner` is set: a constant. */
  _llmType(): string {
    return "text-tool-calling";
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<TextToolCallingCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, TextToolCallingCallOptions> {
    // Convert now, so a bad tool fails at bindTools() rather than at the first call.
    toToolSpecs(tools);
    return this.withConfig({ ...kwargs, tools });
  }

  async _generate(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    _runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const { request, tools } = this.prepare(messages, options);
    const reply = await this.inner.invoke(request, this.innerOptions(options));
    const result = this.adapter.parse(reply.text, tools);
    const reasoning = joinReasoning(innerReasoning(reply), result.reasoning);
    const message = new AIMessage({
      content: result.content,
      tool_calls: result.toolCalls.map((call) => ({
        type: "tool_call" as const,
        id: call.id,
        name: call.name,
        args: call.arguments,
      })),
      invalid_tool_calls: result.problems
        .filter((problem) => BROKEN_CALL.has(problem.code))
        .map(toInvalidCall),
      additional_kwargs: reasoning ? { reasoning_content: reasoning } : {},
      // No id from the wrapped reply: servers such as llama.cpp reuse one id, and LangGraph's
      // message reducer would then replace the previous turn.
      response_metadata: keptMetadata(reply.response_metadata),
      ...(reply.usage_metadata ? { usage_metadata: reply.usage_metadata } : {}),
    });
    return { generations: [{ text: result.content, message }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const { request, tools } = this.prepare(messages, options);
    const parser = this.adapter.createStreamParser(tools);
    const state = { callIndex: 0 };
    let usage: UsageMetadata | undefined;
    let metadata: Record<string, unknown> = {};
    const stream = await this.inner.stream(request, this.innerOptions(options));
    for await (const chunk of stream) {
      const reasoning = innerReasoning(chunk);
      if (reasoning) yield* this.emit({ reasoning }, runManager);
      if (chunk.usage_metadata) usage = chunk.usage_metadata;
      metadata = { ...metadata, ...keptMetadata(chunk.response_metadata) };
      const text = chunk.text;
      if (text.length > 0) yield* this.emitEvents(parser.feed(text), state, runManager);
    }
    const { events } = parser.end();
    yield* this.emitEvents(events, state, runManager);
    yield* this.emit({ metadata, ...(usage ? { usage } : {}) }, runManager);
  }

  /** The request as text messages, and the tools the reply is parsed against. */
  private prepare(
    messages: readonly BaseMessage[],
    options: this["ParsedCallOptions"],
  ): { request: BaseMessage[]; tools: ToolSpec[] } {
    const tools = options.tool_choice === "none" ? [] : toToolSpecs(options.tools ?? []);
    const history: ChatMessage[] = fromLangChainMessages(messages);
    const text = this.adapter.formatMessages(history, tools);
    return { request: toLangChainMessages(text, history), tools };
  }

  private innerOptions(options: this["ParsedCallOptions"]) {
    return {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.stop ? { stop: options.stop } : {}),
      callbacks: [],
      tags: INNER_TAGS,
    };
  }

  private async *emitEvents(
    events: readonly ParserEvent[],
    state: { callIndex: number },
    runManager: CallbackManagerForLLMRun | undefined,
  ): AsyncGenerator<ChatGenerationChunk> {
    for (const event of events) {
      switch (event.type) {
        case "text-delta":
          yield* this.emit({ text: event.text }, runManager);
          break;
        case "reasoning-delta":
          yield* this.emit({ reasoning: event.text }, runManager);
          break;
        case "tool-call-end":
          yield* this.emit(
            {
              toolCallChunk: {
                type: "tool_call_chunk",
                id: event.call.id,
                name: event.call.name,
                args: JSON.stringify(event.call.arguments),
                index: state.callIndex++,
              },
            },
            runManager,
          );
          break;
        case "problem":
          // No id: LangChain collapses an id-less chunk into invalid_tool_calls.
          if (BROKEN_CALL.has(event.problem.code)) {
            yield* this.emit(
              {
                toolCallChunk: {
                  type: "tool_call_chunk",
                  ...(event.problem.toolName ? { name: event.problem.toolName } : {}),
                  args: event.problem.raw.length > 0 ? event.problem.raw : event.problem.message,
                  index: state.callIndex++,
                },
              },
              runManager,
            );
          }
          break;
        default:
          // tool-call-start/-delta: the call is emitted whole at its end. retract: text already
          // sent cannot be taken back; adapters open reasoning in the parser so it does not occur.
          break;
      }
    }
  }

  private async *emit(
    part: ChunkPart,
    runManager: CallbackManagerForLLMRun | undefined,
  ): AsyncGenerator<ChatGenerationChunk> {
    const text = part.text ?? "";
    const chunk = new ChatGenerationChunk({
      text,
      message: new AIMessageChunk({
        content: text,
        ...(part.reasoning ? { additional_kwargs: { reasoning_content: part.reasoning } } : {}),
        ...(part.toolCallChunk ? { tool_call_chunks: [part.toolCallChunk] } : {}),
        ...(part.usage ? { usage_metadata: part.usage } : {}),
        ...(part.metadata ? { response_metadata: part.metadata } : {}),
      }),
    });
    yield chunk;
    await runManager?.handleLLMNewToken(text, undefined, undefined, undefined, undefined, { chunk });
  }
}

/** Wraps a LangChain chat model so it calls tools through text, in the adapter's (or format's) form. */
export function withTextToolCalling(
  chatModel: BaseChatModel,
  options: TextToolCallingOptions,
): TextToolCallingChatModel {
  if ("adapter" in options) return new TextToolCallingChatModel(chatModel, options.adapter);
  const adapter = listAdapters().find((candidate) => candidate.format === options.format);
  if (!adapter) {
    const formats = [...new Set(listAdapters().map((candidate) => candidate.format))].join(", ");
    throw new ToolUseError(
      "unknown-format",
      `no adapter writes format ${JSON.stringify(options.format)}; formats with an adapter: ${formats}. Pass { adapter } instead`,
    );
  }
  return new TextToolCallingChatModel(chatModel, adapter);
}

function toInvalidCall(problem: ParseProblem): InvalidToolCall {
  return {
    type: "invalid_tool_call",
    args: problem.raw,
    error: problem.message,
    ...(problem.toolName ? { name: problem.toolName } : {}),
  };
}

/** Reasoning the server already separated (Ollama's thinking, vLLM's reasoning_content). */
function innerReasoning(message: BaseMessage): string {
  const reasoning = message.additional_kwargs.reasoning_content;
  return typeof reasoning === "string" ? reasoning : "";
}

function joinReasoning(server: string, parsed: string): string {
  return server && parsed ? `${server}\n${parsed}` : server || parsed;
}

function keptMetadata(metadata: Record<string, unknown> | undefined): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(metadata ?? {}))
    if (!DROPPED_METADATA.has(key)) kept[key] = value;
  return kept;
}
