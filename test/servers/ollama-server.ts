/**
 * A scripted Ollama server on 127.0.0.1 speaking the real wire format, for driving the real
 * ChatOllama (and the `ollama` client) in tests:
 *
 * - `POST /api/chat`: NDJSON when `stream` is true or absent (one `{model, created_at, message,
 *   done:false}` line per piece: `message.thinking` first, then `message.content`, then one line
 *   with `message.tool_calls` whose `function.arguments` is an OBJECT), ending with a `done:true`
 *   line carrying `done_reason`, durations and, when scripted, `prompt_eval_count`/`eval_count`;
 *   one JSON object when `stream` is false. Answered from the step queue (see script-server.ts).
 * - `GET /api/tags`, `POST /api/show`, `POST /api/pull` (streamed progress lines),
 *   `POST /api/embed` (honours `dimensions`): answered from the options, never from the chat
 *   queue; `server.enqueueRoute("POST /path", ...)` scripts faults for them.
 *
 * ```ts
 * const server = await startOllamaServer([{ type: "reply", text: ["Hel", "lo"], usage: { inputTokens: 9, outputTokens: 2 } }]);
 * // new ChatOllama({ baseUrl: server.origin, model: "qwen2.5-coder:7b" }) ...
 * server.assertDone();
 * await server.close();
 * ```
 */
import type { ServerResponse } from "node:http";
import {
  fakeEmbedding,
  pieces,
  type RecordedRequest,
  type ReplyStep,
  type RouteSteps,
  requestedDimensions,
  ScriptServer,
  type ScriptStep,
  sendJson,
  type WireFormat,
} from "./script-server.ts";

export interface OllamaServerOptions {
  /** Models `/api/tags` lists and `/api/show` and `/api/pull` know (default: qwen2.5-coder:7b). */
  readonly models?: readonly string[];
  /** The `created_at` timestamp of every line (fixed, for deterministic output). */
  readonly createdAt?: string;
  /** Per-model `/api/tags` and `/api/show` fields (default: a qwen2 7.6B Q4_K_M with tools, 32768 context). */
  readonly modelDetails?: Readonly<Record<string, OllamaModelDetails>>;
  /** How `/api/pull` streams (default: the whole progress, ending in `success`). */
  readonly pull?: OllamaPullScript;
  /** Faults and delays for the other routes, e.g. `{ "GET /api/tags": [{ type: "error", status: 500 }] }`. */
  readonly routeSteps?: RouteSteps;
}

export interface OllamaModelDetails {
  readonly family?: string;
  readonly parameterSize?: string;
  readonly quantization?: string;
  /** Bytes on disk in `/api/tags`. */
  readonly size?: number;
  /** `<architecture>.context_length` in `/api/show` model_info; null leaves it out. */
  readonly contextLength?: number | null;
  /** The `/api/show` capabilities array; null leaves it out (Ollama before 0.6). */
  readonly capabilities?: readonly string[] | null;
}

export interface OllamaPullScript {
  /** Send this many progress lines, then fail: an `{"error"}` line (default) or a torn socket. */
  readonly failAfterLines?: number;
  /** The error line's text (default "write /root/.ollama/models/blobs: no space left on device"). */
  readonly error?: string;
  /** Destroy the socket instead of sending an error line. */
  readonly tear?: boolean;
}

const DEFAULT_MODELS = ["qwen2.5-coder:7b"];
const CREATED_AT = "2025-01-01T00:00:00.000000Z";

export type OllamaServer = ScriptServer;

export async function startOllamaServer(
  steps: readonly ScriptStep[] = [],
  options: OllamaServerOptions = {},
): Promise<OllamaServer> {
  return new ScriptServer(ollamaWireFormat(options), steps, options.routeSteps).start();
}

/** The model named in the request body (the scripted reply echoes it as Ollama does). */
function requestedModel(request: RecordedRequest): string {
  const body = request.body as { model?: unknown } | undefined;
  return typeof body?.model === "string" ? body.model : "unknown";
}

export function ollamaWireFormat(options: OllamaServerOptions = {}): WireFormat {
  const models = options.models ?? DEFAULT_MODELS;
  const createdAt = options.createdAt ?? CREATED_AT;

  const toolCalls = (step: ReplyStep) =>
    (step.toolCalls ?? []).map((call) => ({
      ...(call.id === undefined ? {} : { id: call.id }),
      function: { name: call.name, arguments: call.arguments },
    }));

  const doneFields = (step: ReplyStep) => ({
    done_reason: step.finishReason ?? "stop",
    done: true,
    total_duration: 1_000_000,
    load_duration: 100_000,
    ...(step.usage
      ? {
          prompt_eval_count: step.usage.inputTokens,
          prompt_eval_duration: 200_000,
          eval_count: step.usage.outputTokens,
          eval_duration: 700_000,
        }
      : {}),
  });

  const line = (value: unknown) => `${JSON.stringify(value)}\n`;

  return {
    name: "ollama",
    isChat: (method, path) => method === "POST" && path === "/api/chat",
    wantsStream: (request) => (request.body as { stream?: unknown } | undefined)?.stream !== false,
    streamContentType: "application/x-ndjson",
    streamChunks(step, request) {
      const model = requestedModel(request);
      const message = (fields: Record<string, unknown>) =>
        line({
          model,
          created_at: createdAt,
          message: { role: "assistant", content: "", ...fields },
          done: false,
        });
      const chunks = [
        ...pieces(step.reasoning).map((thinking) => message({ thinking })),
        ...pieces(step.text).map((content) => message({ content })),
      ];
      if (step.toolCalls?.length) chunks.push(message({ tool_calls: toolCalls(step) }));
      chunks.push(
        line({
          model,
          created_at: createdAt,
          message: { role: "assistant", content: "" },
          ...doneFields(step),
        }),
      );
      return chunks;
    },
    jsonBody(step, request) {
      const reasoning = pieces(step.reasoning).join("");
      return {
        model: requestedModel(request),
        created_at: createdAt,
        message: {
          role: "assistant",
          content: pieces(step.text).join(""),
          ...(reasoning ? { thinking: reasoning } : {}),
          ...(step.toolCalls?.length ? { tool_calls: toolCalls(step) } : {}),
        },
        ...doneFields(step),
      };
    },
    errorBody: (_status, message) => ({ error: message }),
    serveOther(request, response) {
      return serveOllamaRoute(request, response, models, createdAt, options);
    },
  };
}

function serveOllamaRoute(
  request: RecordedRequest,
  response: ServerResponse,
  models: readonly string[],
  createdAt: string,
  options: OllamaServerOptions,
): boolean {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const name = typeof body.model === "string" ? body.model : typeof body.name === "string" ? body.name : "";
  const known = models.includes(name) || models.includes(`${name}:latest`);
  const custom = (model: string): OllamaModelDetails =>
    options.modelDetails?.[model] ?? options.modelDetails?.[`${model}:latest`] ?? {};
  const detailsOf = (model: string) => {
    const family = custom(model).family ?? "qwen2";
    return {
      parent_model: "",
      format: "gguf",
      family,
      families: [family],
      parameter_size: custom(model).parameterSize ?? "7.6B",
      quantization_level: custom(model).quantization ?? "Q4_K_M",
    };
  };
  const details = detailsOf(name);
  const route = `${request.method} ${request.path}`;
  switch (route) {
    case "GET /api/tags":
      sendJson(response, 200, {
        models: models.map((model, index) => ({
          name: model,
          model,
          modified_at: createdAt,
          size: custom(model).size ?? 4_683_087_332,
          digest: index.toString(16).padStart(64, "0"),
          details: detailsOf(model),
        })),
      });
      return true;
    case "POST /api/show":
      if (!known) sendJson(response, 404, { error: `model '${name}' not found` });
      else {
        const contextLength = custom(name).contextLength === undefined ? 32768 : custom(name).contextLength;
        const capabilities =
          custom(name).capabilities === undefined ? ["completion", "tools"] : custom(name).capabilities;
        sendJson(response, 200, {
          modelfile: `FROM ${name}`,
          parameters: 'stop "<|im_end|>"',
          template: "{{- range .Messages }}...{{ end }}",
          details,
          model_info: {
            "general.architecture": details.family,
            ...(contextLength === null ? {} : { [`${details.family}.context_length`]: contextLength }),
          },
          ...(capabilities === null ? {} : { capabilities }),
          modified_at: createdAt,
        });
      }
      return true;
    case "POST /api/pull": {
      if (!known) {
        sendJson(response, 500, { error: "pull model manifest: file does not exist" });
        return true;
      }
      const digest = `sha256:${"a".repeat(64)}`;
      const progress = [
        { status: "pulling manifest" },
        { status: `pulling ${digest.slice(7, 19)}`, digest, total: 1000, completed: 0 },
        { status: `pulling ${digest.slice(7, 19)}`, digest, total: 1000, completed: 500 },
        { status: `pulling ${digest.slice(7, 19)}`, digest, total: 1000, completed: 1000 },
        { status: "verifying sha256 digest" },
        { status: "writing manifest" },
        { status: "success" },
      ];
      if (body.stream === false) {
        sendJson(response, 200, { status: "success" });
        return true;
      }
      response.writeHead(200, { "content-type": "application/x-ndjson" });
      const failAfter = options.pull?.failAfterLines;
      if (failAfter === undefined) {
        response.end(progress.map((item) => `${JSON.stringify(item)}\n`).join(""));
        return true;
      }
      const sent = progress.slice(0, failAfter).map((item) => `${JSON.stringify(item)}\n`);
      if (options.pull?.tear) {
        response.write(sent.join(""), () => response.socket?.destroy());
        return true;
      }
      const error = options.pull?.error ?? "write /root/.ollama/models/blobs: no space left on device";
      response.end([...sent, `${JSON.stringify({ error })}\n`].join(""));
      return true;
    }
    case "POST /api/embed": {
      const input = body.input;
      const texts = Array.isArray(input) ? input.map(String) : [String(input ?? "")];
      const dimensions = requestedDimensions(body.dimensions);
      sendJson(response, 200, {
        model: name,
        embeddings: texts.map((text) => fakeEmbedding(text, dimensions)),
        total_duration: 1_000_000,
        load_duration: 100_000,
        prompt_eval_count: texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0),
      });
      return true;
    }
    default:
      return false;
  }
}
