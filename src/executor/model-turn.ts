/**
 * One model call inside a step: the request in the adapter's form (text mode) or with native
 * tools, the stream parsed as it arrives, the parser's events forwarded as agent events.
 */
import type { ModelAdapter } from "../../adapters/model-adapter.ts";
import type { ChatMessage } from "../messages.ts";
import { type ChatModel, estimateTokens, type ModelMessage, type Usage } from "../model.ts";
import type { ParseProblem, ParserEvent, ToolCall, ToolSpec } from "../parser/types.ts";
import type { AgentEvent } from "./agent-events.ts";

export type ToolMode = "text" | "native" | "auto";

export interface TurnRequest {
  readonly step: number;
  readonly model: ChatModel;
  readonly adapter: ModelAdapter;
  readonly toolMode: ToolMode;
  readonly history: readonly ChatMessage[];
  /** Repair exchanges of this step, appended after the history. */
  readonly scratch: readonly ChatMessage[];
  readonly tools: readonly ToolSpec[];
  readonly signal: AbortSignal;
}

export interface TurnOutput {
  readonly rawOutput: string;
  readonly content: string;
  readonly reasoning: string;
  readonly calls: readonly ToolCall[];
  readonly problems: readonly ParseProblem[];
  readonly usage: Usage;
}

export async function* runModelTurn(request: TurnRequest): AsyncGenerator<AgentEvent, TurnOutput> {
  const { step, adapter, toolMode, tools } = request;
  const conversation = [...request.history, ...request.scratch];
  const messages: readonly ModelMessage[] =
    toolMode === "text" ? adapter.formatMessages(conversation, tools) : conversation;
  // Ids unique across the run (`call_<step>_<n>`), so histories never repeat a call id.
  const parser = adapter.createStreamParser(tools, { idPrefix: `call_${step}_` });
  let rawOutput = "";
  let serverReasoning = "";
  const nativeCalls: ToolCall[] = [];
  let usage: Usage | undefined;
  const stream = request.model.stream({
    messages,
    ...(toolMode === "text" || tools.length === 0 ? {} : { tools }),
    signal: request.signal,
  });
  try {
    for await (const event of stream) {
      if (event.type === "text-delta") {
        rawOutput += event.text;
        yield* forward(parser.feed(event.text), step);
      } else if (event.type === "reasoning-delta") {
        serverReasoning += event.text;
        yield { type: "reasoning-delta", step, text: event.text };
      } else if (event.type === "tool-call") {
        nativeCalls.push(event.call);
        yield { type: "tool-call-start", step, id: event.call.id, name: event.call.name };
        yield {
          type: "tool-call-delta",
          step,
          id: event.call.id,
          argumentsDelta: JSON.stringify(event.call.arguments),
        };
        yield { type: "tool-call-end", step, call: event.call };
      } else {
        usage = event.usage;
      }
    }
  } catch (error) {
    // Keep what the model wrote before the failure: a fallback record shows it.
    throw new TurnFailure(error, rawOutput);
  }

  const { events, result } = parser.end();
  yield* forward(events, step);
  const calls = nativeCalls.length > 0 ? [...nativeCalls, ...result.toolCalls] : result.toolCalls;
  return {
    rawOutput,
    content: result.content,
    reasoning: serverReasoning + result.reasoning,
    calls: dedupeIds(calls),
    problems: result.problems,
    usage: usage ?? estimateUsage(messages, rawOutput),
  };
}

/** Parser events as agent events (problems are reported in the step record instead). */
function* forward(events: readonly ParserEvent[], step: number): Generator<AgentEvent> {
  for (const event of events) {
    if (event.type !== "problem") yield { ...event, step };
  }
}

function estimateUsage(messages: readonly ModelMessage[], output: string): Usage {
  const input = messages.reduce((sum, message) => sum + estimateTokens(message.content), 0);
  return { inputTokens: input, outputTokens: estimateTokens(output), estimated: true };
}

/** Native and parsed calls may reuse ids (call_0 ...): make them unique within the turn. */
function dedupeIds(calls: readonly ToolCall[]): ToolCall[] {
  const seen = new Set<string>();
  return calls.map((call, index) => {
    if (!seen.has(call.id)) {
      seen.add(call.id);
      return call;
    }
    const id = `${call.id}_${index}`;
    seen.add(id);
    return { ...call, id };
  });
}

/** A model call that failed mid-way, with the raw output streamed before the failure. */
export class TurnFailure extends Error {
  constructor(
    override readonly cause: unknown,
    readonly partialOutput: string,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "TurnFailure";
  }
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    estimated: a.estimated || b.estimated,
  };
}

export const NO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, estimated: false };
