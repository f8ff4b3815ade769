import { describe, expect, it } from 'vitest';
import { defaultLink, defaultNode } from '../model/defaults';
import { pair2015Mirroring, pair2019AlwaysOn, REFERENCE_DESIGNS } from '../model/samples';
import type { Topology } from '../model/schema';
import { runRules } from './engine';
import { EDGE_RULES } from './edge-rules';
import {
  addLink,
  addNode,
  describeRule,
  findingsOf,
  itPassesReferenceDesigns,
  mutate,
  nodeOf,
  removeLinks,
} from './rule-test-kit';

/** The document without one site, its nodes and every link touching them. */
function dropSite(doc: Topology, siteId: string): Topology {
  return mutate(doc, (d) => {
    const gone = new Set(d.nodes.filter((n) => n.siteId === siteId).map((n) => n.id));
    d.nodes = d.nodes.filter((n) => !gone.has(n.id));
    d.links = d.links.filter((l) => !gone.has(l.from) && !gone.has(l.to));
    d.sites = d.sites.filter((s) => s.id !== siteId);
    if (d.siteLinks) d.siteLinks = d.siteLinks.filter((l) => l.from !== siteId && l.to !== siteId);
    if (d.layout) for (const id of [...gone, siteId]) delete d.layout[id];
  });
}

const edgeA = (d: Topology) => nodeOf(d, 'edge-a', 'edgePool');
/** pair2019AlwaysOn reduced to its Amsterdam site: one pool, one Edge pool with federation. */
const singlePool = () => dropSite(pair2019AlwaysOn(), 'dc2');

describeRule('EDGE-MIN-TWO', {
  fires: [
    {
      name: 'Edge pool of one server',
      doc: mutate(pair2019AlwaysOn(), (d) => void (edgeA(d).servers = 1)),
      nodeIds: ['edge-a'],
      count: 1,
    },
  ],
  passes: [{ name: 'Edge pools of two servers', doc: pair2019AlwaysOn() }],
});

describeRule('EDGE-LB-MATCH', {
  fires: [
    {
      name: 'DNS inside, HLB outside',
      doc: mutate(pair2019AlwaysOn(), (d) => void (edgeA(d).internalLoadBalancing = 'dns')),
      nodeIds: ['edge-a'],
      count: 1,
    },
    {
      name: 'HLB inside, DNS outside',
      doc: mutate(pair2019AlwaysOn(), (d) => void (edgeA(d).externalLoadBalancing = 'dns')),
      nodeIds: ['edge-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'HLB on both sides', doc: pair2019AlwaysOn() },
    {
      name: 'DNS on both sides',
      doc: mutate(pair2019AlwaysOn(), (d) =>
        Object.assign(edgeA(d), { internalLoadBalancing: 'dns', externalLoadBalancing: 'dns' }),
      ),
    },
  ],
});

describeRule('EDGE-NEXTHOP-ALTERNATIVE', {
  fires: [{ name: 'the only pool is the next hop', doc: singlePool(), nodeIds: ['edge-a', 'pool-a'], count: 1 }],
  passes: [
    { name: 'a paired pool can take over', doc: pair2019AlwaysOn() },
    {
      name: 'a Director pool can take over',
      doc: mutate(singlePool(), (d) => addNode(d, defaultNode('directorPool', { id: 'dir-a', siteId: 'dc1' }))),
    },
    {
      name: 'the next hop is a Director pool',
      doc: mutate(singlePool(), (d) => {
        addNode(d, defaultNode('directorPool', { id: 'dir-a', siteId: 'dc1' }));
        removeLinks(d, (l) => l.kind === 'nextHop');
        addLink(d, defaultLink('nextHop', 'nh-dir', 'edge-a', 'dir-a'));
      }),
    },
  ],
});

describeRule('EDGE-FEDERATION-STANDBY', {
  fires: [{ name: 'the only Edge pool carries federation', doc: singlePool(), nodeIds: ['edge-a'], count: 1 }],
  passes: [
    { name: 'a second Edge pool exists', doc: pair2019AlwaysOn() },
    { name: 'the only Edge pool has no federation', doc: mutate(singlePool(), (d) => void (edgeA(d).federation = false)) },
  ],
});

describeRule('EDGE-XMPP-2019', {
  fires: [
    {
      name: 'XMPP on a 2019 Edge pool',
      doc: mutate(pair2019AlwaysOn(), (d) => void (edgeA(d).xmpp = true)),
      nodeIds: ['edge-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'no XMPP', doc: pair2019AlwaysOn() },
    {
      name: 'XMPP kept on a 2015 Edge pool',
      doc: mutate(pair2019AlwaysOn(), (d) => Object.assign(edgeA(d), { xmpp: true, productVersion: '2015' })),
    },
  ],
});

describeRule('EDGE-MAX-SERVERS', {
  fires: [
    {
      name: '13 Edge servers',
      doc: mutate(pair2019AlwaysOn(), (d) => void (edgeA(d).servers = 13)),
      nodeIds: ['edge-a'],
      count: 1,
    },
  ],
  passes: [{ name: '12 Edge servers', doc: mutate(pair2019AlwaysOn(), (d) => void (edgeA(d).servers = 12)) }],
});

describeRule('EDGE-NEXT-HOP', {
  fires: [
    {
      name: 'Edge pool without next hop',
      doc: mutate(pair2019AlwaysOn(), (d) => removeLinks(d, (l) => l.kind === 'nextHop' && l.from === 'edge-b')),
      nodeIds: ['edge-b'],
      count: 1,
    },
  ],
  passes: [{ name: 'every Edge pool has a next hop', doc: pair2019AlwaysOn() }],
});

describeRule('EDGE-CAPACITY', {
  fires: [
    {
      name: '2019: above 2 × 18,000',
      doc: mutate(pair2019AlwaysOn(), (d) => void (edgeA(d).concurrentRemoteUsers = 36_001)),
      nodeIds: ['edge-a'],
      count: 1,
    },
    {
      name: '2015: above 2 × 12,000',
      doc: mutate(pair2015Mirroring(), (d) => void (nodeOf(d, 'edge-ny', 'edgePool').concurrentRemoteUsers = 24_001)),
      nodeIds: ['edge-ny'],
      count: 1,
    },
  ],
  passes: [
    { name: '2019: exactly 2 × 18,000', doc: mutate(pair2019AlwaysOn(), (d) => void (edgeA(d).concurrentRemoteUsers = 36_000)) },
    {
      name: '2015: exactly 2 × 12,000',
      doc: mutate(pair2015Mirroring(), (d) => void (nodeOf(d, 'edge-ny', 'edgePool').concurrentRemoteUsers = 24_000)),
    },
    { name: 'no remote-user figure', doc: mutate(pair2019AlwaysOn(), (d) => void delete edgeA(d).concurrentRemoteUsers) },
  ],
});

describeRule('EDGE-DNSLB-FAILOVER-GAPS', {
  fires: [
    { name: 'DNS load balancing with federation', doc: dnsEdges2015(), nodeIds: ['edge-ny'], count: 1 },
    {
      name: 'DNS load balancing with XMPP only',
      doc: mutate(dnsEdges2015(), (d) => {
        nodeOf(d, 'edge-ny', 'edgePool').federation = false;
        nodeOf(d, 'edge-ch', 'edgePool').xmpp = true;
      }),
      nodeIds: ['edge-ch'],
      count: 1,
    },
  ],
  passes: [
    {
      name: 'HLB with federation',
      doc: mutate(dnsEdges2015(), (d) =>
        Object.assign(nodeOf(d, 'edge-ny', 'edgePool'), { internalLoadBalancing: 'hlb', externalLoadBalancing: 'hlb' }),
      ),
    },
    {
      name: 'DNS load balancing without federation or XMPP',
      doc: mutate(pair2015Mirroring(), (d) => void (nodeOf(d, 'edge-ny', 'edgePool').federation = false)),
    },
  ],
});

describeRule('EDGE-XMPP-SRV', {
  fires: [
    {
      name: 'XMPP on a 2015 Edge pool',
      doc: mutate(pair2015Mirroring(), (d) => void (nodeOf(d, 'edge-ch', 'edgePool').xmpp = true)),
      nodeIds: ['edge-ch'],
      count: 1,
    },
  ],
  passes: [{ name: 'no XMPP', doc: pair2015Mirroring() }],
});

describeRule('EDGE-MEDIA-ASSOCIATION', {
  fires: [{ name: 'each pool associated with its Edge pool', doc: pair2019AlwaysOn(), nodeIds: ['pool-a', 'edge-a'], count: 2 }],
  passes: [
    { name: 'no media Edge association', doc: mutate(pair2019AlwaysOn(), (d) => removeLinks(d, (l) => l.kind === 'mediaEdge')) },
  ],
});

describeRule('EDGE-AV-CERT-SHARED', {
  fires: [{ name: 'two-server Edge pools', doc: pair2019AlwaysOn(), nodeIds: ['edge-b'], count: 2 }],
  passes: [
    {
      name: 'single-server Edge pools',
      doc: mutate(pair2019AlwaysOn(), (d) => {
        edgeA(d).servers = 1;
        nodeOf(d, 'edge-b', 'edgePool').servers = 1;
      }),
    },
  ],
});

const crossSiteNextHop = () =>
  mutate(pair2019AlwaysOn(), (d) => {
    removeLinks(d, (l) => l.kind === 'nextHop' && l.from === 'edge-b');
    addLink(d, defaultLink('nextHop', 'nh-b', 'edge-b', 'pool-a'));
  });

describeRule('EDGE-NEXTHOP-OTHER-SITE', {
  fires: [
    { name: 'Dublin Edge pool routes to the Amsterdam pool', doc: crossSiteNextHop(), nodeIds: ['edge-b', 'pool-a'], count: 1 },
  ],
  passes: [{ name: 'each Edge pool routes to its own site', doc: pair2019AlwaysOn() }],
});

describe('EDGE findings name the concrete case', () => {
  it('EDGE-NEXTHOP-OTHER-SITE gives the cmdlet with both FQDNs and names both sites', () => {
    const [f] = findingsOf('EDGE-NEXTHOP-OTHER-SITE', crossSiteNextHop());
    expect(f?.fix).toContain('Set-CsEdgeServer -Identity EdgeServer:edge-b.contoso.com -Registrar Registrar:pool-a.contoso.com');
    expect(f?.message).toContain('Dublin (dc2)');
    expect(f?.message).toContain('Amsterdam (dc1)');
    expect(f?.linkIds).toEqual(['nh-b']);
    expect(f?.fix).not.toContain('`');
  });

  it('EDGE-CAPACITY says how many servers the users need, and when one pool cannot hold them', () => {
    const [f] = findingsOf(
      'EDGE-CAPACITY',
      mutate(pair2019AlwaysOn(), (d) => void (edgeA(d).concurrentRemoteUsers = 40_000)),
    );
    expect(f?.message).toContain('40,000 concurrent remote users, which need 3');
    expect(f?.message).toContain('18,000');
    const [big] = findingsOf(
      'EDGE-CAPACITY',
      mutate(pair2019AlwaysOn(), (d) => void (edgeA(d).concurrentRemoteUsers = 300_000)),
    );
    expect(big?.fix).toContain('17 servers exceed the 12');
  });

  it('EDGE-LB-MATCH says which side uses what', () => {
    const [f] = findingsOf(
      'EDGE-LB-MATCH',
      mutate(pair2019AlwaysOn(), (d) => void (edgeA(d).internalLoadBalancing = 'dns')),
    );
    expect(f?.message).toMatch(
      /^Edge A \(edge-a\) uses DNS load balancing on its internal side and a hardware load balancer on its external side\./,
    );
  });

  it('EDGE-DNSLB-FAILOVER-GAPS names the DNS sides and the features', () => {
    const [f] = findingsOf(
      'EDGE-DNSLB-FAILOVER-GAPS',
      mutate(dnsEdges2015(), (d) =>
        Object.assign(nodeOf(d, 'edge-ny', 'edgePool'), { internalLoadBalancing: 'hlb', xmpp: true }),
      ),
    );
    expect(f?.message).toContain('on its external side and carries federation and XMPP federation');
  });

  it('hostile names reach messages verbatim (escaping is the renderer’s job) and do not break the rules', () => {
    const nasty = '<script>alert(1)</script> $(rm -rf) `x` ]]> \u202e' + 'x'.repeat(150);
    const doc = mutate(pair2019AlwaysOn(), (d) => {
      edgeA(d).name = nasty;
      edgeA(d).servers = 1;
    });
    const [f] = findingsOf('EDGE-MIN-TWO', doc);
    expect(f?.message).toContain(nasty);
  });
});

describe('EDGE rules on the reference designs', () => {
  itPassesReferenceDesigns('EDGE', EDGE_RULES, 'warning');

  it('every EDGE finding on them names at least one node and fills its placeholders', () => {
    for (const design of REFERENCE_DESIGNS)
      for (const f of runRules(design.build(), EDGE_RULES)) {
        expect(f.nodeIds.length).toBeGreaterThan(0);
        expect(f.message).not.toMatch(/\{[a-z][^}]*\}/);
        expect(f.fix).not.toMatch(/\{[a-z][^}]*\}/);
      }
  });
});

/** The 2015 reference pair with both Edge pools balanced by DNS on both sides. */
function dnsEdges2015() {
  return mutate(pair2015Mirroring(), (d) => {
    for (const id of ['edge-ny', 'edge-ch'])
      Object.assign(nodeOf(d, id, 'edgePool'), { internalLoadBalancing: 'dns', externalLoadBalancing: 'dns' });
  });
}
