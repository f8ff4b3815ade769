import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coldTexts, jsonText } from './json-text';
import { SliceClock, warmJsonText } from './json-text-warm';

const runs = Number(process.env.FUZZ_RUNS ?? 200);

describe('jsonText', () => {
  const anyValue = fc.letrec((tie) => ({
    any: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(undefined, () => 1, Number.NaN, -0, Infinity),
      fc.array(tie('any'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 6 }), tie('any'), { maxKeys: 4 }),
    ),
  })).any;

  it('writes exactly what JSON.stringify writes, for any JSON-like value (undefined and functions too)', () => {
    fc.assert(
      fc.property(anyValue, (v) => {
        expect(jsonText(v)).toBe(JSON.stringify(v));
        // A second time (from the cache), the same.
        expect(jsonText(v)).toBe(JSON.stringify(v));
      }),
      { numRuns: runs },
    );
  });

  it('follows an edit that makes new objects: the changed element is written anew, the others reused', () => {
    const doc = {
      name: 'D',
      nodes: [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
      ],
      layout: { a: { x: 1, y: 2 } },
    };
    expect(jsonText(doc)).toBe(JSON.stringify(doc));
    const edited = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'b' ? { ...n, name: 'B renamed' } : n)) };
    expect(jsonText(edited)).toBe(JSON.stringify(edited));
    expect(jsonText(edited)).toContain('B renamed');
    const moved = { ...edited, layout: { ...edited.layout, a: { x: 5, y: 6 } } };
    expect(jsonText(moved)).toBe(JSON.stringify(moved));
  });

  it('counts the objects an edit left without text: none once written, the edited ones after, capped', () => {
    const doc = {
      name: 'D',
      nodes: [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
        { id: 'c', name: 'C' },
      ],
      layout: { a: { x: 1, y: 2 } },
    };
    expect(coldTexts(doc, 10)).toBe(4);
    jsonText(doc);
    expect(coldTexts(doc, 10)).toBe(0);
    const edited = { ...doc, name: 'E', nodes: doc.nodes.map((n) => (n.id === 'b' ? { ...n, name: 'B renamed' } : n)) };
    // The renamed node only: the other nodes, the position and the name need no new text.
    expect(coldTexts(edited, 10)).toBe(1);
    const all = { ...doc, nodes: doc.nodes.map((n) => ({ ...n })) };
    // Near miss at the cap: three new nodes counted up to one more than asked.
    expect(coldTexts(all, 3)).toBe(3);
    expect(coldTexts(all, 1)).toBe(2);
  });

  it('property: no object is left without text after jsonText or warming', async () => {
    await fc.assert(
      fc.asyncProperty(anyValue, fc.boolean(), async (v, warm) => {
        if (warm) await warmJsonText(v, new SliceClock(0));
        else jsonText(v);
        expect(coldTexts(v, Infinity)).toBe(0);
      }),
      { numRuns: runs },
    );
  });

  it('after warming, writes exactly what JSON.stringify writes: warming never changes the text', async () => {
    await fc.assert(
      fc.asyncProperty(anyValue, fc.boolean(), async (v, writtenBefore) => {
        const before = writtenBefore ? jsonText(v) : JSON.stringify(v);
        // A clock whose slice is always over: every look at it yields (the most interleaved warming).
        await warmJsonText(v, new SliceClock(0));
        expect(jsonText(v)).toBe(JSON.stringify(v));
        expect(jsonText(v)).toBe(before);
      }),
      { numRuns: runs },
    );
  });

  it('warms a large document across tasks, a slice at a time, and then jsonText only joins', async () => {
    const doc = {
      name: 'Large',
      nodes: Array.from({ length: 3_000 }, (_, i) => ({ id: `n${i}`, name: `Node ${i}`, tags: [i, `t${i}`] })),
      layout: Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`n${i}`, { x: i, y: -i }])),
    };
    let tasks = 0;
    let inTask = true;
    // Counts how often the warming gave the page a turn (a timer set now runs only in a new task).
    const tick = (): void => {
      if (!inTask) return;
      setTimeout(() => {
        tasks += 1;
        tick();
      }, 0);
    };
    tick();
    // The slices are counted by the clock: how many timers run meanwhile depends on the
    // machine's load (Node runs several messages per turn of its loop), so they only show
    // that the page had its turns.
    class CountingClock extends SliceClock {
      yields = 0;
      override async pause(): Promise<void> {
        if (this.due) this.yields += 1;
        return super.pause();
      }
    }
    const clock = new CountingClock(0);
    await warmJsonText(doc, clock);
    inTask = false;
    expect(clock.yields).toBeGreaterThan(10);
    expect(tasks).toBeGreaterThan(0);
    // Every node and position is cached now: jsonText writes none of them again.
    const stringify = JSON.stringify;
    let calls = 0;
    JSON.stringify = ((...a: Parameters<typeof stringify>) => {
      calls += 1;
      return stringify(...a);
    }) as typeof stringify;
    try {
      expect(jsonText(doc)).toBe(stringify(doc));
    } finally {
      JSON.stringify = stringify;
    }
    // Only the keys and the top-level string are written (no node and no position).
    expect(calls).toBe(3_000 + 3 + 1);
  });
});
