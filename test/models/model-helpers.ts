/**
 * Shared setup for the model-management tests: scripted servers closed after each test, and
 * registry options isolated from the machine (no config file, only the given env) whose backoff
 * waits are recorded instead of slept.
 */
import { afterEach } from "vitest";
import type { ModelRegistryOptions } from "../../src/models/model-registry.ts";
import { type OllamaServer, type OllamaServerOptions, startOllamaServer } from "../servers/ollama-server.ts";
import { type OpenAIServer, type OpenAIServerOptions, startOpenAIServer } from "../servers/openai-server.ts";
import type { ScriptStep } from "../servers/script-server.ts";

const open: (OllamaServer | OpenAIServer)[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

export async function ollama(
  options: OllamaServerOptions = {},
  steps: ScriptStep[] = [],
): Promise<OllamaServer> {
  const server = await startOllamaServer(steps, options);
  open.push(server);
  return server;
}

export async function vllm(
  options: OpenAIServerOptions = {},
  steps: ScriptStep[] = [],
): Promise<OpenAIServer> {
  const server = await startOpenAIServer(steps, options);
  open.push(server);
  return server;
}

export function isolated(
  env: Record<string, string>,
  overrides: ModelRegistryOptions = {},
): ModelRegistryOptions & { readonly sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    env,
    config: false,
    request: {
      timeoutMs: 1_000,
      retry: {
        random: () => 0.5,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      },
    },
    ...overrides,
    sleeps,
  };
}

/** The route names of a server's requests, e.g. "GET /api/tags". */
export function routes(server: OllamaServer | OpenAIServer): string[] {
  return server.requests.map((request) => `${request.method} ${request.path}`);
}
