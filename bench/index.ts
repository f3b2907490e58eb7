/**
 * `npm run bench`: every benchmark, each printing ratios against a baseline measured in the
 * same run. Each section runs in a fresh process (same machine, same run), so one section's
 * JIT and heap state cannot skew another's. Exits 1 when a target is missed.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type Check, printChecks } from "./measure.ts";
import { PARSER_SECTIONS, runParserSection } from "./parser-bench.ts";

const MARK = "@@checks ";
const section = process.argv[2];
if (section !== undefined) {
  // child: run one section and report its checks on the last line
  const checks = await runParserSection(section);
  console.log(`${MARK}${JSON.stringify(checks)}`);
} else {
  const self = fileURLToPath(import.meta.url);
  const checks: Check[] = [];
  for (const name of PARSER_SECTIONS) {
    const output = execFileSync(process.execPath, [...process.execArgv, self, name], { encoding: "utf8" });
    for (const line of output.split("\n")) {
      if (line.startsWith(MARK)) checks.push(...(JSON.parse(line.slice(MARK.length)) as Check[]));
      else if (line.trim()) console.log(line);
    }
  }
  printChecks("parser", checks);
  // The agent section measures in its own child process; imported only here, so the parser
  // sections' processes never load LangChain.
  const { runAgentSection } = await import("./agent-bench.ts");
  const agentChecks = runAgentSection();
  printChecks("agent loop", agentChecks);
  checks.push(...agentChecks);
  const missed = checks.filter((check) => !check.ok);
  console.log(missed.length === 0 ? "\nall targets met" : `\n${missed.length} target(s) missed`);
  process.exitCode = missed.length === 0 ? 0 : 1;
}
