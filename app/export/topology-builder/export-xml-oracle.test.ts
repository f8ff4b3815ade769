/**
 * Topology Builder exports read alike by our XML reader and by saxes (the oracle of
 * app/import/xml-oracle.test.ts): the reference designs and arbitrary designs with
 * hostile names, in both shapes, and damaged copies of the exports.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareWithOracle } from '../../../scripts/xml-oracles';
import { arbTopology, HOSTILE_STRINGS } from '../../model/arbitrary-test-kit';
import { REFERENCE_DESIGNS } from '../../model/samples/index';
import { exportTopologyBuilder, TB_SHAPES } from './export-topology-builder';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

describe('Topology Builder exports: our XML reader and saxes give the same tree', () => {
  for (const r of REFERENCE_DESIGNS)
    for (const shape of TB_SHAPES)
      it(`${r.id} (${shape})`, () => {
        const c = compareWithOracle(exportTopologyBuilder(r.build(), { shape }).xml);
        expect(c.problem).toBeUndefined();
        expect(c.accepted).toBe(true);
      });

  it('arbitrary designs, hostile names included', () => {
    fc.assert(
      fc.property(arbTopology({ extraNames: HOSTILE_STRINGS }), fc.constantFrom(...TB_SHAPES), (d, shape) => {
        const c = compareWithOracle(exportTopologyBuilder(d, { shape }).xml);
        expect(c.problem).toBeUndefined();
        expect(c.accepted).toBe(true);
      }),
      // An export takes tens of milliseconds: the designs vary less than the text does.
      { numRuns: Math.min(RUNS, 200) },
    );
  }, 120_000);

  it('damaged exports: the same verdict, and the same tree when both still accept', () => {
    const bases = REFERENCE_DESIGNS.flatMap((r) => TB_SHAPES.map((shape) => exportTopologyBuilder(r.build(), { shape }).xml));
    const edit = fc.record({
      at: fc.nat(),
      cut: fc.integer({ min: 0, max: 8 }),
      insert: fc.constantFrom('', '<', '>', '&', '"', '/', ':', ']]>', '<!--', '--', '&#0;', '<?x'),
    });
    fc.assert(
      fc.property(fc.constantFrom(...bases), fc.array(edit, { minLength: 1, maxLength: 3 }), (text, edits) => {
        const damaged = edits.reduce((t, e) => {
          const at = e.at % Math.max(1, t.length);
          return t.slice(0, at) + e.insert + t.slice(at + e.cut);
        }, text);
        expect(compareWithOracle(damaged).problem).toBeUndefined();
      }),
      { numRuns: RUNS * 2 },
    );
  }, 120_000);
});
