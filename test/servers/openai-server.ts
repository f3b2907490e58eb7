/**
 * A scripted OpenAI-compatible server (OpenAI, vLLM, Hugging Face router) on 127.0.0.1 speaking
 * the real wire format, for driving the real ChatOpenAI / `openai` client in tests:
 *
 * - `POST /v1/chat/completions`: SSE when `stream` is true (`data: {...}` chat.completion.chunk
 *   events: a role chunk, `delta.reasoning_content` pieces, `delta.content` pieces, then per tool
 *   call a chunk with `id`, `type` and `function.name` and chunks with `function.arguments` as
 *   JSON STRING pieces, a `finish_reason` chunk, a usage chunk with empty `choices` when
 *   `stream_options.include_usage` is set, and `data: [DONE]`); a chat.completion JSON object
 *   otherwise (arguments as one JSON string). Answered from the step queue (script-server.ts).
 * - `GET /v1/models`, `POST /v1/embeddings` (honours `dimensions`): answered from the options;
 *   `server.enqueueRoute("POST /path", ...)` scripts faults for them.
 *
 * Errors use OpenAI's `{"error": {"message", "type", "code"}}` shape.
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

export interface OpenAIServerOptions {
  /** Models `/v1/models` lists (default: Qwen/Qwen2.5-7B-Instruct). */
  readonly models?: readonly string[];
  /** Pieces each call's JSON arguments string is cut into when streamed (default 3). */
  readonly argumentPieces?: number;
  /** The `created` timestamp of every response (fixed, for deterministic output). */
  readonly created?: number;
  /** The delta/message field reasoning goes in: vLLM's older `reasoning_content` (default) or newer `reasoning`. */
  readonly reasoningField?: "reasoning_content" | "reasoning";
  /** Extra `/v1/models` fields per model id, e.g. vLLM's `{ owned_by: "vllm", max_model_len: 32768 }`. */
  readonly modelFields?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Faults and delays for the other routes, e.g. `{ "GET /v1/models": [{ type: "error", status: 429 }] }`. */
  readonly routeSteps?: RouteSteps;
}

export type OpenAIServer = ScriptServer;

export async function startOpenAIServer(
  steps: readonly ScriptStep[] = [],
  options: OpenAIServerOptions = {},
): Promise<OpenAIServer> {
  return new ScriptServer(openAIWireFormat(options), steps, options.routeSteps).start();
}

/** A string cut into `count` nearly equal pieces (at least one character each). */
export function splitString(text: string, count: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / count));
  const result: string[] = [];
  for (let start = 0; start < text.length; start += size) result.push(text.slice(start, start + size));
  return result.length > 0 ? result : [""];
}

export function openAIWireFormat(options: OpenAIServerOptions = {}): WireFormat {
  const models = options.models ?? ["Qwen/Qwen2.5-7B-Instruct"];
  const created = options.created ?? 1_735_689_600;
  const argumentPieces = options.argumentPieces ?? 3;
  const reasoningField = options.reasoningField ?? "reasoning_content";

  const callId = (step: ReplyStep, index: number) => step.toolCalls?.[index]?.id ?? `call_${index + 1}`;
  const finishReason = (step: ReplyStep) =>
    step.finishReason ?? (step.toolCalls?.length ? "tool_calls" : "stop");
  const usage = (step: ReplyStep) =>
    step.usage
      ? {
          prompt_tokens: step.usage.inputTokens,
          completion_tokens: step.usage.outputTokens,
          total_tokens: step.usage.inputTokens + step.usage.outputTokens,
        }
      : undefined;
  const model = (request: RecordedRequest) => {
    const body = request.body as { model?: unknown } | undefined;
    return typeof body?.model === "string" ? body.model : "unknown";
  };

  return {
    name: "openai",
    isChat: (method, path) => method === "POST" && path === "/v1/chat/completions",
    wantsStream: (request) => (request.body as { stream?: unknown } | undefined)?.stream === true,
    streamContentType: "text/event-stream",
    streamChunks(step, request) {
      const base = {
        id: "chatcmpl-scripted",
        object: "chat.completion.chunk",
        created,
        model: model(request),
      };
      const event = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
      const delta = (fields: Record<string, unknown>, finish: string | null = null) =>
        event({ ...base, choices: [{ index: 0, delta: fields, logprobs: null, finish_reason: finish }] });
      const chunks = [delta({ role: "assistant", content: "" })];
      for (const reasoning of pieces(step.reasoning)) chunks.push(delta({ [reasoningField]: reasoning }));
      for (const content of pieces(step.text)) chunks.push(delta({ content }));
      for (const [index, call] of (step.toolCalls ?? []).entries()) {
        chunks.push(
          delta({
            tool_calls: [
              {
                index,
                id: callId(step, index),
                type: "function",
                function: { name: call.name, arguments: "" },
              },
            ],
          }),
        );
        for (const piece of splitString(JSON.stringify(call.arguments), argumentPieces))
          chunks.push(delta({ tool_calls: [{ index, function: { arguments: piece } }] }));
      }
      chunks.push(delta({}, finishReason(step)));
      const includeUsage =
        (request.body as { stream_options?: { include_usage?: unknown } } | undefined)?.stream_options
          ?.include_usage === true;
      const reported = usage(step);
      if (includeUsage && reported) chunks.push(event({ ...base, choices: [], usage: reported }));
      chunks.push("data: [DONE]\n\n");
      return chunks;
    },
    jsonBody(step, request) {
      const reasoning = pieces(step.reasoning).join("");
      const reported = usage(step);
      return {
        id: "chatcmpl-scripted",
        object: "chat.completion",
        created,
        model: model(request),
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content: pieces(step.text).join(""),
              ...(reasoning ? { [reasoningField]: reasoning } : {}),
              ...(step.toolCalls?.length
                ? {
                    tool_calls: step.toolCalls.map((call, index) => ({
                      id: callId(step, index),
                      type: "function",
                      function: { name: call.name, arguments: JSON.stringify(call.arguments) },
                    })),
                  }
                : {}),
            },
            logprobs: null,
            finish_reason: finishReason(step),
          },
        ],
        ...(reported ? { usage: reported } : {}),
      };
    },
    errorBody: (status, message) => ({
      error: {
        message,
        type: errorType(status),
        param: null,
        code: status === 401 ? "invalid_api_key" : null,
      },
    }),
    serveOther(request, response) {
      return serveOpenAIRoute(request, response, models, created, options.modelFields ?? {});
    },
  };
}

function errorType(status: number): string {
  if (status === 401) return "invalid_request_error";
  if (status === 429) return "rate_limit_exceeded";
  return status >= 500 ? "server_error" : "invalid_request_error";
}

function serveOpenAIRoute(
  request: RecordedRequest,
  response: ServerResponse,
  models: readonly string[],
  created: number,
  modelFields: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): boolean {
  const route = `${request.method} ${request.path}`;
  if (route === "GET /v1/models") {
    sendJson(response, 200, {
      object: "list",
      data: models.map((id) => ({ id, object: "model", created, owned_by: "scripted", ...modelFields[id] })),
    });
    return true;
  }
  if (route === "POST /v1/embeddings") {
    const body = (request.body ?? {}) as {
      input?: unknown;
      model?: unknown;
      encoding_format?: unknown;
      dimensions?: unknown;
    };
    const dimensions = requestedDimensions(body.dimensions);
    const texts = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? "")];
    const tokens = texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
    sendJson(response, 200, {
      object: "list",
      // The openai client asks for base64 (little-endian float32) by default and decodes it.
      data: texts.map((text, index) => {
        const vector = fakeEmbedding(text, dimensions);
        const embedding =
          body.encoding_format === "base64"
            ? Buffer.from(new Float32Array(vector).buffer).toString("base64")
            : vector;
        return { object: "embedding", index, embedding };
      }),
      model: typeof body.model === "string" ? body.model : "unknown",
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
    return true;
  }
  return false;
}
