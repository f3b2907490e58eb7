/**
 * A scripted model for tests: plays back one scripted response per call, records the requests,
 * and fails loudly on an unexpected extra call or (with assertDone) on unused steps.
 */
import type { ChatModel, ModelRequest, ModelStreamEvent, Usage } from "../model.ts";
import type { ToolCall } from "../parser/types.ts";

export interface ScriptedStep {
  /** The raw text the model writes; streamed in `chunks` when given (they must join to `text`). */
  readonly text?: string;
  readonly chunks?: readonly string[];
  readonly reasoning?: string;
  /** Native tool calls, as a server's tools API would return them. */
  readonly toolCalls?: readonly ToolCall[];
  readonly usage?: Usage;
  /** Throw this instead of answering (a provider failure). */
  readonly error?: Error;
}

export class ScriptedModel implements ChatModel {
  readonly provider: string;
  readonly model: string;
  readonly requests: ModelRequest[] = [];
  private next = 0;

  constructor(
    private readonly steps: readonly ScriptedStep[],
    options: { provider?: string; model?: string } = {},
  ) {
    this.provider = options.provider ?? "scripted";
    this.model = options.model ?? "scripted-model";
    for (const [index, step] of steps.entries()) {
      if (step.chunks && step.text !== undefined && step.chunks.join("") !== step.text) {
        throw new Error(`ScriptedModel step ${index}: chunks do not join to text`);
      }
    }
  }

  get callCount(): number {
    return this.next;
  }

  async *stream(request: ModelRequest): AsyncIterable<ModelStreamEvent> {
    const index = this.next++;
    this.requests.push(request);
    const step = this.steps[index];
    if (!step)
      throw new Error(
        `ScriptedModel ${this.model}: unexpected call #${index + 1} (only ${this.steps.length} scripted)`,
      );
    if (step.error) throw step.error;
    if (step.reasoning) yield { type: "reasoning-delta", text: step.reasoning };
    for (const chunk of step.chunks ?? (step.text ? [step.text] : [])) {
      request.signal?.throwIfAborted();
      await Promise.resolve();
      yield { type: "text-delta", text: chunk };
    }
    for (const call of step.toolCalls ?? []) yield { type: "tool-call", call };
    if (step.usage) yield { type: "usage", usage: step.usage };
  }

  /** Throws when scripted steps were left unused. */
  assertDone(): void {
    if (this.next < this.steps.length) {
      throw new Error(
        `ScriptedModel ${this.model}: ${this.steps.length - this.next} scripted step(s) never used`,
      );
    }
  }
}
