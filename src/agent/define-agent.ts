/**
 * Agent scripts: a module whose default export is `defineAgent({...})`, run with
 * `tooluse run script.ts` or imported and run in code. The definition only describes the agent;
 * models are created (live, recorded or replayed) when it runs.
 */
import type { ModelAdapter } from "../../adapters/model-adapter.ts";
import { ToolUseError } from "../errors.ts";
import type { ToolMode } from "../executor/model-turn.ts";
import type { ChatModel } from "../model.ts";
import { parseModelSpec } from "../providers/model-spec.ts";
import type { AnyTool } from "../tools/to-tool.ts";

/** What an agent's tools may depend on when they are built for a run. */
export interface AgentContext {
  /**
   * The clock tools should use. Live: the real clock. Recording and replaying: fixed at the
   * recording's start, so a replay sends the model the same tool results as the recording did.
   */
  readonly now: () => Date;
  /** The run plays a cassette back instead of calling a model. */
  readonly replaying: boolean;
}

export type AgentTools = readonly AnyTool[] | ((context: AgentContext) => readonly AnyTool[]);

export interface AgentFallbackDefinition {
  /** `provider:model` spec or a ChatModel. */
  readonly model: string | ChatModel;
  readonly toolMode?: ToolMode;
  /** Adapter id or adapter, for the fallback in text mode. */
  readonly adapter?: string | ModelAdapter;
  readonly returnToPrimary?: boolean;
}

export interface AgentDefinition {
  /** `provider:model` spec (e.g. `ollama:qwen2.5-coder:7b`) or a ChatModel object. */
  readonly model: string | ChatModel;
  readonly tools?: AgentTools;
  /** The system prompt. */
  readonly instructions?: string;
  /** Adapter id (`qwen2.5`, `llama3.1`, ...) or adapter; default: the registry's for the model. */
  readonly adapter?: string | ModelAdapter;
  readonly toolMode?: ToolMode;
  readonly maxSteps?: number;
  readonly maxRepairs?: number;
  /** A model spec, ChatModel, or full fallback options. */
  readonly fallback?: string | ChatModel | AgentFallbackDefinition;
}

const AGENT = Symbol.for("tooluse.agent");

export type Agent = AgentDefinition & { readonly [AGENT]: true };

const TOOL_MODES: readonly ToolMode[] = ["text", "native", "auto"];

/** Checks and marks an agent definition; throws ToolUseError("invalid-input") naming what is wrong. */
export function defineAgent(definition: AgentDefinition): Agent {
  if (!definition || typeof definition !== "object")
    throw new ToolUseError("invalid-input", "defineAgent() takes an object: { model, tools, instructions }");
  checkModel(definition.model, "model");
  if (definition.toolMode !== undefined && !TOOL_MODES.includes(definition.toolMode))
    throw new ToolUseError(
      "invalid-input",
      `toolMode must be one of ${TOOL_MODES.join(", ")}, got ${JSON.stringify(definition.toolMode)}`,
    );
  if (
    definition.maxSteps !== undefined &&
    (!Number.isInteger(definition.maxSteps) || definition.maxSteps < 1)
  )
    throw new ToolUseError(
      "invalid-input",
      `maxSteps must be a positive integer, got ${definition.maxSteps}`,
    );
  if (
    definition.tools !== undefined &&
    !Array.isArray(definition.tools) &&
    typeof definition.tools !== "function"
  )
    throw new ToolUseError("invalid-input", "tools must be a list of tools or a function returning one");
  const fallback = definition.fallback;
  if (fallback !== undefined)
    checkModel(isFallbackDefinition(fallback) ? fallback.model : fallback, "fallback model");
  return Object.freeze({ ...definition, [AGENT]: true as const });
}

export function isAgent(value: unknown): value is Agent {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[AGENT] === true;
}

export function isChatModel(value: unknown): value is ChatModel {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.provider === "string" &&
    typeof record.model === "string" &&
    typeof record.stream === "function"
  );
}

export function isFallbackDefinition(
  value: string | ChatModel | AgentFallbackDefinition,
): value is AgentFallbackDefinition {
  return typeof value === "object" && !isChatModel(value);
}

function checkModel(model: unknown, what: string): void {
  if (typeof model === "string") {
    parseModelSpec(model);
    return;
  }
  if (!isChatModel(model))
    throw new ToolUseError(
      "invalid-input",
      `${what} must be a provider:model spec such as "ollama:qwen2.5-coder:7b" or a ChatModel`,
    );
}

/** The `provider:model` name of a spec or model. */
export function modelName(model: string | ChatModel): string {
  return typeof model === "string" ? model : `${model.provider}:${model.model}`;
}

/** The model id an adapter is resolved from (`qwen2.5-coder:7b` for `ollama:qwen2.5-coder:7b`). */
export function modelId(model: string | ChatModel): string {
  return typeof model === "string" ? parseModelSpec(model).model : model.model;
}
