/** Timing helpers for benchmarks: warm up, then the mean of many interleaved runs. */
import { performance } from "node:perf_hooks";

/**
 * Two workloads measured alternately (a, b, a, b, ...) after a warm-up, reported as each one's
 * mean time per run. Alternating makes drift in machine speed hit both alike, and the mean
 * charges each workload with the garbage collections its own allocations cause. The fastest
 * single run does not: a 6 ms one-shot parse often runs between two collections while a 17 ms
 * stream never can, so ratios of fastest runs overstated streaming's cost by about 10% and
 * swung by as much between runs of the bench.
 */
export async function interleavedMeansMs(
  a: () => unknown,
  b: () => unknown,
  { warmup = 3, runs = 9 } = {},
): Promise<[number, number]> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  let totalA = 0;
  let totalB = 0;
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    await a();
    totalA += performance.now() - start;
    start = performance.now();
    await b();
    totalB += performance.now() - start;
  }
  return [totalA / runs, totalB / runs];
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
