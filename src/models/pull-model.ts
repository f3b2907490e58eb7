/**
 * `ollama pull` through the API: `POST /api/pull` streams NDJSON progress lines
 * (`{"status": "pulling manifest"}`, `{"status": "pulling <digest>", "digest", "total",
 * "completed"}`, ..., `{"status": "success"}`), and reports a failure after the stream started
 * as an `{"error": "..."}` line. Each line becomes a progress event; failures become
 * ToolUseErrors saying what to do:
 *
 * | what happened                               | code                   |
 * |---------------------------------------------|------------------------|
 * | nothing listens at the base URL             | `provider-unreachable` (start `ollama serve`) |
 * | the registry has no such model or tag       | `model-not-found`      |
 * | no progress line within the timeout         | `provider-timeout`     |
 * | disk full, or the stream broke before `success` | `pull-failed`      |
 */
import { z } from "zod";
import { ToolUseError } from "../errors.ts";
import type { ProviderSettings } from "../providers/provider-config.ts";
import { displayUrl } from "../providers/provider-failure.ts";
import { openResponse, type RequestOptions } from "./request-json.ts";

export interface PullProgress {
  readonly type: "pull-progress";
  /** Ollama's status text: "pulling manifest", "pulling 6a0746a1ec1a", "verifying sha256 digest", "success". */
  readonly status: string;
  readonly digest?: string;
  /** Bytes of `digest` downloaded so far, and its size. */
  readonly completed?: number;
  readonly total?: number;
}

const LineSchema = z.looseObject({
  status: z.string().optional(),
  digest: z.string().optional(),
  completed: z.number().optional(),
  total: z.number().optional(),
  error: z.string().optional(),
});

const NOT_FOUND = /file does not exist|manifest unknown|not found|no such model/i;
const DISK_FULL = /no space left|disk full|not enough space/i;

/** Pulls `model` into Ollama, yielding progress; returns once Ollama reported success. */
export async function* pullModel(
  settings: ProviderSettings,
  model: string,
  options: RequestOptions = {},
): AsyncGenerator<PullProgress, void> {
  const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
  const server = displayUrl(settings.baseUrl);
  let response: Response;
  try {
    response = await openResponse(
      settings,
      "/api/pull",
      { method: "POST", body: { model, stream: true } },
      { ...options, timeoutMs },
    );
  } catch (error) {
    throw pullError(error, model, server);
  }
  let last: PullProgress | undefined;
  try {
    for await (const line of readLines(response, timeoutMs, options.signal)) {
      const parsed = LineSchema.safeParse(safeJson(line));
      if (!parsed.success) continue;
      const { error, status, digest, completed, total } = parsed.data;
      if (error !== undefined) throw streamedError(error, model, last);
      if (status === undefined) continue;
      last = {
        type: "pull-progress",
        status,
        ...(digest === undefined ? {} : { digest }),
        ...(completed === undefined ? {} : { completed }),
        ...(total === undefined ? {} : { total }),
      };
      yield last;
      if (status === "success") return;
    }
  } catch (error) {
    if (ToolUseError.is(error, "provider-timeout"))
      throw new ToolUseError(
        "provider-timeout",
        `pulling ${model}: no progress for ${timeoutMs} ms ${where(last)}; is ${server} still up?`,
        { cause: error },
      );
    if (ToolUseError.is(error)) throw error;
    throw new ToolUseError("pull-failed", `pulling ${model} broke off ${where(last)}: ${String(error)}`, {
      cause: error,
    });
  }
  throw new ToolUseError(
    "pull-failed",
    `pulling ${model} stopped ${where(last)} without finishing; run the pull again to resume`,
  );
}

/** The error for a request that failed before any progress. */
function pullError(error: unknown, model: string, server: string): unknown {
  if (!ToolUseError.is(error)) return error;
  if (error.code === "provider-unreachable")
    return new ToolUseError(
      "provider-unreachable",
      `Ollama is not running at ${server} (${error.message.replace(/^.*?: /, "")}): start it with \`ollama serve\` or set OLLAMA_HOST`,
      { cause: error },
    );
  if (error.code === "provider-error" && NOT_FOUND.test(error.message)) return notFound(model, error);
  if (error.code === "provider-timeout")
    return new ToolUseError(
      "provider-timeout",
      `Ollama at ${server} did not answer the pull: ${error.message}`,
      {
        cause: error,
      },
    );
  return error;
}

function streamedError(message: string, model: string, last: PullProgress | undefined): ToolUseError {
  if (NOT_FOUND.test(message) && last?.total === undefined) return notFound(model, message);
  if (DISK_FULL.test(message))
    return new ToolUseError(
      "pull-failed",
      `pulling ${model} failed ${where(last)}: the disk is full (${message}); free some space and pull again`,
    );
  return new ToolUseError("pull-failed", `pulling ${model} failed ${where(last)}: ${message}`);
}

function notFound(model: string, cause: unknown): ToolUseError {
  return new ToolUseError(
    "model-not-found",
    `the Ollama library has no model "${model}": check the name and tag at https://ollama.com/library`,
    { cause },
  );
}

/** "at 50% of sha256:aaaa…" / "after verifying sha256 digest" / "before any progress". */
function where(last: PullProgress | undefined): string {
  if (!last) return "before any progress";
  if (last.total && last.completed !== undefined)
    return `at ${Math.floor((100 * last.completed) / last.total)}% of ${last.digest ?? last.status}`;
  return `after "${last.status}"`;
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** The body's lines, with an idle timeout between reads. */
async function* readLines(
  response: Response,
  timeoutMs: number,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  const body = response.body;
  if (!body) return;
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const next = await idle(reader.read(), timeoutMs, signal);
      if (next.done) break;
      buffer += decoder.decode(next.value, { stream: true });
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) yield line;
        newline = buffer.indexOf("\n");
      }
    }
    const rest = (buffer + decoder.decode()).trim();
    if (rest) yield rest;
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

async function idle<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ToolUseError("provider-timeout", `the pull made no progress for ${ms} ms`)),
      ms,
    );
    onAbort = () => reject(new ToolUseError("aborted", "the pull was aborted"));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}
