/**
 * Timing and output helpers for `npm run bench`: one JSON line per measurement on
 * stdout, human notes on stderr, and a failing measurement reported as an `error` line
 * without stopping the others.
 */
import { performance } from 'node:perf_hooks';

export type BenchLine = { name: string } & Record<string, unknown>;

export interface TimingOptions {
  /** Untimed runs first, so the JIT and caches settle (at least this many, and at least 200 ms). */
  warmup?: number;
  /** Timed runs: at least minRuns, then more until budgetMs has passed, never more than maxRuns. */
  minRuns?: number;
  maxRuns?: number;
  budgetMs?: number;
}

export interface Timing {
  n: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
}

export const round = (x: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function summarizeTimes(times: readonly number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    n: sorted.length,
    medianMs: round(median(sorted)),
    p95Ms: round(quantile(sorted, 0.95)),
    minMs: round(sorted[0] ?? Number.NaN),
  };
}

/**
 * Median of many runs after a warm-up. The result of each run goes to a sink, so the
 * engine cannot drop the work as dead code.
 */
export function time(fn: () => unknown, options: TimingOptions = {}): Timing {
  const { warmup = 3, minRuns = 20, maxRuns = 2_000, budgetMs = 1_500 } = options;
  let sink = 0;
  const keep = (v: unknown) => {
    sink = (sink + (v === undefined || v === null ? 0 : 1)) | 0;
  };
  const warmStart = performance.now();
  for (let i = 0; i < warmup || (performance.now() - warmStart < 200 && i < maxRuns); i++) keep(fn());
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || (performance.now() - start < budgetMs && times.length < maxRuns)) {
    const t = performance.now();
    keep(fn());
    times.push(performance.now() - t);
  }
  if (sink < 0) console.error('unreachable'); // reads sink so it stays live
  return summarizeTimes(times);
}

export interface BenchContext {
  /** True when this measurement is selected by `--only`. */
  wants(name: string): boolean;
  emit(line: BenchLine): void;
  note(text: string): void;
  /** Run one measurement; a throw becomes `{"name", "error"}` and the harness goes on. */
  attempt(name: string, fn: () => void | Promise<void>): Promise<void>;
}

export function createContext(
  only: string | undefined,
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): BenchContext & { lines: BenchLine[] } {
  const lines: BenchLine[] = [];
  const ctx = {
    lines,
    wants: (name: string) => only === undefined || name.startsWith(only),
    emit(line: BenchLine) {
      lines.push(line);
      out(`${JSON.stringify(line)}\n`);
    },
    note(text: string) {
      err(`${text}\n`);
    },
    async attempt(name: string, fn: () => void | Promise<void>) {
      if (!ctx.wants(name)) return;
      try {
        await fn();
      } catch (e) {
        ctx.emit({ name, error: e instanceof Error ? e.message.split('\n')[0]!.slice(0, 500) : String(e).slice(0, 500) });
      }
    },
  };
  return ctx;
}

/** Whether a group whose measurements all start with `prefix` has anything `--only` selects. */
export function groupSelected(only: string | undefined, prefix: string): boolean {
  return only === undefined || prefix.startsWith(only) || only.startsWith(prefix);
}
