/**
 * Shared helpers for the provider tests: collecting a model stream, and retry settings that
 * record the backoff waits instead of sleeping.
 */
import type { ChatModel, ModelRequest, ModelStreamEvent } from "../../src/model.ts";
import type { CreateModelOptions } from "../../src/providers/create-model.ts";

export async function collect(model: ChatModel, request: ModelRequest): Promise<ModelStreamEvent[]> {
  const events: ModelStreamEvent[] = [];
  for await (const event of model.stream(request)) events.push(event);
  return events;
}

/** The error a stream ends with (fails when it ends without one). */
export async function streamError(model: ChatModel, request: ModelRequest): Promise<unknown> {
  try {
    await collect(model, request);
  } catch (error) {
    return error;
  }
  throw new Error("expected the stream to fail");
}

/** Options isolated from the machine (no env, no config file) whose backoff waits are recorded, not slept. */
export function testOptions(
  overrides: CreateModelOptions = {},
): CreateModelOptions & { readonly sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    env: {},
    config: false,
    timeoutMs: 2_000,
    retry: {
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    },
    ...overrides,
    sleeps,
  };
}

export const USER_ONLY: ModelRequest = { messages: [{ role: "user", content: "Hi" }] };

export const WEATHER_TOOL = {
  name: "get_weather",
  description: "Current weather for a city",
  parameters: {
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
  },
} as const;
