/**
 * createEmbeddings drives the real OllamaEmbeddings (/api/embed) and OpenAIEmbeddings
 * (/v1/embeddings, base64 float32 by default) over HTTP against the scripted servers: vectors,
 * dimensions, batching, settings precedence, and the retry, timeout and error policy.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ToolUseError } from "../../src/errors.ts";
import { createEmbeddings, type EmbeddingsOptions } from "../../src/providers/embeddings.ts";
import { startOllamaServer } from "../servers/ollama-server.ts";
import { startOpenAIServer } from "../servers/openai-server.ts";
import { closedPortOrigin, fakeEmbedding, type ScriptServer } from "../servers/script-server.ts";
import { testOptions } from "./provider-helpers.ts";

const servers: ScriptServer[] = [];

/** testOptions (no env, no config file, recorded backoff) with the embeddings options. */
function embedOptions(overrides: EmbeddingsOptions = {}): EmbeddingsOptions & { readonly sleeps: number[] } {
  const base = testOptions();
  return { ...base, ...overrides, sleeps: base.sleeps };
}

async function ollama(): Promise<ScriptServer> {
  const server = await startOllamaServer();
  servers.push(server);
  return server;
}

async function openai(): Promise<ScriptServer> {
  const server = await startOpenAIServer();
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The vector as it survives the openai client's base64 float32 round trip. */
const float32 = (vector: number[]) => Array.from(new Float32Array(vector));

const base64 = (vector: number[]) => Buffer.from(new Float32Array(vector).buffer).toString("base64");

async function failure(promise: Promise<unknown>): Promise<ToolUseError> {
  try {
    await promise;
  } catch (error) {
    if (ToolUseError.is(error)) return error;
    throw error;
  }
  throw new Error("expected a ToolUseError");
}

describe("embeddings: ollama /api/embed", () => {
  it("sends the texts in one request and returns one vector per text, in order", async () => {
    const server = await ollama();
    const embeddings = createEmbeddings(
      "ollama:nomic-embed-text",
      embedOptions({ baseUrl: server.origin, headers: { "x-team": "search" } }),
    );
    const texts = ["first text", "second\nline", ""];
    const vectors = await embeddings.embed(texts);
    expect(vectors).toEqual(texts.map((text) => fakeEmbedding(text)));
    expect(vectors.every((vector) => vector.length === 8)).toBe(true);
    const requests = server.requestsTo("/api/embed");
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toMatchObject({ model: "nomic-embed-text", input: texts, truncate: false });
    expect(requests[0]?.headers["x-team"]).toBe("search");
    server.assertDone();
  });

  it("asks for `dimensions` and checks the answer has them", async () => {
    const server = await ollama();
    const vectors = await createEmbeddings(
      "ollama:nomic-embed-text",
      embedOptions({ baseUrl: server.origin, dimensions: 4 }),
    ).embed(["a", "b"]);
    expect(vectors).toEqual([fakeEmbedding("a", 4), fakeEmbedding("b", 4)]);
    expect(server.requestsTo("/api/embed")[0]?.body).toMatchObject({ dimensions: 4 });
  });

  it("splits long lists into batches of batchSize, keeping the order", async () => {
    const server = await ollama();
    const texts = Array.from({ length: 7 }, (_, index) => `text ${index}`);
    const vectors = await createEmbeddings(
      "ollama:nomic-embed-text",
      embedOptions({ baseUrl: server.origin, batchSize: 3 }),
    ).embed(texts);
    expect(vectors).toEqual(texts.map((text) => fakeEmbedding(text)));
    expect(
      server.requestsTo("/api/embed").map((request) => (request.body as { input: string[] }).input),
    ).toEqual([texts.slice(0, 3), texts.slice(3, 6), texts.slice(6)]);
  });

  it("makes no request for no texts", async () => {
    const server = await ollama();
    const embeddings = createEmbeddings("ollama:nomic-embed-text", embedOptions({ baseUrl: server.origin }));
    expect(await embeddings.embed([])).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it("reads the base URL from OLLAMA_HOST like chat models do", async () => {
    const server = await ollama();
    const host = server.origin.replace("http://", "");
    const vectors = await createEmbeddings("ollama:nomic-embed-text", {
      ...embedOptions(),
      env: { OLLAMA_HOST: host },
    }).embed(["x"]);
    expect(vectors).toEqual([fakeEmbedding("x")]);
  });

  it("retries a 500 and a reset batch by batch: earlier batches are not resent", async () => {
    const server = await ollama();
    const options = embedOptions({ baseUrl: server.origin, batchSize: 2, maxRetries: 2 });
    // The first batch goes through; the second meets a 500 and a reset, then succeeds.
    server.enqueueRoute(
      "POST /api/embed",
      { type: "raw", body: { model: "m", embeddings: [fakeEmbedding("a"), fakeEmbedding("b")] } },
      { type: "error", status: 500, message: "model runner crashed" },
      { type: "reset" },
    );
    const vectors = await createEmbeddings("ollama:nomic-embed-text", options).embed(["a", "b", "c"]);
    expect(vectors).toEqual(["a", "b", "c"].map((text) => fakeEmbedding(text)));
    expect(
      server.requestsTo("/api/embed").map((request) => (request.body as { input: string[] }).input),
    ).toEqual([["a", "b"], ["c"], ["c"], ["c"]]);
    expect(options.sleeps).toEqual([375, 750]);
    server.assertDone();
  });

  it("a model that is not pulled: provider-error with the server's message, not retried", async () => {
    const server = await ollama();
    server.enqueueRoute("POST /api/embed", {
      type: "error",
      status: 404,
      message: 'model "nomic-embed-text" not found, try pulling it first',
    });
    const options = embedOptions({ baseUrl: server.origin });
    const error = await failure(createEmbeddings("ollama:nomic-embed-text", options).embed(["x"]));
    expect(error.code).toBe("provider-error");
    expect(error.message).toBe(
      `ollama:nomic-embed-text at ${server.origin}: HTTP 404: model "nomic-embed-text" not found, try pulling it first`,
    );
    expect(options.sleeps).toEqual([]);
    server.assertDone();
  });

  it("connection refused: provider-unreachable after the retries", async () => {
    const origin = await closedPortOrigin();
    const options = embedOptions({ baseUrl: origin, maxRetries: 1 });
    const error = await failure(createEmbeddings("ollama:nomic-embed-text", options).embed(["x"]));
    expect(error.code).toBe("provider-unreachable");
    expect(error.message).toBe(
      `ollama:nomic-embed-text at ${origin}: cannot connect (connection refused) (after 2 attempts)`,
    );
    expect(options.sleeps).toHaveLength(1);
  });

  it("a server that never answers: provider-timeout after the retries", async () => {
    const server = await ollama();
    server.enqueueRoute("POST /api/embed", { type: "hang" }, { type: "hang" });
    const error = await failure(
      createEmbeddings(
        "ollama:nomic-embed-text",
        embedOptions({ baseUrl: server.origin, timeoutMs: 50, maxRetries: 1 }),
      ).embed(["x"]),
    );
    expect(error.code).toBe("provider-timeout");
    expect(error.message).toBe(
      `ollama:nomic-embed-text at ${server.origin}: no data for 50 ms (after 2 attempts)`,
    );
    server.assertDone();
  });

  it("the caller's abort ends the request with an aborted error", async () => {
    const server = await ollama();
    server.enqueueRoute("POST /api/embed", { type: "hang" });
    const controller = new AbortController();
    const pending = failure(
      createEmbeddings("ollama:nomic-embed-text", embedOptions({ baseUrl: server.origin })).embed(["x"], {
        signal: controller.signal,
      }),
    );
    setTimeout(() => controller.abort(new Error("user stop")), 20);
    expect((await pending).code).toBe("aborted");
  });

  it("rejects an answer with the wrong number of vectors or ragged lengths", async () => {
    const server = await ollama();
    server.enqueueRoute(
      "POST /api/embed",
      { type: "raw", body: { model: "m", embeddings: [fakeEmbedding("a")] } },
      { type: "raw", body: { model: "m", embeddings: [fakeEmbedding("a"), fakeEmbedding("b", 3)] } },
      { type: "raw", body: { model: "m", embeddings: [[0.1, null]] } },
    );
    const embeddings = createEmbeddings("ollama:nomic-embed-text", embedOptions({ baseUrl: server.origin }));
    const tooFew = await failure(embeddings.embed(["a", "b"]));
    expect(tooFew.code).toBe("provider-error");
    expect(tooFew.message).toBe("ollama:nomic-embed-text returned 1 embeddings for 2 texts");
    const ragged = await failure(embeddings.embed(["a", "b"]));
    expect(ragged.message).toBe(
      "ollama:nomic-embed-text returned embeddings of different lengths: text #2 has 3 dimensions, expected 8",
    );
    const invalid = await failure(embeddings.embed(["a"]));
    expect(invalid.message).toMatch(
      /invalid embedding for text #1: expected a non-empty array of finite numbers/,
    );
    server.assertDone();
  });
});

describe("embeddings: OpenAI-compatible /v1/embeddings", () => {
  it("vllm: one request with the texts as they are and the placeholder key", async () => {
    const server = await openai();
    const texts = ["alpha", "beta\ngamma"];
    const vectors = await createEmbeddings(
      "vllm:BAAI/bge-m3",
      embedOptions({ env: { VLLM_BASE_URL: `${server.origin}/v1` } }),
    ).embed(texts);
    expect(vectors).toEqual(texts.map((text) => float32(fakeEmbedding(text))));
    const [request] = server.requestsTo("/v1/embeddings");
    // Newlines are kept; the client asks for base64 and decodes it.
    expect(request?.body).toEqual({ model: "BAAI/bge-m3", input: texts, encoding_format: "base64" });
    expect(request?.headers.authorization).toBe("Bearer EMPTY");
    server.assertDone();
  });

  it("openai: dimensions and batches, with the key from the environment", async () => {
    const server = await openai();
    const texts = ["one", "two", "three"];
    const vectors = await createEmbeddings("openai:text-embedding-3-small", {
      ...embedOptions(),
      env: { OPENAI_API_KEY: "sk-embed-secret", OPENAI_BASE_URL: `${server.origin}/v1` },
      dimensions: 5,
      batchSize: 2,
    }).embed(texts);
    expect(vectors).toEqual(texts.map((text) => float32(fakeEmbedding(text, 5))));
    const requests = server.requestsTo("/v1/embeddings");
    expect(requests.map((request) => request.body)).toEqual([
      { model: "text-embedding-3-small", input: ["one", "two"], dimensions: 5, encoding_format: "base64" },
      { model: "text-embedding-3-small", input: ["three"], dimensions: 5, encoding_format: "base64" },
    ]);
    expect(requests[0]?.headers.authorization).toBe("Bearer sk-embed-secret");
  });

  it("a server that ignores `dimensions` is caught", async () => {
    const server = await openai();
    server.enqueueRoute("POST /v1/embeddings", {
      type: "raw",
      // 8 values where 4 were asked for (base64 float32, as the client asked).
      body: {
        object: "list",
        data: [{ object: "embedding", index: 0, embedding: base64(fakeEmbedding("x")) }],
      },
    });
    const error = await failure(
      createEmbeddings(
        "openai-compatible:bge",
        embedOptions({ baseUrl: `${server.origin}/v1`, dimensions: 4 }),
      ).embed(["x"]),
    );
    expect(error.message).toBe(
      "openai-compatible:bge returned embeddings of different lengths: text #1 has 8 dimensions, expected 4",
    );
  });

  it("huggingface without a key: missing-api-key before any request", async () => {
    const server = await openai();
    const error = await failure(
      createEmbeddings("huggingface:BAAI/bge-m3", embedOptions({ baseUrl: `${server.origin}/v1` })).embed([
        "x",
      ]),
    );
    expect(error.code).toBe("missing-api-key");
    expect(error.message).toBe(
      "huggingface:BAAI/bge-m3 needs an API key: set HUGGINGFACE_API_KEY or HF_TOKEN or pass apiKey",
    );
    expect(server.requests).toEqual([]);
  });

  it("401 is provider-auth at once, and the key is in neither the message nor the cause", async () => {
    const server = await openai();
    const key = "hf_super_secret_token_123";
    // Servers may echo the key they rejected.
    server.enqueueRoute("POST /v1/embeddings", {
      type: "error",
      status: 401,
      message: `Invalid token: ${key}`,
    });
    const options = embedOptions({ baseUrl: `${server.origin}/v1`, apiKey: key });
    const error = await failure(createEmbeddings("huggingface:BAAI/bge-m3", options).embed(["x"]));
    expect(error.code).toBe("provider-auth");
    expect(error.message).toBe(
      `huggingface:BAAI/bge-m3 at ${server.origin}/v1: HTTP 401, the API key was rejected: Invalid token: [redacted]`,
    );
    expect(options.sleeps).toEqual([]);
    const everything = JSON.stringify([error.message, String(error.cause), causeChain(error)]);
    expect(everything).not.toContain(key);
    expect(server.requestsTo("/v1/embeddings")[0]?.headers.authorization).toBe(`Bearer ${key}`);
    server.assertDone();
  });

  it("429 honours Retry-After, then succeeds", async () => {
    const server = await openai();
    server.enqueueRoute("POST /v1/embeddings", {
      type: "error",
      status: 429,
      message: "slow down",
      headers: { "retry-after": "2" },
    });
    const options = embedOptions({ baseUrl: `${server.origin}/v1` });
    const vectors = await createEmbeddings("openai-compatible:bge", options).embed(["x"]);
    expect(vectors).toEqual([float32(fakeEmbedding("x"))]);
    expect(options.sleeps).toEqual([2000]);
    server.assertDone();
  });

  it("5xx after the retries: provider-error naming the attempts", async () => {
    const server = await openai();
    server.enqueueRoute(
      "POST /v1/embeddings",
      { type: "error", status: 503, message: "no capacity" },
      { type: "error", status: 503, message: "no capacity" },
    );
    const error = await failure(
      createEmbeddings("vllm:bge", embedOptions({ baseUrl: `${server.origin}/v1`, maxRetries: 1 })).embed([
        "x",
      ]),
    );
    expect(error.code).toBe("provider-error");
    expect(error.message).toBe(`vllm:bge at ${server.origin}/v1: HTTP 503: no capacity (after 2 attempts)`);
  });

  it("rejects bad options at creation", () => {
    expect(() => createEmbeddings("ollama:m", embedOptions({ batchSize: 0 }))).toThrow(/batchSize must be/);
    expect(() => createEmbeddings("ollama:m", embedOptions({ dimensions: 1.5 }))).toThrow(
      /dimensions must be/,
    );
    expect(() => createEmbeddings("nope:m", embedOptions())).toThrow(/unknown provider/);
  });
});

function causeChain(error: unknown): string[] {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    messages.push(current.message, current.stack ?? "");
    current = current.cause;
  }
  return messages;
}
