import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTopology } from '../model/arbitrary-test-kit';
import { pair2015Mirroring, pair2019AlwaysOn } from '../model/samples';
import type { TopologyNode } from '../model/schema';
import { commonKind, commonValue, editAll, sharedFields } from './bulk-edit';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const doc = pair2019AlwaysOn();
const pick = (...ids: string[]) => ids.map((id) => doc.nodes.find((n) => n.id === id)!);

describe('bulk editing', () => {
  it('offers the fields two nodes of one kind share, never their names or FQDNs', () => {
    const keys = sharedFields(pick('sql-a', 'sql-b')).map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(['sqlVersion', 'sqlEdition', 'haMode', 'domain']));
    expect(keys).not.toContain('name');
    expect(keys).not.toContain('fqdn');
    expect(keys).not.toContain('instance');
    expect(keys).not.toContain('clusterNodes'); // applies to clusters only
  });

  it('offers nothing for one node or for nodes of different kinds', () => {
    expect(sharedFields(pick('sql-a'))).toEqual([]);
    expect(sharedFields(pick('sql-a', 'pool-a'))).toEqual([]);
    expect(commonKind(pick('sql-a', 'pool-a'))).toBeUndefined();
    expect(commonKind([])).toBeUndefined();
  });

  it('says whether the values agree', () => {
    expect(commonValue(pick('pool-a', 'pool-b'), 'productVersion')).toEqual({ mixed: false, value: '2019' });
    const mixed = [...pick('pool-a'), { ...pick('pool-b')[0]!, productVersion: '2015' } as TopologyNode];
    expect(commonValue(mixed, 'productVersion')).toEqual({ mixed: true });
  });

  it('sets a value on all of them, with what follows from it (an AG gets its starting replicas)', () => {
    const stores = pair2015Mirroring().nodes.filter((n) => n.kind === 'sqlStore' && n.haMode === 'mirroring');
    expect(stores.length).toBeGreaterThanOrEqual(2);
    const r = editAll(stores, 'haMode', 'alwaysOnAg');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const n of r.nodes) expect(n).toMatchObject({ haMode: 'alwaysOnAg', ag: { replicas: expect.any(Array) } });
    expect(r.nodes.map((n) => n.id)).toEqual(stores.map((n) => n.id));
  });

  it('refuses the whole change, naming the first node it would break, when a value is invalid', () => {
    const r = editAll(pick('pool-a', 'pool-b'), 'frontEndServers', 0);
    expect(r).toMatchObject({ ok: false, node: { id: 'pool-a' }, message: 'must be 1 or more' });
  });

  it('whatever the nodes: shared fields apply to every node, and a valid edit keeps ids and kinds', () => {
    fc.assert(
      fc.property(arbTopology({ maxNodes: 10, maxLinks: 5 }), (d) => {
        const kind = d.nodes[0]?.kind;
        const same = d.nodes.filter((n) => n.kind === kind);
        for (const f of sharedFields(same)) {
          const v = commonValue(same, f.key);
          if (v.mixed) continue;
          const r = editAll(same, f.key, v.value);
          if (r.ok) expect(r.nodes.map((n) => [n.id, n.kind])).toEqual(same.map((n) => [n.id, n.kind]));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
