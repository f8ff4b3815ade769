import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALIGN_MODES, DISTRIBUTE_AXES, alignPositions, distributePositions } from './arrange';
import type { Position } from './schema';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const layout: Record<string, Position> = {
  a: { x: 10, y: 100 },
  b: { x: 300, y: 40 },
  c: { x: 120, y: 260 },
  site: { x: 0, y: 0 },
};

describe('alignPositions', () => {
  it('lines up left edges on the leftmost card and moves only the cards that are off the line', () => {
    expect(alignPositions(layout, ['a', 'b', 'c'], 'left')).toEqual({ b: { x: 10, y: 40 }, c: { x: 10, y: 260 } });
  });
  it('aligns right on the rightmost, top on the highest, bottom on the lowest, centres between the extremes', () => {
    expect(alignPositions(layout, ['a', 'b', 'c'], 'right')).toEqual({ a: { x: 300, y: 100 }, c: { x: 300, y: 260 } });
    expect(alignPositions(layout, ['a', 'b', 'c'], 'top')).toEqual({ a: { x: 10, y: 40 }, c: { x: 120, y: 40 } });
    expect(alignPositions(layout, ['a', 'b', 'c'], 'bottom')).toEqual({ a: { x: 10, y: 260 }, b: { x: 300, y: 260 } });
    expect(alignPositions(layout, ['a', 'b', 'c'], 'hcenter')).toEqual({
      a: { x: 155, y: 100 },
      b: { x: 155, y: 40 },
      c: { x: 155, y: 260 },
    });
    expect(alignPositions(layout, ['a', 'b', 'c'], 'vcenter')).toEqual({
      a: { x: 10, y: 150 },
      b: { x: 300, y: 150 },
      c: { x: 120, y: 150 },
    });
  });
  it('needs two placed cards; unknown ids and repeats are ignored', () => {
    expect(alignPositions(layout, ['a'], 'left')).toEqual({});
    expect(alignPositions(layout, ['a', 'a', 'ghost'], 'left')).toEqual({});
    expect(alignPositions(layout, ['a', 'ghost', 'b'], 'top')).toEqual({ a: { x: 10, y: 40 } });
    expect(alignPositions(layout, ['toString', 'a'], 'left')).toEqual({});
  });
});

describe('distributePositions', () => {
  it('keeps the outermost cards and spaces the others evenly between them, in their order', () => {
    const row = { a: { x: 0, y: 5 }, b: { x: 50, y: 9 }, c: { x: 400, y: 0 }, d: { x: 100, y: 7 } };
    expect(distributePositions(row, ['a', 'b', 'c', 'd'], 'horizontal')).toEqual({ b: { x: 133, y: 9 }, d: { x: 267, y: 7 } });
    expect(distributePositions(row, ['a', 'b', 'c', 'd'], 'vertical')).toEqual({ a: { x: 0, y: 3 }, d: { x: 100, y: 6 } });
  });
  it('needs three placed cards', () => {
    expect(distributePositions(layout, ['a', 'b'], 'horizontal')).toEqual({});
    expect(distributePositions(layout, ['a', 'b', 'ghost'], 'vertical')).toEqual({});
  });
});

const arbLayout = fc.dictionary(
  fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }) }),
);
const arbIds = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'ghost'), { maxLength: 8 });

describe('arranging, whatever the cards', () => {
  it('align moves cards along one axis only, onto one line, and doing it again changes nothing', () => {
    fc.assert(
      fc.property(arbLayout, arbIds, fc.constantFrom(...ALIGN_MODES), (l, ids, mode) => {
        const moved = alignPositions(l, ids, mode);
        const horizontal = mode === 'left' || mode === 'hcenter' || mode === 'right';
        for (const [id, p] of Object.entries(moved)) {
          expect(ids).toContain(id);
          expect(horizontal ? p.y : p.x).toBe(horizontal ? l[id]!.y : l[id]!.x);
        }
        const after = { ...l, ...moved };
        const present = [...new Set(ids)].filter((id) => id in l);
        if (present.length >= 2) expect(new Set(present.map((id) => (horizontal ? after[id]!.x : after[id]!.y))).size).toBe(1);
        expect(alignPositions(after, ids, mode)).toEqual({});
      }),
      { numRuns: RUNS },
    );
  });
  it('distribute keeps the extremes and the order, and leaves the other axis alone', () => {
    fc.assert(
      fc.property(arbLayout, arbIds, fc.constantFrom(...DISTRIBUTE_AXES), (l, ids, axis) => {
        const k = axis === 'horizontal' ? 'x' : 'y';
        const o = axis === 'horizontal' ? 'y' : 'x';
        const moved = distributePositions(l, ids, axis);
        const present = [...new Set(ids)].filter((id) => id in l);
        const before = present.map((id) => l[id]![k]);
        const after = present.map((id) => ({ ...l, ...moved })[id]![k]);
        if (present.length) {
          expect(Math.min(...after)).toBe(Math.min(...before));
          expect(Math.max(...after)).toBe(Math.max(...before));
        }
        for (const [id, p] of Object.entries(moved)) expect(p[o]).toBe(l[id]![o]);
        // Order along the axis is kept: a card left of another stays left of it (or level).
        for (let i = 0; i < present.length; i++)
          for (let j = 0; j < present.length; j++) if (before[i]! < before[j]!) expect(after[i]!).toBeLessThanOrEqual(after[j]!);
      }),
      { numRuns: RUNS },
    );
  });
});
