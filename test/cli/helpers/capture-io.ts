/**
 * In-process command IO: captured stdout/stderr and a scripted stdin.
 */
import { Readable } from "node:stream";
import type { CommandIo } from "../../../src/cli/command-io.ts";

export interface CapturedIo extends CommandIo {
  readonly out: () => string;
  readonly err: () => string;
}

export function captureIo(
  options: { stdin?: readonly string[]; stdinTTY?: boolean; stdoutTTY?: boolean; stderrTTY?: boolean } = {},
): CapturedIo {
  let out = "";
  let err = "";
  const stdin = Object.assign(Readable.from(options.stdin?.map((line) => `${line}\n`) ?? []), {
    isTTY: options.stdinTTY ?? false,
  });
  return {
    stdout: { write: (text: string) => (out += text), isTTY: options.stdoutTTY ?? false },
    stderr: { write: (text: string) => (err += text), isTTY: options.stderrTTY ?? false },
    stdin,
    env: {},
    out: () => out,
    err: () => err,
  };
}
