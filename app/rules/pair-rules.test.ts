import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLink, defaultNode, defaultSite } from '../model/defaults';
import { globalMultiSite, pair2015Mirroring, pair2019AlwaysOn, pairStandardEdition } from '../model/samples';
import type { Link, Topology } from '../model/schema';
import { TopologyIndex } from '../model/topology-index';
import { PAIR_RULES } from './pair-rules';
import { pairsOf } from './rule-helpers';
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

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

type Fe = ReturnType<typeof nodeOf<'frontEndPool'>>;
type Se = ReturnType<typeof nodeOf<'standardEditionServer'>>;

/** pair2019AlwaysOn with its two pools changed by `f`. */
const pools = (f: (a: Fe, b: Fe, d: Topology) => void) =>
  mutate(pair2019AlwaysOn(), (d) => f(nodeOf(d, 'pool-a', 'frontEndPool'), nodeOf(d, 'pool-b', 'frontEndPool'), d));
/** pairStandardEdition with its two servers changed by `f`. */
const ses = (f: (hq: Se, dr: Se, d: Topology) => void) =>
  mutate(pairStandardEdition(), (d) =>
    f(nodeOf(d, 'se-hq', 'standardEditionServer'), nodeOf(d, 'se-dr', 'standardEditionServer'), d),
  );
const unpaired = (d: Topology) => removeLinks(d, (l) => l.kind === 'pairing');
function addBranch(d: Topology, poolId: string, users: number, id = 'sba-1') {
  if (!d.sites.some((s) => s.id === 'br1')) d.sites.push(defaultSite('br1', 'Branch office', 'branch'));
  addNode(d, { ...defaultNode('survivableBranch', { id, siteId: 'br1', name: `SBA ${id}` }), users });
  addLink(d, defaultLink('backupRegistrar', `l-${id}`, id, poolId));
}
/** pair2019AlwaysOn where pool-a is paired with a new Standard Edition server instead of pool-b. */
const eeWithSe = () =>
  pools((_a, _b, d) => {
    unpaired(d);
    addNode(d, {
      ...defaultNode('standardEditionServer', { id: 'se-x', siteId: 'dc2', fqdn: 'se-x.contoso.com' }),
      users: 1_000,
    });
    addLink(d, defaultLink('pairing', 'l-px', 'pool-a', 'se-x'));
  });

// ---------------------------------------------------------------- tier 1

describeRule('PAIR-ONE-TO-ONE', {
  fires: [
    {
      name: 'na1 paired with na2 and na3',
      doc: mutate(globalMultiSite(), (d) => addLink(d, defaultLink('pairing', 'l-extra', 'na1', 'na3'))),
      nodeIds: ['na1', 'na2', 'na3'],
      count: 2,
    }, // na3 is also paired with na4
    {
      name: 'SE server paired with two SE servers',
      doc: ses((_hq, _dr, d) => {
        addNode(d, defaultNode('standardEditionServer', { id: 'se-3', siteId: 'dr', fqdn: 'se-3.northwind.com' }));
        addLink(d, defaultLink('pairing', 'l-se3', 'se-3', 'se-hq'));
      }),
      nodeIds: ['se-hq', 'se-dr', 'se-3'],
      count: 1,
    },
  ],
  passes: [
    { name: 'three separate pairs', doc: globalMultiSite() },
    {
      name: 'a duplicated link to the same partner (PAIR-SYMMETRIC)',
      doc: mutate(pair2019AlwaysOn(), (d) => addLink(d, defaultLink('pairing', 'l-dup', 'pool-b', 'pool-a'))),
    },
  ],
});

describeRule('PAIR-SYMMETRIC', {
  fires: [
    {
      name: 'two pairing links between the same pools, either direction',
      doc: mutate(pair2019AlwaysOn(), (d) => addLink(d, defaultLink('pairing', 'l-dup', 'pool-b', 'pool-a'))),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
    {
      name: 'three links between two SE servers',
      doc: ses(
        (_a, _b, d) => (
          addLink(d, defaultLink('pairing', 'l-d1', 'se-hq', 'se-dr')),
          addLink(d, defaultLink('pairing', 'l-d2', 'se-dr', 'se-hq'))
        ),
      ),
      nodeIds: ['se-hq', 'se-dr'],
      count: 1,
    },
  ],
  passes: [
    { name: 'one pairing link', doc: pair2019AlwaysOn() },
    { name: 'several pairs with one link each', doc: globalMultiSite() },
  ],
});

describeRule('PAIR-SAME-EDITION', {
  fires: [
    { name: 'Enterprise pool paired with a Standard Edition server', doc: eeWithSe(), nodeIds: ['pool-a', 'se-x'], count: 1 },
  ],
  passes: [
    { name: 'two Enterprise pools', doc: pair2019AlwaysOn() },
    { name: 'two Standard Edition servers', doc: pairStandardEdition() },
  ],
});

describeRule('PAIR-SAME-HOSTING', {
  fires: [
    {
      name: 'physical pool paired with a virtual pool',
      doc: pools((_a, b) => (b.hosting = 'virtual')),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
    {
      name: 'SE servers of different hosting',
      doc: ses((hq) => (hq.hosting = 'virtual')),
      nodeIds: ['se-hq', 'se-dr'],
      count: 1,
    },
  ],
  passes: [
    { name: 'both physical', doc: pair2019AlwaysOn() },
    { name: 'both virtual', doc: pools((a, b) => ((a.hosting = 'virtual'), (b.hosting = 'virtual'))) },
  ],
});

describeRule('PAIR-SAME-OS', {
  fires: [
    {
      name: 'WS2019 pool paired with a WS2016 pool',
      doc: pools((_a, b) => (b.os = 'WS2016')),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'both WS2019', doc: pair2019AlwaysOn() },
    { name: 'both WS2016', doc: pools((a, b) => ((a.os = 'WS2016'), (b.os = 'WS2016'))) },
  ],
});

describeRule('PAIR-SAME-VERSION', {
  fires: [
    {
      name: '2019 pool paired with a 2015 pool',
      doc: pools((_a, b) => (b.productVersion = '2015')),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
    {
      name: 'SE servers of different versions',
      doc: ses((_hq, dr) => (dr.productVersion = '2015')),
      nodeIds: ['se-hq', 'se-dr'],
      count: 1,
    },
  ],
  passes: [
    { name: 'both 2019', doc: pair2019AlwaysOn() },
    { name: 'both 2015', doc: pair2015Mirroring() },
  ],
});

describeRule('PAIR-DIFFERENT-DATACENTER', {
  fires: [
    {
      name: 'partner moved into the same site',
      doc: pools((_a, b) => (b.siteId = 'dc1')),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
    {
      name: 'two sites in one data center',
      doc: mutate(pair2019AlwaysOn(), (d) => d.sites.forEach((s) => (s.datacenter = 'AMS-1'))),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'two sites without datacenter (each its own)', doc: pair2019AlwaysOn() },
    {
      name: 'two sites in two named data centers',
      doc: mutate(pair2019AlwaysOn(), (d) => d.sites.forEach((s, i) => (s.datacenter = `DC-${i}`))),
    },
  ],
});

describeRule('PAIR-SAME-REGION', {
  fires: [
    {
      name: 'EU paired with NA',
      doc: mutate(pair2019AlwaysOn(), (d) => (d.sites[1]!.region = 'NA')),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'both in EU', doc: pair2019AlwaysOn() },
    { name: 'one region unknown', doc: mutate(pair2019AlwaysOn(), (d) => delete d.sites[1]!.region) },
  ],
});

describeRule('PAIR-CAPACITY-MAX', {
  fires: [
    {
      name: '2019 pair of 60,000 and 50,000 users',
      doc: pools((a, b) => ((a.users = 60_000), (b.users = 50_000))),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
    {
      name: 'mixed versions use the 2015 limit',
      doc: pools((a, b) => ((a.users = 40_000), (b.users = 40_001), (b.productVersion = '2015'))),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
    {
      name: "the survivor's branch users count",
      doc: pools((a, b, d) => ((a.users = 53_000), (b.users = 53_000), addBranch(d, 'pool-a', 1))),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
  ],
  passes: [
    { name: '2019 pair of 53,000 + 53,000', doc: pools((a, b) => ((a.users = 53_000), (b.users = 53_000))) },
    {
      name: 'mixed versions at 40,000 + 40,000',
      doc: pools((a, b) => ((a.users = 40_000), (b.users = 40_000), (b.productVersion = '2015'))),
    },
    { name: 'SE pairs are PAIR-SE-CAPACITY', doc: ses((hq, dr) => ((hq.users = 60_000), (dr.users = 60_000))) },
  ],
});

describeRule('PAIR-CAPACITY-SERVERS', {
  fires: [
    {
      name: 'four servers cannot carry 30,000 users',
      doc: pools((a) => (a.frontEndServers = 4)),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
    {
      name: 'neither six-server pool can carry 40,000 users',
      doc: pools((a, b) => ((a.users = 20_000), (b.users = 20_000))),
      count: 2,
    },
  ],
  passes: [
    { name: 'six servers each for 30,000 users', doc: pair2019AlwaysOn() },
    {
      name: "the partner's branch users do not fail over",
      doc: pools((a, b, d) => ((a.users = 15_000), (b.users = 16_960), addBranch(d, 'pool-b', 100))),
    },
  ],
});

describeRule('PAIR-SE-CAPACITY', {
  fires: [
    { name: 'SE server with 2,501 users', doc: ses((hq) => (hq.users = 2_501)), nodeIds: ['se-hq', 'se-dr'], count: 1 },
    {
      name: 'branch users push an unpaired SE server over',
      doc: ses((hq, _dr, d) => ((hq.users = 2_400), unpaired(d), addBranch(d, 'se-hq', 101))),
      nodeIds: ['se-hq'],
      count: 1,
    },
  ],
  passes: [
    { name: 'SE server with 2,500 users', doc: ses((hq) => (hq.users = 2_500)) },
    { name: 'the reference SE pair', doc: pairStandardEdition() },
  ],
});

describeRule('PAIR-SE-RECOMMENDED', {
  fires: [
    { name: 'two unpaired SE servers with users', doc: ses((_hq, _dr, d) => unpaired(d)), nodeIds: ['se-hq'], count: 2 },
    {
      name: 'an unpaired SE server with only branch users',
      doc: ses((hq, dr, d) => (unpaired(d), (hq.users = 0), (dr.users = 0), addBranch(d, 'se-dr', 20))),
      nodeIds: ['se-dr'],
      count: 1,
    },
  ],
  passes: [
    { name: 'a paired SE server', doc: pairStandardEdition() },
    { name: 'unpaired SE servers without users', doc: ses((hq, dr, d) => (unpaired(d), (hq.users = 0), (dr.users = 0))) },
  ],
});

describeRule('PAIR-SAME-BE-HA-MODE', {
  fires: [
    {
      name: 'AlwaysOn AG paired with a SQL failover cluster',
      doc: mutate(pair2019AlwaysOn(), (d) => {
        const s = nodeOf(d, 'sql-b', 'sqlStore');
        delete s.ag;
        s.haMode = 'sqlFailoverCluster';
        s.clusterNodes = 2;
      }),
      nodeIds: ['pool-a', 'pool-b', 'sql-a', 'sql-b'],
      count: 1,
    },
    {
      name: 'AlwaysOn AG paired with no HA',
      doc: mutate(
        pair2019AlwaysOn(),
        (d) => (delete nodeOf(d, 'sql-a', 'sqlStore').ag, (nodeOf(d, 'sql-a', 'sqlStore').haMode = 'none')),
      ),
      nodeIds: ['sql-a', 'sql-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'both AlwaysOn AG', doc: pair2019AlwaysOn() },
    { name: 'both mirrored', doc: pair2015Mirroring() },
    {
      name: 'one pool without a Back End (FE-EE-NEEDS-BE reports it)',
      doc: mutate(pair2019AlwaysOn(), (d) => removeLinks(d, (l) => l.kind === 'backEnd' && l.from === 'pool-b')),
    },
  ],
});

describeRule('PAIR-FILESTORE-DISTINCT', {
  fires: [
    {
      name: 'both pools on fs-a',
      doc: mutate(pair2019AlwaysOn(), (d) =>
        d.links.forEach((l) => l.kind === 'fileStore' && l.from === 'pool-b' && (l.to = 'fs-a')),
      ),
      nodeIds: ['pool-a', 'pool-b', 'fs-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'each pool its own file store', doc: pair2019AlwaysOn() },
    {
      name: 'unpaired pools sharing a file store',
      doc: mutate(
        pair2019AlwaysOn(),
        (d) => (unpaired(d), d.links.forEach((l) => l.kind === 'fileStore' && l.from === 'pool-b' && (l.to = 'fs-a'))),
      ),
    },
  ],
});

// ---------------------------------------------------------------- tier 2

describeRule('PAIR-SMB-TO-PARTNER-STORE', {
  fires: [
    { name: 'a pair with a file store each', doc: pair2019AlwaysOn(), nodeIds: ['pool-a', 'pool-b', 'fs-a', 'fs-b'], count: 1 },
    { name: 'three pairs', doc: globalMultiSite(), nodeIds: ['na3', 'na4', 'fs-na', 'fs-naw'], count: 3 },
  ],
  passes: [{ name: 'no pairing', doc: mutate(pair2019AlwaysOn(), unpaired) }],
});

describeRule('PAIR-VOICE-CHECKBOX', {
  fires: [{ name: 'voice failover on', doc: pair2019AlwaysOn(), nodeIds: ['pool-a', 'pool-b'], count: 1 }],
  passes: [
    {
      name: 'voice failover off',
      doc: mutate(pair2019AlwaysOn(), (d) => d.links.forEach((l) => l.kind === 'pairing' && (l.voiceFailover = false))),
    },
    {
      name: 'voice failover not set',
      doc: mutate(pair2019AlwaysOn(), (d) => d.links.forEach((l) => l.kind === 'pairing' && delete l.voiceFailover)),
    },
  ],
});

describeRule('PAIR-EXISTING-POOLS', {
  fires: [{ name: 'pool-a already deployed', doc: pools((a) => (a.deployed = true)), nodeIds: ['pool-a', 'pool-b'], count: 1 }],
  passes: [
    { name: 'new pools', doc: pair2019AlwaysOn() },
    { name: 'deployed false', doc: pools((a, b) => ((a.deployed = false), (b.deployed = false))) },
    { name: 'deployed but unpaired', doc: pools((a, _b, d) => ((a.deployed = true), unpaired(d))) },
  ],
});

describeRule('PAIR-LIS-NOT-REPLICATED', {
  fires: [
    { name: 'an Enterprise pair', doc: pair2019AlwaysOn(), nodeIds: ['pool-a', 'pool-b'], count: 1 },
    { name: 'an SE pair', doc: pairStandardEdition(), nodeIds: ['se-hq', 'se-dr'], count: 1 },
  ],
  passes: [{ name: 'no pairing', doc: mutate(pairStandardEdition(), unpaired) }],
});

describeRule('PAIR-SBA-NO-DR', {
  fires: [
    {
      name: 'paired pool backing up a branch',
      doc: pools((_a, _b, d) => addBranch(d, 'pool-a', 300)),
      nodeIds: ['pool-a', 'sba-1'],
      count: 1,
    },
    { name: 'two paired pools with branches', doc: globalMultiSite(), nodeIds: ['na1', 'sba-bos'], count: 2 },
  ],
  passes: [
    { name: 'paired pools without branches', doc: pair2019AlwaysOn() },
    { name: 'a branch backed by an unpaired pool', doc: pools((_a, _b, d) => (unpaired(d), addBranch(d, 'pool-a', 300))) },
  ],
});

// ---------------------------------------------------------------- helpers, messages, designs

describe('pairsOf', () => {
  it('gives one pair per two nodes whatever the number and direction of links', () => {
    const doc = mutate(pair2019AlwaysOn(), (d) => addLink(d, defaultLink('pairing', 'l-dup', 'pool-b', 'pool-a')));
    const pairs = pairsOf(new TopologyIndex(doc));
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.links.map((l: Link) => l.id).sort()).toEqual(
      [...doc.links.filter((l) => l.kind === 'pairing').map((l) => l.id)].sort(),
    );
  });
});

describe('PAIR-SYMMETRIC on a self-pairing', () => {
  it('reports it, although parseTopology refuses such a document before the rules see it', () => {
    const doc = mutate(pair2019AlwaysOn(), (d) => addLink(d, defaultLink('pairing', 'l-self', 'pool-a', 'pool-a')));
    const found = findingsOf('PAIR-SYMMETRIC', doc);
    expect(found.map((f) => [f.nodeIds, f.linkIds])).toEqual([[['pool-a'], ['l-self']]]);
    // and no other pair rule treats the self-link as a pair
    expect(pairsOf(new TopologyIndex(doc))).toHaveLength(1);
  });
});

describe('PAIR messages name the nodes and the figures', () => {
  it('PAIR-CAPACITY-MAX gives the load and the limit', () => {
    const [f] = findingsOf(
      'PAIR-CAPACITY-MAX',
      pools((a, b) => ((a.users = 60_000), (b.users = 50_000))),
    );
    expect(f!.message).toContain('110,000');
    expect(f!.message).toContain('(106,000)');
    expect(f!.message).toContain('Pool A (pool-a)');
  });
  it('PAIR-CAPACITY-SERVERS says how many servers to add', () => {
    const [f] = findingsOf(
      'PAIR-CAPACITY-SERVERS',
      pools((a) => (a.frontEndServers = 4)),
    );
    expect(f!.message).toContain('30,000');
    expect(f!.fix).toContain('Add 1 Front End server to Pool A (pool-a)');
  });
  it('PAIR-SAME-BE-HA-MODE names both methods', () => {
    const doc = mutate(
      pair2019AlwaysOn(),
      (d) => (delete nodeOf(d, 'sql-a', 'sqlStore').ag, (nodeOf(d, 'sql-a', 'sqlStore').haMode = 'none')),
    );
    const [f] = findingsOf('PAIR-SAME-BE-HA-MODE', doc);
    expect(f!.message).toMatch(/no high availability.*AlwaysOn Availability Group/);
  });
});

describe('PAIR rules on the reference designs', () => itPassesReferenceDesigns('PAIR', PAIR_RULES));

describe('PAIR capacity rules follow failoverLoad', () => {
  it('PAIR-CAPACITY-MAX and PAIR-CAPACITY-SERVERS fire exactly at their thresholds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 90_000 }),
        fc.integer({ min: 0, max: 90_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 16 }),
        (ua, ub, branch, na, nb) => {
          const doc = pools((a, b, d) => {
            a.users = ua;
            b.users = ub;
            a.frontEndServers = na;
            b.frontEndServers = nb;
            if (branch > 0) addBranch(d, 'pool-a', branch);
          });
          const loadA = ua + branch + ub; // pool-a survives: its own, its branch's and pool-b's own users
          const loadB = ub + ua; // pool-b survives: pool-a's branch users do not fail over
          expect(findingsOf('PAIR-CAPACITY-MAX', doc).length).toBe(Math.max(loadA, loadB) > 106_000 ? 1 : 0);
          const short = findingsOf('PAIR-CAPACITY-SERVERS', doc)
            .map((f) => f.nodeIds[0])
            .sort();
          const want = [
            ...(Math.ceil(loadA / 6_660) > na ? ['pool-a'] : []),
            ...(Math.ceil(loadB / 6_660) > nb ? ['pool-b'] : []),
          ];
          expect(short).toEqual(want);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
