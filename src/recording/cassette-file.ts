/**
 * Reading and writing cassette files. Reads validate with the schema; writes are atomic (a
 * temporary file renamed into place), so a crash mid-recording leaves the last good cassette.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { ToolUseError } from "../errors.ts";
import { type Cassette, CassetteSchema } from "./cassette.ts";
import { CassetteError } from "./cassette-error.ts";

/** The file's JSON as written (for rewriting without dropping unknown fields) and the validated cassette. */
export interface LoadedCassette {
  readonly path: string;
  readonly raw: Record<string, unknown>;
  readonly cassette: Cassette;
}

export function readCassette(path: string): LoadedCassette {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ToolUseError("file-not-readable", `cannot read cassette ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { path, ...parseCassette(text, path) };
}

export function parseCassette(
  text: string,
  path = "(cassette)",
): { raw: Record<string, unknown>; cassette: Cassette } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CassetteError("invalid", `${path} is not JSON: ${(error as Error).message}`, {
      path,
      cause: error,
    });
  }
  const checked = CassetteSchema.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new CassetteError(
      "invalid",
      `${path} is not a cassette: ${issue.path.join(".") || "(root)"}: ${issue.message}`,
      { path },
    );
  }
  return { raw: raw as Record<string, unknown>, cassette: checked.data };
}

/** Writes JSON (two-space indent, trailing newline) atomically. */
export function writeCassetteFile(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, path);
}
