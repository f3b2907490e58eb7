/** Timing helpers for benchmarks: warm up, then the median of several runs. */
import { performance } from "node:perf_hooks";

/**
 * Median wall time of `runs` runs after `warmup` runs. No forced GC between runs: a full GC
 * shrinks the young generation and makes the next run pay for regrowing it, which is noise.
 */
export function medianMs(run: () => void, { warmup = 3, runs = 9 } = {}): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Medians of two workloads measured alternately (a, b, a, b, ...), so drift in machine speed
 * hits both alike: for ratios of one to the other.
 */
export function medianPairMs(a: () => void, b: () => void, { warmup = 3, runs = 9 } = {}): [number, number] {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    a();
    timesA.push(performance.now() - start);
    start = performance.now();
    b();
    timesB.push(performance.now() - start);
  }
  const median = (times: number[]) => times.sort((x, y) => x - y)[Math.floor(times.length / 2)]!;
  return [median(timesA), median(timesB)];
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
