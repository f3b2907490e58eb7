/**
 * What went wrong with one provider request, told from what the transport saw (a network error,
 * the HTTP status and Retry-After, an idle timeout) rather than from each client library's error
 * classes; and the ToolUseError it becomes. Messages and causes are scrubbed of secrets
 * (secrets.ts).
 */
import { type ErrorCode, ToolUseError } from "../errors.ts";
import { redact, scrubbedCause } from "./secrets.ts";

// Importers of redact from here predate secrets.ts (the unit test among them).
export { redact } from "./secrets.ts";

/** What the fetch wrapper saw during one attempt. */
export interface AttemptTrace {
  status?: number;
  retryAfterMs?: number;
  /** The server's error message (JSON `error` / `error.message`, or the text), when not 2xx. */
  serverMessage?: string;
  networkError?: unknown;
}

export interface Failure {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  /** What happened, without the model name or attempt count. */
  readonly detail: string;
  readonly retryAfterMs?: number;
  readonly cause: unknown;
}

export interface FailureContext {
  readonly trace: AttemptTrace;
  readonly timedOut: boolean;
  readonly timeoutMs: number;
  /** Events were already yielded: never retried. */
  readonly streamStarted: boolean;
}

export function classifyFailure(error: unknown, context: FailureContext): Failure {
  const { trace } = context;
  if (context.timedOut)
    return {
      code: "provider-timeout",
      retryable: !context.streamStarted,
      detail: `no data for ${context.timeoutMs} ms${context.streamStarted ? " in the middle of the stream" : ""}`,
      cause: error,
    };
  const status = trace.status;
  if (status !== undefined && (status < 200 || status >= 300)) {
    const said = trace.serverMessage ? `: ${trace.serverMessage}` : "";
    if (status === 401 || status === 403)
      return {
        code: "provider-auth",
        retryable: false,
        detail: `HTTP ${status}, the API key was rejected${said}`,
        cause: error,
      };
    if (status === 429)
      return {
        code: "provider-rate-limited",
        retryable: true,
        detail: `HTTP 429, rate limited${said}`,
        cause: error,
        ...(trace.retryAfterMs === undefined ? {} : { retryAfterMs: trace.retryAfterMs }),
      };
    return {
      code: "provider-error",
      retryable: status >= 500 || status === 408,
      detail: `HTTP ${status}${said}`,
      cause: error,
      ...(trace.retryAfterMs === undefined ? {} : { retryAfterMs: trace.retryAfterMs }),
    };
  }
  if (status === undefined && trace.networkError !== undefined)
    return {
      code: "provider-unreachable",
      retryable: true,
      detail: `cannot connect (${networkReason(trace.networkError)})`,
      cause: error,
    };
  if (status !== undefined)
    return {
      code: "provider-error",
      retryable: !context.streamStarted,
      detail: `the response stream broke${context.streamStarted ? " after it started" : ""}: ${errorText(error)}`,
      cause: error,
    };
  return { code: "provider-error", retryable: false, detail: errorText(error), cause: error };
}

/** The ToolUseError for a failure; `secrets` are removed from the message and the cause. */
export function failureError(
  failure: Failure,
  where: string,
  attempts: number,
  secrets: readonly string[],
): ToolUseError {
  const tries = attempts > 1 ? ` (after ${attempts} attempts)` : "";
  const message = redact(`${where}: ${failure.detail}${tries}`, secrets);
  return new ToolUseError(failure.code, message, { cause: scrubbedCause(failure.cause, secrets) });
}

/** A URL without user info (http://user:pass@host would print the password). */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString().replace(/\/+$/, "");
  } catch {
    return url;
  }
}

/** The server's error message from an error response body (Ollama, OpenAI, or plain text). */
export function serverMessage(body: string): string | undefined {
  const text = body.trim();
  if (text.length === 0) return undefined;
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === "object" && json !== null) {
      const error =
        (json as { error?: unknown; message?: unknown }).error ?? (json as { message?: unknown }).message;
      if (typeof error === "string") return truncate(error);
      if (typeof error === "object" && error !== null) {
        const message = (error as { message?: unknown }).message;
        if (typeof message === "string") return truncate(message);
      }
    }
  } catch {
    // not JSON: the text itself
  }
  return truncate(text);
}

function networkReason(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code === "ECONNREFUSED" ? "connection refused" : code;
    current = current.cause;
  }
  return errorText(error);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function truncate(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}
