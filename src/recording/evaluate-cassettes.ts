/**
 * The core of `tooluse eval`: re-parse every recorded output with the current parser and compare
 * it with the `expected` stored beside it. Pure apart from reading and (for updates) writing files.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ToolUseError } from "../errors.ts";
import { canonicalJson } from "./canonical-json.ts";
import type { Expected } from "./cassette.ts";
import { type LoadedCassette, writeCassetteFile } from "./cassette-file.ts";
import { cassetteParser, recordedText, recordedTools, toExpected } from "./parse-recorded-output.ts";

export type CaseStatus =
  /** The parser reads what was expected. */
  | "passed"
  /** The parser reads something else now: a regression (or an improvement to accept with --update). */
  | "failed"
  /** Nothing was expected yet (an interaction recorded without a parse). */
  | "unchecked";

export interface CaseResult {
  readonly path: string;
  /** The interaction's index in the cassette (0-based). */
  readonly index: number;
  /** `provider:model` that wrote the output. */
  readonly model: string;
  /** The format the cassette's adapter reads (or the detected one). */
  readonly format: string;
  readonly scripted: boolean;
  readonly status: CaseStatus;
  readonly expected: Expected | undefined;
  readonly actual: Expected;
}

/** The .json files under each path (a file is taken as is), sorted. */
export function findCassetteFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    } else if (path.endsWith(".json")) {
      files.push(path);
    }
  };
  for (const path of paths) {
    if (statSync(path, { throwIfNoEntry: false }) === undefined)
      throw new ToolUseError("file-not-readable", `cannot read ${path}: it does not exist`);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(path);
  }
  return files;
}

/** One result per interaction that has an output (recorded failures are skipped). */
export function evaluateCassette(loaded: LoadedCassette): CaseResult[] {
  const { cassette } = loaded;
  const results: CaseResult[] = [];
  for (const [index, interaction] of cassette.interactions.entries()) {
    if (interaction.error) continue;
    const parse = cassetteParser(cassette, interaction);
    const actual = toExpected(parse(recordedText(interaction), recordedTools(cassette, interaction)));
    const expected = interaction.expected;
    results.push({
      path: loaded.path,
      index,
      model: interaction.model ?? `${cassette.model.provider}:${cassette.model.model}`,
      format:
        (interaction.model === undefined ? cassette.model.format : undefined) ?? actual.format ?? "none",
      scripted: cassette.scripted,
      status:
        expected === undefined
          ? "unchecked"
          : canonicalJson(expected) === canonicalJson(actual)
            ? "passed"
            : "failed",
      expected,
      actual,
    });
  }
  return results;
}

/** Writes the new parses as `expected` (failed and unchecked cases); returns how many changed. */
export function acceptResults(loaded: LoadedCassette, results: readonly CaseResult[]): number {
  const interactions = loaded.raw.interactions;
  if (!Array.isArray(interactions)) return 0;
  let changed = 0;
  for (const result of results) {
    if (result.path !== loaded.path || result.status === "passed") continue;
    const interaction: unknown = interactions[result.index];
    if (interaction && typeof interaction === "object") {
      (interaction as Record<string, unknown>).expected = result.actual;
      changed++;
    }
  }
  if (changed > 0) writeCassetteFile(loaded.path, loaded.raw);
  return changed;
}

/** A short diff of two parses: `-` lines expected, `+` lines read now. */
export function describeDifference(expected: Expected | undefined, actual: Expected): string[] {
  const lines: string[] = [];
  if (expected && expected.format !== actual.format)
    lines.push(`- format ${expected.format ?? "(none)"}`, `+ format ${actual.format ?? "(none)"}`);
  const was = (expected?.toolCalls ?? []).map(describeCall);
  const now = actual.toolCalls.map(describeCall);
  for (let index = 0; index < Math.max(was.length, now.length); index++) {
    if (was[index] === now[index]) continue;
    lines.push(`- ${was[index] ?? "(no call)"}`, `+ ${now[index] ?? "(no call)"}`);
  }
  return lines;
}

function describeCall(call: Expected["toolCalls"][number]): string {
  const args = JSON.stringify(call.arguments);
  return `${call.name} ${args.length > 120 ? `${args.slice(0, 117)}...` : args}`;
}
