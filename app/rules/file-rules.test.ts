import { describe, expect, it } from 'vitest';
import { defaultLink, standaloneSqlStore } from '../model/defaults';
import { globalMultiSite, pair2015Mirroring, pair2019AlwaysOn, pairStandardEdition } from '../model/samples';
import { FILE_RULES } from './file-rules';
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

const base = pair2019AlwaysOn();

describeRule('FILE-NAS', {
  fires: [
    {
      name: 'a file store on NAS',
      doc: mutate(base, (d) => void (nodeOf(d, 'fs-a', 'fileStore').storage = 'nas')),
      nodeIds: ['fs-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'DFS file stores', doc: base },
    { name: 'the same store on a cluster', doc: mutate(base, (d) => void (nodeOf(d, 'fs-a', 'fileStore').storage = 'cluster')) },
  ],
});

describeRule('FILE-SINGLE-SERVER', {
  fires: [
    {
      name: 'a single file server used by a pool',
      doc: mutate(base, (d) => void (nodeOf(d, 'fs-a', 'fileStore').storage = 'singleServer')),
      nodeIds: ['fs-a', 'pool-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'DFS', doc: base },
    { name: 'a failover cluster', doc: mutate(base, (d) => void (nodeOf(d, 'fs-a', 'fileStore').storage = 'cluster')) },
  ],
});

describeRule('FS-POOL-HAS-STORE', {
  fires: [
    {
      name: 'a Front End pool without a file store link',
      doc: mutate(base, (d) => removeLinks(d, (l) => l.kind === 'fileStore' && l.from === 'pool-a')),
      nodeIds: ['pool-a'],
      count: 1,
    },
    {
      name: 'a Standard Edition server without one',
      doc: mutate(pairStandardEdition(), (d) => removeLinks(d, (l) => l.kind === 'fileStore' && l.from === 'se-dr')),
      nodeIds: ['se-dr'],
      count: 1,
    },
  ],
  passes: [
    { name: 'every pool linked', doc: base },
    { name: 'every SE server linked', doc: pairStandardEdition() },
  ],
});

/** pool-a draws its file store link to fs-b in the other site. */
const crossSiteStore = mutate(base, (d) => {
  const l = d.links.find((x) => x.kind === 'fileStore' && x.from === 'pool-a')!;
  l.to = 'fs-b';
});

describeRule('FS-SAME-SITE', {
  fires: [
    { name: 'a pool using the file store of the other data center', doc: crossSiteStore, nodeIds: ['pool-a', 'fs-b'], count: 1 },
    {
      name: 'a Director using a file store in another data center',
      doc: mutate(globalMultiSite(), (d) => {
        d.links.find((x) => x.kind === 'fileStore' && x.from === 'dir-na')!.to = 'fs-eu';
      }),
      nodeIds: ['dir-na', 'fs-eu'],
      count: 1,
    },
    {
      name: 'two sites with different datacenter values',
      doc: mutate(crossSiteStore, (d) => {
        d.sites[0]!.datacenter = 'AMS-1';
        d.sites[1]!.datacenter = 'AMS-2';
      }),
      nodeIds: ['pool-a', 'fs-b'],
    },
  ],
  passes: [
    { name: 'each pool uses the store of its own site', doc: base },
    {
      name: 'the two sites are one data center',
      doc: mutate(crossSiteStore, (d) => {
        for (const s of d.sites) s.datacenter = 'Amsterdam campus';
      }),
    },
  ],
});

describeRule('FILE-COLLOCATED', {
  fires: [
    {
      name: 'a share on an AG replica of the Back End',
      doc: mutate(base, (d) => void (nodeOf(d, 'fs-a', 'fileStore').fqdn = 'SQL-A1.contoso.com')),
      nodeIds: ['fs-a', 'sql-a'],
      count: 1,
    },
    {
      name: 'a share on a stand-alone Monitoring server',
      doc: mutate(base, (d) => {
        addNode(d, standaloneSqlStore({ id: 'sql-mon', siteId: 'dc1', fqdn: 'mon.contoso.com' }));
        addLink(d, { id: 'l-mon', kind: 'store', from: 'pool-a', to: 'sql-mon', role: 'monitoring' });
        nodeOf(d, 'fs-a', 'fileStore').fqdn = 'mon.contoso.com';
      }),
      nodeIds: ['fs-a', 'sql-mon'],
      count: 1,
    },
  ],
  passes: [
    { name: 'dedicated file servers', doc: base },
    {
      name: 'a share on a Front End (FS-COLLOC-HOST, not this rule)',
      doc: mutate(base, (d) => void (nodeOf(d, 'fs-a', 'fileStore').fqdn = 'pool-a.contoso.com')),
    },
  ],
});

describeRule('FILE-DFS-NO-RTO', {
  fires: [{ name: 'two DFS shares', doc: base, nodeIds: ['fs-a'], count: 2 }],
  passes: [{ name: 'clustered shares', doc: pair2015Mirroring() }],
});

describeRule('FILE-CLUSTER-OS', {
  fires: [{ name: 'two clustered shares', doc: pair2015Mirroring(), nodeIds: ['fs-ny'], count: 2 }],
  passes: [{ name: 'DFS shares', doc: base }],
});

describeRule('FS-COLLOC-HOST', {
  fires: [
    {
      name: 'a share on the Front End pool (case differs)',
      doc: mutate(base, (d) => void (nodeOf(d, 'fs-a', 'fileStore').fqdn = 'POOL-A.Contoso.com')),
      nodeIds: ['fs-a', 'pool-a'],
      count: 1,
    },
    {
      name: 'a share on the Edge',
      doc: mutate(base, (d) => void (nodeOf(d, 'fs-b', 'fileStore').fqdn = 'edge-b.contoso.com')),
      nodeIds: ['fs-b', 'edge-b'],
      count: 1,
    },
    {
      name: 'a share on a Standard Edition server',
      doc: mutate(pairStandardEdition(), (d) => void (nodeOf(d, 'fs-dr', 'fileStore').fqdn = 'se-dr.northwind.com')),
      nodeIds: ['fs-dr', 'se-dr'],
    },
  ],
  passes: [
    { name: 'dedicated file servers', doc: base },
    {
      name: 'a share on a database server (FILE-COLLOCATED, not this rule)',
      doc: mutate(base, (d) => void (nodeOf(d, 'fs-a', 'fileStore').fqdn = 'sql-a1.contoso.com')),
    },
  ],
});

describe('FILE rules on the reference designs', () => itPassesReferenceDesigns('FILE', FILE_RULES));

describe('FILE messages', () => {
  it('name the file store, its FQDN and the pools that use it', () => {
    const doc = mutate(base, (d) => void (nodeOf(d, 'fs-a', 'fileStore').storage = 'singleServer'));
    const [f] = findingsOf('FILE-SINGLE-SERVER', doc);
    expect(f?.message).toContain('File store A (fs-a)');
    expect(f?.message).toContain('fs-a.contoso.com');
    expect(f?.message).toContain('Pool A (pool-a)');
    expect(f?.message).toContain('single point of failure');
  });

  it('FS-SAME-SITE names both data centers and the link', () => {
    const [f] = findingsOf('FS-SAME-SITE', crossSiteStore);
    expect(f?.message).toMatch(/data center "dc1".*data center "dc2"/);
    expect(f?.linkIds).toEqual([crossSiteStore.links.find((l) => l.kind === 'fileStore' && l.from === 'pool-a')!.id]);
  });

  it('one finding per machine however many shares and roles it holds', () => {
    const doc = mutate(base, (d) => {
      nodeOf(d, 'fs-a', 'fileStore').fqdn = 'pool-a.contoso.com';
      nodeOf(d, 'fs-b', 'fileStore').fqdn = 'pool-a.contoso.com';
      nodeOf(d, 'edge-a', 'edgePool').fqdn = 'pool-a.contoso.com';
    });
    const found = findingsOf('FS-COLLOC-HOST', doc);
    expect(found).toHaveLength(1);
    expect(new Set(found[0]!.nodeIds)).toEqual(new Set(['fs-a', 'fs-b', 'pool-a', 'edge-a']));
  });

  it('a Persistent Chat pool may use a file store in another site (FS-SAME-SITE covers FE, SE and Director only)', () => {
    const doc = mutate(pair2015Mirroring(), (d) => {
      addNode(d, {
        id: 'pc',
        kind: 'persistentChatPool',
        name: 'Chat',
        siteId: 'nyc',
        productVersion: '2015',
        fqdn: 'pc.fabrikam.com',
        servers: [{ siteId: 'nyc', active: true }],
        compliance: false,
      });
      addLink(d, defaultLink('fileStore', 'l-pc-fs', 'pc', 'fs-ch'));
    });
    expect(findingsOf('FS-SAME-SITE', doc)).toEqual([]);
  });
});
