import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLink, defaultNode, defaultSite, standaloneSqlStore } from '../model/defaults';
import { pair2015Mirroring, pair2019AlwaysOn, pairStandardEdition } from '../model/samples';
import type { Link, Topology } from '../model/schema';
import { TopologyIndex } from '../model/topology-index';
import { FE_RULES } from './fe-rules';
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

/** pair2019AlwaysOn with pool-a changed by `f`. */
const poolA = (f: (p: ReturnType<typeof nodeOf<'frontEndPool'>>, d: Topology) => void) =>
  mutate(pair2019AlwaysOn(), (d) => f(nodeOf(d, 'pool-a', 'frontEndPool'), d));
/** pair2015Mirroring with pool-ny changed by `f`. */
const poolNy = (f: (p: ReturnType<typeof nodeOf<'frontEndPool'>>, d: Topology) => void) =>
  mutate(pair2015Mirroring(), (d) => f(nodeOf(d, 'pool-ny', 'frontEndPool'), d));
/** Both pools of pair2019AlwaysOn changed by `f`. */
const bothPools = (f: (p: ReturnType<typeof nodeOf<'frontEndPool'>>) => void) =>
  mutate(pair2019AlwaysOn(), (d) => {
    f(nodeOf(d, 'pool-a', 'frontEndPool'));
    f(nodeOf(d, 'pool-b', 'frontEndPool'));
  });
/** A survivable branch with `users` users that uses `poolId` as backup registrar. */
function addBranch(d: Topology, poolId: string, users: number, id = 'sba-1') {
  if (!d.sites.some((s) => s.id === 'br1')) d.sites.push(defaultSite('br1', 'Branch office', 'branch'));
  addNode(d, { ...defaultNode('survivableBranch', { id, siteId: 'br1', name: `SBA ${id}` }), users });
  addLink(d, defaultLink('backupRegistrar', `l-${id}`, id, poolId));
}

// ---------------------------------------------------------------- tier 1

describeRule('FE-MIN-THREE', {
  fires: [
    { name: '2015 pool with two Front End servers', doc: poolNy((p) => (p.frontEndServers = 2)), nodeIds: ['pool-ny'], count: 1 },
    { name: '2019 pool with one Front End server', doc: poolA((p) => (p.frontEndServers = 1)), nodeIds: ['pool-a'], count: 1 },
  ],
  passes: [
    { name: '2015 pool with three Front End servers', doc: poolNy((p) => (p.frontEndServers = 3)) },
    { name: '2019 pool with two (FE-2019-NOT-TWO reports it)', doc: poolA((p) => (p.frontEndServers = 2)) },
    { name: 'two-server large-meeting pool', doc: poolNy((p) => ((p.frontEndServers = 2), (p.largeMeetingPool = true))) },
  ],
});

describeRule('FE-2019-NOT-TWO', {
  fires: [
    {
      name: '2019 pool with exactly two Front End servers',
      doc: poolA((p) => (p.frontEndServers = 2)),
      nodeIds: ['pool-a'],
      count: 1,
    },
  ],
  passes: [
    { name: '2019 pool with three', doc: poolA((p) => (p.frontEndServers = 3)) },
    { name: '2015 pool with two', doc: poolNy((p) => (p.frontEndServers = 2)) },
    { name: '2019 pool with one', doc: poolA((p) => (p.frontEndServers = 1)) },
  ],
});

describeRule('FE-MAX-SERVERS', {
  fires: [
    { name: '2015 pool with 13 servers', doc: poolNy((p) => (p.frontEndServers = 13)), nodeIds: ['pool-ny'], count: 1 },
    { name: '2019 pool with 17 servers', doc: poolA((p) => (p.frontEndServers = 17)), nodeIds: ['pool-a'], count: 1 },
  ],
  passes: [
    { name: '2015 pool with 12 servers', doc: poolNy((p) => (p.frontEndServers = 12)) },
    { name: '2019 pool with 16 servers', doc: poolA((p) => (p.frontEndServers = 16)) },
  ],
});

describeRule('FE-MAX-USERS', {
  fires: [
    { name: '2015 pool above 80,000 users', doc: poolNy((p) => (p.users = 80_001)), nodeIds: ['pool-ny'], count: 1 },
    {
      name: '2019 pool above 106,000 with branch users counted',
      doc: poolA((p, d) => ((p.users = 105_900), addBranch(d, 'pool-a', 200))),
      nodeIds: ['pool-a', 'sba-1'],
      count: 1,
    },
  ],
  passes: [
    { name: '2015 pool at 80,000 users', doc: poolNy((p) => (p.users = 80_000)) },
    {
      name: '2019 pool at 106,000 users, branch included',
      doc: poolA((p, d) => ((p.users = 105_800), addBranch(d, 'pool-a', 200))),
    },
    { name: '2019 pool of 90,000 users (above the 2015 limit only)', doc: poolA((p) => (p.users = 90_000)) },
  ],
});

describeRule('FE-USERS-PER-SERVER', {
  fires: [
    { name: 'six servers for 39,961 users', doc: poolA((p) => (p.users = 6 * 6_660 + 1)), nodeIds: ['pool-a'], count: 1 },
    {
      name: 'branch users push the pool over',
      doc: poolA((p, d) => ((p.users = 39_900), addBranch(d, 'pool-a', 100))),
      nodeIds: ['pool-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'six servers for 39,960 users', doc: poolA((p) => (p.users = 6 * 6_660)) },
    { name: 'the branch backs up the other pool', doc: poolA((p, d) => ((p.users = 39_900), addBranch(d, 'pool-b', 100))) },
  ],
});

describeRule('FE-N-PLUS-ONE', {
  fires: [{ name: 'six servers for 33,301 users', doc: poolA((p) => (p.users = 5 * 6_660 + 1)), nodeIds: ['pool-a'], count: 1 }],
  passes: [
    { name: 'six servers for 33,300 users', doc: poolA((p) => (p.users = 5 * 6_660)) },
    { name: 'already over sizing (FE-USERS-PER-SERVER reports it)', doc: poolA((p) => (p.users = 6 * 6_660 + 1)) },
    { name: 'a single-server pool', doc: poolA((p) => ((p.frontEndServers = 1), (p.users = 5_000))) },
  ],
});

describeRule('FE-WEB-HLB', {
  fires: [
    {
      name: 'six servers without web load balancing',
      doc: poolA((p) => (p.webLoadBalancing = 'none')),
      nodeIds: ['pool-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'web services behind a hardware load balancer', doc: pair2019AlwaysOn() },
    {
      name: 'a single server needs no load balancer',
      doc: poolA((p) => ((p.frontEndServers = 1), (p.webLoadBalancing = 'none'))),
    },
  ],
});

describeRule('FE-PAIRED-NEEDS-THREE', {
  fires: [
    {
      name: 'paired 2015 pool with two servers',
      doc: poolNy((p) => (p.frontEndServers = 2)),
      nodeIds: ['pool-ny', 'pool-ch'],
      count: 1,
    },
    { name: 'both pools of a pair below three', doc: bothPools((p) => (p.frontEndServers = 1)), count: 2 },
  ],
  passes: [
    { name: 'paired pool with three servers', doc: poolNy((p) => (p.frontEndServers = 3)) },
    {
      name: 'unpaired pool with two servers',
      doc: poolNy((p, d) => ((p.frontEndServers = 2), removeLinks(d, (l) => l.kind === 'pairing'))),
    },
  ],
});

describeRule('FE-EE-NEEDS-BE', {
  fires: [
    {
      name: 'pool without a Back End',
      doc: poolA((_p, d) => removeLinks(d, (l) => l.kind === 'backEnd' && l.from === 'pool-a')),
      nodeIds: ['pool-a'],
      count: 1,
    },
    {
      name: 'pool with two Back End links',
      doc: poolA((_p, d) => {
        addNode(d, standaloneSqlStore({ id: 'sql-x', siteId: 'dc1', domain: 'contoso.com' }));
        addLink(d, defaultLink('backEnd', 'l-be2', 'pool-a', 'sql-x'));
      }),
      nodeIds: ['pool-a'],
      count: 1,
    },
  ],
  passes: [{ name: 'each pool has one Back End', doc: pair2019AlwaysOn() }],
});

/** pairStandardEdition plus a SQL store on `fqdn`, used by `link` from the SE server or a new Enterprise pool. */
function seWithStore(fqdn: string, link: 'monitoring' | 'archiving' | 'persistentChat' | 'backEnd'): Topology {
  return mutate(pairStandardEdition(), (d) => {
    addNode(d, standaloneSqlStore({ id: 'sql-x', siteId: 'hq', name: 'Extra store', fqdn }));
    if (link === 'backEnd') {
      addNode(d, defaultNode('frontEndPool', { id: 'pool-x', siteId: 'hq', fqdn: 'pool-x.northwind.com' }));
      addLink(d, defaultLink('backEnd', 'l-x', 'pool-x', 'sql-x'));
    } else {
      addLink(d, { ...defaultLink('store', 'l-x', 'se-hq', 'sql-x'), role: link } as Link);
    }
  });
}

describeRule('FE-SE-HOSTS-FOREIGN-DB', {
  fires: [
    {
      name: 'Monitoring database on the SE server (FQDN case differs)',
      doc: seWithStore('SE-HQ.Northwind.com', 'monitoring'),
      nodeIds: ['sql-x', 'se-hq'],
      count: 1,
    },
    {
      name: 'Archiving database on the SE server',
      doc: seWithStore('se-hq.northwind.com', 'archiving'),
      nodeIds: ['sql-x', 'se-hq'],
      count: 1,
    },
    {
      name: "an Enterprise pool's Back End on the SE server",
      doc: seWithStore('se-hq.northwind.com', 'backEnd'),
      nodeIds: ['sql-x', 'se-hq'],
      count: 1,
    },
  ],
  passes: [
    { name: 'Persistent Chat database on the SE server is allowed', doc: seWithStore('se-hq.northwind.com', 'persistentChat') },
    { name: 'Monitoring database on a separate SQL Server', doc: seWithStore('sqlmon.northwind.com', 'monitoring') },
    { name: 'Back End on a separate SQL Server', doc: seWithStore('sqlbe.northwind.com', 'backEnd') },
  ],
});

// ---------------------------------------------------------------- tier 2

describeRule('FE-SMALL-USE-SE', {
  fires: [
    { name: 'two-server 2015 pool', doc: poolNy((p) => (p.frontEndServers = 2)), nodeIds: ['pool-ny'], count: 1 },
    { name: 'one-server 2019 pool', doc: poolA((p) => (p.frontEndServers = 1)), nodeIds: ['pool-a'], count: 1 },
  ],
  passes: [
    { name: 'three-server pool', doc: poolNy((p) => (p.frontEndServers = 3)) },
    { name: 'two-server large-meeting pool', doc: poolNy((p) => ((p.frontEndServers = 2), (p.largeMeetingPool = true))) },
  ],
});

describeRule('FE-QUORUM', {
  fires: [
    { name: 'two six-server pools', doc: pair2019AlwaysOn(), nodeIds: ['pool-a'], count: 2 },
    { name: '2019 pool of 14 servers (no first-start figure)', doc: poolA((p) => (p.frontEndServers = 14)), nodeIds: ['pool-a'] },
    { name: '2015 pool of 13 servers (beyond the maximum)', doc: poolNy((p) => (p.frontEndServers = 13)), nodeIds: ['pool-ny'] },
  ],
  passes: [
    { name: 'single-server pools', doc: bothPools((p) => (p.frontEndServers = 1)) },
    { name: 'Standard Edition servers only', doc: pairStandardEdition() },
  ],
});

describeRule('FE-EVEN-COUNT-SQL-WITNESS', {
  fires: [{ name: 'six-server pools', doc: pair2019AlwaysOn(), nodeIds: ['pool-a', 'sql-a'], count: 2 }],
  passes: [
    { name: 'seven-server pools', doc: bothPools((p) => (p.frontEndServers = 7)) },
    {
      name: 'even pools without exactly one Back End (FE-EE-NEEDS-BE reports them)',
      doc: mutate(pair2019AlwaysOn(), (d) => removeLinks(d, (l) => l.kind === 'backEnd')),
    },
  ],
});

describeRule('FE-FIRST-USER-MOVE', {
  fires: [
    { name: 'new pools with users', doc: pair2019AlwaysOn(), nodeIds: ['pool-a'], count: 2 },
    {
      name: 'a new pool whose only users are branch users',
      doc: poolA((p, d) => ((p.users = 0), addBranch(d, 'pool-a', 40), (nodeOf(d, 'pool-b', 'frontEndPool').deployed = true))),
      nodeIds: ['pool-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'both pools already deployed', doc: bothPools((p) => (p.deployed = true)) },
    { name: 'new pools without users', doc: bothPools((p) => (p.users = 0)) },
  ],
});

describeRule('FE-LARGE-MEETING-POOL', {
  fires: [
    {
      name: 'a large-meeting pool',
      doc: poolA((p) => ((p.largeMeetingPool = true), (p.users = 10))),
      nodeIds: ['pool-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'ordinary pools', doc: pair2019AlwaysOn() },
    { name: 'largeMeetingPool false', doc: poolA((p) => (p.largeMeetingPool = false)) },
  ],
});

describeRule('FE-LARGE-MEETING-DEDICATED', {
  fires: [
    {
      name: 'large-meeting pool homing 51 accounts',
      doc: poolA((p) => ((p.largeMeetingPool = true), (p.users = 51))),
      nodeIds: ['pool-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'large-meeting pool homing 50 accounts', doc: poolA((p) => ((p.largeMeetingPool = true), (p.users = 50))) },
    { name: 'ordinary pool of 15,000 users', doc: pair2019AlwaysOn() },
  ],
});

// ---------------------------------------------------------------- messages and designs

describe('FE messages name the nodes and the figures', () => {
  it('FE-MAX-USERS gives the count, the limit and the branches', () => {
    const [f] = findingsOf(
      'FE-MAX-USERS',
      poolA((p, d) => ((p.users = 105_900), addBranch(d, 'pool-a', 200))),
    );
    expect(f!.message).toContain('Pool A (pool-a)');
    expect(f!.message).toContain('106,100');
    expect(f!.message).toContain('106,000');
    expect(f!.message).toContain('SBA sba-1 (sba-1)');
  });
  it('FE-USERS-PER-SERVER names the servers needed', () => {
    const [f] = findingsOf(
      'FE-USERS-PER-SERVER',
      poolA((p) => (p.users = 50_000)),
    );
    expect(f!.message).toContain('8 are needed');
    expect(f!.fix).toContain('2 more');
  });
  it('FE-QUORUM uses the quorum table', () => {
    const of = (id: string) => (doc: Topology) => findingsOf('FE-QUORUM', doc).find((f) => f.nodeIds[0] === id)!.message;
    const a = of('pool-a');
    const ny = of('pool-ny');
    expect(a(poolA((p) => (p.frontEndServers = 8)))).toMatch(/6 of its 8 servers must run.*any 4 of the first 7 servers/);
    expect(a(poolA((p) => (p.frontEndServers = 16)))).toMatch(/12 of its 16 servers.*any 7 of the first 12/);
    expect(ny(poolNy((p) => (p.frontEndServers = 12)))).toMatch(/10 of its 12 servers.*any 5 of the first 9/);
    expect(a(poolA((p) => (p.frontEndServers = 12)))).toMatch(/10 of its 12 servers.*any 7 of the first 12/);
    expect(a(poolA((p) => (p.frontEndServers = 14)))).toContain('unpublished');
    expect(a(poolA((p) => (p.frontEndServers = 2)))).toMatch(/1 of its 2 servers.*1 running server/);
  });
  it('FE-SE-HOSTS-FOREIGN-DB says what the store holds', () => {
    const [f] = findingsOf('FE-SE-HOSTS-FOREIGN-DB', seWithStore('se-hq.northwind.com', 'backEnd'));
    expect(f!.message).toContain('the Back End of pool-x');
    expect(f!.linkIds).toEqual(['l-x']);
  });
});

describe('FE rules on the reference designs', () => itPassesReferenceDesigns('FE', FE_RULES));

describe('FE sizing rules agree with the reference numbers', () => {
  it('FE-MAX-USERS, FE-USERS-PER-SERVER and FE-N-PLUS-ONE follow their thresholds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 150_000 }),
        fc.constantFrom('2015' as const, '2019' as const),
        (servers, users, version) => {
          const doc = poolA((p) => ((p.frontEndServers = servers), (p.users = users), (p.productVersion = version)));
          const fired = (id: string) => findingsOf(id, doc).some((f) => f.nodeIds[0] === 'pool-a');
          expect(fired('FE-MAX-USERS')).toBe(users > (version === '2015' ? 80_000 : 106_000));
          expect(fired('FE-USERS-PER-SERVER')).toBe(users > 6_660 * servers);
          expect(fired('FE-N-PLUS-ONE')).toBe(servers >= 2 && users > 6_660 * (servers - 1) && users <= 6_660 * servers);
          expect(fired('FE-MAX-SERVERS')).toBe(servers > (version === '2015' ? 12 : 16));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('FE and the index', () => {
  it('registrarUsers counts branch users once, the same on every call, and a changed copy afresh', () => {
    const doc = poolA((p, d) => ((p.users = 1_000), addBranch(d, 'pool-a', 200), addBranch(d, 'pool-a', 50, 'sba-2')));
    const ix = new TopologyIndex(doc);
    const pool = nodeOf(doc, 'pool-a', 'frontEndPool');
    expect(ix.registrarUsers(pool)).toBe(1_250);
    expect(ix.registrarUsers(pool)).toBe(1_250);
    expect(ix.registrarUsers({ ...pool, users: 0 })).toBe(250);
  });
});
