import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseArgs } from './args';
import { createContext, groupSelected, median, quantile, summarizeTimes, time } from './measure';
import { plainGraph } from './browser';
import { pair2019AlwaysOn } from '../../app/model/samples/index';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('statistics', () => {
  it('median and quantiles of known samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(sorted, 0.95)).toBe(95);
    expect(quantile(sorted, 1)).toBe(100);
    expect(summarizeTimes([5, 1, 3])).toEqual({ n: 3, medianMs: 3, p95Ms: 5, minMs: 1 });
  });

  it('the median lies between the smallest and the largest sample', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (xs) => {
        const m = median(xs);
        expect(m).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(m).toBeLessThanOrEqual(Math.max(...xs));
        const s = summarizeTimes(xs);
        expect(s.minMs).toBeLessThanOrEqual(s.medianMs);
        expect(s.medianMs).toBeLessThanOrEqual(s.p95Ms + 1e-3);
      }),
      { numRuns: RUNS },
    );
  });

  it('time() runs the function for the warm-up and at least minRuns timed runs', () => {
    let calls = 0;
    const t = time(() => (calls += 1), { warmup: 2, minRuns: 7, budgetMs: 0, maxRuns: 7 });
    expect(t.n).toBe(7);
    expect(calls).toBeGreaterThanOrEqual(9);
    expect(t.minMs).toBeGreaterThanOrEqual(0);
  });
});

describe('the output contract', () => {
  it('prints one JSON line per measurement and turns a throw into an error line', async () => {
    const out: string[] = [];
    const notes: string[] = [];
    const ctx = createContext(
      undefined,
      (s) => out.push(s),
      (s) => notes.push(s),
    );
    await ctx.attempt('a/first', () => ctx.emit({ name: 'a/first', medianMs: 1 }));
    await ctx.attempt('a/broken', () => {
      throw new Error('it broke\nsecond line');
    });
    await ctx.attempt('a/async', async () => {
      await Promise.resolve();
      throw new Error('async failure');
    });
    await ctx.attempt('a/last', () => ctx.emit({ name: 'a/last', medianMs: 2 }));
    ctx.note('a human note');
    const lines = out
      .join('')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { name: 'a/first', medianMs: 1 },
      { name: 'a/broken', error: 'it broke' },
      { name: 'a/async', error: 'async failure' },
      { name: 'a/last', medianMs: 2 },
    ]);
    expect(notes.join('')).toBe('a human note\n');
  });

  it('--only selects measurements and groups by prefix', async () => {
    const out: string[] = [];
    const ctx = createContext(
      'runRules/generated-5',
      (s) => out.push(s),
      () => undefined,
    );
    expect(ctx.wants('runRules/generated-5000')).toBe(true);
    expect(ctx.wants('runRules/generated-500')).toBe(true);
    expect(ctx.wants('parseTopology/global')).toBe(false);
    await ctx.attempt('parseTopology/global', () => ctx.emit({ name: 'parseTopology/global' }));
    expect(out).toEqual([]);
    expect(groupSelected('runRules/generated-5', 'runRules/')).toBe(true);
    expect(groupSelected('run', 'runRules/')).toBe(true);
    expect(groupSelected('browser/', 'runRules/')).toBe(false);
    expect(groupSelected(undefined, 'browser/')).toBe(true);
  });

  it('reads the command line', () => {
    expect(parseArgs([])).toEqual({ only: undefined, skipBuild: false, browserRuns: 3 });
    expect(parseArgs(['--only', 'browser/', '--skip-build', '--runs', '5'])).toEqual({
      only: 'browser/',
      skipBuild: true,
      browserRuns: 5,
    });
    expect(parseArgs(['--only=steps/'])).toEqual({ only: 'steps/', skipBuild: false, browserRuns: 3 });
    expect(parseArgs(['--only'])).toMatch(/needs a prefix/);
    expect(parseArgs(['--runs', '0'])).toMatch(/whole number/);
    expect(parseArgs(['--frobnicate'])).toMatch(/unknown option/);
  });
});

describe('the plain React Flow baseline', () => {
  it('shows the same graph: one default node per node, one edge per link', () => {
    const doc = pair2019AlwaysOn();
    const g = plainGraph(doc) as {
      nodes: { id: string; position: { x: number; y: number }; data: { label: string } }[];
      edges: { source: string; target: string }[];
    };
    expect(g.nodes.map((n) => n.id)).toEqual(doc.nodes.map((n) => n.id));
    expect(g.nodes.map((n) => n.data.label)).toEqual(doc.nodes.map((n) => n.name));
    expect(g.edges.map((e) => [e.source, e.target])).toEqual(doc.links.map((l) => [l.from, l.to]));
    expect(g.nodes.every((n) => Number.isFinite(n.position.x) && Number.isFinite(n.position.y))).toBe(true);
  });
});
