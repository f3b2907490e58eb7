/**
 * Turns an agent definition into runAgent options for one of three ways of running: live,
 * recording to a cassette (live, every model call written), or replaying a cassette (offline).
 */
import type { ModelAdapter } from "../../adapters/model-adapter.ts";
import { getAdapter, resolveAdapter } from "../../adapters/registry.ts";
import { ToolUseError } from "../errors.ts";
import type { AgentOptions, FallbackOptions } from "../executor/run-agent.ts";
import type { ChatModel } from "../model.ts";
import type { Cassette } from "../recording/cassette.ts";
import { readCassette } from "../recording/cassette-file.ts";
import { CassetteRecorder } from "../recording/record-model.ts";
import { CassettePlayer } from "../recording/replay-model.ts";
import { toToolSpec } from "../tools/define-tool.ts";
import { toTools } from "../tools/to-tool.ts";
import { createChatModel } from "./create-chat-model.ts";
import {
  type Agent,
  type AgentContext,
  type AgentFallbackDefinition,
  isFallbackDefinition,
  modelId,
  modelName,
} from "./define-agent.ts";

export interface PrepareOptions {
  /** Record every model call to this cassette file. */
  readonly record?: string;
  /** Answer from this cassette file instead of a live model. */
  readonly replay?: string;
  /** Replayed requests must match the recorded ones (default true). */
  readonly strict?: boolean;
  /** The real clock (injectable for tests). */
  readonly now?: () => Date;
  /** Milliseconds for recorded durations (default performance.now). */
  readonly clock?: () => number;
  /** Creates live models (default: src/providers/create-model.ts). */
  readonly createModel?: (spec: string) => Promise<ChatModel>;
}

export interface PreparedAgent {
  /** runAgent options without the input. */
  readonly options: Omit<AgentOptions, "input">;
  /** `provider:model` of the model answering. */
  readonly modelName: string;
  readonly adapter: ModelAdapter;
  readonly toolNames: readonly string[];
  /** Set when replaying. */
  readonly replay?: { readonly path: string; readonly cassette: Cassette; readonly player: CassettePlayer };
  /** Set when recording: the cassette file. */
  readonly recordPath?: string;
  /** Things the user should know (e.g. the cassette's model is not the script's). */
  readonly notices: readonly string[];
}

export async function prepareAgent(agent: Agent, options: PrepareOptions = {}): Promise<PreparedAgent> {
  if (options.record !== undefined && options.replay !== undefined)
    throw new ToolUseError("invalid-input", "--record and --replay cannot be used together");
  const adapter = chooseAdapter(agent.adapter, agent.model);
  const notices: string[] = [];

  if (options.replay !== undefined) {
    const { cassette } = readCassette(options.replay);
    const player = new CassettePlayer(cassette, { strict: options.strict ?? true, path: options.replay });
    const recordedAt = new Date(cassette.recordedAt ?? 0);
    const context: AgentContext = { now: () => new Date(recordedAt), replaying: true };
    const tools = buildTools(agent, context);
    const recorded = `${cassette.model.provider}:${cassette.model.model}`;
    if (recorded !== modelName(agent.model))
      notices.push(`the cassette was recorded from ${recorded}; the agent names ${modelName(agent.model)}`);
    const fallback = agent.fallback === undefined ? undefined : fallbackParts(agent.fallback);
    return {
      options: {
        ...baseOptions(agent, adapter, tools),
        model: player.model(),
        ...(fallback ? { fallback: fallbackOptions(fallback, player.model(modelName(fallback.model))) } : {}),
      },
      modelName: recorded,
      adapter,
      toolNames: [...tools.keys()],
      replay: { path: options.replay, cassette, player },
      notices,
    };
  }

  const create = options.createModel ?? createChatModel;
  const realNow = options.now ?? (() => new Date());
  const startedAt = realNow();
  const context: AgentContext = {
    now: options.record === undefined ? realNow : () => new Date(startedAt),
    replaying: false,
  };
  const tools = buildTools(agent, context);
  const primary = typeof agent.model === "string" ? await create(agent.model) : agent.model;
  const fallback = agent.fallback === undefined ? undefined : fallbackParts(agent.fallback);
  const fallbackModel =
    fallback === undefined
      ? undefined
      : typeof fallback.model === "string"
        ? await create(fallback.model)
        : fallback.model;
  let model = primary;
  let fallbackWrapped = fallbackModel;
  if (options.record !== undefined) {
    const recorder = new CassetteRecorder(primary, {
      path: options.record,
      adapter,
      tools: [...tools.values()].map(toToolSpec),
      recordedAt: startedAt,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    });
    model = recorder.wrap(primary);
    fallbackWrapped = fallbackModel && recorder.wrap(fallbackModel);
  }
  return {
    options: {
      ...baseOptions(agent, adapter, tools),
      model,
      ...(fallback && fallbackWrapped ? { fallback: fallbackOptions(fallback, fallbackWrapped) } : {}),
    },
    modelName: `${primary.provider}:${primary.model}`,
    adapter,
    toolNames: [...tools.keys()],
    ...(options.record === undefined ? {} : { recordPath: options.record }),
    notices,
  };
}

function baseOptions(agent: Agent, adapter: ModelAdapter, tools: ReturnType<typeof toTools>) {
  return {
    adapter,
    tools: [...tools.values()],
    ...(agent.instructions === undefined ? {} : { instructions: agent.instructions }),
    ...(agent.toolMode === undefined ? {} : { toolMode: agent.toolMode }),
    ...(agent.maxSteps === undefined ? {} : { maxSteps: agent.maxSteps }),
    ...(agent.maxRepairs === undefined ? {} : { maxRepairs: agent.maxRepairs }),
  };
}

function buildTools(agent: Agent, context: AgentContext): ReturnType<typeof toTools> {
  const tools = typeof agent.tools === "function" ? agent.tools(context) : (agent.tools ?? []);
  return toTools(tools);
}

function chooseAdapter(adapter: string | ModelAdapter | undefined, model: string | ChatModel): ModelAdapter {
  if (typeof adapter === "string") return getAdapter(adapter);
  return adapter ?? resolveAdapter(modelId(model));
}

function fallbackParts(fallback: NonNullable<Agent["fallback"]>): AgentFallbackDefinition {
  return isFallbackDefinition(fallback) ? fallback : { model: fallback };
}

function fallbackOptions(fallback: AgentFallbackDefinition, model: ChatModel): FallbackOptions {
  return {
    model,
    ...(fallback.toolMode === undefined ? {} : { toolMode: fallback.toolMode }),
    ...(fallback.adapter === undefined
      ? {}
      : { adapter: typeof fallback.adapter === "string" ? getAdapter(fallback.adapter) : fallback.adapter }),
    ...(fallback.returnToPrimary === undefined ? {} : { returnToPrimary: fallback.returnToPrimary }),
  };
}
