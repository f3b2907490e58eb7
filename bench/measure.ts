/** Timing helpers for benchmarks: warm up, then the median of several runs. */
import { performance } from "node:perf_hooks";

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** Median wall time of `runs` runs after `warmup` runs, collecting garbage before each (with --expose-gc). */
export function medianMs(run: () => void, { warmup = 2, runs = 7 } = {}): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage?.();
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
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
