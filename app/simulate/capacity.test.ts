import { describe, expect, it } from 'vitest';
import { REF } from '../model/reference-numbers';
import { globalMultiSite, pair2019AlwaysOn } from '../model/samples/index';
import { TopologyIndex } from '../model/topology-index';
import { capacityBars, poolLoad } from './capacity';
import { simulateFailure } from './simulate';

describe('poolLoad', () => {
  const ix = new TopologyIndex(globalMultiSite());
  const na1 = ix.registrars().find((p) => p.id === 'na1')!;

  it('adds the users a pool receives to its own and its branch users', () => {
    const load = poolLoad(ix, na1, 20_000, ['na2']);
    expect(load).toMatchObject({
      users: 40_300,
      ownUsers: 20_000,
      branchUsers: 300,
      usersReceived: 20_000,
      takesOverFrom: ['na2'],
    });
    expect(load.maxUsers).toBe(Math.min(REF.maxPoolUsers['2019'], 7 * REF.usersPerFe));
    expect(load.usersPerServer).toBe(Math.ceil(40_300 / 7));
  });

  it('explains both limits when a pool exceeds its servers and the pool maximum', () => {
    const load = poolLoad(ix, na1, 100_000, ['na2']);
    expect(load.overCapacity).toBe(true);
    expect(load.reasons).toHaveLength(2);
    expect(load.reasons[0]).toContain(`${REF.maxPoolUsers['2019'].toLocaleString('en-US')} a 2019 Front End pool supports`);
    expect(load.reasons[1]).toContain(`more than the ${REF.maxFe['2019']} a 2019 pool can have`);
  });
});

describe('capacityBars', () => {
  it('gives every surviving registrar pool a bar, marking the ones that take users over', () => {
    const doc = globalMultiSite();
    const r = simulateFailure(doc, { siteId: 'na-east' });
    if (!r.ok) throw new Error(r.error.message);
    const bars = capacityBars(doc, r.value);
    expect(bars.map((b) => [b.id, b.takesOver])).toEqual([
      ['na2', true],
      ['na4', true],
      ['eu1', false],
      ['eu2', false],
    ]);
    const na2 = bars[0]!;
    expect(na2.users).toBe(40_000);
    expect(na2.text).toBe('40,000 / 46,620 users');
    expect(na2.fraction).toBeCloseTo(40_000 / (7 * REF.usersPerFe), 10);
    const eu1 = bars[2]!;
    expect(eu1).toMatchObject({ users: 15_150, maxUsers: 6 * REF.usersPerFe, over: false });
  });

  it('clamps the drawn fraction but keeps the real one when a pool is over capacity', () => {
    const doc = pair2019AlwaysOn();
    const small = { ...doc, nodes: doc.nodes.map((n) => (n.kind === 'frontEndPool' ? { ...n, frontEndServers: 3 } : n)) };
    const r = simulateFailure(small, { siteId: 'dc2' });
    if (!r.ok) throw new Error(r.error.message);
    const [a] = capacityBars(small, r.value);
    expect(a).toMatchObject({ id: 'pool-a', users: 30_000, maxUsers: 3 * REF.usersPerFe, over: true, barFraction: 1 });
    expect(a!.fraction).toBeGreaterThan(1);
  });
});
