import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLink, defaultNode, standaloneSqlStore } from '../model/defaults';
import { parseTopology } from '../model/parse';
import { globalMultiSite, pair2015Mirroring, pair2019AlwaysOn, pairStandardEdition, REFERENCE_DESIGNS } from '../model/samples';
import type { Topology } from '../model/schema';
import { runRules } from './engine';
import { FILE_RULES } from './file-rules';
import { GEN_RULES } from './gen-rules';
import { OWAS_RULES } from './owas-rules';
import {
  addLink,
  addNode,
  describeRule,
  findingsOf,
  itPassesReferenceDesigns,
  mutate,
  nodeOf,
  replicateDesign,
  countingIndex,
} from './rule-test-kit';
import { SITE_RULES } from './site-rules';
import { VOICE_RULES } from './voice-rules';

const base = pair2019AlwaysOn();
const mirror2015 = pair2015Mirroring();

const fe = (doc: Topology, id: string, f: (p: ReturnType<typeof nodeOf<'frontEndPool'>>) => void) =>
  mutate(doc, (d) => f(nodeOf(d, id, 'frontEndPool')));

describeRule('GEN-OS-SUPPORTED', {
  fires: [
    {
      name: '2015 on Windows Server 2022',
      doc: fe(mirror2015, 'pool-ny', (p) => (p.os = 'WS2022')),
      nodeIds: ['pool-ny'],
      count: 1,
    },
    {
      name: '2015 on Windows Server 2019 below CU9',
      doc: fe(mirror2015, 'pool-ny', (p) => ((p.os = 'WS2019'), (p.cumulativeUpdate = 'CU8'))),
      nodeIds: ['pool-ny'],
      count: 1,
    },
    {
      name: '2015 on Windows Server 2016 below CU5',
      doc: fe(mirror2015, 'pool-ch', (p) => (p.cumulativeUpdate = 'CU4')),
      nodeIds: ['pool-ch'],
      count: 1,
    },
    {
      name: '2019 on Windows Server 2012 R2',
      doc: fe(base, 'pool-a', (p) => (p.os = 'WS2012R2')),
      nodeIds: ['pool-a'],
      count: 1,
    },
    {
      name: '2019 on Windows Server 2022 at CU6',
      doc: fe(base, 'pool-b', (p) => ((p.os = 'WS2022'), (p.cumulativeUpdate = 'CU6'))),
      nodeIds: ['pool-b'],
      count: 1,
    },
    {
      name: 'a 2019 SE server on Windows Server 2012',
      doc: mutate(pairStandardEdition(), (d) => void (nodeOf(d, 'se-dr', 'standardEditionServer').os = 'WS2012')),
      nodeIds: ['se-dr'],
      count: 1,
    },
  ],
  passes: [
    { name: '2015 on Windows Server 2016 at CU12', doc: mirror2015 },
    {
      name: '2015 on Windows Server 2019 at CU9',
      doc: fe(mirror2015, 'pool-ny', (p) => ((p.os = 'WS2019'), (p.cumulativeUpdate = 'CU9'))),
    },
    {
      name: '2015 on Windows Server 2016 with no CU given (not evaluated)',
      doc: fe(mirror2015, 'pool-ny', (p) => delete p.cumulativeUpdate),
    },
    {
      name: '2015 on Windows Server 2012 R2 at CU1',
      doc: fe(mirror2015, 'pool-ny', (p) => ((p.os = 'WS2012R2'), (p.cumulativeUpdate = 'CU1'))),
    },
    {
      name: '2019 on Windows Server 2022 at CU7',
      doc: fe(base, 'pool-b', (p) => ((p.os = 'WS2022'), (p.cumulativeUpdate = 'CU7 Hotfix 1'))),
    },
    { name: '2019 on Windows Server 2016', doc: fe(base, 'pool-b', (p) => (p.os = 'WS2016')) },
  ],
});

describeRule('GEN-OS-WS2022-CU-UNKNOWN', {
  fires: [
    {
      name: '2019 on Windows Server 2022 with no CU',
      doc: fe(base, 'pool-a', (p) => ((p.os = 'WS2022'), delete p.cumulativeUpdate)),
      nodeIds: ['pool-a'],
      count: 1,
    },
    {
      name: 'an update level naming no CU',
      doc: fe(base, 'pool-a', (p) => ((p.os = 'WS2022'), (p.cumulativeUpdate = 'latest'))),
      nodeIds: ['pool-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'the CU is given', doc: fe(base, 'pool-a', (p) => ((p.os = 'WS2022'), (p.cumulativeUpdate = 'CU7'))) },
    {
      name: 'a CU below 7 (GEN-OS-SUPPORTED, not this rule)',
      doc: fe(base, 'pool-a', (p) => ((p.os = 'WS2022'), (p.cumulativeUpdate = 'CU6'))),
    },
    { name: 'Windows Server 2019 with no CU', doc: fe(base, 'pool-a', (p) => delete p.cumulativeUpdate) },
  ],
});

describeRule('GEN-CENTRAL-SITE-HAS-POOL', {
  fires: [
    {
      name: 'an empty central site',
      doc: mutate(base, (d) => void d.sites.push({ id: 'dc3', name: 'Paris', kind: 'central' })),
      count: 1,
    },
    {
      name: 'a central site holding only an Edge pool',
      doc: mutate(base, (d) => {
        d.sites.push({ id: 'dc3', name: 'Paris', kind: 'central' });
        nodeOf(d, 'edge-b', 'edgePool').siteId = 'dc3';
      }),
      nodeIds: ['edge-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'a pool in every central site', doc: base },
    {
      name: 'the extra site is a branch',
      doc: mutate(base, (d) => void d.sites.push({ id: 'dc3', name: 'Paris', kind: 'branch' })),
    },
    { name: 'an SE server is enough', doc: pairStandardEdition() },
  ],
});

describeRule('GEN-SEPARATE-ROLES', {
  fires: [
    {
      name: 'an Edge on the Front End machine',
      doc: mutate(base, (d) => void (nodeOf(d, 'edge-a', 'edgePool').fqdn = 'Pool-A.contoso.com')),
      nodeIds: ['edge-a', 'pool-a'],
      count: 1,
    },
    {
      name: 'a Director on an AG replica',
      doc: mutate(globalMultiSite(), (d) => void (nodeOf(d, 'dir-na', 'directorPool').fqdn = 'na1-be-n1.tailspin.com')),
      nodeIds: ['dir-na', 'na1-be'],
      count: 1,
    },
    {
      name: 'two Edge pools on one machine',
      doc: mutate(base, (d) => void (nodeOf(d, 'edge-b', 'edgePool').fqdn = 'edge-a.contoso.com')),
      nodeIds: ['edge-a', 'edge-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'dedicated servers', doc: base },
    {
      name: 'a file share on the Edge (FS-COLLOC-HOST, not this rule)',
      doc: mutate(base, (d) => void (nodeOf(d, 'fs-a', 'fileStore').fqdn = 'edge-a.contoso.com')),
    },
    {
      name: 'Office Online on a Front End (OWAS-SEPARATE-SERVER, not this rule)',
      doc: mutate(base, (d) => void (nodeOf(d, 'oos-a', 'officeOnlineServer').fqdn = 'pool-a.contoso.com')),
    },
  ],
});

describeRule('TOPO-FQDN-FORMAT', {
  fires: [
    {
      name: 'an Edge pool with a short name',
      doc: mutate(base, (d) => void (nodeOf(d, 'edge-a', 'edgePool').fqdn = 'edge-a')),
      nodeIds: ['edge-a'],
      count: 1,
    },
    {
      name: 'an AG listener and replica with short names',
      doc: mutate(base, (d) => {
        const s = nodeOf(d, 'sql-b', 'sqlStore');
        s.ag!.listenerFqdn = 'sqlag-b';
        s.ag!.replicas[0]!.fqdn = 'sql-b1';
      }),
      nodeIds: ['sql-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'full names everywhere', doc: base },
    {
      name: 'a long but dotted name',
      doc: mutate(base, (d) => void (nodeOf(d, 'edge-a', 'edgePool').fqdn = 'edge-a.perimeter.contoso.com')),
    },
  ],
});

describeRule('TOPO-AD-SINGLE-LABEL', {
  fires: [
    {
      name: 'a single-label domain on a pool and its Back End (case differs)',
      doc: mutate(base, (d) => {
        nodeOf(d, 'pool-a', 'frontEndPool').domain = 'CONTOSO';
        nodeOf(d, 'sql-a', 'sqlStore').domain = 'contoso';
      }),
      nodeIds: ['pool-a', 'sql-a'],
      count: 1,
    },
    {
      name: 'a domain with only a trailing dot',
      doc: mutate(pairStandardEdition(), (d) => void (nodeOf(d, 'se-hq', 'standardEditionServer').domain = 'northwind.')),
      nodeIds: ['se-hq'],
      count: 1,
    },
  ],
  passes: [
    { name: 'multi-label domains', doc: base },
    { name: 'no domain given', doc: pairStandardEdition() },
  ],
});

describeRule('GEN-SINGLE-ASSOCIATION', {
  fires: [
    {
      name: 'a pool with two media Edge links',
      doc: mutate(base, (d) => addLink(d, defaultLink('mediaEdge', 'l-me2', 'pool-a', 'edge-b'))),
      nodeIds: ['pool-a'],
      count: 1,
    },
    {
      name: 'two file store links to the same store',
      doc: mutate(base, (d) => addLink(d, defaultLink('fileStore', 'l-fs2', 'pool-b', 'fs-b'))),
      nodeIds: ['pool-b'],
      count: 1,
    },
    {
      name: 'two Monitoring stores',
      doc: mutate(base, (d) => {
        addNode(d, standaloneSqlStore({ id: 'mon1', siteId: 'dc1' }));
        addNode(d, standaloneSqlStore({ id: 'mon2', siteId: 'dc1' }));
        addLink(d, { id: 'l-m1', kind: 'store', from: 'pool-a', to: 'mon1', role: 'monitoring' });
        addLink(d, { id: 'l-m2', kind: 'store', from: 'pool-a', to: 'mon2', role: 'monitoring' });
      }),
      nodeIds: ['pool-a'],
      count: 1,
    },
    {
      name: 'a principal with two witnesses',
      doc: mutate(mirror2015, (d) => addLink(d, defaultLink('witness', 'l-w2', 'sql-ny', 'sql-ch-w'))),
      nodeIds: ['sql-ny'],
      count: 1,
    },
    {
      name: 'an Edge with two next hops',
      doc: mutate(base, (d) => addLink(d, defaultLink('nextHop', 'l-nh2', 'edge-a', 'pool-b'))),
      nodeIds: ['edge-a'],
      count: 1,
    },
    {
      name: 'an appliance with two backup registrars',
      doc: mutate(globalMultiSite(), (d) => addLink(d, defaultLink('backupRegistrar', 'l-br2', 'sba-bos', 'na2'))),
      nodeIds: ['sba-bos'],
      count: 1,
    },
  ],
  passes: [
    { name: 'one link of each kind', doc: base },
    {
      name: 'a Monitoring and an Archiving store',
      doc: mutate(base, (d) => {
        addNode(d, standaloneSqlStore({ id: 'mon1', siteId: 'dc1' }));
        addNode(d, standaloneSqlStore({ id: 'arch1', siteId: 'dc1' }));
        addLink(d, { id: 'l-m1', kind: 'store', from: 'pool-a', to: 'mon1', role: 'monitoring' });
        addLink(d, { id: 'l-a1', kind: 'store', from: 'pool-a', to: 'arch1', role: 'archiving' });
      }),
    },
    { name: 'two SE servers sharing one Edge (one link each)', doc: pairStandardEdition() },
  ],
});

describeRule('GEN-DNSLB-CLIENT-FAILOVER', {
  fires: [
    {
      name: 'DNS load balancing on 2015 pools and Edges',
      doc: mutate(mirror2015, (d) => {
        for (const id of ['edge-ny', 'edge-ch'])
          Object.assign(nodeOf(d, id, 'edgePool'), { internalLoadBalancing: 'dns', externalLoadBalancing: 'dns' });
      }),
      nodeIds: ['pool-ny'],
      count: 4,
    },
    {
      name: 'an Edge balanced by DNS on its external side only',
      doc: mutate(base, (d) => void (nodeOf(d, 'edge-a', 'edgePool').externalLoadBalancing = 'dns')),
      nodeIds: ['edge-a'],
      count: 1,
    },
    {
      name: 'a Director balanced by DNS',
      doc: mutate(base, (d) =>
        addNode(d, { ...defaultNode('directorPool', { id: 'dir-a', siteId: 'dc1' }), sipLoadBalancing: 'dns' }),
      ),
      nodeIds: ['dir-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'hardware load balancers everywhere', doc: base },
    {
      name: 'a Director on a hardware load balancer',
      doc: mutate(base, (d) =>
        addNode(d, { ...defaultNode('directorPool', { id: 'dir-a', siteId: 'dc1' }), sipLoadBalancing: 'hlb' }),
      ),
    },
  ],
});

describeRule('TOPO-ADMIN-TOOLS-2019', {
  fires: [
    {
      name: 'a 2015 pool beside 2019 ones',
      doc: fe(base, 'pool-b', (p) => ((p.productVersion = '2015'), (p.os = 'WS2016'))),
      nodeIds: ['pool-a', 'edge-a', 'edge-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'all 2019', doc: base },
    { name: 'all 2015', doc: mirror2015 },
  ],
});

// ---------------------------------------------------------------- reference designs

const MINE = [...FILE_RULES, ...OWAS_RULES, ...VOICE_RULES, ...SITE_RULES, ...GEN_RULES];
describe('GEN rules on the reference designs', () => {
  itPassesReferenceDesigns('GEN', GEN_RULES);
  itPassesReferenceDesigns('FILE, OWAS, VOICE, SITE or GEN', MINE, 'warning');
});

describe('GEN messages', () => {
  it('GEN-OS-SUPPORTED says which CU the OS needs and which one the pool has', () => {
    const [f] = findingsOf(
      'GEN-OS-SUPPORTED',
      fe(mirror2015, 'pool-ny', (p) => ((p.os = 'WS2019'), (p.cumulativeUpdate = 'CU8'))),
    );
    expect(f?.message).toContain(
      'Pool NY (pool-ny): Skype for Business Server 2015 runs on Windows Server 2019 only from CU9, and this one is at CU8',
    );
  });

  it('GEN-SINGLE-ASSOCIATION fills every placeholder and lists only the extra links', () => {
    const doc = mutate(base, (d) => {
      addLink(d, defaultLink('mediaEdge', 'l-me2', 'pool-a', 'edge-b'));
      addLink(d, defaultLink('mediaEdge', 'l-me3', 'pool-a', 'edge-b'));
    });
    const [f] = findingsOf('GEN-SINGLE-ASSOCIATION', doc);
    expect(f?.message).toContain('This Front End pool has 3 media Edge links where Skype for Business keeps one');
    expect(f?.linkIds).toEqual(['l-me2', 'l-me3']);
  });

  it('GEN-SINGLE-ASSOCIATION names the store role', () => {
    const doc = mutate(mirror2015, (d) => {
      addNode(d, { ...defaultNode('persistentChatPool', { id: 'pc', siteId: 'nyc', fqdn: 'pc.fabrikam.com' }) });
      addNode(d, standaloneSqlStore({ id: 'pcdb1', siteId: 'nyc' }));
      addNode(d, standaloneSqlStore({ id: 'pcdb2', siteId: 'nyc' }));
      addLink(d, { id: 'l-p1', kind: 'store', from: 'pc', to: 'pcdb1', role: 'persistentChatCompliance' });
      addLink(d, { id: 'l-p2', kind: 'store', from: 'pc', to: 'pcdb2', role: 'persistentChatCompliance' });
    });
    expect(findingsOf('GEN-SINGLE-ASSOCIATION', doc)[0]?.message).toContain('2 Persistent Chat compliance store links');
  });

  it('TOPO-AD-SINGLE-LABEL shows a hostile domain quoted and escaped', () => {
    const doc = mutate(base, (d) => void (nodeOf(d, 'pool-a', 'frontEndPool').domain = 'evil"\n<script>'));
    const [f] = findingsOf('TOPO-AD-SINGLE-LABEL', doc);
    expect(f?.message).toContain('"evil\\"\\n<script>"');
    expect(f?.message).not.toContain('\n');
  });
});

// ---------------------------------------------------------------- properties and performance

/** A random but valid variation of a reference design: shared hosts, short names, moved nodes, site kinds. */
const variation = fc
  .record({
    design: fc.constantFrom(...REFERENCE_DESIGNS.map((d) => d.build)),
    hostSwaps: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
    shortNames: fc.array(fc.nat(), { maxLength: 3 }),
    moves: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
    branchSites: fc.array(fc.nat(), { maxLength: 2 }),
    dupLinks: fc.array(fc.nat(), { maxLength: 4 }),
    dropLinks: fc.array(fc.nat(), { maxLength: 4 }),
    hostileName: fc.string({ maxLength: 40 }),
  })
  .map((v) => {
    const d = v.design();
    const pick = <T>(xs: T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);
    for (const [a, b] of v.hostSwaps) {
      const x = pick(d.nodes, a);
      const y = pick(d.nodes, b);
      if (x && y) x.fqdn = y.fqdn.toUpperCase();
    }
    for (const i of v.shortNames) {
      const x = pick(d.nodes, i);
      if (x) x.fqdn = x.fqdn.split('.')[0]!;
    }
    for (const [n, s] of v.moves) {
      const x = pick(d.nodes, n);
      const site = pick(d.sites, s);
      if (x && site) x.siteId = site.id;
    }
    for (const i of v.branchSites) {
      const site = pick(d.sites, i);
      if (site) site.kind = 'branch';
    }
    for (const i of v.dupLinks) {
      const l = pick(d.links, i);
      if (l) d.links.push({ ...l, id: `dup-${d.links.length}` });
    }
    for (const i of v.dropLinks) {
      const l = pick(d.links, i);
      if (l) d.links = d.links.filter((x) => x !== l);
    }
    if (d.nodes[0]) d.nodes[0].name = v.hostileName.slice(0, 200);
    return d;
  });

/** The `{placeholder}` tokens of each rule's catalogue message (names in the design may hold braces of their own). */
const PLACEHOLDERS = new Map(MINE.map((r) => [r.id, r.message.match(/\{[^}]+\}/g) ?? []]));

describe('FILE, OWAS, VOICE, SITE and GEN rules on random variations', () => {
  it('every check runs, names only existing nodes, links and sites, and fills its placeholders', () => {
    fc.assert(
      fc.property(variation, (doc) => {
        const parsed = parseTopology(JSON.parse(JSON.stringify(doc)));
        if (!parsed.ok) return; // the parser's business, not the rules'
        const ids = new Set([...doc.nodes.map((n) => n.id)]);
        // A finding on the WAN names the WAN link too.
        const links = new Set([...doc.links, ...(doc.siteLinks ?? [])].map((l) => l.id));
        const sites = new Set(doc.sites.map((s) => s.id));
        const first = runRules(parsed.value, MINE);
        for (const f of first) {
          expect(f.message).not.toMatch(/could not run/);
          for (const p of PLACEHOLDERS.get(f.ruleId) ?? []) expect(f.message).not.toContain(p);
          for (const n of f.nodeIds) expect(ids.has(n)).toBe(true);
          for (const l of f.linkIds) expect(links.has(l)).toBe(true);
          for (const s of f.siteIds) expect(sites.has(s)).toBe(true);
        }
        expect(runRules(parsed.value, MINE)).toEqual(first);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  });

  it('collocation findings are symmetric in the order of the nodes', () => {
    fc.assert(
      fc.property(variation, (doc) => {
        const parsed = parseTopology(JSON.parse(JSON.stringify(doc)));
        if (!parsed.ok) return;
        const reversed = { ...parsed.value, nodes: [...parsed.value.nodes].reverse() };
        const key = (fs: ReturnType<typeof runRules>) => fs.map((f) => `${f.ruleId}:${[...f.nodeIds].sort().join(',')}`).sort();
        const collocation = MINE.filter((r) =>
          ['FILE-COLLOCATED', 'FS-COLLOC-HOST', 'OWAS-SEPARATE-SERVER', 'GEN-SEPARATE-ROLES'].includes(r.id),
        );
        expect(key(runRules(reversed, collocation))).toEqual(key(runRules(parsed.value, collocation)));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 100) },
    );
  });
});

/** `copies` renamed copies of the global design in one document (about 32 nodes each). */
const bigDesign = (copies: number): Topology => replicateDesign(globalMultiSite(), copies);

// How fast: runRules/generated-5000 and limits/rules-one-host-5000 in npm run bench.
describe('cost', () => {
  it('each of the 32 checks of these families does work linear in the design (4× the design, at most 4.2× the work)', () => {
    const copies = Math.ceil(5_000 / globalMultiSite().nodes.length);
    const big = bigDesign(copies);
    const small = bigDesign(Math.ceil(copies / 4));
    expect(parseTopology(JSON.parse(JSON.stringify(big))).ok).toBe(true);
    expect(big.nodes.length).toBeGreaterThanOrEqual(5_000);
    const over: string[] = [];
    for (const rule of MINE) {
      const a = countingIndex(small);
      void [...rule.check(a.ix)];
      const b = countingIndex(big);
      const hits = [...rule.check(b.ix)];
      if (b.work() > 4.2 * Math.max(a.work(), 1)) over.push(`${rule.id}: ${a.work()} → ${b.work()}`);
      expect(hits.length, rule.id).toBeLessThanOrEqual(4 * big.nodes.length);
    }
    expect(over).toEqual([]);
  }, 120_000);

  it('reports one finding per machine when 5,000 nodes share one host name', () => {
    const doc = bigDesign(Math.ceil(5_000 / globalMultiSite().nodes.length));
    for (const n of doc.nodes) {
      n.fqdn = 'everything.tailspin.com';
      if (n.kind === 'sqlStore') delete n.ag;
    }
    const collocation = MINE.filter((r) =>
      ['FILE-COLLOCATED', 'FS-COLLOC-HOST', 'OWAS-SEPARATE-SERVER', 'GEN-SEPARATE-ROLES'].includes(r.id),
    );
    const found = runRules(doc, collocation);
    // A pairwise check would return millions of findings here.
    expect(found.map((f) => f.ruleId).sort()).toEqual([
      'FILE-COLLOCATED',
      'FS-COLLOC-HOST',
      'GEN-SEPARATE-ROLES',
      'OWAS-SEPARATE-SERVER',
    ]);
    for (const f of found) expect(f.message.length).toBeLessThan(3_000);
  }, 120_000);
});
