/**
 * Stop conditions: small predicates over the steps so far, checked after each step.
 */
import type { StepRecord } from "./agent-events.ts";

export type StopCondition = (state: { readonly steps: readonly StepRecord[] }) => boolean;

/** Stop after `count` steps. */
export const stepCountIs =
  (count: number): StopCondition =>
  ({ steps }) =>
    steps.length >= count;

/** Stop once a step called the named tool (successfully). */
export const hasToolCall =
  (name: string): StopCondition =>
  ({ steps }) =>
    steps.some((step) => step.toolCalls.some((record) => record.call.name === name && record.ok));
