/**
 * Shared pieces of the executor end-to-end tests: the primary model (ChatOllama through
 * createModel, in text mode with the hermes adapter Qwen2.5-Coder resolves to) and the fallback
 * (ChatOpenAI through createModel, native tools) against the scripted wire-format servers, and a
 * driver that keeps every event streamAgent yielded, also when the run ends in an error.
 */
import { afterEach } from "vitest";
import { resolveAdapter } from "../../adapters/registry.ts";
import type { AgentEvent, AgentResult } from "../../src/executor/agent-events.ts";
import { type AgentOptions, streamAgent } from "../../src/executor/run-agent.ts";
import type { ChatModel } from "../../src/model.ts";
import { createModel } from "../../src/providers/create-model.ts";
import { testOptions } from "../providers/provider-helpers.ts";
import { startOllamaServer } from "../servers/ollama-server.ts";
import { startOpenAIServer } from "../servers/openai-server.ts";
import type { ScriptServer, ScriptStep } from "../servers/script-server.ts";

export const PRIMARY_SPEC = "ollama:qwen2.5-coder:7b";
export const FALLBACK_SPEC = "openai-compatible:Qwen/Qwen2.5-7B-Instruct";
export const PRIMARY_ADAPTER = resolveAdapter(PRIMARY_SPEC);

export interface TestModel {
  readonly model: ChatModel;
  /** The backoff waits the model's retries asked for (recorded, not slept). */
  readonly sleeps: number[];
}

/** The primary: ChatOllama at `origin` (one retry, short timeout unless overridden). */
export function primaryModel(
  origin: string,
  overrides: { timeoutMs?: number; maxRetries?: number } = {},
): TestModel {
  const options = testOptions({ baseUrl: origin, maxRetries: 1, ...overrides });
  return { model: createModel(PRIMARY_SPEC, options), sleeps: options.sleeps };
}

/** The fallback: ChatOpenAI (Chat Completions) at `${origin}/v1`, one retry. */
export function fallbackModel(
  origin: string,
  overrides: { timeoutMs?: number; maxRetries?: number } = {},
): TestModel {
  const options = testOptions({ baseUrl: `${origin}/v1`, maxRetries: 1, ...overrides });
  return { model: createModel(FALLBACK_SPEC, options), sleeps: options.sleeps };
}

/** What Qwen2.5-Coder writes for a call (hermes, JSON with Python's `, ` and `: ` separators). */
export function hermesCall(name: string, args: Record<string, unknown>): string {
  return `<tool_call>\n${spacedJson({ name, arguments: args })}\n</tool_call>`;
}

function spacedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(spacedJson).join(", ")}]`;
  if (typeof value === "object" && value !== null)
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}: ${spacedJson(item)}`)
      .join(", ")}}`;
  return JSON.stringify(value);
}

export interface Outcome {
  readonly events: AgentEvent[];
  readonly result: AgentResult | undefined;
  readonly error: unknown;
}

/** Runs streamAgent to its end or its error, keeping every event it yielded (`onEvent` sees each as it comes). */
export async function drive(options: AgentOptions, onEvent?: (event: AgentEvent) => void): Promise<Outcome> {
  const events: AgentEvent[] = [];
  let result: AgentResult | undefined;
  let error: unknown;
  try {
    for await (const event of streamAgent(options)) {
      events.push(event);
      onEvent?.(event);
      if (event.type === "end") result = event.result;
    }
  } catch (caught) {
    error = caught;
  }
  return { events, result, error };
}

/** The events without the streamed deltas, as `type@step` (e.g. "tool-result@1"), for order checks. */
export function eventOutline(events: readonly AgentEvent[]): string[] {
  return events
    .filter((event) => !event.type.endsWith("-delta") && event.type !== "tool-call-start")
    .map((event) => ("step" in event ? `${event.type}@${event.step}` : event.type));
}

/** The error's cause chain as `code: message` lines (plain errors as their message). */
export function causeCodes(error: unknown): string[] {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    lines.push(typeof code === "string" ? code : current.name);
    current = current.cause;
  }
  return lines;
}

/** Scripted Ollama and OpenAI servers for one test file, all closed after each test. */
export function useServers(): {
  ollama: (...steps: ScriptStep[]) => Promise<ScriptServer>;
  openai: (...steps: ScriptStep[]) => Promise<ScriptServer>;
} {
  const servers: ScriptServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  const keep = (server: ScriptServer) => {
    servers.push(server);
    return server;
  };
  return {
    ollama: async (...steps) => keep(await startOllamaServer(steps)),
    openai: async (...steps) => keep(await startOpenAIServer(steps)),
  };
}
