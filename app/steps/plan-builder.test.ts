import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyTopology } from '../model/defaults';
import { PlanBuilder } from './plan-builder';
import type { PlanNote, RichText } from './types';

const RUNS = Number(process.env.FAST_CHECK_RUNS ?? 200);
const text = (value: string): RichText => [{ kind: 'text', value }];

/** The merge `note` makes, as a search over every note (what it did before it looked notes up). */
function noteBySearch(notes: PlanNote[], n: PlanNote): void {
  const same = notes.find(
    (o) =>
      o.ruleIds.some((r) => n.ruleIds.includes(r)) &&
      (n.nodeIds.length === 0 ? o.nodeIds.length === 0 : n.nodeIds.some((id) => o.nodeIds.includes(id))),
  );
  if (same) {
    same.message = [...same.message, { kind: 'text', value: ' ' }, ...n.message];
    for (const d of n.docs) if (!same.docs.includes(d)) same.docs.push(d);
    return;
  }
  notes.push(n);
}

const arbNote = fc.record({
  direct: fc.boolean(),
  ruleIds: fc.uniqueArray(fc.constantFrom('R1', 'R2', 'R3'), { minLength: 1, maxLength: 2 }),
  nodeIds: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 3 }),
  docs: fc.uniqueArray(fc.constantFrom('d1', 'd2'), { maxLength: 2 }),
  words: fc.string({ maxLength: 4 }),
});

describe('PlanBuilder notes', () => {
  it('merges a note into the first one sharing a rule and a node, as a search of every note would', () => {
    fc.assert(
      fc.property(fc.array(arbNote, { maxLength: 30 }), (adds) => {
        const plan = new PlanBuilder(emptyTopology(), []);
        const expected: PlanNote[] = [];
        for (const a of adds) {
          const n = (): PlanNote => ({
            severity: 'warning',
            message: text(a.words),
            nodeIds: [...a.nodeIds],
            ruleIds: [...a.ruleIds],
            docs: [...a.docs],
          });
          // The validator's errors are pushed as they are, never merged; later notes merge into them.
          if (a.direct) {
            plan.notes.push(n());
            expected.push(n());
          } else {
            plan.note('warning', text(a.words), [...a.nodeIds], [...a.ruleIds], [...a.docs]);
            noteBySearch(expected, n());
          }
        }
        expect(plan.notes).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps notes of the same rule about other nodes apart, and merges into the earliest of two that match', () => {
    const plan = new PlanBuilder(emptyTopology(), []);
    plan.note('warning', text('first'), ['a'], ['R1'], []);
    plan.note('warning', text('second'), ['b'], ['R1'], []);
    plan.note('warning', text('third'), ['c'], ['R2'], []);
    expect(plan.notes).toHaveLength(3);
    // Shares R1 with both the first and the second: merged into the first.
    plan.note('warning', text('both'), ['b', 'a'], ['R1'], ['d1']);
    expect(plan.notes).toHaveLength(3);
    expect(plan.notes[0]!.message.map((p) => ('value' in p ? p.value : '')).join('')).toBe('first both');
    expect(plan.notes[0]!.docs).toEqual(['d1']);
    // A note about no node merges only with another about no node.
    plan.note('warning', text('none'), [], ['R1'], []);
    expect(plan.notes).toHaveLength(4);
  });
});
