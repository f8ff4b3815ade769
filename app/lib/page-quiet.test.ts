import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { whenPageQuiet, type QuietClock } from './page-quiet';

/** A clock moved by hand, and long tasks reported when the test says. */
function fakeClock(withApi = true) {
  let now = 0;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let next = 0;
  let listener: (() => void) | undefined;
  let stopped = false;
  const clock: QuietClock = {
    observeLongTasks: (on) => {
      if (!withApi) return undefined;
      listener = on;
      return () => {
        stopped = true;
        listener = undefined;
      };
    },
    setTimeout: (run, ms) => {
      const id = next++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      now = due.at;
      timers = timers.filter((t) => t !== due);
      due.run();
    }
    now = end;
  };
  return { clock, advance, longTask: () => listener?.(), pending: () => timers.length, stopped: () => stopped };
}

async function settledAfter(p: Promise<void>): Promise<boolean> {
  let settled = false;
  void p.then(() => (settled = true));
  await Promise.resolve();
  await Promise.resolve();
  return settled;
}

describe('whenPageQuiet', () => {
  it('resolves once the page has gone the quiet time without a long task, and stops listening', async () => {
    const f = fakeClock();
    const p = whenPageQuiet(1000, 30_000, f.clock);
    f.advance(600);
    f.longTask();
    f.advance(600);
    // Near miss: 1,200 ms in, but only 600 since the last long task.
    expect(await settledAfter(p)).toBe(false);
    f.advance(400);
    expect(await settledAfter(p)).toBe(true);
    expect(f.stopped()).toBe(true);
    expect(f.pending()).toBe(0);
  });

  it('a page never quiet still gets there at the latest time', async () => {
    const f = fakeClock();
    const p = whenPageQuiet(1000, 5000, f.clock);
    // A long task every 500 ms, up to 4,500 ms in.
    for (let i = 0; i < 9; i++) {
      f.advance(500);
      f.longTask();
    }
    f.advance(499);
    expect(await settledAfter(p)).toBe(false);
    f.advance(1);
    expect(await settledAfter(p)).toBe(true);
  });

  it('without the Long Tasks API it is the quiet time from the call', async () => {
    const f = fakeClock(false);
    const p = whenPageQuiet(1000, 30_000, f.clock);
    f.advance(999);
    expect(await settledAfter(p)).toBe(false);
    f.advance(1);
    expect(await settledAfter(p)).toBe(true);
  });

  it('property: resolves exactly when the quiet time follows the last long task, or at the latest time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 12 }),
        fc.integer({ min: 100, max: 2000 }),
        async (gaps, quiet) => {
          const max = 10_000;
          const f = fakeClock();
          const p = whenPageQuiet(quiet, max, f.clock);
          // Long tasks at these gaps, while not yet resolved: the expected moment follows.
          let t = 0;
          let lastTask = 0;
          for (const g of gaps) {
            if (lastTask + quiet <= t + g || t + g >= max) break;
            t += g;
            f.advance(g);
            f.longTask();
            lastTask = t;
          }
          const expected = Math.min(lastTask + quiet, max);
          f.advance(expected - t - 1);
          expect(await settledAfter(p)).toBe(false);
          f.advance(1);
          expect(await settledAfter(p)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
