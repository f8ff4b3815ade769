import { describe, expect, it } from 'vitest';
import { globalMultiSite, pair2019AlwaysOn, pairStandardEdition } from '../model/samples';
import type { Topology } from '../model/schema';
import { DIR_RULES } from './dir-rules';
import { describeRule, findingsOf, itPassesReferenceDesigns, mutate, nodeOf } from './rule-test-kit';

const dir = (d: Topology) => nodeOf(d, 'dir-na', 'directorPool');
const edgeNa = (d: Topology) => nodeOf(d, 'edge-na', 'edgePool');
/** globalMultiSite with the European Edge pool also routed through the North American Director pool. */
const bothEdgesOnDirector = (f: (d: Topology) => void = () => {}) =>
  mutate(globalMultiSite(), (d) => {
    const l = d.links.find((x) => x.kind === 'nextHop' && x.from === 'edge-eu');
    if (!l) throw new Error('no next hop for edge-eu');
    l.to = 'dir-na';
    f(d);
  });

describeRule('DIR-MAX-TEN', {
  fires: [
    { name: '11 Directors', doc: mutate(globalMultiSite(), (d) => void (dir(d).servers = 11)), nodeIds: ['dir-na'], count: 1 },
  ],
  passes: [{ name: '10 Directors', doc: mutate(globalMultiSite(), (d) => void (dir(d).servers = 10)) }],
});

describeRule('DIR-MIN-TWO', {
  fires: [
    { name: 'one Director', doc: mutate(globalMultiSite(), (d) => void (dir(d).servers = 1)), nodeIds: ['dir-na'], count: 1 },
  ],
  passes: [{ name: 'two Directors', doc: globalMultiSite() }],
});

describeRule('DIR-WEB-HLB', {
  fires: [
    {
      name: 'two Directors without web load balancer',
      doc: mutate(globalMultiSite(), (d) => void (dir(d).webLoadBalancing = 'none')),
      nodeIds: ['dir-na'],
      count: 1,
    },
  ],
  passes: [
    { name: 'two Directors behind a hardware load balancer', doc: globalMultiSite() },
    {
      name: 'one Director needs no web load balancer',
      doc: mutate(globalMultiSite(), (d) => Object.assign(dir(d), { servers: 1, webLoadBalancing: 'none' })),
    },
  ],
});

describeRule('DIR-CAPACITY', {
  fires: [
    {
      name: '2019: one Edge pool above 2 × 18,000',
      doc: mutate(globalMultiSite(), (d) => void (edgeNa(d).concurrentRemoteUsers = 36_001)),
      nodeIds: ['dir-na', 'edge-na'],
      count: 1,
    },
    {
      name: 'two Edge pools together above 2 × 18,000',
      doc: bothEdgesOnDirector(),
      nodeIds: ['dir-na', 'edge-na', 'edge-eu'],
      count: 1,
    },
    {
      name: '2015: 30,000 above 2 × 12,000',
      doc: mutate(globalMultiSite(), (d) => void (dir(d).productVersion = '2015')),
      nodeIds: ['dir-na', 'edge-na'],
      count: 1,
    },
  ],
  passes: [
    { name: '30,000 remote users on two 2019 Directors', doc: globalMultiSite() },
    { name: 'exactly 2 × 18,000', doc: mutate(globalMultiSite(), (d) => void (edgeNa(d).concurrentRemoteUsers = 36_000)) },
    {
      name: 'an Edge pool without a figure is not counted',
      doc: bothEdgesOnDirector((d) => void delete nodeOf(d, 'edge-eu', 'edgePool').concurrentRemoteUsers),
    },
    { name: 'four Directors for both Edge pools', doc: bothEdgesOnDirector((d) => void (dir(d).servers = 4)) },
  ],
});

describeRule('DIR-SUGGESTED', {
  fires: [
    { name: 'Edge pools and no Director', doc: pair2019AlwaysOn(), nodeIds: ['edge-a', 'edge-b'], count: 1 },
    { name: 'one Edge pool and no Director', doc: pairStandardEdition(), nodeIds: ['edge-hq'], count: 1 },
  ],
  passes: [
    { name: 'a Director pool exists', doc: globalMultiSite() },
    {
      name: 'no external access',
      doc: mutate(pair2019AlwaysOn(), (d) => {
        d.nodes = d.nodes.filter((n) => n.kind !== 'edgePool');
        d.links = d.links.filter((l) => l.kind !== 'nextHop' && l.kind !== 'mediaEdge');
      }),
    },
  ],
});

describe('DIR findings name the concrete case', () => {
  it('DIR-CAPACITY sums the Edge pools behind the Director and says how many Directors they need', () => {
    const [f] = findingsOf('DIR-CAPACITY', bothEdgesOnDirector());
    expect(f?.message).toContain(
      '2 Directors for 60,000 concurrent remote users behind Edge NA (edge-na), Edge EU (edge-eu), which need 4',
    );
    expect(f?.fix).toContain('4 in all');
  });

  it('DIR-CAPACITY counts an Edge pool once even with two next-hop links', () => {
    const doc = mutate(globalMultiSite(), (d) => {
      edgeNa(d).concurrentRemoteUsers = 20_000;
      d.links.push({ id: 'nh-dup', kind: 'nextHop', from: 'edge-na', to: 'dir-na' });
    });
    expect(findingsOf('DIR-CAPACITY', doc)).toEqual([]);
  });

  it('DIR-MAX-TEN and DIR-WEB-HLB name the pool and its size', () => {
    expect(
      findingsOf(
        'DIR-MAX-TEN',
        mutate(globalMultiSite(), (d) => void (dir(d).servers = 12)),
      )[0]?.message,
    ).toMatch(/^Director NA \(dir-na\) has 12 Directors\. A Director pool supports at most 10 servers\.$/);
    expect(
      findingsOf(
        'DIR-WEB-HLB',
        mutate(globalMultiSite(), (d) => void (dir(d).webLoadBalancing = 'none')),
      )[0]?.fix,
    ).toBe('Set webLoadBalancing = hlb; SIP may use DNS load balancing.');
  });
});

describe('DIR rules on the reference designs', () => itPassesReferenceDesigns('DIR', DIR_RULES));
