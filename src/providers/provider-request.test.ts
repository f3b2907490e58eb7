import { describe, expect, it } from "vitest";
import { ToolUseError } from "../errors.ts";
import { createEmbeddings } from "./embeddings.ts";
import { resolveProviderSettings } from "./provider-config.ts";
import {
  type Fetch,
  modelRequestOptions,
  type ProviderRequestOptions,
  sendProviderRequest,
  streamProviderRequest,
} from "./provider-request.ts";

const URL = "http://127.0.0.1:8000/v1";

/** A fetch answering from a script, one response (or thrown error) per call. */
function scriptedFetch(...steps: Array<Response | Error | "hang">): Fetch & { calls: number } {
  const fetch = Object.assign(
    async (_input: Parameters<Fetch>[0], init?: RequestInit): Promise<Response> => {
      const step = steps[fetch.calls++];
      if (step === undefined) throw new Error("unexpected request");
      if (step === "hang")
        return new Promise((_, reject) =>
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
        );
      if (step instanceof Error) throw step;
      return step;
    },
    { calls: 0 },
  );
  return fetch;
}

function options(fetch: Fetch, extra: Partial<ProviderRequestOptions> = {}) {
  const sleeps: number[] = [];
  const settings = resolveProviderSettings("openai", {
    baseUrl: URL,
    apiKey: "sk-secret-key",
    maxRetries: 2,
    timeoutMs: 1000,
    config: false,
    env: {},
  });
  const request: ProviderRequestOptions = {
    ...modelRequestOptions(settings, "gpt-x", {
      fetch,
      retry: { sleep: async (ms) => void sleeps.push(ms) },
    }),
    ...extra,
  };
  return { request, sleeps };
}

const send = async ({ fetch }: { fetch: Fetch }) => {
  const response = await fetch(`${URL}/x`);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
};

async function failure(promise: Promise<unknown>): Promise<ToolUseError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ToolUseError.is(error)) throw new Error(`expected a ToolUseError, got ${String(error)}`);
  return error;
}

describe("sendProviderRequest", () => {
  it("retries a 503, waiting as Retry-After says, then returns the answer", async () => {
    const fetch = scriptedFetch(
      new Response("busy", { status: 503, headers: { "retry-after": "2" } }),
      new Response("ok"),
    );
    const { request, sleeps } = options(fetch);
    await expect(sendProviderRequest(request, send)).resolves.toBe("ok");
    expect(sleeps).toEqual([2000]);
  });

  it("fails at once on 401 with provider-auth, the key in neither message nor cause", async () => {
    const fetch = scriptedFetch(
      new Response(JSON.stringify({ error: { message: "bad key sk-secret-key" } }), { status: 401 }),
    );
    const { request, sleeps } = options(fetch);
    const error = await failure(sendProviderRequest(request, send));
    expect(error.code).toBe("provider-auth");
    expect(error.message).toBe(
      `openai:gpt-x at ${URL}: HTTP 401, the API key was rejected: bad key [redacted]`,
    );
    expect(String(error.cause)).not.toContain("sk-secret-key");
    expect([fetch.calls, sleeps]).toEqual([1, []]);
  });

  it("times out each attempt and counts them", async () => {
    const fetch = scriptedFetch("hang", "hang");
    const { request } = options(fetch, { timeoutMs: 20, maxRetries: 1 });
    const error = await failure(sendProviderRequest(request, send));
    expect(error.code).toBe("provider-timeout");
    expect(error.message).toBe(`openai:gpt-x at ${URL}: no data for 20 ms (after 2 attempts)`);
  });

  it("an abort during the backoff is an aborted error", async () => {
    const controller = new AbortController();
    const fetch = scriptedFetch(new Response("", { status: 500 }));
    const { request } = options(fetch, {
      signal: controller.signal,
      retry: { sleep: async () => controller.abort(new Error("stop")) },
    });
    const error = await failure(sendProviderRequest(request, send));
    expect(error.code).toBe("aborted");
  });

  it("modelRequestOptions wants the key of a provider that needs one, before any request", () => {
    const settings = resolveProviderSettings("openai", { config: false, env: {} });
    expect(() => modelRequestOptions(settings, "gpt-x")).toThrow(
      expect.objectContaining({ code: "missing-api-key" }),
    );
  });
});

describe("streamProviderRequest", () => {
  it("retries before the first value, never after it", async () => {
    const fetch = scriptedFetch(new Error("socket reset"), new Response("a"), new Response("b"));
    const { request } = options(fetch);
    const seen: string[] = [];
    const stream = streamProviderRequest(request, async function* ({ fetch: traced }) {
      yield await (await traced(`${URL}/x`)).text();
      throw new Error("torn");
    });
    const error = await failure(
      (async () => {
        for await (const value of stream) seen.push(value);
      })(),
    );
    expect(seen).toEqual(["a"]);
    expect(error.code).toBe("provider-error");
    expect(error.message).toBe(
      `openai:gpt-x at ${URL}: the response stream broke after it started: torn (after 2 attempts)`,
    );
    expect(fetch.calls).toBe(2);
  });
});

it("embeddings keep the base URL's password out of errors, as chat does", async () => {
  const embeddings = createEmbeddings("vllm:bge", {
    baseUrl: "http://someone:hunter2-pass@127.0.0.1:9/v1",
    maxRetries: 0,
    config: false,
    env: {},
  });
  const error = await failure(embeddings.embed(["hi"]));
  const seen = JSON.stringify(error, Object.getOwnPropertyNames(error)) + String(error.cause);
  expect(seen).not.toContain("hunter2");
});
