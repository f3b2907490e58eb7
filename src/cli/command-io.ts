/**
 * The streams a command talks to, injectable so tests run commands in-process.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { ToolUseError } from "../errors.ts";
import type { ChatModel } from "../model.ts";

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface CommandIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  /** Environment (for NO_COLOR and the like); default process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

export function processIo(): CommandIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** What a command creates or reads from the world, injectable for tests. */
export interface CommandDependencies {
  /** Creates live models from `provider:model` specs (default: src/providers/create-model.ts). */
  readonly createModel?: (spec: string) => Promise<ChatModel>;
  /** The real clock. */
  readonly now?: () => Date;
}

/** node:util parseArgs, with its errors (unknown option, missing value) as ToolUseError("invalid-input"). */
export function parseCommandArgs<const Config extends ParseArgsConfig>(config: Config) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new ToolUseError("invalid-input", (error as Error).message, { cause: error });
  }
}
