/** Timing helpers for benchmarks: warm up, then the fastest of several interleaved runs. */
import { performance } from "node:perf_hooks";

/**
 * Two workloads measured alternately (a, b, a, b, ...), so drift in machine speed hits both
 * alike, reported as the fastest run of each: other processes only ever add time, so the
 * minimum is the steadiest estimate of a workload's own cost on a shared machine.
 */
export async function fastestPairMs(
  a: () => unknown,
  b: () => unknown,
  { warmup = 3, runs = 9 } = {},
): Promise<[number, number]> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    await a();
    timesA.push(performance.now() - start);
    start = performance.now();
    await b();
    timesB.push(performance.now() - start);
  }
  return [Math.min(...timesA), Math.min(...timesB)];
}

export function mb(bytes: number): number {
  return bytes / (1024 * 1024);
}

export interface Check {
  readonly name: string;
  readonly value: number;
  readonly target: string;
  readonly ok: boolean;
}

export function printChecks(title: string, checks: readonly Check[]): void {
  console.log(`\n${title}`);
  for (const check of checks) {
    console.log(
      `  ${check.ok ? "ok  " : "MISS"} ${check.name.padEnd(52)} ${check.value.toFixed(2).padStart(8)}  (target ${check.target})`,
    );
  }
}
