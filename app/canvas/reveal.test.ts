import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REVEAL_BATCH, arrivalWaits, revealBatchFor, revealStep, revealedEdges } from './reveal';

const card = (id: string) => ({ id, type: 'topology' as const });
const site = (id: string) => ({ id, type: 'site' as const });
const ghost = (id: string) => ({ id, type: 'ghost' as const });

describe('cards handed to the canvas a batch at a time', () => {
  it('gives the frames and a first batch, then the rest in later steps, until all are shown', () => {
    const nodes = [site('s'), ...Array.from({ length: 7 }, (_, i) => card(`n${i}`))];
    const first = revealStep(nodes, new Set(), new Set(), 3);
    // The frame counts in the batch: 245 frames arriving at once were a long task of their own.
    expect(first.nodes.map((n) => n.id)).toEqual(['s', 'n0', 'n1']);
    expect(first.pending).toBe(5);
    const second = revealStep(nodes, first.shown, new Set(), 3);
    expect(second.nodes).toHaveLength(6);
    const third = revealStep(nodes, second.shown, new Set(), 3);
    expect(third.pending).toBe(0);
    // All shown: the very array given, so React Flow sees no change.
    expect(third.nodes).toBe(nodes);
  });

  it('gives what is neither card nor frame (a comparison ghost) at once, outside the batch', () => {
    const nodes = [ghost('g'), site('s'), card('n0'), card('n1')];
    const r = revealStep(nodes, new Set(), new Set(), 1);
    expect(r.nodes.map((n) => n.id)).toEqual(['g', 's']);
    expect(r.pending).toBe(2);
  });

  it('shows what is kept (the selection) at once, whatever the batch', () => {
    const nodes = Array.from({ length: 10 }, (_, i) => card(`n${i}`));
    const r = revealStep(nodes, new Set(), new Set(['n9']), 1);
    expect(r.nodes.map((n) => n.id)).toEqual(['n0', 'n9']);
  });

  it('a batch one short of the cards leaves exactly one for later (near miss)', () => {
    const nodes = Array.from({ length: 4 }, (_, i) => card(`n${i}`));
    expect(revealStep(nodes, new Set(), new Set(), 3).pending).toBe(1);
    expect(revealStep(nodes, new Set(), new Set(), 4).pending).toBe(0);
  });

  it('a large design arriving on an empty canvas gets no cards in the task that brings it, once', () => {
    const nodes = [site('s'), ...Array.from({ length: 5 }, (_, i) => card(`n${i}`))];
    expect(revealBatchFor(nodes, new Set(), new Set(), false, 4)).toBe(0);
    // Held once: the next step fills, whatever triggers it.
    expect(revealBatchFor(nodes, new Set(), new Set(), true, 4)).toBe(4);
    // Near misses: as many cards and frames as a batch, a card already shown, a kept card: no hold.
    expect(revealBatchFor(nodes, new Set(), new Set(), false, 6)).toBe(6);
    expect(revealBatchFor(nodes, new Set(['n3']), new Set(), false, 4)).toBe(4);
    expect(revealBatchFor(nodes, new Set(), new Set(['n0']), false, 4)).toBe(4);
  });

  it("a windowed design's new window holds its new cards a task, even a few, once", () => {
    const nodes = [site('s'), card('n0'), card('n1'), card('n2')];
    // n0 and the frame were in the last window; n1 and n2 come with the new one.
    const shown = new Set(['s', 'n0']);
    expect(revealBatchFor(nodes, shown, new Set(), false, 50, true)).toBe(0);
    // The next step brings them, window or not.
    expect(revealBatchFor(nodes, shown, new Set(), true, 50, true)).toBe(50);
    // Near misses: the same window (a card already shown: no hold), a new window with nothing
    // new in it, a new window whose only new card is kept (selected: it comes at once).
    expect(revealBatchFor(nodes, shown, new Set(), false, 50, false)).toBe(50);
    expect(revealBatchFor(nodes, new Set(['s', 'n0', 'n1', 'n2']), new Set(), false, 50, true)).toBe(50);
    expect(revealBatchFor(nodes.slice(0, 3), shown, new Set(['n1']), false, 50, true)).toBe(50);
  });

  it('property: with the hold, every card is still shown within a step more than without', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 20 }), (n, batch) => {
        const nodes = [site('s'), ...Array.from({ length: n }, (_, i) => card(`n${i}`))];
        let shown: ReadonlySet<string> = new Set();
        let held = false;
        let steps = 0;
        for (; steps < 100; steps++) {
          const b = revealBatchFor(nodes, shown, new Set(), held, batch);
          const r = revealStep(nodes, shown, new Set(), b);
          held = b === 0;
          shown = r.shown;
          if (r.pending === 0) break;
        }
        expect(shown.size).toBe(n + 1);
        expect(steps).toBeLessThanOrEqual(Math.ceil((n + 1) / batch) + (n + 1 > batch ? 1 : 0));
      }),
    );
  });

  it('draws a link once both its ends are shown', () => {
    const edges = [
      { id: 'a', source: 'x', target: 'y' },
      { id: 'b', source: 'x', target: 'z' },
    ];
    expect(revealedEdges(edges, new Set(['x', 'y'])).map((e) => e.id)).toEqual(['a']);
    expect(revealedEdges(edges, new Set(['x', 'y', 'z']))).toBe(edges);
  });

  it('property: steps never drop a shown card still in the design, add at most a batch, and end with every card', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.nat(59), { maxLength: 5 }),
        (n, batch, kept) => {
          const nodes = Array.from({ length: n }, (_, i) => card(`n${i}`));
          const keep = new Set(kept.map((k) => `n${k}`));
          let shown: ReadonlySet<string> = new Set();
          for (let step = 0; step < 100; step++) {
            const r = revealStep(nodes, shown, keep, batch);
            for (const id of shown) expect(r.shown.has(id)).toBe(true);
            const fresh = [...r.shown].filter((id) => !shown.has(id) && !keep.has(id));
            expect(fresh.length).toBeLessThanOrEqual(batch);
            shown = r.shown;
            if (r.pending === 0) break;
          }
          expect(shown.size).toBe(n);
        },
      ),
    );
  });
});

describe('arrivalWaits', () => {
  it('a large design arriving waits a task; so does a large one leaving', () => {
    expect(arrivalWaits(true, 10, 1_000)).toBe(true);
    expect(arrivalWaits(true, 1_000, 10)).toBe(true);
  });
  it('near misses: a small arrival, or an edit of a large design, is drawn at once', () => {
    expect(arrivalWaits(true, 10, REVEAL_BATCH)).toBe(false);
    expect(arrivalWaits(false, 1_000, 1_000)).toBe(false);
  });
});
