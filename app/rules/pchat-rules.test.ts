import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLink, defaultNode, defaultSite, emptyTopology, standaloneSqlStore } from '../model/defaults';
import { LINK_ENDPOINTS } from '../model/link-kinds';
import { parseTopology } from '../model/parse';
import { pair2015Mirroring, pair2019AlwaysOn, pairStandardEdition } from '../model/samples';
import { LINK_KINDS, NODE_KINDS, STORE_ROLES, type Link, type NodeKind, type Topology, type TopologyNode } from '../model/schema';
import { DIR_RULES } from './dir-rules';
import { EDGE_RULES } from './edge-rules';
import { runRules } from './engine';
import { MED_RULES } from './med-rules';
import { PCHAT_RULES } from './pchat-rules';
import {
  addLink,
  addNode,
  describeRule,
  findingsOf,
  itPassesReferenceDesigns,
  mutate,
  nodeOf,
  removeLinks,
  countingIndex,
} from './rule-test-kit';

// ---------------------------------------------------------------- test designs

/** A 2015 SQL store of the Persistent Chat layout (SQL 2014, which the Persistent Chat page lists). */
const pcSql = (id: string, siteId: string, haMode: 'mirroring' | 'none' = 'none') => ({
  ...standaloneSqlStore({ id, siteId, fqdn: `${id}.fabrikam.com`, domain: 'fabrikam.com' }),
  sqlVersion: '2014' as const,
  sqlUpdateLevel: 'SP2',
  haMode,
});

/**
 * pair2015Mirroring plus a stretched Persistent Chat pool laid out as the Persistent
 * Chat HA/DR page describes: two active and two standby servers per data center
 * (New York active), the database mirrored with a witness in New York, log shipped
 * to a mirrored backup in Chicago, next hop the New York pool, a file store.
 */
function pchatDesign(): Topology {
  return mutate(pair2015Mirroring(), (d) => {
    addNode(d, {
      ...defaultNode('persistentChatPool', { id: 'pc', siteId: 'nyc', name: 'Chat', fqdn: 'pc.fabrikam.com' }),
      servers: [
        { siteId: 'nyc', active: true },
        { siteId: 'nyc', active: true },
        { siteId: 'chi', active: false },
        { siteId: 'chi', active: false },
      ],
    });
    addNode(d, pcSql('sql-pc', 'nyc', 'mirroring'));
    addNode(d, pcSql('sql-pc-m', 'nyc'));
    addNode(d, pcSql('sql-pc-w', 'nyc'));
    addNode(d, pcSql('sql-pc-b', 'chi', 'mirroring'));
    addNode(d, pcSql('sql-pc-bm', 'chi'));
    addLink(d, { id: 'pc-store', kind: 'store', from: 'pc', to: 'sql-pc', role: 'persistentChat' });
    addLink(d, defaultLink('mirror', 'pc-mirror', 'sql-pc', 'sql-pc-m'));
    addLink(d, defaultLink('witness', 'pc-witness', 'sql-pc', 'sql-pc-w'));
    addLink(d, { id: 'pc-ship', kind: 'logShipping', from: 'sql-pc', to: 'sql-pc-b', share: '\\\\fs-ny.fabrikam.com\\pcship' });
    addLink(d, defaultLink('mirror', 'pc-b-mirror', 'sql-pc-b', 'sql-pc-bm'));
    addLink(d, defaultLink('nextHop', 'pc-hop', 'pc', 'pool-ny'));
    addLink(d, defaultLink('fileStore', 'pc-fs', 'pc', 'fs-ny'));
  });
}

/** pchatDesign with compliance on and a separate compliance layout (primary, mirror, backup) on their own instances. */
function complianceDesign(f: (d: Topology) => void = () => {}): Topology {
  return mutate(pchatDesign(), (d) => {
    pc(d).compliance = true;
    addNode(d, { ...pcSql('sql-pcc', 'nyc', 'mirroring'), fqdn: 'sql-pc.fabrikam.com', instance: 'COMP' });
    addNode(d, { ...pcSql('sql-pcc-m', 'nyc'), fqdn: 'sql-pc-m.fabrikam.com', instance: 'COMP' });
    addNode(d, { ...pcSql('sql-pcc-b', 'chi'), fqdn: 'sql-pc-b.fabrikam.com', instance: 'COMP' });
    addLink(d, { id: 'pcc-store', kind: 'store', from: 'pc', to: 'sql-pcc', role: 'persistentChatCompliance' });
    addLink(d, defaultLink('mirror', 'pcc-mirror', 'sql-pcc', 'sql-pcc-m'));
    addLink(d, {
      id: 'pcc-ship',
      kind: 'logShipping',
      from: 'sql-pcc',
      to: 'sql-pcc-b',
      share: '\\\\fs-ny.fabrikam.com\\pccship',
    });
    f(d);
  });
}

/** pairStandardEdition plus a Persistent Chat pool whose next hop is the Seattle SE server. */
function seDesign(f: (d: Topology) => void = () => {}): Topology {
  return mutate(pairStandardEdition(), (d) => {
    addNode(d, {
      ...defaultNode('persistentChatPool', { id: 'pc', siteId: 'hq', fqdn: 'pc.northwind.com' }),
      servers: [{ siteId: 'hq', active: true }],
    });
    addLink(d, defaultLink('nextHop', 'pc-hop', 'pc', 'se-hq'));
    f(d);
  });
}

const pc = (d: Topology) => nodeOf(d, 'pc', 'persistentChatPool');
const sql = (d: Topology, id: string) => nodeOf(d, id, 'sqlStore');
const servers = (active: number, standby: number) => [
  ...Array.from({ length: active }, () => ({ siteId: 'nyc', active: true })),
  ...Array.from({ length: standby }, () => ({ siteId: 'chi', active: false })),
];
const asAg = (d: Topology, id: string) => {
  const s = sql(d, id);
  s.haMode = 'alwaysOnAg';
  s.ag = {
    listenerFqdn: s.fqdn,
    replicas: [1, 2].map((i) => ({
      fqdn: `${s.id}-n${i}.fabrikam.com`,
      siteId: s.siteId,
      commitMode: 'synchronous' as const,
      failoverMode: 'automatic' as const,
      readable: false,
    })),
  };
};

// ---------------------------------------------------------------- rules

describeRule('PCHAT-2019', {
  fires: [
    {
      name: 'a 2019 Persistent Chat pool',
      doc: mutate(pchatDesign(), (d) => void (pc(d).productVersion = '2019')),
      nodeIds: ['pc'],
      count: 1,
    },
    {
      name: 'a 2015 pool with a 2019 next hop',
      doc: mutate(pchatDesign(), (d) => void (nodeOf(d, 'pool-ny', 'frontEndPool').productVersion = '2019')),
      nodeIds: ['pc', 'pool-ny'],
      count: 1,
    },
    {
      name: 'a Persistent Chat store link from a 2019 pool',
      doc: mutate(pair2019AlwaysOn(), (d) => {
        addNode(d, standaloneSqlStore({ id: 'sql-chat', siteId: 'dc1' }));
        addLink(d, { id: 'chat-store', kind: 'store', from: 'pool-a', to: 'sql-chat', role: 'persistentChat' });
      }),
      nodeIds: ['pool-a', 'sql-chat'],
      count: 1,
    },
    {
      name: 'a compliance store link from a 2019 Standard Edition server',
      doc: mutate(pairStandardEdition(), (d) => {
        addNode(d, standaloneSqlStore({ id: 'sql-comp', siteId: 'hq' }));
        addLink(d, { id: 'comp-store', kind: 'store', from: 'se-hq', to: 'sql-comp', role: 'persistentChatCompliance' });
      }),
      nodeIds: ['se-hq', 'sql-comp'],
      count: 1,
    },
  ],
  passes: [
    { name: 'a 2015 pool with a 2015 next hop', doc: pchatDesign() },
    {
      name: 'a Monitoring store link from a 2019 pool',
      doc: mutate(pair2019AlwaysOn(), (d) => {
        addNode(d, standaloneSqlStore({ id: 'sql-mon', siteId: 'dc1' }));
        addLink(d, { id: 'mon-store', kind: 'store', from: 'pool-a', to: 'sql-mon', role: 'monitoring' });
      }),
    },
  ],
});

describeRule('PCHAT-NO-AG', {
  fires: [
    {
      name: 'the Persistent Chat store is an AG',
      doc: mutate(pchatDesign(), (d) => asAg(d, 'sql-pc')),
      nodeIds: ['sql-pc', 'pc'],
      count: 1,
    },
    {
      name: 'the log-shipping backup is an AG',
      doc: mutate(pchatDesign(), (d) => asAg(d, 'sql-pc-b')),
      nodeIds: ['sql-pc-b', 'pc'],
      count: 1,
    },
    {
      name: 'the compliance store is an AG',
      doc: complianceDesign((d) => asAg(d, 'sql-pcc')),
      nodeIds: ['sql-pcc', 'pc'],
      count: 1,
    },
  ],
  passes: [
    { name: 'mirrored stores with log shipping', doc: pchatDesign() },
    { name: 'an AG that serves no Persistent Chat database', doc: mutate(pchatDesign(), (d) => asAg(d, 'sql-ny')) },
  ],
});

describeRule('PCHAT-MAX-ACTIVE', {
  fires: [
    {
      name: 'five active of eight',
      doc: mutate(pchatDesign(), (d) => void (pc(d).servers = servers(5, 3))),
      nodeIds: ['pc'],
      count: 1,
    },
  ],
  passes: [{ name: 'four active of eight', doc: mutate(pchatDesign(), (d) => void (pc(d).servers = servers(4, 4))) }],
});

describeRule('PCHAT-MAX-SERVERS', {
  fires: [
    { name: 'nine servers', doc: mutate(pchatDesign(), (d) => void (pc(d).servers = servers(4, 5))), nodeIds: ['pc'], count: 1 },
  ],
  passes: [{ name: 'eight servers', doc: mutate(pchatDesign(), (d) => void (pc(d).servers = servers(4, 4))) }],
});

describeRule('PCHAT-SE-COLLOCATED', {
  fires: [
    {
      name: 'collocated on an SE server, two servers',
      doc: seDesign((d) =>
        Object.assign(pc(d), {
          fqdn: 'SE-HQ.northwind.com',
          servers: [
            { siteId: 'hq', active: true },
            { siteId: 'hq', active: true },
          ],
        }),
      ),
      nodeIds: ['pc', 'se-hq'],
      count: 1,
    },
  ],
  passes: [
    { name: 'collocated on an SE server, one server', doc: seDesign((d) => void (pc(d).fqdn = 'se-hq.northwind.com')) },
    {
      name: 'two servers on their own machines',
      doc: seDesign(
        (d) =>
          void (pc(d).servers = [
            { siteId: 'hq', active: true },
            { siteId: 'hq', active: true },
          ]),
      ),
    },
  ],
});

describeRule('PCHAT-NOT-ON-EE-FE', {
  fires: [
    {
      name: 'on the Front End pool (FQDN in other case)',
      doc: mutate(pchatDesign(), (d) => void (pc(d).fqdn = 'POOL-NY.Fabrikam.com')),
      nodeIds: ['pc', 'pool-ny'],
      count: 1,
    },
  ],
  passes: [{ name: 'on its own servers', doc: pchatDesign() }],
});

describeRule('PCHAT-SE-NO-HA', {
  fires: [
    { name: 'next hop is an SE server', doc: seDesign(), nodeIds: ['pc'], count: 1 },
    {
      name: 'collocated on an SE server',
      doc: mutate(pchatDesign(), (d) =>
        addNode(d, {
          ...defaultNode('standardEditionServer', { id: 'se-x', siteId: 'nyc', fqdn: 'pc.fabrikam.com' }),
          productVersion: '2015',
          os: 'WS2016',
        }),
      ),
      nodeIds: ['pc'],
      count: 1,
    },
  ],
  passes: [{ name: 'Enterprise Edition next hop, own servers', doc: pchatDesign() }],
});

describeRule('PCHAT-MIRROR-SAME-DC', {
  fires: [
    {
      name: 'mirror in the other data center',
      doc: mutate(pchatDesign(), (d) => void (sql(d, 'sql-pc-m').siteId = 'chi')),
      nodeIds: ['pc', 'sql-pc', 'sql-pc-m'],
      count: 1,
    },
    {
      name: 'home Front End in the other data center',
      doc: mutate(pchatDesign(), (d) => {
        removeLinks(d, (l) => l.id === 'pc-hop');
        addLink(d, defaultLink('nextHop', 'pc-hop-ch', 'pc', 'pool-ch'));
      }),
      nodeIds: ['pc', 'sql-pc', 'sql-pc-m'],
      count: 1,
    },
    {
      name: 'no next hop: mirror away from the primary',
      doc: mutate(pchatDesign(), (d) => {
        removeLinks(d, (l) => l.id === 'pc-hop');
        sql(d, 'sql-pc-m').siteId = 'chi';
      }),
      nodeIds: ['pc', 'sql-pc', 'sql-pc-m'],
      count: 1,
    },
    {
      name: 'compliance mirror in the other data center',
      doc: complianceDesign((d) => void (sql(d, 'sql-pcc-m').siteId = 'chi')),
      nodeIds: ['pc', 'sql-pcc', 'sql-pcc-m'],
      count: 1,
    },
  ],
  passes: [
    { name: 'mirror next to the primary and the home pool', doc: pchatDesign() },
    {
      name: 'two sites in one data center',
      doc: mutate(pchatDesign(), (d) => {
        for (const s of d.sites) s.datacenter = 'DC-East';
        sql(d, 'sql-pc-m').siteId = 'chi';
      }),
    },
    {
      name: 'no next hop: mirror next to the primary',
      doc: mutate(pchatDesign(), (d) => removeLinks(d, (l) => l.id === 'pc-hop')),
    },
  ],
});

describeRule('PCHAT-BACKUP-OTHER-DC', {
  fires: [
    {
      name: 'backup in the primary data center',
      doc: mutate(pchatDesign(), (d) => void (sql(d, 'sql-pc-b').siteId = 'nyc')),
      nodeIds: ['sql-pc', 'sql-pc-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'backup in the other data center', doc: pchatDesign() },
    {
      name: 'log shipping between stores that hold no Persistent Chat database',
      doc: mutate(pair2015Mirroring(), (d) => {
        addNode(d, pcSql('sql-x', 'nyc'));
        addLink(d, defaultLink('logShipping', 'ship-x', 'sql-ny-m', 'sql-x'));
      }),
    },
  ],
});

describeRule('PCHAT-BACKUP-MIRROR-DC', {
  fires: [
    {
      name: 'backup mirror in the primary data center',
      doc: mutate(pchatDesign(), (d) => void (sql(d, 'sql-pc-bm').siteId = 'nyc')),
      nodeIds: ['sql-pc-b', 'sql-pc-bm'],
      count: 1,
    },
    {
      name: 'backup witness in the primary data center',
      doc: mutate(pchatDesign(), (d) => {
        addNode(d, pcSql('sql-pc-bw', 'nyc'));
        addLink(d, defaultLink('witness', 'pc-b-witness', 'sql-pc-b', 'sql-pc-bw'));
      }),
      nodeIds: ['sql-pc-b', 'sql-pc-bw'],
      count: 1,
    },
  ],
  passes: [
    { name: 'backup mirror next to the backup', doc: pchatDesign() },
    {
      name: 'backup witness next to the backup',
      doc: mutate(pchatDesign(), (d) => {
        addNode(d, pcSql('sql-pc-bw', 'chi'));
        addLink(d, defaultLink('witness', 'pc-b-witness', 'sql-pc-b', 'sql-pc-bw'));
      }),
    },
  ],
});

describeRule('PCHAT-COMPLIANCE-INSTANCES', {
  fires: [
    {
      name: 'one store holds both databases',
      doc: mutate(pchatDesign(), (d) => {
        pc(d).compliance = true;
        addLink(d, { id: 'pcc-store', kind: 'store', from: 'pc', to: 'sql-pc', role: 'persistentChatCompliance' });
      }),
      nodeIds: ['pc', 'sql-pc'],
      count: 1,
    },
    {
      name: 'two nodes for one primary instance',
      doc: complianceDesign((d) => void (sql(d, 'sql-pcc').instance = '')),
      nodeIds: ['pc', 'sql-pc', 'sql-pcc'],
      count: 1,
    },
    {
      name: 'the mirrors share an instance',
      doc: complianceDesign((d) => void (sql(d, 'sql-pcc-m').instance = '')),
      nodeIds: ['pc', 'sql-pc-m', 'sql-pcc-m'],
      count: 1,
    },
    {
      name: 'the backups share an instance',
      doc: complianceDesign((d) => Object.assign(sql(d, 'sql-pcc-b'), { instance: '', fqdn: 'SQL-PC-B.fabrikam.com' })),
      nodeIds: ['pc', 'sql-pc-b', 'sql-pcc-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'dedicated compliance instances', doc: complianceDesign() },
    {
      name: 'one store for both, compliance turned off',
      doc: mutate(pchatDesign(), (d) =>
        addLink(d, { id: 'pcc-store', kind: 'store', from: 'pc', to: 'sql-pc', role: 'persistentChatCompliance' }),
      ),
    },
  ],
});

describeRule('PCHAT-FILESTORE-UNC', {
  fires: [
    {
      name: 'four servers and no file store',
      doc: mutate(pchatDesign(), (d) => removeLinks(d, (l) => l.id === 'pc-fs')),
      nodeIds: ['pc'],
      count: 1,
    },
  ],
  passes: [
    { name: 'four servers with a file store', doc: pchatDesign() },
    {
      name: 'one server without a file store',
      doc: mutate(pchatDesign(), (d) => {
        removeLinks(d, (l) => l.id === 'pc-fs');
        pc(d).servers = servers(1, 0);
      }),
    },
  ],
});

describeRule('PCHAT-NEXT-HOP', {
  fires: [
    {
      name: 'no next hop',
      doc: mutate(pchatDesign(), (d) => removeLinks(d, (l) => l.id === 'pc-hop')),
      nodeIds: ['pc'],
      count: 1,
    },
  ],
  passes: [{ name: 'next hop to the New York pool', doc: pchatDesign() }],
});

describeRule('PCHAT-COLLOCATE-WITH-BE', {
  fires: [
    {
      name: 'the Persistent Chat database on a Back End store',
      doc: mutate(pchatDesign(), (d) => {
        removeLinks(d, (l) => l.id === 'pc-store');
        addLink(d, { id: 'pc-store-be', kind: 'store', from: 'pc', to: 'sql-ny', role: 'persistentChat' });
      }),
      nodeIds: ['sql-ny'],
      count: 1,
    },
    {
      name: 'another instance on the Back End server',
      doc: mutate(pchatDesign(), (d) => Object.assign(sql(d, 'sql-pc'), { fqdn: 'Sql-Ny.fabrikam.com', instance: 'CHAT' })),
      nodeIds: ['sql-pc', 'sql-ny'],
      count: 1,
    },
  ],
  passes: [
    { name: 'a SQL Server of its own', doc: pchatDesign() },
    {
      name: 'only the compliance database next to the Back End',
      doc: mutate(pchatDesign(), (d) =>
        addLink(d, { id: 'pcc-store-be', kind: 'store', from: 'pc', to: 'sql-ny', role: 'persistentChatCompliance' }),
      ),
    },
  ],
});

describeRule('PCHAT-NEXTHOP-FAILOVER', {
  fires: [{ name: 'next hop is a paired pool', doc: pchatDesign(), nodeIds: ['pc', 'pool-ny'], count: 1 }],
  passes: [{ name: 'next hop is not paired', doc: mutate(pchatDesign(), (d) => removeLinks(d, (l) => l.kind === 'pairing')) }],
});

describeRule('PCHAT-COMPLIANCE-NOT-FAILED-OVER', {
  fires: [{ name: 'compliance on', doc: complianceDesign(), nodeIds: ['pc'], count: 1 }],
  passes: [{ name: 'compliance off', doc: pchatDesign() }],
});

describeRule('PCHAT-SQL-VERSION', {
  fires: [
    {
      name: 'Persistent Chat store on SQL 2016',
      doc: mutate(pchatDesign(), (d) => void (sql(d, 'sql-pc').sqlVersion = '2016')),
      nodeIds: ['sql-pc', 'pc'],
      count: 1,
    },
    {
      name: 'compliance store on SQL 2019',
      doc: complianceDesign((d) => void (sql(d, 'sql-pcc').sqlVersion = '2019')),
      nodeIds: ['sql-pcc', 'pc'],
      count: 1,
    },
  ],
  passes: [
    { name: 'SQL 2014', doc: pchatDesign() },
    { name: 'SQL 2012', doc: mutate(pchatDesign(), (d) => void (sql(d, 'sql-pc').sqlVersion = '2012')) },
  ],
});

describeRule('PCHAT-FILESTORE', {
  fires: [
    {
      name: 'one stand-alone server without a file store',
      doc: mutate(pchatDesign(), (d) => {
        removeLinks(d, (l) => l.id === 'pc-fs');
        pc(d).servers = servers(1, 0);
      }),
      nodeIds: ['pc'],
      count: 1,
    },
  ],
  passes: [
    { name: 'one stand-alone server with a file store', doc: mutate(pchatDesign(), (d) => void (pc(d).servers = servers(1, 0))) },
    { name: 'collocated on an SE server', doc: seDesign((d) => void (pc(d).fqdn = 'se-hq.northwind.com')) },
    { name: 'own server in a Standard Edition deployment (next hop an SE server)', doc: seDesign() },
    {
      name: 'several servers (PCHAT-FILESTORE-UNC’s concern)',
      doc: mutate(pchatDesign(), (d) => removeLinks(d, (l) => l.id === 'pc-fs')),
    },
  ],
});

// ---------------------------------------------------------------- messages

describe('PCHAT findings name the concrete case', () => {
  it('PCHAT-MIRROR-SAME-DC names the mirror, the primary, the home pool and both places', () => {
    const doc = mutate(pchatDesign(), (d) => void (sql(d, 'sql-pc-m').siteId = 'chi'));
    const [f] = findingsOf('PCHAT-MIRROR-SAME-DC', doc);
    expect(f?.message).toMatch(
      /^sql-pc-m, the mirror of sql-pc \(Persistent Chat pool Chat \(pc\)\), is in site Chicago \(chi\), while the pool's home Front End Pool NY \(pool-ny\) is in site New York \(nyc\)\./,
    );
    expect(f?.linkIds).toEqual(['pc-mirror']);
  });

  it('data-center names are used when sites set them', () => {
    const doc = mutate(pchatDesign(), (d) => {
      d.sites[0]!.datacenter = 'East';
      d.sites[1]!.datacenter = 'Central';
      sql(d, 'sql-pc-b').siteId = 'nyc';
    });
    expect(findingsOf('PCHAT-BACKUP-OTHER-DC', doc)[0]?.message).toContain('in the same data center East as its primary');
  });

  it('PCHAT-COMPLIANCE-INSTANCES says which layer shares which instance', () => {
    const [f] = findingsOf(
      'PCHAT-COMPLIANCE-INSTANCES',
      complianceDesign((d) => void (sql(d, 'sql-pcc-m').instance = '')),
    );
    expect(f?.message).toContain('mirror sql-pc-m and sql-pcc-m are one instance, sql-pc-m.fabrikam.com\\(default instance)');
  });

  it('PCHAT-2019 names both the 2019 pool and its 2019 next hop in one finding', () => {
    const doc = mutate(pchatDesign(), (d) => {
      pc(d).productVersion = '2019';
      nodeOf(d, 'pool-ny', 'frontEndPool').productVersion = '2019';
    });
    const found = findingsOf('PCHAT-2019', doc);
    expect(found).toHaveLength(1);
    expect(found[0]?.nodeIds).toEqual(['pc', 'pool-ny']);
    expect(found[0]?.message).toMatch(
      /^Chat \(pc\) is a Skype for Business Server 2019 Persistent Chat pool, and its next hop Pool NY \(pool-ny\) runs 2019 too\./,
    );
    expect(found[0]?.inferred).toBe(true);
  });
});

// ---------------------------------------------------------------- designs

const FAMILIES = [...EDGE_RULES, ...DIR_RULES, ...MED_RULES, ...PCHAT_RULES];

describe('PCHAT rules on the reference designs', () => {
  // They have no Persistent Chat, so no finding at all.
  itPassesReferenceDesigns('PCHAT', PCHAT_RULES, 'none');

  it('the documented Persistent Chat HA/DR layout gives no PCHAT error or warning', () => {
    for (const doc of [pchatDesign(), complianceDesign()]) {
      expect(parseTopology(doc).ok).toBe(true);
      const found = runRules(doc, PCHAT_RULES).filter((f) => f.severity !== 'info');
      expect(found.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------- robustness and cost (EDGE, DIR, MED, PCHAT)

/** A random valid document: random kinds and fields, random links of allowed kinds. */
const arbitraryDoc = fc
  .record({
    sites: fc.integer({ min: 1, max: 3 }),
    nodes: fc.array(
      fc.record({
        kind: fc.constantFrom(...NODE_KINDS),
        site: fc.nat(2),
        host: fc.nat(5),
        servers: fc.integer({ min: 1, max: 20 }),
        version: fc.constantFrom('2015' as const, '2019' as const),
        flags: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        users: fc.option(fc.nat(400_000), { nil: undefined }),
        sql: fc.constantFrom('2012' as const, '2014' as const, '2016' as const, '2019' as const),
        ha: fc.constantFrom('none' as const, 'mirroring' as const, 'alwaysOnAg' as const),
        pcServers: fc.array(fc.record({ site: fc.nat(2), active: fc.boolean() }), { maxLength: 10 }),
      }),
      { minLength: 1, maxLength: 25 },
    ),
    links: fc.array(
      fc.record({ kind: fc.constantFrom(...LINK_KINDS), from: fc.nat(), to: fc.nat(), role: fc.constantFrom(...STORE_ROLES) }),
      { maxLength: 40 },
    ),
    datacenters: fc.boolean(),
  })
  .map(({ sites, nodes, links, datacenters }) => {
    const doc = emptyTopology('fuzz');
    doc.sites = Array.from({ length: sites }, (_, i) => ({
      ...defaultSite(`s${i}`, `Site ${i}`),
      ...(datacenters ? { datacenter: `dc${i % 2}` } : {}),
    }));
    const siteOf = (i: number) => `s${i % sites}`;
    doc.nodes = nodes.map((r, i): TopologyNode => {
      const c = { id: `n${i}`, siteId: siteOf(r.site), fqdn: `h${r.host}.contoso.com` };
      const [a, b, e, f, g, h] = r.flags as [boolean, boolean, boolean, boolean, boolean, boolean];
      switch (r.kind) {
        case 'edgePool':
          return {
            ...defaultNode('edgePool', c),
            productVersion: r.version,
            servers: r.servers,
            internalLoadBalancing: a ? 'dns' : 'hlb',
            externalLoadBalancing: b ? 'dns' : 'hlb',
            federation: e,
            xmpp: f,
            ...(r.users !== undefined ? { concurrentRemoteUsers: r.users } : {}),
          };
        case 'directorPool':
          return {
            ...defaultNode('directorPool', c),
            productVersion: r.version,
            servers: r.servers,
            webLoadBalancing: a ? 'none' : 'hlb',
          };
        case 'mediationPool':
          return { ...defaultNode('mediationPool', c), productVersion: r.version, servers: r.servers };
        case 'persistentChatPool':
          return {
            ...defaultNode('persistentChatPool', c),
            productVersion: r.version,
            compliance: a,
            servers: r.pcServers.map((s) => ({ siteId: siteOf(s.site), active: s.active })),
          };
        case 'frontEndPool':
          return {
            ...defaultNode('frontEndPool', c),
            productVersion: r.version,
            frontEndServers: r.servers,
            mediationCollocated: g,
          };
        case 'standardEditionServer':
          return { ...defaultNode('standardEditionServer', c), productVersion: r.version, mediationCollocated: h };
        case 'sqlStore':
          return r.ha === 'alwaysOnAg'
            ? { ...defaultNode('sqlStore', c), sqlVersion: r.sql, instance: a ? 'X' : '' }
            : { ...standaloneSqlStore(c), sqlVersion: r.sql, haMode: r.ha, instance: a ? 'X' : '' };
        default:
          return defaultNode(r.kind as NodeKind, c);
      }
    });
    doc.links = [];
    links.forEach((l, i) => {
      const from = doc.nodes[l.from % doc.nodes.length]!;
      const to = doc.nodes[l.to % doc.nodes.length]!;
      if (from.id === to.id || !LINK_ENDPOINTS[l.kind].some((e) => e.from.includes(from.kind) && e.to.includes(to.kind))) return;
      const link: Link =
        l.kind === 'store'
          ? { id: `l${i}`, kind: 'store', from: from.id, to: to.id, role: l.role }
          : defaultLink(l.kind, `l${i}`, from.id, to.id);
      doc.links.push(link);
    });
    return doc;
  });

describe('EDGE, DIR, MED and PCHAT rules on arbitrary documents', () => {
  it('never fail, and every finding names a node of the document and fills its placeholders', () => {
    fc.assert(
      fc.property(arbitraryDoc, (doc) => {
        const parsed = parseTopology(doc);
        if (!parsed.ok) throw new Error(`generator made an invalid document: ${parsed.error.message}`);
        const ids = new Set(doc.nodes.map((n) => n.id));
        const linkIds = new Set([...doc.links, ...(doc.siteLinks ?? [])].map((l) => l.id));
        for (const f of runRules(parsed.value, FAMILIES)) {
          expect(f.message).not.toMatch(/could not run/);
          expect(f.message).not.toMatch(/\{[a-z][^}]*\}|undefined|NaN/);
          expect(f.fix).not.toMatch(/\{[a-z][^}]*\}|undefined|NaN/);
          expect(f.nodeIds.length).toBeGreaterThan(0);
          for (const id of f.nodeIds) expect(ids.has(id)).toBe(true);
          for (const id of f.linkIds) expect(linkIds.has(id)).toBe(true);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  });
});

/** `copies` copies of pchatDesign's Persistent Chat layout plus Edge, Director and Mediation pools: about 14 nodes per copy. */
function bigDesign(copies: number): Topology {
  const doc = emptyTopology('big');
  doc.sites = [defaultSite('a', 'A', 'central'), defaultSite('b', 'B', 'central')];
  for (let i = 0; i < copies; i++) {
    const n = (id: string) => `${id}-${i}`;
    doc.nodes.push(
      { ...defaultNode('frontEndPool', { id: n('fe'), siteId: 'a' }), productVersion: '2015', os: 'WS2016' },
      { ...defaultNode('frontEndPool', { id: n('fe2'), siteId: 'b' }), productVersion: '2015', os: 'WS2016' },
      {
        ...defaultNode('persistentChatPool', { id: n('pc'), siteId: 'a' }),
        compliance: true,
        servers: servers(4, 5).map((s) => ({ ...s, siteId: s.active ? 'a' : 'b' })),
      },
      pcSql(n('s'), 'a', 'mirroring'),
      pcSql(n('m'), 'b'),
      pcSql(n('w'), 'a'),
      pcSql(n('b'), 'a', 'mirroring'),
      pcSql(n('bm'), 'b'),
      { ...pcSql(n('c'), 'a'), fqdn: `${n('s')}.fabrikam.com` },
      { ...defaultNode('edgePool', { id: n('e'), siteId: 'a' }), concurrentRemoteUsers: 50_000, federation: true, servers: 13 },
      { ...defaultNode('directorPool', { id: n('d'), siteId: 'b' }), servers: 1 },
      defaultNode('mediationPool', { id: n('med'), siteId: 'a' }),
      defaultNode('sqlStore', { id: n('be'), siteId: 'a', fqdn: `${n('s')}.fabrikam.com` }),
      defaultNode('fileStore', { id: n('fs'), siteId: 'a' }),
    );
    doc.links.push(
      { id: n('l1'), kind: 'store', from: n('pc'), to: n('s'), role: 'persistentChat' },
      { id: n('l2'), kind: 'store', from: n('pc'), to: n('c'), role: 'persistentChatCompliance' },
      defaultLink('mirror', n('l3'), n('s'), n('m')),
      defaultLink('witness', n('l4'), n('s'), n('w')),
      defaultLink('logShipping', n('l5'), n('s'), n('b')),
      defaultLink('mirror', n('l6'), n('b'), n('bm')),
      defaultLink('nextHop', n('l7'), n('pc'), n('fe2')),
      defaultLink('nextHop', n('l8'), n('e'), n('d')),
      defaultLink('backEnd', n('l9'), n('fe'), n('be')),
      defaultLink('pairing', n('l10'), n('fe'), n('fe2')),
      defaultLink('mediaEdge', n('l11'), n('fe'), n('e')),
    );
  }
  return doc;
}

describe('cost of the EDGE, DIR, MED and PCHAT rules', () => {
  it('every rule does work linear in the design (4× the design, at most 4.2× the work)', () => {
    const small = bigDesign(50);
    const large = bigDesign(200);
    const over: string[] = [];
    for (const rule of FAMILIES) {
      const a = countingIndex(small);
      void [...rule.check(a.ix)];
      const b = countingIndex(large);
      const hits = [...rule.check(b.ix)];
      if (b.work() > 4.2 * Math.max(a.work(), 1)) over.push(`${rule.id}: ${a.work()} → ${b.work()}`);
      expect(hits.length, rule.id).toBeLessThanOrEqual(4 * large.nodes.length);
    }
    expect(over).toEqual([]);
  });

  // How fast: runRules/generated-5000 in npm run bench (its target).
  it('checks a 5,000-node design, where most rules fire on every copy', () => {
    const large = bigDesign(360);
    expect(large.nodes.length).toBeGreaterThanOrEqual(5_000);
    expect(parseTopology(large).ok).toBe(true);
    // Most rules fire on every copy, so this is a worst case (about 6,800 findings).
    expect(runRules(large, FAMILIES).length).toBeGreaterThan(large.nodes.length);
  });
});
