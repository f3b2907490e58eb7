/**
 * `tooluse probe SPEC`: two tiny requests to a live model to see how it calls tools.
 *
 * 1. Native: the question with a `get_weather` tool through the server's tools API. It works when
 *    the server returns a `get_weather` call (Ollama answers HTTP 400 for models whose template
 *    has no tools: that is "no", not a failure of the probe).
 * 2. Text: the same question in the adapter's prompt form (tools described in the system prompt),
 *    no native tools; the output is parsed with format auto-detection.
 *
 * The tool mode tooluse will use: both work -> `auto` (native calls, the parser as a safety net);
 * only native -> `native`; only text -> `text`; neither -> `text` (the adapter's prompt is the
 * best bet, and the result says the model made no call).
 */
import { resolveAdapter } from "../../adapters/registry.ts";
import { ToolUseError } from "../errors.ts";
import type { ToolMode } from "../executor/model-turn.ts";
import type { ChatMessage } from "../messages.ts";
import { type ChatModel, generate } from "../model.ts";
import { parseToolCalls } from "../parser/parse-tool-calls.ts";
import type { FormatId, ToolSpec } from "../parser/types.ts";

export const PROBE_TOOL: ToolSpec = {
  name: "get_weather",
  description: "Get the current weather for a city.",
  parameters: {
    type: "object",
    properties: { city: { type: "string", description: "The city name" } },
    required: ["city"],
  },
};

export const PROBE_QUESTION = "What is the weather in Paris right now? Use the get_weather tool.";

export interface ProbeResult {
  /** The model spec probed. */
  readonly spec: string;
  readonly adapter: string;
  /** The adapter's format (what tooluse expects the model to write). */
  readonly adapterFormat: FormatId;
  readonly native: {
    readonly works: boolean;
    /** Why not, when the server refused or the model answered without a call. */
    readonly detail: string;
  };
  readonly text: {
    readonly works: boolean;
    /** The format the output was written in (auto-detected); null when no call was found. */
    readonly format: FormatId | null;
    readonly detail: string;
  };
  readonly toolMode: ToolMode;
  readonly reason: string;
  /** ISO time of the probe. */
  readonly probedAt: string;
}

export interface ProbeOptions {
  readonly spec: string;
  readonly now?: () => Date;
  readonly signal?: AbortSignal;
}

export async function probeModel(model: ChatModel, options: ProbeOptions): Promise<ProbeResult> {
  const adapter = resolveAdapter(options.spec);
  const messages: ChatMessage[] = [{ role: "user", content: PROBE_QUESTION }];
  const signal = options.signal ? { signal: options.signal } : {};

  const native = await attempt(async () => {
    const response = await generate(model, { messages, tools: [PROBE_TOOL], ...signal });
    const call = response.toolCalls.find((candidate) => candidate.name === PROBE_TOOL.name);
    if (call) return { works: true, detail: `called get_weather(${JSON.stringify(call.arguments)})` };
    return { works: false, detail: `no native call; the model wrote ${preview(response.text)}` };
  });

  const text = await attempt(async () => {
    const response = await generate(model, {
      messages: adapter.formatMessages(messages, [PROBE_TOOL]),
      ...signal,
    });
    const parsed = parseToolCalls(response.text, { tools: [PROBE_TOOL] });
    const call = parsed.toolCalls.find((candidate) => candidate.name === PROBE_TOOL.name);
    if (call)
      return {
        works: true,
        format: parsed.format,
        detail: `called get_weather(${JSON.stringify(call.arguments)}) in ${parsed.format ?? "an unknown format"}`,
      };
    const problem = parsed.problems[0];
    return {
      works: false,
      format: parsed.format,
      detail: problem ? `${problem.code}: ${problem.message}` : `no call in ${preview(response.text)}`,
    };
  });

  const { toolMode, reason } = chooseToolMode(native.works, text.works, text.format ?? null, adapter.format);
  return {
    spec: options.spec,
    adapter: adapter.id,
    adapterFormat: adapter.format,
    native: { works: native.works, detail: native.detail },
    text: { works: text.works, format: text.format ?? null, detail: text.detail },
    toolMode,
    reason,
    probedAt: (options.now ?? (() => new Date()))().toISOString(),
  };
}

export function chooseToolMode(
  native: boolean,
  text: boolean,
  format: FormatId | null,
  adapterFormat: FormatId,
): { toolMode: ToolMode; reason: string } {
  const formatNote =
    text && format !== adapterFormat ? ` (it wrote ${format}, the adapter expects ${adapterFormat})` : "";
  if (native && text)
    return {
      toolMode: "auto",
      reason: `native tools work and text calls parse${formatNote}: native calls, the parser as a safety net`,
    };
  if (native) return { toolMode: "native", reason: "only the server's native tools API produced a call" };
  if (text)
    return { toolMode: "text", reason: `the server's tools API gave no call; text calls parse${formatNote}` };
  return {
    toolMode: "text",
    reason: "neither test produced a call: the model may be too small for tool calling",
  };
}

/** Runs one test; a provider error that means "no" (HTTP 400: the model has no tools) becomes a result. */
async function attempt<T extends { works: boolean; detail: string }>(
  test: () => Promise<T>,
): Promise<T | { works: false; detail: string; format?: undefined }> {
  try {
    return await test();
  } catch (error) {
    if (ToolUseError.is(error, "provider-error") && /HTTP 4\d\d/.test(error.message))
      return { works: false, detail: error.message };
    throw error;
  }
}

function preview(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return "nothing";
  return JSON.stringify(trimmed.length > 80 ? `${trimmed.slice(0, 80)}…` : trimmed);
}
