/**
 * The executor loop: model call -> parse -> validate -> run tools -> results back, step after
 * step, repairing bad calls by telling the model what was wrong and falling back to another
 * model (never silently) when a step still has no valid call.
 */
import type { ModelAdapter } from "../../adapters/model-adapter.ts";
import { ToolUseError } from "../errors.ts";
import type { ChatMessage } from "../messages.ts";
import type { ChatModel, Usage } from "../model.ts";
import { ToolIndex } from "../parser/tool-index.ts";
import type { ParseProblem, ToolCall, ToolSpec } from "../parser/types.ts";
import { fillPrompt, loadPrompt } from "../prompts.ts";
import type { Tool } from "../tools/define-tool.ts";
import { toToolSpec } from "../tools/define-tool.ts";
import { type AnyTool, toTools } from "../tools/to-tool.ts";
import type { AgentEvent, AgentResult, FallbackRecord, StepRecord, ToolCallRecord } from "./agent-events.ts";
import {
  addUsage,
  NO_USAGE,
  runModelTurn,
  type ToolMode,
  TurnFailure,
  type TurnOutput,
} from "./model-turn.ts";
import type { StopCondition } from "./stop-conditions.ts";
import { type CallCheck, checkCall, runCall } from "./tool-runner.ts";

export interface FallbackOptions {
  /** The model that re-runs a failed step (typically OpenAI through the native tools API). */
  readonly model: ChatModel;
  /** How the fallback model gets tools (default "native"). */
  readonly toolMode?: ToolMode;
  /** Adapter for the fallback in text mode (default: the tool_use protocol adapter). */
  readonly adapter?: ModelAdapter;
  /** After a fallback step, go back to the primary model (default true). */
  readonly returnToPrimary?: boolean;
}

export interface AgentOptions {
  readonly model: ChatModel;
  /** How the model's prompts are formatted and its outputs parsed. */
  readonly adapter: ModelAdapter;
  /** "text" (adapter prompt + parser, the default), "native" (server tools API) or "auto" (both). */
  readonly toolMode?: ToolMode;
  readonly tools?: readonly AnyTool[];
  /** The system prompt. */
  readonly instructions?: string;
  /** The user's request, or a whole conversation to continue. */
  readonly input: string | readonly ChatMessage[];
  /** Most model steps (default 10). */
  readonly maxSteps?: number;
  /** Repair attempts per step for malformed calls, unknown tools and invalid arguments (default 2). */
  readonly maxRepairs?: number;
  /** Default per-call timeout in milliseconds (default 30 s; a tool's own timeoutMs wins). */
  readonly toolTimeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly fallback?: FallbackOptions;
  /** Extra stop conditions, checked after every step. */
  readonly stopWhen?: readonly StopCondition[];
  /** The clock for durations (injectable for tests). */
  readonly now?: () => number;
}

/** Runs the agent to the end and returns the result. */
export async function runAgent(options: AgentOptions): Promise<AgentResult> {
  let result: AgentResult | undefined;
  for await (const event of streamAgent(options)) {
    if (event.type === "end") result = event.result;
  }
  if (!result) throw new Error("streamAgent ended without a result");
  return result;
}

/** Runs the agent, yielding typed events as they happen; the last event is `end`. */
export async function* streamAgent(options: AgentOptions): AsyncGenerator<AgentEvent, AgentResult> {
  const run = new AgentRun(options);
  return yield* run.execute();
}

class AgentRun {
  private readonly tools: Map<string, Tool>;
  private readonly toolSpecs: ToolSpec[];
  private readonly toolIndex: ToolIndex;
  private readonly history: ChatMessage[];
  private readonly signal: AbortSignal;
  private readonly steps: StepRecord[] = [];
  private readonly fallbacks: FallbackRecord[] = [];
  private readonly records: ToolCallRecord[] = [];
  private usage: Usage = NO_USAGE;
  private repairs = 0;
  private onFallback = false;

  constructor(private readonly options: AgentOptions) {
    const maxSteps = options.maxSteps ?? 10;
    if (!Number.isInteger(maxSteps) || maxSteps < 1)
      throw new ToolUseError("invalid-input", `maxSteps must be a positive integer, got ${maxSteps}`);
    this.tools = toTools(options.tools ?? []);
    this.toolSpecs = [...this.tools.values()].map(toToolSpec);
    this.toolIndex = new ToolIndex(this.toolSpecs);
    this.history = initialHistory(options);
    this.signal = options.signal ?? new AbortController().signal;
  }

  async *execute(): AsyncGenerator<AgentEvent, AgentResult> {
    const maxSteps = this.options.maxSteps ?? 10;
    for (let step = 1; step <= maxSteps; step++) {
      this.checkAborted();
      yield { type: "step-start", step };
      const record = yield* this.runStep(step);
      this.steps.push(record);
      yield { type: "step-end", step, record };
      if (record.toolCalls.length === 0) {
        const reason = record.problems.some(isCallProblem) ? "failed-calls" : "final-answer";
        return yield* this.finish(record.text, reason);
      }
      if (this.options.stopWhen?.some((condition) => condition({ steps: this.steps }))) {
        return yield* this.finish(record.text, "stop-condition");
      }
    }
    return yield* this.finish(this.steps.at(-1)?.text ?? "", "max-steps");
  }

  private async *finish(
    text: string,
    finishReason: AgentResult["finishReason"],
  ): AsyncGenerator<AgentEvent, AgentResult> {
    const result: AgentResult = {
      text: text.trim(),
      finishReason,
      steps: this.steps,
      toolCalls: this.records,
      fallbacks: this.fallbacks,
      repairs: this.repairs,
      usage: this.usage,
    };
    yield { type: "end", result };
    return result;
  }

  private checkAborted(): void {
    if (this.signal.aborted)
      throw new ToolUseError("aborted", "the run was aborted", { cause: this.signal.reason });
  }

  /** One step: the primary model with repairs, then the fallback if the calls are still bad. */
  private async *runStep(step: number): AsyncGenerator<AgentEvent, StepRecord> {
    const maxRepairs = this.options.maxRepairs ?? 2;
    const scratch: ChatMessage[] = [];
    let announcedAsked = false;
    let stepUsage = NO_USAGE;
    let attempt = 0;
    let turn: TurnOutput | undefined;
    let checks: CallCheck[] = [];
    let providerError: unknown;
    let partialOutput = "";
    const useFallbackNow = this.onFallback && this.options.fallback?.returnToPrimary === false;
    if (!useFallbackNow) {
      for (;;) {
        try {
          turn = yield* runModelTurn({
            step,
            model: this.options.model,
            adapter: this.options.adapter,
            toolMode: this.options.toolMode ?? "text",
            history: this.history,
            scratch,
            tools: this.toolSpecs,
            signal: this.signal,
          });
        } catch (error) {
          this.checkAborted();
          providerError = error instanceof TurnFailure ? error.cause : error;
          partialOutput = error instanceof TurnFailure ? error.partialOutput : "";
          turn = undefined;
          break;
        }
        stepUsage = addUsage(stepUsage, turn.usage);
        checks = turn.calls.map((call) =>
          checkCall(call, this.tools, (name) => this.toolIndex.closest(name)),
        );
        const reasons = repairReasons(turn.problems, checks);
        if (reasons.length > 0 && attempt < maxRepairs) {
          attempt++;
          this.repairs++;
          yield { type: "repair", step, attempt, reasons, rawOutput: turn.rawOutput };
          scratch.push(
            { role: "assistant", content: turn.rawOutput },
            {
              role: "user",
              content: fillPrompt(loadPrompt("repair/calls.md"), {
                problems: reasons.map((reason) => `- ${reason}`).join("\n"),
                tools: [...this.tools.keys()].join(", "),
              }),
            },
          );
          continue;
        }
        const announced =
          reasons.length === 0 && turn.calls.length === 0
            ? announcedTool(turn.content, [...this.tools.keys()])
            : undefined;
        if (announced && !announcedAsked) {
          announcedAsked = true;
          this.repairs++;
          yield {
            type: "repair",
            step,
            attempt: attempt + 1,
            reasons: [`announced ${announced} but wrote no call`],
            rawOutput: turn.rawOutput,
          };
          scratch.push(
            { role: "assistant", content: turn.rawOutput },
            { role: "user", content: fillPrompt(loadPrompt("repair/announced.md"), { tool: announced }) },
          );
          continue;
        }
        break;
      }
    }
    const valid = checks.filter((check): check is Extract<CallCheck, { ok: true }> => check.ok);
    const stillBroken = turn !== undefined && repairReasons(turn.problems, checks).length > 0;
    const needFallback = useFallbackNow || providerError !== undefined || (stillBroken && valid.length === 0);
    if (needFallback && this.options.fallback) {
      return yield* this.fallbackStep(step, turn, providerError, attempt, stepUsage, partialOutput);
    }
    if (providerError !== undefined) {
      // Keep the provider's own code (provider-unreachable, provider-auth, ...) when it has one.
      throw new ToolUseError(
        ToolUseError.is(providerError) ? providerError.code : "provider-error",
        `the model ${this.options.model.provider}:${this.options.model.model} failed and no fallback is configured: ${errorMessage(providerError)}`,
        { cause: providerError },
      );
    }
    if (!turn) throw new Error("unreachable: no turn and no provider error");
    this.usage = addUsage(this.usage, stepUsage);
    return yield* this.completeStep(step, "primary", turn, checks, attempt, stepUsage);
  }

  private async *fallbackStep(
    step: number,
    failed: TurnOutput | undefined,
    providerError: unknown,
    repairs: number,
    usageSoFar: Usage,
    partialOutput: string,
  ): AsyncGenerator<AgentEvent, StepRecord> {
    const fallback = this.options.fallback!;
    const reason =
      providerError !== undefined
        ? `the primary model failed: ${errorMessage(providerError)}`
        : this.onFallback && fallback.returnToPrimary === false
          ? "staying on the fallback model (returnToPrimary: false)"
          : `no valid tool call after ${repairs} repair attempt(s): ${
              failed
                ? repairReasons(failed.problems, [])
                    .concat(failed.calls.map((call) => call.name))
                    .join("; ")
                : ""
            }`;
    const record: FallbackRecord = {
      step,
      from: `${this.options.model.provider}:${this.options.model.model}`,
      to: `${fallback.model.provider}:${fallback.model.model}`,
      reason,
      rawOutput: failed?.rawOutput ?? partialOutput,
    };
    this.fallbacks.push(record);
    this.onFallback = true;
    yield { type: "fallback", step, record };
    let turn: TurnOutput;
    try {
      turn = yield* runModelTurn({
        step,
        model: fallback.model,
        adapter: fallback.adapter ?? this.options.adapter,
        toolMode: fallback.toolMode ?? "native",
        history: this.history,
        scratch: [],
        tools: this.toolSpecs,
        signal: this.signal,
      });
    } catch (failure) {
      this.checkAborted();
      const error = failure instanceof TurnFailure ? failure.cause : failure;
      throw new ToolUseError(
        "fallback-failed",
        `the fallback model ${record.to} failed too: ${errorMessage(error)}`,
        { cause: error },
      );
    }
    const usage = addUsage(usageSoFar, turn.usage);
    this.usage = addUsage(this.usage, usage);
    const checks = turn.calls.map((call) =>
      checkCall(call, this.tools, (name) => this.toolIndex.closest(name)),
    );
    return yield* this.completeStep(step, "fallback", turn, checks, repairs, usage);
  }

  /** Runs the step's calls (valid ones in parallel; invalid ones answered with their error) and records the step. */
  private async *completeStep(
    step: number,
    model: "primary" | "fallback",
    turn: TurnOutput,
    checks: readonly CallCheck[],
    repairs: number,
    usage: Usage,
  ): AsyncGenerator<AgentEvent, StepRecord> {
    const now = this.options.now ?? Date.now;
    const timeoutMs = this.options.toolTimeoutMs ?? 30_000;
    const outcomes = await Promise.all(
      checks.map(async (check): Promise<ToolCallRecord> => {
        if (!check.ok)
          return {
            step,
            call: check.call,
            ok: false,
            output: `Error: ${check.message}`,
            errorKind: check.kind,
            durationMs: 0,
          };
        const outcome = await runCall(check, { timeoutMs, signal: this.signal, now });
        return outcome.ok
          ? {
              step,
              call: outcome.call,
              ok: true,
              output: outcome.text,
              result: outcome.result,
              durationMs: outcome.durationMs,
            }
          : {
              step,
              call: outcome.call,
              ok: false,
              output: `Error: ${outcome.error}`,
              errorKind: outcome.kind,
              durationMs: outcome.durationMs,
            };
      }),
    );
    // Yield what the calls did before a pending abort ends the run: a finished call's effects are real.
    for (const record of outcomes) {
      this.records.push(record);
      yield record.ok ? { type: "tool-result", step, record } : { type: "tool-error", step, record };
    }
    this.checkAborted();
    const calls: ToolCall[] = outcomes.map((record) => record.call);
    this.history.push({
      role: "assistant",
      content: turn.content.trim(),
      ...(calls.length > 0 ? { toolCalls: calls } : {}),
      ...(turn.reasoning ? { reasoning: turn.reasoning } : {}),
    });
    for (const record of outcomes)
      this.history.push({
        role: "tool",
        toolCallId: record.call.id,
        name: record.call.name,
        content: record.output,
      });
    return {
      step,
      model,
      text: turn.content.trim(),
      reasoning: turn.reasoning,
      rawOutput: turn.rawOutput,
      toolCalls: outcomes,
      repairs,
      problems: turn.problems,
      usage,
    };
  }
}

function initialHistory(options: AgentOptions): ChatMessage[] {
  const history: ChatMessage[] = [];
  if (options.instructions) history.push({ role: "system", content: options.instructions });
  if (typeof options.input === "string") {
    if (options.input.trim().length === 0) throw new ToolUseError("invalid-input", "the input is empty");
    history.push({ role: "user", content: options.input });
  } else {
    if (options.input.length === 0)
      throw new ToolUseError("invalid-input", "the input conversation is empty");
    history.push(...options.input);
  }
  return history;
}

const CALL_PROBLEMS = new Set(["malformed-call", "truncated-call", "invalid-arguments"]);

function isCallProblem(problem: ParseProblem): boolean {
  return CALL_PROBLEMS.has(problem.code);
}

/** What to tell the model: malformed blocks, unknown tools (with suggestions), invalid arguments. */
function repairReasons(problems: readonly ParseProblem[], checks: readonly CallCheck[]): string[] {
  const reasons = problems
    .filter(isCallProblem)
    .map((problem) => `${problem.message}: ${truncate(problem.raw, 200)}`);
  for (const check of checks) if (!check.ok) reasons.push(check.message);
  return reasons;
}

/** "I'll call get_weather ..." with no call: the tool the text announced, if any. */
export function announcedTool(text: string, toolNames: readonly string[]): string | undefined {
  const intent = /\b(?:I(?:'ll| will| am going to|'m going to)|let me|I need to|I should)\b[^.\n]{0,80}/gi;
  for (const match of text.matchAll(intent)) {
    const phrase = match[0];
    const name = toolNames.find((tool) => phrase.includes(tool));
    if (name && /\b(?:call|use|run|invoke|check|query)\b/i.test(phrase)) return name;
  }
  return undefined;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
