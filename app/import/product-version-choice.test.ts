import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTopology } from '../model/arbitrary-test-kit';
import { parseTopology } from '../model/parse';
import { importTopologyXml } from './index';
import { serviceVersion8Answer, serviceVersion8Nodes, withServiceVersion8As } from './product-version-choice';
import { FIXTURE, fixtureBytes } from './fixture-test-kit';

describe('2019 or Subscription Edition for an imported ServiceVersion 8 document', () => {
  it('the AlwaysOn fixture (ServiceVersion 8) imports as 2019; answering Subscription Edition sets every one of its server roles, and back', () => {
    const r = importTopologyXml(fixtureBytes(FIXTURE.enterpriseAg));
    if (!r.ok) throw new Error(r.error.message);
    const doc = r.value.topology;
    const ids = serviceVersion8Nodes(doc);
    expect(ids.length).toBeGreaterThan(0);
    expect(serviceVersion8Answer(doc, ids)).toBe('2019');
    const se = withServiceVersion8As(doc, ids, 'SE');
    expect(serviceVersion8Answer(se, ids)).toBe('SE');
    expect(se.nodes.filter((n) => 'productVersion' in n && n.productVersion === '2019')).toEqual([]);
    expect(parseTopology(se).ok).toBe(true);
    expect(withServiceVersion8As(se, ids, '2019')).toEqual(doc);
    // Nothing else changes.
    expect(se.links).toBe(doc.links);
    expect(se.nodes.map((n) => n.id)).toEqual(doc.nodes.map((n) => n.id));
  });

  it('leaves a node the user set to another version alone, and says "mixed"', () => {
    const r = importTopologyXml(fixtureBytes(FIXTURE.enterpriseAg));
    if (!r.ok) throw new Error(r.error.message);
    const doc = r.value.topology;
    const ids = serviceVersion8Nodes(doc);
    const first = ids[0]!;
    const edited = {
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === first && 'productVersion' in n ? { ...n, productVersion: '2015' as const } : n)),
    };
    const se = withServiceVersion8As(edited, ids, 'SE');
    const node = se.nodes.find((n) => n.id === first)!;
    expect('productVersion' in node && node.productVersion).toBe('2015');
    expect(serviceVersion8Answer(se, ids)).toBe('mixed');
  });

  it('property: applying an answer keeps a valid document and is idempotent', () => {
    fc.assert(
      fc.property(arbTopology(), fc.constantFrom('2019' as const, 'SE' as const), (doc, v) => {
        const ids = serviceVersion8Nodes(doc);
        const once = withServiceVersion8As(doc, ids, v);
        expect(withServiceVersion8As(once, ids, v)).toBe(once);
        expect(parseTopology(once).ok).toBe(parseTopology(doc).ok);
        if (ids.length) expect(serviceVersion8Answer(once, ids)).toBe(v);
      }),
      { numRuns: 30 },
    );
  });
});
