/**
 * `npm run bench`: every benchmark, each printing ratios against a baseline measured in the
 * same run. Exits 1 when a target is missed.
 */
import { printChecks } from "./measure.ts";
import { runParserBench } from "./parser-bench.ts";

const checks = runParserBench();
printChecks("parser", checks);
const missed = checks.filter((check) => !check.ok);
console.log(missed.length === 0 ? "\nall targets met" : `\n${missed.length} target(s) missed`);
process.exitCode = missed.length === 0 ? 0 : 1;
