import { describe, expect, it } from 'vitest';
import { defaultNode } from '../model/defaults';
import { pair2015Mirroring, pair2019AlwaysOn, pairStandardEdition } from '../model/samples';
import type { Topology } from '../model/schema';
import { MED_RULES } from './med-rules';
import { addNode, describeRule, findingsOf, itPassesReferenceDesigns, mutate, nodeOf } from './rule-test-kit';

/** pair2019AlwaysOn with a stand-alone Mediation pool of `servers` in Amsterdam. */
const withMediationPool = (servers: number, productVersion: '2015' | '2019' = '2019') =>
  mutate(pair2019AlwaysOn(), (d) =>
    addNode(d, { ...defaultNode('mediationPool', { id: 'med-a', siteId: 'dc1', name: 'Mediation A' }), servers, productVersion }),
  );
/** No Mediation anywhere: no stand-alone pool and nothing collocated. */
const noMediation = (doc: Topology) =>
  mutate(doc, (d) => {
    for (const n of d.nodes) if (n.kind === 'frontEndPool' || n.kind === 'standardEditionServer') n.mediationCollocated = false;
  });
const poolA = (d: Topology) => nodeOf(d, 'pool-a', 'frontEndPool');

describeRule('MED-POOL-PEERS', {
  fires: [{ name: 'Mediation pool of two servers', doc: withMediationPool(2), nodeIds: ['med-a'], count: 1 }],
  passes: [
    { name: 'Mediation pool of one server', doc: withMediationPool(1) },
    { name: 'collocated Mediation only', doc: pair2019AlwaysOn() },
  ],
});

describeRule('MED-CAPACITY', {
  fires: [
    { name: 'a stand-alone Mediation pool', doc: noMediation(withMediationPool(3)), nodeIds: ['med-a'], count: 1 },
    { name: 'Mediation collocated on two Front End pools', doc: pair2019AlwaysOn(), nodeIds: ['pool-b'], count: 2 },
    { name: 'Mediation collocated on Standard Edition servers', doc: pairStandardEdition(), nodeIds: ['se-dr'], count: 2 },
  ],
  passes: [{ name: 'no Mediation at all', doc: noMediation(pair2019AlwaysOn()) }],
});

describeRule('MED-COLLOCATED-SIZE', {
  fires: [
    {
      name: '2019 pool of 13 with collocated Mediation',
      doc: mutate(pair2019AlwaysOn(), (d) => void (poolA(d).frontEndServers = 13)),
      nodeIds: ['pool-a'],
      count: 1,
    },
  ],
  passes: [
    {
      name: '2019 pool of 12 with collocated Mediation',
      doc: mutate(pair2019AlwaysOn(), (d) => void (poolA(d).frontEndServers = 12)),
    },
    {
      name: '2019 pool of 13 without collocated Mediation',
      doc: mutate(pair2019AlwaysOn(), (d) => Object.assign(poolA(d), { frontEndServers: 13, mediationCollocated: false })),
    },
    {
      name: '2015 pool of 13 is FE-MAX-SERVERS’s concern',
      doc: mutate(pair2015Mirroring(), (d) => void (nodeOf(d, 'pool-ny', 'frontEndPool').frontEndServers = 13)),
    },
  ],
});

describe('MED-CAPACITY figures', () => {
  const calls = (doc: Topology, id: string) => {
    const f = findingsOf('MED-CAPACITY', doc).find((x) => x.nodeIds[0] === id);
    return /about ([\d,]+) concurrent/.exec(f?.message ?? '')?.[1];
  };
  it('stand-alone: servers × 2,000 on 2019 and × 1,500 on 2015 (hyper-threading on)', () => {
    expect(calls(withMediationPool(3), 'med-a')).toBe('6,000');
    expect(calls(withMediationPool(3, '2015'), 'med-a')).toBe('4,500');
  });
  it('collocated: Front End servers × 200 on 2019 and × 150 on 2015; one server for Standard Edition', () => {
    expect(calls(pair2019AlwaysOn(), 'pool-a')).toBe('1,200');
    expect(calls(pair2015Mirroring(), 'pool-ny')).toBe('600');
    expect(calls(pairStandardEdition(), 'se-hq')).toBe('200');
  });
  it('names the pool and fills the placeholder', () => {
    const f = findingsOf('MED-CAPACITY', withMediationPool(1)).find((x) => x.nodeIds[0] === 'med-a');
    expect(f?.message).toMatch(
      /^Mediation A \(med-a\) \(1 stand-alone Mediation server, 2,000 calls per server on Skype for Business Server 2019\)\. This Mediation capacity is about 2,000 concurrent non-bypass calls/,
    );
  });
});

describe('MED rules on the reference designs', () => itPassesReferenceDesigns('MED', MED_RULES));
