/**
 * Waiting for the page to be quiet: `quietMs` without a long task (50 ms or more, the
 * browser's Long Tasks API), and at the latest `maxMs`. Work that runs beside the page on
 * another thread still takes a processor from it: on a two-core machine, the service worker's
 * first caching of every file of the designer, during the opening of a 5,000-node share link,
 * made that opening's tasks longer and more of them (scripts/bench/freeze.ts). Such work waits
 * for this. Where the browser has no Long Tasks API, it is `quietMs` from the call.
 */
export interface QuietClock {
  /** Calls `onLongTask` after each long task from now on, and returns how to stop; undefined without the API. */
  observeLongTasks(onLongTask: () => void): (() => void) | undefined;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

const browserClock: QuietClock = {
  observeLongTasks(onLongTask) {
    if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes?.includes('longtask'))
      return undefined;
    const observer = new PerformanceObserver(() => onLongTask());
    observer.observe({ type: 'longtask' });
    return () => observer.disconnect();
  },
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export function whenPageQuiet(quietMs: number, maxMs: number, clock: QuietClock = browserClock): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    let quiet: unknown;
    const finish = () => {
      if (done) return;
      done = true;
      clock.clearTimeout(quiet);
      clock.clearTimeout(latest);
      stop?.();
      resolve();
    };
    const restart = () => {
      if (done) return;
      clock.clearTimeout(quiet);
      quiet = clock.setTimeout(finish, quietMs);
    };
    const latest = clock.setTimeout(finish, maxMs);
    // A long task's entry arrives after it, and the timers only after that: finish never runs before this is set.
    const stop = clock.observeLongTasks(restart);
    restart();
  });
}
