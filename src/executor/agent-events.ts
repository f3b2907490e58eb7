/**
 * What a run produces: the typed events streamAgent yields, and the result runAgent returns.
 */

import type { Usage } from "../model.ts";
import type { ParseProblem, ToolCall } from "../parser/types.ts";

export type FinishReason =
  /** The model answered without calling a tool. */
  | "final-answer"
  /** maxSteps steps ran and the model still wanted tools. */
  | "max-steps"
  /** A stop condition matched. */
  | "stop-condition"
  /** The calls could not be repaired and no fallback was configured: see the last step's problems. */
  | "failed-calls";

export interface ToolCallRecord {
  readonly step: number;
  readonly call: ToolCall;
  readonly ok: boolean;
  /** The result as the model read it, or the error text. */
  readonly output: string;
  readonly result?: unknown;
  readonly errorKind?: "unknown-tool" | "invalid-arguments" | "tool-error" | "timeout" | "aborted";
  readonly durationMs: number;
}

export interface FallbackRecord {
  readonly step: number;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  /** The primary model's raw output that failed (empty when the provider failed). */
  readonly rawOutput: string;
}

export interface StepRecord {
  readonly step: number;
  /** Which model produced the step's calls or answer: "primary" or "fallback". */
  readonly model: "primary" | "fallback";
  readonly text: string;
  readonly reasoning: string;
  readonly rawOutput: string;
  readonly toolCalls: readonly ToolCallRecord[];
  readonly repairs: number;
  readonly problems: readonly ParseProblem[];
  readonly usage: Usage;
}

export interface AgentResult {
  /** The final answer (content of the last step). */
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly steps: readonly StepRecord[];
  readonly toolCalls: readonly ToolCallRecord[];
  readonly fallbacks: readonly FallbackRecord[];
  readonly repairs: number;
  readonly usage: Usage;
}

export type AgentEvent =
  | { readonly type: "step-start"; readonly step: number }
  | { readonly type: "text-delta"; readonly step: number; readonly text: string }
  | { readonly type: "reasoning-delta"; readonly step: number; readonly text: string }
  | {
      readonly type: "retract";
      readonly step: number;
      readonly text: string;
      readonly callIds: readonly string[];
    }
  | { readonly type: "tool-call-start"; readonly step: number; readonly id: string; readonly name: string }
  | {
      readonly type: "tool-call-delta";
      readonly step: number;
      readonly id: string;
      readonly argumentsDelta: string;
    }
  | { readonly type: "tool-call-end"; readonly step: number; readonly call: ToolCall }
  | { readonly type: "tool-result"; readonly step: number; readonly record: ToolCallRecord }
  | { readonly type: "tool-error"; readonly step: number; readonly record: ToolCallRecord }
  | {
      readonly type: "repair";
      readonly step: number;
      readonly attempt: number;
      readonly reasons: readonly string[];
      readonly rawOutput: string;
    }
  | { readonly type: "fallback"; readonly step: number; readonly record: FallbackRecord }
  | { readonly type: "step-end"; readonly step: number; readonly record: StepRecord }
  | { readonly type: "end"; readonly result: AgentResult };
