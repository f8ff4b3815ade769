import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTopology } from '../../model/arbitrary-test-kit';
import { parseTopology } from '../../model/parse';
import { pair2015Mirroring } from '../../model/samples/index';
import { baselineRecord, readBaselineRecord } from './stored-baseline';

const runs = Number(process.env.FUZZ_RUNS ?? 30);

describe('the current deployment kept with a design', () => {
  it('reads back what was stored: the same document (as parseTopology gives it) and its source', () => {
    fc.assert(
      fc.property(arbTopology(), fc.string({ maxLength: 80 }), (doc, source) => {
        const r = readBaselineRecord(JSON.parse(JSON.stringify(baselineRecord({ topology: doc, source }))));
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const parsed = parseTopology(JSON.stringify(doc));
        expect(parsed.ok && r.baseline.topology).toEqual(parsed.ok && parsed.value);
        expect(r.baseline.source).toBe(source);
      }),
      { numRuns: runs },
    );
  });

  it('never throws on anything stored, and says what is wrong', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const r = readBaselineRecord(value);
        if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
      }),
      { numRuns: runs * 10 },
    );
  });

  it('refuses a record of another version and a document that is not a topology, naming where', () => {
    const good = baselineRecord({ topology: pair2015Mirroring(), source: 'DefaultTopology.xml' });
    expect(readBaselineRecord({ ...good, v: 2 })).toMatchObject({ ok: false, message: expect.stringMatching(/version 2/) });
    const broken = JSON.parse(good.text) as { nodes: { kind: string }[] };
    broken.nodes[0]!.kind = 'teleporter';
    const r = readBaselineRecord({ ...good, text: JSON.stringify(broken) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/stored current deployment: .*nodes/);
  });
});
