/**
 * Replay failures. A CassetteError is a ToolUseError whose code says which way the cassette
 * does not fit the run: "replay-mismatch", "replay-exhausted" or "invalid-cassette" (`kind`
 * says the same in short).
 */
import { ToolUseError } from "../errors.ts";

export type CassetteErrorKind =
  /** The run sent a request other than the recorded one (strict replay). */
  | "mismatch"
  /** The run asked for more model calls than the cassette holds. */
  | "exhausted"
  /** The file is not a cassette (not JSON, or not the cassette schema). */
  | "invalid";

const CODES = {
  mismatch: "replay-mismatch",
  exhausted: "replay-exhausted",
  invalid: "invalid-cassette",
} as const;

export class CassetteError extends ToolUseError {
  readonly kind: CassetteErrorKind;
  /** The cassette file, when the cassette came from one. */
  readonly path: string | undefined;

  constructor(kind: CassetteErrorKind, message: string, options: { path?: string; cause?: unknown } = {}) {
    super(CODES[kind], message, options.cause === undefined ? {} : { cause: options.cause });
    this.name = "CassetteError";
    this.kind = kind;
    this.path = options.path;
  }

  /** True for a CassetteError (optionally of one kind), also when it is the cause of another error. */
  static find(error: unknown, kind?: CassetteErrorKind): CassetteError | undefined {
    for (let current = error, depth = 0; current !== undefined && depth < 5; depth++) {
      if (current instanceof CassetteError && (kind === undefined || current.kind === kind)) return current;
      current = current instanceof Error ? current.cause : undefined;
    }
    return undefined;
  }
}
