/**
 * The core the wire-format test servers share: an HTTP server on 127.0.0.1 (port 0) that records
 * every request and answers the chat endpoint from a queue of scripted steps (replies and
 * faults). Wire formats live in ollama-server.ts and openai-server.ts; this module knows none.
 *
 * Failures are collected, never thrown inside the server: an unexpected request (queue empty, or a
 * step's `expect` threw) is answered with HTTP 400 and recorded, and `assertDone()` throws them
 * together with any unused steps, so a test fails with a clear message after the client returns.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request as the server received it. */
export interface RecordedRequest {
  readonly method: string;
  /** The path without the query string, e.g. "/api/chat". */
  readonly path: string;
  /** Header names lowercased (as Node gives them); repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  readonly body: unknown;
  readonly rawBody: string;
}

/** A tool call the scripted model makes through the server's native tools API. */
export interface ScriptedToolCall {
  /** The call id the server sends (OpenAI always sends one; Ollama only when given). */
  readonly id?: string;
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

/** A successful answer. Streamed requests get one chunk per text/reasoning piece. */
export interface ReplyStep {
  readonly type: "reply";
  /** The content, whole or as the chunks to stream. */
  readonly text?: string | readonly string[];
  /** Separated reasoning (Ollama `thinking`, OpenAI-compatible `reasoning_content`), streamed first. */
  readonly reasoning?: string | readonly string[];
  /** Native tool calls, sent after the text. */
  readonly toolCalls?: readonly ScriptedToolCall[];
  /** Token counts; omitted means the server reports none. */
  readonly usage?: { readonly inputTokens: number; readonly outputTokens: number };
  /** Default "stop" ("tool_calls" on OpenAI when there are calls). */
  readonly finishReason?: string;
  /** Wait before sending the response headers. */
  readonly headersDelayMs?: number;
  /** Wait before every streamed chunk. */
  readonly chunkDelayMs?: number;
  /** Destroy the socket after this many streamed chunks (a stream torn mid-way). */
  readonly tearAfterChunks?: number;
  /** Checks the request; throw (e.g. a failed `expect`) to fail the test with a clear message. */
  readonly expect?: (request: RecordedRequest) => void;
}

/** An HTTP error answer (401, 429 with Retry-After, 500, ...) in the server's error format. */
export interface ErrorStep {
  readonly type: "error";
  readonly status: number;
  readonly message?: string;
  /** Extra response headers, e.g. { "retry-after": "0" }. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly expect?: (request: RecordedRequest) => void;
}

/** Never answer (the socket stays open until the client gives up or the server closes). */
export interface HangStep {
  readonly type: "hang";
  readonly expect?: (request: RecordedRequest) => void;
}

/** Destroy the socket before answering (a connection reset). */
export interface ResetStep {
  readonly type: "reset";
  readonly expect?: (request: RecordedRequest) => void;
}

export type ScriptStep = ReplyStep | ErrorStep | HangStep | ResetStep;

/** Any JSON answer, as is (for malformed answers on other routes, e.g. too few embeddings). */
export interface RawStep {
  readonly type: "raw";
  readonly status?: number;
  readonly body: unknown;
  readonly expect?: (request: RecordedRequest) => void;
}

/** A step for a route other than chat: any chat step, or a raw JSON answer. */
export type RouteStep = ScriptStep | RawStep;

/** Pieces of a reply's text or reasoning. */
export function pieces(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === "string" ? (value.length > 0 ? [value] : []) : value;
}

/** The wire format: how a server encodes replies and errors, and which other routes it serves. */
export interface WireFormat {
  readonly name: string;
  /** True when the request is the scripted chat endpoint. */
  isChat(method: string, path: string): boolean;
  /** Streaming or not, from the parsed request body. */
  wantsStream(request: RecordedRequest): boolean;
  /** The streamed body: one string per chunk, written in order. */
  streamChunks(step: ReplyStep, request: RecordedRequest): readonly string[];
  readonly streamContentType: string;
  /** The whole JSON body of a non-streamed reply. */
  jsonBody(step: ReplyStep, request: RecordedRequest): unknown;
  errorBody(status: number, message: string): unknown;
  /** Answers the other routes (tags, models, embeddings ...); false when the route is unknown. */
  serveOther(request: RecordedRequest, response: ServerResponse): boolean | Promise<boolean>;
}

/**
 * Steps for the other routes, keyed `"METHOD /path"` (e.g. `"GET /api/tags"`): each request to the
 * route takes the next step first. `error`, `hang` and `reset` answer in its place; a `reply`
 * step only delays (`headersDelayMs`) before the route's normal answer. Once a route's steps are
 * used up it answers normally.
 */
export type RouteSteps = Readonly<Record<string, readonly RouteStep[]>>;

export class ScriptServer {
  readonly requests: RecordedRequest[] = [];
  /** Unexpected requests and failed `expect` checks, in order. */
  readonly failures: string[] = [];
  private readonly steps: ScriptStep[];
  private readonly routeSteps = new Map<string, RouteStep[]>();
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private used = 0;
  private port = 0;

  constructor(
    private readonly format: WireFormat,
    steps: readonly ScriptStep[] = [],
    routeSteps: RouteSteps = {},
  ) {
    this.steps = [...steps];
    for (const [route, queue] of Object.entries(routeSteps)) this.routeSteps.set(route, [...queue]);
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.failures.push(`${format.name} server crashed: ${String(error)}`);
        response.destroy();
      });
    });
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  /** Starts listening on 127.0.0.1 with a free port. */
  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** "http://127.0.0.1:<port>" (no trailing slash). */
  get origin(): string {
    if (this.port === 0) throw new Error(`${this.format.name} server: call start() first`);
    return `http://127.0.0.1:${this.port}`;
  }

  /** Appends steps to the chat queue. */
  enqueue(...steps: ScriptStep[]): void {
    this.steps.push(...steps);
  }

  /** Appends steps for another route, e.g. `enqueueRoute("GET /api/tags", { type: "error", status: 500 })`. */
  enqueueRoute(route: string, ...steps: RouteStep[]): void {
    this.routeSteps.set(route, [...(this.routeSteps.get(route) ?? []), ...steps]);
  }

  /** Requests to one path (any method). */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  /** Requests to the chat endpoint only. */
  get chatRequests(): RecordedRequest[] {
    return this.requests.filter((request) => this.format.isChat(request.method, request.path));
  }

  /** The parsed JSON body of chat request number `index` (0-based); throws when there is none. */
  chatBody(index = 0): Record<string, unknown> {
    const body = this.chatRequests[index]?.body;
    if (typeof body !== "object" || body === null)
      throw new Error(`${this.format.name} server: no JSON body for chat request #${index + 1}`);
    return body as Record<string, unknown>;
  }

  /** Throws when a request was unexpected, a check failed, or scripted steps were never used. */
  assertDone(): void {
    const problems = [...this.failures];
    if (this.used < this.steps.length)
      problems.push(`${this.steps.length - this.used} scripted step(s) never used`);
    for (const [route, queue] of this.routeSteps)
      if (queue.length > 0) problems.push(`${queue.length} scripted step(s) for ${route} never used`);
    if (problems.length > 0) throw new Error(`${this.format.name} server:\n- ${problems.join("\n- ")}`);
  }

  /** Closes the server and every open connection (hanging requests included). */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const request = await readRequest(incoming);
    this.requests.push(request);
    if (!this.format.isChat(request.method, request.path)) {
      const routeStep = this.routeSteps.get(`${request.method} ${request.path}`)?.shift();
      if (routeStep && !(await this.answerRouteStep(routeStep, request, response))) return;
      if (await this.format.serveOther(request, response)) return;
      this.fail(response, 404, `unexpected ${request.method} ${request.path}`);
      return;
    }
    const step = this.steps[this.used];
    if (!step) {
      this.fail(
        response,
        400,
        `unexpected chat request #${this.chatRequests.length} (${this.steps.length} scripted)`,
      );
      return;
    }
    this.used++;
    try {
      step.expect?.(request);
    } catch (error) {
      this.fail(
        response,
        400,
        `step ${this.used} check failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    switch (step.type) {
      case "hang":
        return;
      case "reset":
        response.socket?.destroy();
        return;
      case "error":
        sendJson(
          response,
          step.status,
          this.format.errorBody(step.status, step.message ?? `error ${step.status}`),
          step.headers,
        );
        return;
      case "reply":
        await this.reply(step, request, response);
        return;
    }
  }

  /** Applies a route step; true when the route should still give its normal answer. */
  private async answerRouteStep(
    step: RouteStep,
    request: RecordedRequest,
    response: ServerResponse,
  ): Promise<boolean> {
    try {
      step.expect?.(request);
    } catch (error) {
      this.fail(response, 400, `${request.method} ${request.path} check failed: ${String(error)}`);
      return false;
    }
    switch (step.type) {
      case "hang":
        return false;
      case "reset":
        response.socket?.destroy();
        return false;
      case "error":
        sendJson(
          response,
          step.status,
          this.format.errorBody(step.status, step.message ?? `error ${step.status}`),
          step.headers,
        );
        return false;
      case "raw":
        sendJson(response, step.status ?? 200, step.body);
        return false;
      case "reply":
        if (step.headersDelayMs) await delay(step.headersDelayMs);
        return !response.destroyed;
    }
  }

  private async reply(step: ReplyStep, request: RecordedRequest, response: ServerResponse): Promise<void> {
    if (step.headersDelayMs) await delay(step.headersDelayMs);
    if (!this.format.wantsStream(request)) {
      sendJson(response, 200, this.format.jsonBody(step, request));
      return;
    }
    response.writeHead(200, { "content-type": this.format.streamContentType });
    response.flushHeaders();
    const chunks = this.format.streamChunks(step, request);
    for (const [index, chunk] of chunks.entries()) {
      if (step.tearAfterChunks !== undefined && index >= step.tearAfterChunks) {
        response.socket?.destroy();
        return;
      }
      if (step.chunkDelayMs) await delay(step.chunkDelayMs);
      if (response.destroyed) return;
      // Wait until the chunk is handed to the socket, so a tear never swallows it.
      await new Promise<void>((resolve) => response.write(chunk, () => resolve()));
    }
    response.end();
  }

  private fail(response: ServerResponse, status: number, message: string): void {
    this.failures.push(message);
    sendJson(
      response,
      status,
      this.format.errorBody(status, `scripted ${this.format.name} server: ${message}`),
    );
  }
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  response.end(text);
}

async function readRequest(incoming: IncomingMessage): Promise<RecordedRequest> {
  const parts: Buffer[] = [];
  for await (const part of incoming) parts.push(part as Buffer);
  const rawBody = Buffer.concat(parts).toString("utf8");
  let body: unknown;
  try {
    body = rawBody.length > 0 ? JSON.parse(rawBody) : undefined;
  } catch {
    body = undefined;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
  return { method: incoming.method ?? "GET", path: url.pathname, headers, body, rawBody };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A URL where nothing listens (a port that was free a moment ago): connection refused. */
export async function closedPortOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A deterministic small embedding for a text (so embedding tests can compare vectors). */
export function fakeEmbedding(text: string, dimensions = 8): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (let index = 0; index < text.length; index++) {
    const slot = index % dimensions;
    vector[slot] = (vector[slot]! + text.charCodeAt(index) / 1000) % 1;
  }
  return vector.map((value) => Math.round(value * 1e6) / 1e6);
}

/** The `dimensions` a request asked for, when it is a positive integer (else the default 8). */
export function requestedDimensions(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 && value <= 4096
    ? value
    : undefined;
}
