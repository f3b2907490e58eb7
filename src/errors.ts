/**
 * The one error type tooluse throws, for caller and system faults. Model mistakes are never
 * thrown: the parser returns them as `problems` and the executor tells the model.
 */

/** Stable error codes: never renamed, only added. */
export type ErrorCode =
  /** A caller passed something malformed (bad options, a bad JSON line, a bad tool list). */
  | "invalid-input"
  /** A format id that tooluse does not know. */
  | "unknown-format"
  /** An adapter id that tooluse does not know. */
  | "unknown-adapter"
  /** A file could not be read. */
  | "file-not-readable"
  /** The run was aborted through its AbortSignal. */
  | "aborted"
  /** The model's provider failed (after its retries) and no fallback was configured. */
  | "provider-error"
  /** The fallback model failed as well. */
  | "fallback-failed"
  /** The provider's server could not be reached (connection refused or reset), after retries. */
  | "provider-unreachable"
  /** The provider rejected the credentials (HTTP 401/403); never retried. */
  | "provider-auth"
  /** The provider kept answering HTTP 429, after retries. */
  | "provider-rate-limited"
  /** The provider sent nothing within the request timeout, after retries. */
  | "provider-timeout"
  /** A provider that needs an API key was used without one. */
  | "missing-api-key"
  /** A configuration file or provider option is malformed (the message names the field). */
  | "invalid-config"
  /** Strict replay: the run sent a request other than the recorded one. */
  | "replay-mismatch"
  /** Replay: the run asked for more model calls than the cassette holds. */
  | "replay-exhausted"
  /** A file that is not a valid cassette. */
  | "invalid-cassette"
  /** The provider does not have the model (Ollama: not pulled, or no such tag in the library). */
  | "model-not-found"
  /** An Ollama pull stopped before it finished (disk full, a broken download ...). */
  | "pull-failed";

const MARKER = Symbol.for("tooluse.error");

export interface ToolUseErrorOptions {
  readonly cause?: unknown;
  readonly toolName?: string;
  readonly raw?: string;
}

export class ToolUseError extends Error {
  readonly code: ErrorCode;
  readonly toolName: string | undefined;
  readonly raw: string | undefined;

  constructor(code: ErrorCode, message: string, options: ToolUseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ToolUseError";
    this.code = code;
    this.toolName = options.toolName;
    this.raw = options.raw;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** True for a ToolUseError (from any copy of this package), optionally with the given code. */
  static is(error: unknown, code?: ErrorCode): error is ToolUseError {
    return (
      typeof error === "object" &&
      error !== null &&
      (error as Record<symbol, unknown>)[MARKER] === true &&
      (code === undefined || (error as ToolUseError).code === code)
    );
  }
}
