/**
 * The problem a hand-written call reader reports when it stops: a truncated call when the output
 * ended inside what it was reading, else a malformed one.
 */
import type { ProblemDraft } from "../../format-spec.ts";

export interface ReaderFailure {
  /** The text ended before the reader could finish (more text might have completed it). */
  readonly incomplete: boolean;
  readonly message: string;
}

/** `what` names what could not be read ("the call", "the call's arguments"). */
export function readerFailureProblem(
  failure: ReaderFailure,
  outputEnded: boolean,
  raw: string,
  what: string,
): ProblemDraft {
  const truncated = failure.incomplete && outputEnded;
  return {
    code: truncated ? "truncated-call" : "malformed-call",
    message: truncated
      ? "the output ended inside a call (truncated generation)"
      : `${what} cannot be read (${failure.message})`,
    raw,
  };
}
