/**
 * `tooluse eval [paths...]`: re-parse every recorded output (default fixtures/cassettes) and
 * compare with the expected calls beside it; a scoreboard per model and format, the regressions
 * with a short diff, exit 1 on any regression. `--update` accepts the new parses; `--json`
 * prints machine-readable results.
 */
import { readCassette } from "../recording/cassette-file.ts";
import {
  acceptResults,
  type CaseResult,
  describeDifference,
  evaluateCassette,
  findCassetteFiles,
} from "../recording/evaluate-cassettes.ts";
import { type CommandIo, type OutputStream, parseCommandArgs } from "./command-io.ts";

export const EVAL_USAGE = `  eval [paths...]  re-parse recorded outputs in cassettes (default fixtures/cassettes) and compare
                   them with the expected calls; exit 1 on any regression
    --update         accept the new parses as expected
    --json           print the results as one JSON object
`;

export async function evalCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: [...argv],
    options: { update: { type: "boolean", default: false }, json: { type: "boolean", default: false } },
    allowPositionals: true,
    strict: true,
  });
  const files = findCassetteFiles(positionals.length > 0 ? positionals : ["fixtures/cassettes"]);
  const progress = values.json ? undefined : createProgress(io.stderr, files.length);
  const results: CaseResult[] = [];
  let updated = 0;
  for (const [index, file] of files.entries()) {
    const loaded = readCassette(file);
    const cassetteResults = evaluateCassette(loaded);
    results.push(...cassetteResults);
    if (values.update) updated += acceptResults(loaded, cassetteResults);
    progress?.tick(index + 1, file);
  }
  progress?.done();
  const failed = results.filter((result) => result.status === "failed");
  if (values.json) {
    io.stdout.write(
      `${JSON.stringify(toJson(results, files.length, values.update ? updated : undefined), null, 2)}\n`,
    );
  } else {
    io.stdout.write(formatReport(results, files.length));
    if (values.update) io.stdout.write(`updated ${updated} expectation(s)\n`);
  }
  return failed.length > 0 && !values.update ? 1 : 0;
}

interface ScoreRow {
  model: string;
  format: string;
  passed: number;
  failed: number;
  unchecked: number;
  total: number;
}

export function scoreboard(results: readonly CaseResult[]): ScoreRow[] {
  const rows = new Map<string, ScoreRow>();
  for (const result of results) {
    const key = `${result.model}\u0000${result.format}`;
    const row = rows.get(key) ?? {
      model: result.model,
      format: result.format,
      passed: 0,
      failed: 0,
      unchecked: 0,
      total: 0,
    };
    row[result.status]++;
    row.total++;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) =>
    a.model === b.model ? a.format.localeCompare(b.format) : a.model.localeCompare(b.model),
  );
}

function formatReport(results: readonly CaseResult[], fileCount: number): string {
  const rows = scoreboard(results);
  const modelWidth = Math.max(5, ...rows.map((row) => row.model.length));
  const formatWidth = Math.max(6, ...rows.map((row) => row.format.length));
  const line = (model: string, format: string, cells: readonly (string | number)[]) =>
    `${model.padEnd(modelWidth)}  ${format.padEnd(formatWidth)}  ${cells.map((cell) => String(cell).padStart(6)).join("  ")}\n`;
  let text = `eval: ${results.length} recorded output(s) in ${fileCount} cassette(s)\n\n`;
  text += line("model", "format", ["passed", "failed", "total"]);
  for (const row of rows) text += line(row.model, row.format, [row.passed, row.failed, row.total]);
  const sum = (key: "passed" | "failed" | "total") => rows.reduce((total, row) => total + row[key], 0);
  text += line("total", "", [sum("passed"), sum("failed"), sum("total")]);
  const unchecked = results.filter((result) => result.status === "unchecked").length;
  if (unchecked > 0)
    text += `\n${unchecked} output(s) have no expected calls yet (run with --update to record them)\n`;
  const failed = results.filter((result) => result.status === "failed");
  if (failed.length > 0) {
    text += `\nregressions (${failed.length}):\n`;
    for (const result of failed) {
      text += `  ${result.path} #${result.index + 1} (${result.model}, ${result.format})\n`;
      for (const diffLine of describeDifference(result.expected, result.actual)) text += `    ${diffLine}\n`;
    }
  } else {
    text += "\nno regressions\n";
  }
  return text;
}

function toJson(results: readonly CaseResult[], fileCount: number, updated: number | undefined) {
  return {
    files: fileCount,
    summary: {
      passed: results.filter((result) => result.status === "passed").length,
      failed: results.filter((result) => result.status === "failed").length,
      unchecked: results.filter((result) => result.status === "unchecked").length,
      total: results.length,
      ...(updated === undefined ? {} : { updated }),
    },
    scoreboard: scoreboard(results),
    cases: results,
  };
}

/** A progress bar on a TTY; plain lines otherwise. */
function createProgress(stream: OutputStream, total: number) {
  const width = 24;
  return {
    tick(done: number, file: string): void {
      if (stream.isTTY) {
        const filled = total === 0 ? width : Math.round((done / total) * width);
        stream.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} cassettes`);
      } else {
        stream.write(`checked ${file} (${done}/${total})\n`);
      }
    },
    done(): void {
      if (stream.isTTY) stream.write("\r\u001b[K");
    },
  };
}
