import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLink, standaloneSqlStore } from '../model/defaults';
import { parseTopology } from '../model/parse';
import { globalMultiSite, pair2015Mirroring, pair2019AlwaysOn, pairStandardEdition } from '../model/samples';
import type { Link, LinkKind, LinkOfKind, Topology } from '../model/schema';
import { COMMIT_MODES, FAILOVER_MODES, HA_MODES, SQL_EDITIONS, SQL_VERSIONS } from '../model/schema';
import { BE_RULES } from './be-rules';
import { runRules } from './engine';
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

// ---------------------------------------------------------------- builders

/** The link of `kind` leaving `from` (throws in tests when absent). */
function linkOf<K extends LinkKind>(d: Topology, kind: K, from: string): LinkOfKind<K> {
  const l = d.links.find((x) => x.kind === kind && x.from === from);
  if (!l) throw new Error(`no ${kind} link from ${from}`);
  return l as LinkOfKind<K>;
}

/** pair2019AlwaysOn with its Back End sql-a turned into something else than an AG. */
function agStoreAs(
  d: Topology,
  id: string,
  haMode: 'none' | 'mirroring' | 'alwaysOnFci' | 'sqlFailoverCluster',
  clusterNodes?: number,
) {
  const s = nodeOf(d, id, 'sqlStore');
  delete s.ag;
  s.haMode = haMode;
  if (clusterNodes !== undefined) s.clusterNodes = clusterNodes;
}

const ag = pair2019AlwaysOn;
const mir = pair2015Mirroring;
const se = pairStandardEdition;
const multi = globalMultiSite;

/** A store linked to a pool with a role (Monitoring by default). */
function addStore(
  d: Topology,
  id: string,
  siteId: string,
  fqdn: string,
  extra: Partial<ReturnType<typeof standaloneSqlStore>> = {},
) {
  addNode(d, { ...standaloneSqlStore({ id, siteId, fqdn }), ...extra });
}

// ---------------------------------------------------------------- tier 1

describeRule('BE-HA-RECOMMENDED', {
  fires: [
    {
      name: '2019 pool whose Back End has no HA',
      doc: mutate(ag(), (d) => agStoreAs(d, 'sql-a', 'none')),
      nodeIds: ['pool-a', 'sql-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'AlwaysOn AG Back Ends', doc: ag() },
    { name: 'mirrored 2015 Back Ends', doc: mir() },
    { name: 'failover cluster Back End', doc: mutate(ag(), (d) => agStoreAs(d, 'sql-a', 'sqlFailoverCluster', 2)) },
  ],
});

describe('BE-HA-RECOMMENDED fix', () => {
  it('offers mirroring only when every pool using the store is 2015', () => {
    const on2019 = findingsOf(
      'BE-HA-RECOMMENDED',
      mutate(ag(), (d) => agStoreAs(d, 'sql-a', 'none')),
    );
    expect(on2019[0]!.fix).toMatch(/not available/);
    const on2015 = findingsOf(
      'BE-HA-RECOMMENDED',
      mutate(mir(), (d) => {
        nodeOf(d, 'sql-ny', 'sqlStore').haMode = 'none';
        removeLinks(d, (l) => l.from === 'sql-ny');
      }),
    );
    expect(on2015.map((f) => f.nodeIds)).toEqual([['pool-ny', 'sql-ny']]);
    expect(on2015[0]!.fix).toMatch(/or mirroring/);
  });
});

describeRule('BE-HA-INCOMPLETE', {
  fires: [
    {
      name: 'mirroring without a mirror link',
      doc: mutate(mir(), (d) => removeLinks(d, (l) => l.kind === 'mirror' && l.from === 'sql-ny')),
      nodeIds: ['sql-ny'],
      count: 1,
    },
    {
      name: 'AG without an ag definition',
      doc: mutate(ag(), (d) => void delete nodeOf(d, 'sql-b', 'sqlStore').ag),
      nodeIds: ['sql-b'],
      count: 1,
    },
    {
      name: 'AG with one replica',
      doc: mutate(ag(), (d) => void nodeOf(d, 'sql-a', 'sqlStore').ag!.replicas.pop()),
      nodeIds: ['sql-a'],
      count: 1,
    },
    {
      name: 'mirror and witness links from a store whose haMode is none',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'sql-ch', 'sqlStore').haMode = 'none')),
      nodeIds: ['sql-ch'],
      count: 1,
    },
  ],
  passes: [
    { name: 'mirrored pools', doc: mir() },
    { name: 'AG pools', doc: ag() },
    {
      name: 'mirror without witness (a warning elsewhere)',
      doc: mutate(mir(), (d) => removeLinks(d, (l) => l.kind === 'witness')),
    },
  ],
});

describe('BE-HA-INCOMPLETE details', () => {
  it('names the stray links', () => {
    const f = findingsOf(
      'BE-HA-INCOMPLETE',
      mutate(mir(), (d) => void (nodeOf(d, 'sql-ch', 'sqlStore').haMode = 'none')),
    );
    const d = mir();
    expect([...f[0]!.linkIds].sort()).toEqual([linkOf(d, 'mirror', 'sql-ch').id, linkOf(d, 'witness', 'sql-ch').id].sort());
    expect(f[0]!.message).toMatch(/haMode is none, not mirroring/);
  });
});

describeRule('BE-CLUSTER-SINGLE-NODE', {
  fires: [
    {
      name: 'FCI with no node count',
      doc: mutate(ag(), (d) => agStoreAs(d, 'sql-a', 'alwaysOnFci')),
      nodeIds: ['sql-a'],
      count: 1,
    },
    {
      name: 'failover cluster of one node',
      doc: mutate(ag(), (d) => agStoreAs(d, 'sql-b', 'sqlFailoverCluster', 1)),
      nodeIds: ['sql-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'two-node FCI', doc: mutate(ag(), (d) => agStoreAs(d, 'sql-a', 'alwaysOnFci', 2)) },
    { name: 'AG without a node count', doc: ag() },
  ],
});

describeRule('BE-SQL-VERSION-2019', {
  fires: [
    {
      name: 'SQL Server 2022 Back End of a 2019 pool',
      doc: mutate(ag(), (d) => void (nodeOf(d, 'sql-a', 'sqlStore').sqlVersion = '2022')),
      nodeIds: ['sql-a', 'pool-a'],
      count: 1,
    },
    {
      name: 'SQL Server 2014 reached by log shipping from a 2019 Back End',
      doc: mutate(ag(), (d) => {
        addStore(d, 'sql-ls', 'dc1', 'sql-ls.contoso.com', { sqlVersion: '2014' });
        addLink(d, defaultLink('logShipping', 'l-ls', 'sql-a', 'sql-ls'));
      }),
      nodeIds: ['sql-ls', 'pool-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'SQL Server 2019', doc: ag() },
    { name: 'SQL Server 2016', doc: mutate(ag(), (d) => void (nodeOf(d, 'sql-a', 'sqlStore').sqlVersion = '2016')) },
    {
      name: 'SQL Server 2014 for a 2015 pool only',
      doc: mutate(mir(), (d) =>
        d.nodes.forEach((n) => n.kind === 'sqlStore' && ((n.sqlVersion = '2014'), (n.sqlUpdateLevel = 'SP2'))),
      ),
    },
  ],
});

describeRule('BE-SQL-VERSION-2015', {
  fires: [
    {
      name: 'principal, mirror and witness on SQL Server 2022',
      doc: mutate(mir(), (d) =>
        ['sql-ny', 'sql-ny-m', 'sql-ny-w'].forEach((id) => (nodeOf(d, id, 'sqlStore').sqlVersion = '2022')),
      ),
      nodeIds: ['sql-ny-w', 'pool-ny'],
      count: 3,
    },
  ],
  passes: [
    { name: 'SQL Server 2016', doc: mir() },
    {
      name: 'SQL Server 2022 for 2019 pools (the 2019 rule reports it)',
      doc: mutate(ag(), (d) => void (nodeOf(d, 'sql-a', 'sqlStore').sqlVersion = '2022')),
    },
  ],
});

describeRule('BE-SQL-UPDATE-2015', {
  fires: [
    {
      name: 'SQL 2016 RTM',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'sql-ny', 'sqlStore').sqlUpdateLevel = 'RTM CU3')),
      nodeIds: ['sql-ny', 'pool-ny'],
      count: 1,
    },
    {
      name: 'SQL 2016 with a pool below CU7',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'pool-ch', 'frontEndPool').cumulativeUpdate = 'CU6')),
      nodeIds: ['sql-ch', 'pool-ch'],
      count: 1,
    },
    {
      name: 'SQL 2014 below CU6 on the whole mirror set',
      doc: mutate(mir(), (d) =>
        ['sql-ny', 'sql-ny-m', 'sql-ny-w'].forEach((id) =>
          Object.assign(nodeOf(d, id, 'sqlStore'), { sqlVersion: '2014', sqlUpdateLevel: 'CU5' }),
        ),
      ),
      nodeIds: ['sql-ny-m', 'pool-ny'],
      count: 3,
    },
  ],
  passes: [
    { name: 'SQL 2016 SP2 and CU12', doc: mir() },
    {
      name: 'SQL 2014 CU6',
      doc: mutate(mir(), (d) => Object.assign(nodeOf(d, 'sql-ny', 'sqlStore'), { sqlVersion: '2014', sqlUpdateLevel: 'CU6' })),
    },
    {
      name: 'SQL 2014 SP1 (newer than RTM CU6)',
      doc: mutate(mir(), (d) => Object.assign(nodeOf(d, 'sql-ny', 'sqlStore'), { sqlVersion: '2014', sqlUpdateLevel: 'SP1' })),
    },
    { name: 'update level absent', doc: mutate(mir(), (d) => void delete nodeOf(d, 'sql-ny', 'sqlStore').sqlUpdateLevel) },
    { name: 'pool CU absent', doc: mutate(mir(), (d) => void delete nodeOf(d, 'pool-ny', 'frontEndPool').cumulativeUpdate) },
    {
      name: 'SQL 2016 RTM for 2019 pools only',
      doc: mutate(ag(), (d) => Object.assign(nodeOf(d, 'sql-a', 'sqlStore'), { sqlVersion: '2016', sqlUpdateLevel: 'RTM' })),
    },
  ],
});

/** pair2015Mirroring with the New York mirror set on SQL Server 2012 at these levels. */
const sql2012 = (principal: string, mirror: string) =>
  mutate(mir(), (d) => {
    for (const [id, level] of [
      ['sql-ny', principal],
      ['sql-ny-m', mirror],
      ['sql-ny-w', 'SP1'],
    ] as const)
      Object.assign(nodeOf(d, id, 'sqlStore'), { sqlVersion: '2012', sqlUpdateLevel: level });
  });

describeRule('BE-SQL2012-HA-SP2CU2', {
  fires: [
    { name: 'principal at SP2 CU1', doc: sql2012('SP2 CU1', 'SP2 CU2'), nodeIds: ['sql-ny', 'sql-ny-m'], count: 1 },
    { name: 'mirror at SP1', doc: sql2012('SP2 CU2', 'SP1'), nodeIds: ['sql-ny-m', 'sql-ny'], count: 1 },
    {
      name: 'failover cluster at SP1',
      doc: mutate(mir(), (d) =>
        Object.assign(nodeOf(d, 'sql-ch-w', 'sqlStore'), {
          sqlVersion: '2012',
          sqlUpdateLevel: 'SP1',
          haMode: 'sqlFailoverCluster',
          clusterNodes: 2,
        }),
      ),
      nodeIds: ['sql-ch-w'],
      count: 1,
    },
  ],
  passes: [
    { name: 'SP2 CU2 on both partners (witness level not checked)', doc: sql2012('SP2 CU2', 'SP2 CU4') },
    { name: 'SP3 passes', doc: sql2012('SP3', 'SP4') },
    {
      name: 'level absent',
      doc: mutate(sql2012('SP2 CU2', 'SP2 CU2'), (d) => void delete nodeOf(d, 'sql-ny', 'sqlStore').sqlUpdateLevel),
    },
    {
      name: 'stand-alone 2012 SP1 store',
      doc: mutate(mir(), (d) => Object.assign(nodeOf(d, 'sql-ch-w', 'sqlStore'), { sqlVersion: '2012', sqlUpdateLevel: 'SP1' })),
    },
  ],
});

describeRule('BE-SQL-EDITION', {
  fires: [
    {
      name: 'Express Back End',
      doc: mutate(ag(), (d) => void (nodeOf(d, 'sql-b', 'sqlStore').sqlEdition = 'express')),
      nodeIds: ['pool-b', 'sql-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'Enterprise Back End', doc: ag() },
    {
      name: 'Standard Back End',
      doc: mutate(mir(), (d) => ['sql-ny', 'sql-ny-m'].forEach((id) => (nodeOf(d, id, 'sqlStore').sqlEdition = 'standard'))),
    },
  ],
});

describeRule('BE-MIRROR-2019', {
  fires: [
    {
      name: 'mirrored Back End of a 2019 pool',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'pool-ny', 'frontEndPool').productVersion = '2019')),
      nodeIds: ['sql-ny', 'sql-ny-m', 'pool-ny'],
      count: 1,
    },
    {
      name: 'haMode mirroring on a 2019 Back End',
      doc: mutate(ag(), (d) => agStoreAs(d, 'sql-a', 'mirroring')),
      nodeIds: ['sql-a', 'pool-a'],
      count: 1,
    },
    {
      name: 'a 2019 Back End that is the mirror target of a 2015 store',
      doc: mutate(mir(), (d) => {
        addLink(d, defaultLink('mirror', 'l-x', 'sql-ch-w', 'sql-b'));
        nodeOf(d, 'sql-ch-w', 'sqlStore').haMode = 'mirroring';
        addNode(d, { ...standaloneSqlStore({ id: 'sql-b', siteId: 'chi', fqdn: 'sql-b.fabrikam.com' }), haMode: 'none' });
        addNode(d, {
          ...nodeOf(d, 'pool-ch', 'frontEndPool'),
          id: 'pool-z',
          fqdn: 'pool-z.fabrikam.com',
          productVersion: '2019',
        });
        addLink(d, defaultLink('backEnd', 'l-z', 'pool-z', 'sql-b'));
      }),
      nodeIds: ['sql-b', 'sql-ch-w', 'pool-z'],
      count: 1,
    },
  ],
  passes: [
    { name: 'mirrored 2015 pools', doc: mir() },
    { name: '2019 AG', doc: ag() },
  ],
});

describeRule('BE-MIRROR-SYNC-ONLY', {
  fires: [
    {
      name: 'asynchronous mirror',
      doc: mutate(mir(), (d) => void (linkOf(d, 'mirror', 'sql-ch').synchronous = false)),
      nodeIds: ['sql-ch', 'sql-ch-m'],
      count: 1,
    },
  ],
  passes: [
    { name: 'synchronous mirror', doc: mir() },
    { name: 'synchronous by default', doc: mutate(mir(), (d) => void delete linkOf(d, 'mirror', 'sql-ch').synchronous) },
  ],
});

describeRule('BE-MIRROR-SAME-VERSION', {
  fires: [
    {
      name: 'mirror on another version',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'sql-ny-m', 'sqlStore').sqlVersion = '2017')),
      nodeIds: ['sql-ny', 'sql-ny-m'],
      count: 1,
    },
    {
      name: 'witness on another version',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'sql-ny-w', 'sqlStore').sqlVersion = '2019')),
      nodeIds: ['sql-ny', 'sql-ny-w'],
      count: 1,
    },
  ],
  passes: [{ name: 'one version', doc: mir() }],
});

describeRule('BE-MIRROR-SAME-EDITION', {
  fires: [
    {
      name: 'mirror on Standard',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'sql-ny-m', 'sqlStore').sqlEdition = 'standard')),
      nodeIds: ['sql-ny', 'sql-ny-m'],
      count: 1,
    },
  ],
  passes: [
    { name: 'same edition', doc: mir() },
    {
      name: 'only the witness differs',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'sql-ny-w', 'sqlStore').sqlEdition = 'express')),
    },
  ],
});

describeRule('BE-WITNESS-RECOMMENDED', {
  fires: [
    {
      name: 'mirror without witness',
      doc: mutate(mir(), (d) => removeLinks(d, (l) => l.kind === 'witness' && l.from === 'sql-ny')),
      nodeIds: ['sql-ny', 'sql-ny-m'],
      count: 1,
    },
  ],
  passes: [{ name: 'witness present', doc: mir() }],
});

describeRule('BE-MIRROR-SAME-DOMAIN', {
  fires: [
    {
      name: 'mirror in another domain',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'sql-ch-m', 'sqlStore').domain = 'corp.fabrikam.net')),
      nodeIds: ['sql-ch', 'sql-ch-m'],
      count: 1,
    },
  ],
  passes: [
    { name: 'same domain', doc: mir() },
    {
      name: 'same domain in other case',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'sql-ch-m', 'sqlStore').domain = 'FABRIKAM.com')),
    },
    { name: 'mirror domain absent', doc: mutate(mir(), (d) => void delete nodeOf(d, 'sql-ch-m', 'sqlStore').domain) },
    {
      name: 'only the witness differs (BE-WITNESS-OTHER-DOMAIN)',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'sql-ch-w', 'sqlStore').domain = 'other.net')),
    },
  ],
});

/** Both mirrors on one server as two instances. */
const mirrorsOnOneServer = (chPort?: number) =>
  mutate(mir(), (d) => {
    Object.assign(nodeOf(d, 'sql-ch-m', 'sqlStore'), { fqdn: 'SQL-NY-M.fabrikam.com', instance: 'CH' });
    if (chPort !== undefined) linkOf(d, 'mirror', 'sql-ch').port = chPort;
  });

describeRule('BE-MIRROR-PORT-UNIQUE', {
  fires: [
    {
      name: 'two mirror instances on one server, both on 5022',
      doc: mirrorsOnOneServer(),
      nodeIds: ['sql-ny-m', 'sql-ch-m'],
      count: 1,
    },
    {
      name: 'two witness instances on one server, both on 7022',
      doc: mutate(mir(), (d) =>
        Object.assign(nodeOf(d, 'sql-ch-w', 'sqlStore'), { fqdn: 'sql-ny-w.fabrikam.com', instance: 'W2' }),
      ),
      nodeIds: ['sql-ny-w', 'sql-ch-w'],
      count: 1,
    },
  ],
  passes: [
    { name: 'separate servers', doc: mir() },
    { name: 'two instances on distinct ports', doc: mirrorsOnOneServer(5023) },
    {
      name: 'a mirror port next to a witness port',
      doc: mutate(mir(), (d) =>
        Object.assign(nodeOf(d, 'sql-ch-w', 'sqlStore'), { fqdn: 'sql-ny-m.fabrikam.com', instance: 'W2' }),
      ),
    },
    {
      name: 'one witness instance shared by two pairs',
      doc: mutate(mir(), (d) => void (linkOf(d, 'witness', 'sql-ch').to = 'sql-ny-w')),
    },
  ],
});

describe('BE-MIRROR-PORT-UNIQUE links', () => {
  it('names the links that carry the shared port', () => {
    const d = mirrorsOnOneServer();
    const [f] = findingsOf('BE-MIRROR-PORT-UNIQUE', d);
    expect([...f!.linkIds].sort()).toEqual([linkOf(d, 'mirror', 'sql-ny').id, linkOf(d, 'mirror', 'sql-ch').id].sort());
    expect(f!.message).toMatch(/sql-ny-m\.fabrikam\.com/);
    expect(f!.message).toMatch(/port 5022/);
  });
});

describeRule('BE-MIRROR-SEPARATE-HOSTS', {
  fires: [
    {
      name: 'witness on the mirror server',
      doc: mutate(mir(), (d) =>
        Object.assign(nodeOf(d, 'sql-ny-w', 'sqlStore'), { fqdn: 'sql-ny-m.fabrikam.com', instance: 'W' }),
      ),
      nodeIds: ['sql-ny', 'sql-ny-m', 'sql-ny-w'],
      count: 1,
    },
    {
      name: 'mirror on the principal server',
      doc: mutate(mir(), (d) => Object.assign(nodeOf(d, 'sql-ch-m', 'sqlStore'), { fqdn: 'Sql-Ch.fabrikam.com', instance: 'M' })),
      nodeIds: ['sql-ch', 'sql-ch-m'],
      count: 1,
    },
  ],
  passes: [{ name: 'three servers', doc: mir() }],
});

describeRule('BE-AG-ACTIVE-PASSIVE', {
  fires: [
    {
      name: 'readable secondary',
      doc: mutate(ag(), (d) => void (nodeOf(d, 'sql-a', 'sqlStore').ag!.replicas[1]!.readable = true)),
      nodeIds: ['sql-a'],
      count: 1,
    },
  ],
  passes: [{ name: 'no readable replica', doc: ag() }],
});

describeRule('BE-AG-ENTERPRISE-ONLY', {
  fires: [
    {
      name: 'AG on Standard',
      doc: mutate(ag(), (d) => void (nodeOf(d, 'sql-a', 'sqlStore').sqlEdition = 'standard')),
      nodeIds: ['sql-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'AG on Enterprise', doc: ag() },
    {
      name: 'FCI on Standard',
      doc: mutate(
        ag(),
        (d) => (agStoreAs(d, 'sql-a', 'alwaysOnFci', 2), (nodeOf(d, 'sql-a', 'sqlStore').sqlEdition = 'standard')),
      ),
    },
  ],
});

/** sql-a as an AG of `n` replicas on SQL `version`, the first `auto` with automatic failover. */
const agReplicas = (n: number, auto: number, version: '2014' | '2016' | '2019' = '2019') =>
  mutate(ag(), (d) => {
    const s = nodeOf(d, 'sql-a', 'sqlStore');
    s.sqlVersion = version;
    s.ag!.replicas = Array.from({ length: n }, (_, i) => ({
      fqdn: `sql-a${i + 1}.contoso.com`,
      siteId: 'dc1',
      commitMode: 'synchronous' as const,
      failoverMode: i < auto ? ('automatic' as const) : ('manual' as const),
      readable: false,
    }));
  });

describeRule('BE-AG-SYNC-AUTO', {
  fires: [
    {
      name: 'asynchronous replica',
      doc: mutate(ag(), (d) => void (nodeOf(d, 'sql-b', 'sqlStore').ag!.replicas[1]!.commitMode = 'asynchronous')),
      nodeIds: ['sql-b'],
      count: 1,
    },
    { name: 'manual replica below the automatic limit', doc: agReplicas(2, 1), nodeIds: ['sql-a'], count: 1 },
  ],
  passes: [
    { name: 'synchronous, automatic', doc: ag() },
    { name: 'manual only beyond the 2016 limit of three', doc: agReplicas(4, 3, '2016') },
    { name: 'manual only beyond the 2014 limit of two', doc: agReplicas(3, 2, '2014') },
  ],
});

describeRule('BE-AG-AUTO-FAILOVER-LIMIT', {
  fires: [
    { name: 'four automatic replicas on SQL 2016', doc: agReplicas(4, 4, '2016'), nodeIds: ['sql-a'], count: 1 },
    { name: 'three automatic replicas on SQL 2014', doc: agReplicas(3, 3, '2014'), nodeIds: ['sql-a'], count: 1 },
    { name: 'six automatic replicas on SQL 2019', doc: agReplicas(6, 6, '2019'), nodeIds: ['sql-a'], count: 1 },
  ],
  passes: [
    { name: 'three automatic replicas on SQL 2016', doc: agReplicas(4, 3, '2016') },
    { name: 'five automatic replicas on SQL 2019', doc: agReplicas(5, 5, '2019') },
  ],
});

describe('BE-AG-AUTO-FAILOVER-LIMIT message', () => {
  it('fills count, version and limit', () => {
    const [f] = findingsOf('BE-AG-AUTO-FAILOVER-LIMIT', agReplicas(4, 4, '2016'));
    expect(f!.message).toMatch(/automatic failover on 4 replicas, but SQL Server 2016 allows it on at most 3/);
  });
});

describeRule('BE-AG-LISTENER-PORT', {
  fires: [
    {
      name: 'listener on 1434',
      doc: mutate(ag(), (d) => void (nodeOf(d, 'sql-a', 'sqlStore').ag!.listenerPort = 1434)),
      nodeIds: ['sql-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'listener on 1433', doc: ag() },
    {
      name: 'listener port absent (default 1433)',
      doc: mutate(ag(), (d) => void delete nodeOf(d, 'sql-a', 'sqlStore').ag!.listenerPort),
    },
  ],
});

describeRule('BE-AG-LISTENER-FQDN', {
  fires: [
    {
      name: 'store FQDN is the primary replica',
      doc: mutate(ag(), (d) => void (nodeOf(d, 'sql-a', 'sqlStore').fqdn = 'sql-a1.contoso.com')),
      nodeIds: ['sql-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'store FQDN is the listener', doc: ag() },
    {
      name: 'listener in other case',
      doc: mutate(ag(), (d) => void (nodeOf(d, 'sql-a', 'sqlStore').ag!.listenerFqdn = 'SQLAG-A.Contoso.com')),
    },
  ],
});

const cluster = (edition: 'standard' | 'enterprise', nodes: number) =>
  mutate(ag(), (d) => {
    agStoreAs(d, 'sql-a', 'sqlFailoverCluster', nodes);
    nodeOf(d, 'sql-a', 'sqlStore').sqlEdition = edition;
  });

describeRule('BE-CLUSTER-NODE-LIMIT', {
  fires: [
    { name: 'three nodes on Standard', doc: cluster('standard', 3), nodeIds: ['sql-a'], count: 1 },
    { name: 'seventeen nodes on Enterprise', doc: cluster('enterprise', 17), nodeIds: ['sql-a'], count: 1 },
  ],
  passes: [
    { name: 'two nodes on Standard', doc: cluster('standard', 2) },
    { name: 'sixteen nodes on Enterprise', doc: cluster('enterprise', 16) },
  ],
});

describeRule('BE-NOT-SHARED', {
  fires: [
    {
      name: 'one store is the Back End of two pools',
      doc: mutate(ag(), (d) => {
        linkOf(d, 'backEnd', 'pool-b').to = 'sql-a';
        d.nodes = d.nodes.filter((n) => n.id !== 'sql-b');
      }),
      nodeIds: ['sql-a', 'pool-a', 'pool-b'],
      count: 1,
    },
    {
      name: 'two instances on one server for two pools',
      doc: mutate(ag(), (d) => {
        agStoreAs(d, 'sql-a', 'none');
        agStoreAs(d, 'sql-b', 'none');
        Object.assign(nodeOf(d, 'sql-b', 'sqlStore'), { fqdn: 'SQLAG-A.contoso.com', instance: 'POOLB' });
      }),
      nodeIds: ['sql-a', 'sql-b', 'pool-a', 'pool-b'],
      count: 1,
    },
    {
      name: 'two availability groups on the same replicas',
      doc: mutate(ag(), (d) => {
        const a = nodeOf(d, 'sql-a', 'sqlStore');
        nodeOf(d, 'sql-b', 'sqlStore').ag!.replicas = a.ag!.replicas.map((r) => ({ ...r, siteId: 'dc2' }));
      }),
      nodeIds: ['sql-a', 'sql-b', 'pool-a', 'pool-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'one Back End per pool', doc: ag() },
    {
      name: 'Back End next to a Monitoring store (other rule)',
      doc: mutate(multi(), (d) => void (nodeOf(d, 'sql-mon', 'sqlStore').fqdn = 'na1-be.tailspin.com')),
    },
  ],
});

/** globalMultiSite with a second store holding `role` for eu1 on `fqdn`. */
const secondStore = (fqdn: string, role: 'monitoring' | 'archiving', instance = 'SECOND') =>
  mutate(multi(), (d) => {
    addStore(d, 'sql-mon2', 'eu-west', fqdn, { instance, domain: 'tailspin.com' });
    addLink(d, { id: 'l-mon2', kind: 'store', from: 'eu1', to: 'sql-mon2', role });
  });

describeRule('BE-INSTANCE-ROLE-LIMIT', {
  fires: [
    {
      name: 'two Monitoring databases on one server',
      doc: secondStore('SQL-MON.tailspin.com', 'monitoring'),
      nodeIds: ['sql-mon', 'sql-mon2'],
      count: 1,
    },
    {
      name: 'a Monitoring database on a replica of an AG that holds another',
      doc: mutate(secondStore('mon-ag.tailspin.com', 'monitoring'), (d) => {
        Object.assign(nodeOf(d, 'sql-mon2', 'sqlStore'), {
          haMode: 'alwaysOnAg',
          ag: {
            listenerFqdn: 'mon-ag.tailspin.com',
            replicas: ['sql-mon.tailspin.com', 'mon-b.tailspin.com'].map((fqdn) => ({
              fqdn,
              siteId: 'eu-west',
              commitMode: 'synchronous',
              failoverMode: 'automatic',
              readable: false,
            })),
          },
        });
      }),
      nodeIds: ['sql-mon', 'sql-mon2'],
      count: 1,
    },
  ],
  passes: [
    { name: 'one store serving two pools', doc: multi() },
    { name: 'Monitoring and Archiving on one server', doc: secondStore('sql-mon.tailspin.com', 'archiving') },
    { name: 'second Monitoring store on its own server', doc: secondStore('sql-mon-eu.tailspin.com', 'monitoring', '') },
  ],
});

describeRule('BE-LOCAL-TO-POOL', {
  fires: [
    {
      name: 'Back End in the other site',
      doc: mutate(ag(), (d) => void (nodeOf(d, 'sql-a', 'sqlStore').siteId = 'dc2')),
      nodeIds: ['pool-a', 'sql-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'local Back Ends', doc: ag() },
    {
      name: 'other site in the same data center',
      doc: mutate(ag(), (d) => {
        nodeOf(d, 'sql-a', 'sqlStore').siteId = 'dc2';
        for (const s of d.sites) s.datacenter = 'DC-Campus';
      }),
    },
  ],
});

describeRule('BE-HA-PARTNER-SITE', {
  fires: [
    {
      name: 'AG replica in the other data center',
      doc: mutate(ag(), (d) => void (nodeOf(d, 'sql-a', 'sqlStore').ag!.replicas[1]!.siteId = 'dc2')),
      nodeIds: ['pool-a', 'sql-a'],
      count: 1,
    },
    {
      name: 'mirror in the other data center',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'sql-ny-m', 'sqlStore').siteId = 'chi')),
      nodeIds: ['pool-ny', 'sql-ny', 'sql-ny-m'],
      count: 1,
    },
    {
      name: 'witness in the other data center',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'sql-ch-w', 'sqlStore').siteId = 'nyc')),
      nodeIds: ['pool-ch', 'sql-ch', 'sql-ch-w'],
      count: 1,
    },
  ],
  passes: [
    { name: 'AG replicas local', doc: ag() },
    { name: 'mirror and witness local', doc: mir() },
  ],
});

describeRule('BE-SAME-DOMAIN', {
  fires: [
    {
      name: 'Back End in another domain',
      doc: mutate(ag(), (d) => void (nodeOf(d, 'sql-b', 'sqlStore').domain = 'corp.contoso.net')),
      nodeIds: ['pool-b', 'sql-b'],
      count: 1,
    },
    {
      name: 'Back End mirror in another domain',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'sql-ny-m', 'sqlStore').domain = 'corp.fabrikam.net')),
      nodeIds: ['pool-ny', 'sql-ny-m'],
      count: 1,
    },
  ],
  passes: [
    { name: 'one domain', doc: ag() },
    { name: 'one domain in other case', doc: mutate(ag(), (d) => void (nodeOf(d, 'sql-b', 'sqlStore').domain = 'CONTOSO.COM')) },
    {
      name: 'pool domain absent',
      doc: mutate(
        ag(),
        (d) => (delete nodeOf(d, 'pool-b', 'frontEndPool').domain, (nodeOf(d, 'sql-b', 'sqlStore').domain = 'corp.contoso.net')),
      ),
    },
    {
      name: 'witness in another domain (BE-WITNESS-OTHER-DOMAIN)',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'sql-ny-w', 'sqlStore').domain = 'corp.fabrikam.net')),
    },
  ],
});

const twoFe2015NoHa = () =>
  mutate(mir(), (d) => {
    nodeOf(d, 'pool-ny', 'frontEndPool').frontEndServers = 2;
    nodeOf(d, 'sql-ny', 'sqlStore').haMode = 'none';
    removeLinks(d, (l) => l.from === 'sql-ny');
  });

describeRule('BE-TWO-FE-NO-HA', {
  fires: [{ name: 'two-server 2015 pool, single Back End', doc: twoFe2015NoHa(), nodeIds: ['pool-ny', 'sql-ny'], count: 1 }],
  passes: [
    {
      name: 'two-server 2015 pool with mirrored Back End',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'pool-ny', 'frontEndPool').frontEndServers = 2)),
    },
    {
      name: 'three-server pool, single Back End',
      doc: mutate(twoFe2015NoHa(), (d) => void (nodeOf(d, 'pool-ny', 'frontEndPool').frontEndServers = 3)),
    },
    {
      name: 'two-server 2019 pool (FE-2019-NOT-TWO)',
      doc: mutate(ag(), (d) => (agStoreAs(d, 'sql-a', 'none'), (nodeOf(d, 'pool-a', 'frontEndPool').frontEndServers = 2))),
    },
  ],
});

describeRule('SQL-EXPRESS-ONLY-ON-SE', {
  fires: [
    {
      name: 'Express Monitoring store',
      doc: mutate(multi(), (d) => void (nodeOf(d, 'sql-mon', 'sqlStore').sqlEdition = 'express')),
      nodeIds: ['sql-mon', 'na1', 'na2'],
      count: 1,
    },
    {
      name: 'Express mirror (and principal)',
      doc: mutate(mir(), (d) => ['sql-ny', 'sql-ny-m'].forEach((id) => (nodeOf(d, id, 'sqlStore').sqlEdition = 'express'))),
      nodeIds: ['sql-ny-m', 'sql-ny'],
      count: 2,
    },
  ],
  passes: [
    { name: 'Standard and Enterprise stores', doc: multi() },
    { name: 'Express witness', doc: mutate(mir(), (d) => void (nodeOf(d, 'sql-ny-w', 'sqlStore').sqlEdition = 'express')) },
    {
      name: 'Express Back End only (BE-SQL-EDITION)',
      doc: mutate(ag(), (d) => void (nodeOf(d, 'sql-a', 'sqlStore').sqlEdition = 'express')),
    },
    {
      name: 'Express Monitoring store on a Standard Edition server',
      doc: mutate(se(), (d) => {
        addStore(d, 'se-hq-sql', 'hq', 'SE-HQ.northwind.com', { sqlVersion: '2016', sqlEdition: 'express', instance: 'RTC' });
        addLink(d, { id: 'l-mon', kind: 'store', from: 'se-hq', to: 'se-hq-sql', role: 'monitoring' });
      }),
    },
  ],
});

describeRule('SQL-MONARCH-VERSION-MIX', {
  fires: [
    {
      name: 'Monitoring store for a 2015 and a 2019 pool',
      doc: mutate(multi(), (d) => void (nodeOf(d, 'na2', 'frontEndPool').productVersion = '2015')),
      nodeIds: ['sql-mon', 'na1', 'na2'],
      count: 1,
    },
    {
      name: 'Archiving from 2015 next to Monitoring from 2019',
      doc: mutate(multi(), (d) => {
        nodeOf(d, 'na3', 'frontEndPool').productVersion = '2015';
        addLink(d, { id: 'l-arch', kind: 'store', from: 'na3', to: 'sql-mon', role: 'archiving' });
      }),
      nodeIds: ['sql-mon', 'na3', 'na1'],
      count: 1,
    },
  ],
  passes: [
    { name: 'one version', doc: multi() },
    {
      name: 'a 2015 pool using the store for Persistent Chat only',
      doc: mutate(multi(), (d) => {
        nodeOf(d, 'na3', 'frontEndPool').productVersion = '2015';
        addLink(d, { id: 'l-pc', kind: 'store', from: 'na3', to: 'sql-mon', role: 'persistentChat' });
      }),
    },
  ],
});

// ---------------------------------------------------------------- tier 2

describeRule('BE-WITNESS-SHARED', {
  fires: [
    {
      name: 'one witness for both pairs',
      doc: mutate(mir(), (d) => void (linkOf(d, 'witness', 'sql-ch').to = 'sql-ny-w')),
      nodeIds: ['sql-ny-w', 'sql-ny', 'sql-ch'],
      count: 1,
    },
  ],
  passes: [{ name: 'a witness per pair', doc: mir() }],
});

describeRule('BE-WITNESS-OTHER-DOMAIN', {
  fires: [
    {
      name: 'witness in another domain',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'sql-ny-w', 'sqlStore').domain = 'corp.fabrikam.net')),
      nodeIds: ['sql-ny', 'sql-ny-w'],
      count: 1,
    },
    {
      name: 'witness differs from the mirror only',
      doc: mutate(mir(), (d) => {
        delete nodeOf(d, 'sql-ny', 'sqlStore').domain;
        nodeOf(d, 'sql-ny-m', 'sqlStore').domain = 'corp.fabrikam.net';
      }),
      nodeIds: ['sql-ny', 'sql-ny-w'],
      count: 1,
    },
  ],
  passes: [
    { name: 'one domain', doc: mir() },
    { name: 'witness domain absent', doc: mutate(mir(), (d) => void delete nodeOf(d, 'sql-ny-w', 'sqlStore').domain) },
    {
      name: 'same domain in other case',
      doc: mutate(mir(), (d) => void (nodeOf(d, 'sql-ny-w', 'sqlStore').domain = 'Fabrikam.COM')),
    },
  ],
});

describeRule('BE-MIRROR-LOG-BACKUP', {
  fires: [{ name: 'two mirrored principals', doc: mir(), nodeIds: ['sql-ny'], count: 2 }],
  passes: [
    { name: 'no mirroring', doc: ag() },
    { name: 'mirror links removed', doc: mutate(mir(), (d) => removeLinks(d, (l) => l.kind === 'mirror')) },
  ],
});

describeRule('BE-MIRROR-SCOPE', {
  fires: [{ name: 'two mirrored principals', doc: mir(), nodeIds: ['sql-ch'], count: 2 }],
  passes: [{ name: 'no mirroring', doc: ag() }],
});

describeRule('BE-CLUSTER-DB-PATHS', {
  fires: [
    { name: 'FCI Back End', doc: mutate(ag(), (d) => agStoreAs(d, 'sql-a', 'alwaysOnFci', 2)), nodeIds: ['sql-a'], count: 1 },
    {
      name: 'SQL failover cluster Back End',
      doc: mutate(ag(), (d) => agStoreAs(d, 'sql-b', 'sqlFailoverCluster', 2)),
      nodeIds: ['sql-b'],
      count: 1,
    },
  ],
  passes: [{ name: 'AG Back Ends', doc: ag() }],
});

describeRule('BE-HA-TOOLING', {
  fires: [
    { name: 'AG Back Ends', doc: ag(), nodeIds: ['sql-a'], count: 2 },
    {
      name: 'FCI Back End',
      doc: mutate(ag(), (d) => (agStoreAs(d, 'sql-a', 'alwaysOnFci', 2), agStoreAs(d, 'sql-b', 'none'))),
      nodeIds: ['sql-a'],
      count: 1,
    },
  ],
  passes: [{ name: 'mirroring (built by Topology Builder)', doc: mir() }],
});

describeRule('SQL-MON-NEXT-TO-BE', {
  fires: [
    {
      name: 'Monitoring on a Back End server',
      doc: mutate(multi(), (d) =>
        Object.assign(nodeOf(d, 'sql-mon', 'sqlStore'), { fqdn: 'NA1-BE.tailspin.com', instance: 'MON' }),
      ),
      nodeIds: ['sql-mon', 'na1-be'],
      count: 1,
    },
    {
      name: 'Monitoring in a Back End store',
      doc: mutate(multi(), (d) => addLink(d, { id: 'l-mon3', kind: 'store', from: 'na3', to: 'na3-be', role: 'monitoring' })),
      nodeIds: ['na3-be'],
      count: 1,
    },
  ],
  passes: [
    { name: 'dedicated Monitoring server', doc: multi() },
    {
      name: 'Archiving on a Back End server',
      doc: mutate(multi(), (d) => addLink(d, { id: 'l-arch', kind: 'store', from: 'na3', to: 'na3-be', role: 'archiving' })),
    },
  ],
});

// ---------------------------------------------------------------- the family as a whole

describe('BE family on the reference designs', () => itPassesReferenceDesigns('BE', BE_RULES));

describe('BE findings', () => {
  it('name only nodes, links and sites of the document, and fill every placeholder (property)', () => {
    const storeIds = (d: Topology) => d.nodes.filter((n) => n.kind === 'sqlStore').map((n) => n.id);
    const base = fc.constantFrom(mir, ag, multi);
    const change = fc.record({
      pick: fc.nat(),
      haMode: fc.constantFrom(...HA_MODES),
      version: fc.constantFrom(...SQL_VERSIONS),
      edition: fc.constantFrom(...SQL_EDITIONS),
      level: fc.option(fc.constantFrom('RTM', 'SP1', 'SP2', 'SP2 CU1', 'SP2 CU2', 'CU5', 'SP3'), { nil: undefined }),
      clusterNodes: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
      fqdnOf: fc.option(fc.nat(), { nil: undefined }),
      domain: fc.option(fc.constantFrom('fabrikam.com', 'CONTOSO.com', 'other.net'), { nil: undefined }),
      commit: fc.constantFrom(...COMMIT_MODES),
      failover: fc.constantFrom(...FAILOVER_MODES),
      readable: fc.boolean(),
      link: fc.option(
        fc.record({
          kind: fc.constantFrom(...(['mirror', 'witness', 'logShipping'] as const)),
          from: fc.nat(),
          to: fc.nat(),
          port: fc.option(fc.integer({ min: 5020, max: 5024 }), { nil: undefined }),
        }),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(base, fc.array(change, { maxLength: 6 }), (build, changes) => {
        const doc = mutate(build(), (d) => {
          const ids = storeIds(d);
          changes.forEach((c, i) => {
            const s = nodeOf(d, ids[c.pick % ids.length]!, 'sqlStore');
            Object.assign(s, {
              haMode: c.haMode,
              sqlVersion: c.version,
              sqlEdition: c.edition,
              sqlUpdateLevel: c.level,
              clusterNodes: c.clusterNodes,
              domain: c.domain,
            });
            if (s.sqlUpdateLevel === undefined) delete s.sqlUpdateLevel;
            if (s.clusterNodes === undefined) delete s.clusterNodes;
            if (s.domain === undefined) delete s.domain;
            if (c.fqdnOf !== undefined) s.fqdn = nodeOf(d, ids[c.fqdnOf % ids.length]!, 'sqlStore').fqdn.toUpperCase();
            if (s.ag?.replicas[0])
              Object.assign(s.ag.replicas[0], { commitMode: c.commit, failoverMode: c.failover, readable: c.readable });
            if (c.link) {
              const from = ids[c.link.from % ids.length]!;
              const to = ids[c.link.to % ids.length]!;
              if (from !== to) {
                const l = defaultLink(c.link.kind, `fz-${i}`, from, to) as Link;
                if ((l.kind === 'mirror' || l.kind === 'witness') && c.link.port !== undefined) l.port = c.link.port;
                d.links.push(l);
              }
            }
          });
        });
        const parsed = parseTopology(JSON.parse(JSON.stringify(doc)));
        expect(parsed.ok).toBe(true);
        const nodeIds = new Set(doc.nodes.map((n) => n.id));
        const linkIds = new Set(doc.links.map((l) => l.id));
        const siteIds = new Set(doc.sites.map((s) => s.id));
        for (const f of runRules(doc, BE_RULES)) {
          expect(f.message).not.toMatch(/could not run/);
          expect(f.message).not.toMatch(/\{[a-z][^}]*\}|undefined|NaN/);
          expect(f.nodeIds.length).toBeGreaterThan(0);
          for (const id of f.nodeIds) expect(nodeIds.has(id)).toBe(true);
          for (const id of f.linkIds) expect(linkIds.has(id)).toBe(true);
          for (const id of f.siteIds) expect(siteIds.has(id)).toBe(true);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  });
  // Their time on large documents (linear in the design) is measured by `npm run bench -- --only limits/be-rules-growth`.
});
