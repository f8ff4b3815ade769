import { describe, expect, it } from 'vitest';
import { defaultLink, defaultNode, emptyTopology, standaloneSqlStore } from '../model/defaults';
import { globalMultiSite, pair2015Mirroring, pair2019AlwaysOn, pairStandardEdition } from '../model/samples';
import type { Topology } from '../model/schema';
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
import { SITE_RULES } from './site-rules';

const base = pair2019AlwaysOn();
const global = globalMultiSite();

/** pair2019AlwaysOn with its second data center marked as a branch. */
const dc2Branch = mutate(base, (d) => void (d.sites.find((s) => s.id === 'dc2')!.kind = 'branch'));

const setSiteKind = (doc: Topology, id: string, kind: 'central' | 'branch') =>
  mutate(doc, (d) => void (d.sites.find((s) => s.id === id)!.kind = kind));

describeRule('SITE-HAS-CENTRAL', {
  fires: [
    { name: 'every site a branch', doc: mutate(global, (d) => d.sites.forEach((s) => (s.kind = 'branch'))), count: 1 },
    {
      name: 'a single branch site with one appliance',
      doc: mutate(emptyTopology(), (d) => {
        d.sites.push({ id: 'br', name: 'Branch', kind: 'branch' });
        addNode(d, defaultNode('survivableBranch', { id: 'sba', siteId: 'br' }));
      }),
      nodeIds: [],
      count: 1,
    },
  ],
  passes: [
    { name: 'central and branch sites', doc: global },
    { name: 'no sites at all', doc: emptyTopology() },
  ],
});

describeRule('SITE-BRANCH-HAS-SE', {
  fires: [
    { name: 'a Front End pool in a branch site', doc: dc2Branch, nodeIds: ['pool-b'], count: 1 },
    {
      name: 'a Standard Edition server in a branch site',
      doc: setSiteKind(pairStandardEdition(), 'dr', 'branch'),
      nodeIds: ['se-dr'],
      count: 1,
    },
  ],
  passes: [
    { name: 'pools in central sites', doc: base },
    { name: 'SE servers in central sites', doc: pairStandardEdition() },
  ],
});

describeRule('SITE-BRANCH-CONTENT', {
  fires: [
    // Edge, Office Online and the Back End of pool-b; the pool itself is SITE-BRANCH-HAS-SE, the file store is allowed.
    { name: 'a data center marked as a branch', doc: dc2Branch, nodeIds: ['sql-b'], count: 3 },
    {
      name: 'a Director in a branch site',
      doc: mutate(global, (d) => void (nodeOf(d, 'dir-na', 'directorPool').siteId = 'br-boston')),
      nodeIds: ['dir-na'],
      count: 1,
    },
    {
      name: 'a Persistent Chat pool in a branch site',
      doc: mutate(pair2015Mirroring(), (d) => {
        d.sites.push({ id: 'br', name: 'Branch', kind: 'branch' });
        addNode(d, {
          ...defaultNode('persistentChatPool', { id: 'pc', siteId: 'br', fqdn: 'pc.fabrikam.com' }),
          servers: [{ siteId: 'br', active: true }],
        });
      }),
      nodeIds: ['pc'],
      count: 1,
    },
  ],
  passes: [
    { name: 'branches with appliances only', doc: global },
    {
      name: 'a Mediation pool, a file store and a non-Back-End SQL store in a branch',
      doc: mutate(global, (d) => {
        addNode(d, defaultNode('mediationPool', { id: 'med-bos', siteId: 'br-boston', fqdn: 'med-bos.tailspin.com' }));
        addNode(d, defaultNode('fileStore', { id: 'fs-bos', siteId: 'br-boston', fqdn: 'fs-bos.tailspin.com' }));
        addNode(d, standaloneSqlStore({ id: 'sql-bos', siteId: 'br-boston', fqdn: 'sql-bos.tailspin.com' }));
        addLink(d, { id: 'l-arch', kind: 'store', from: 'na1', to: 'sql-bos', role: 'archiving' });
      }),
    },
  ],
});

describeRule('SITE-SBA-BACKUP-REGISTRAR', {
  fires: [
    {
      name: 'an appliance without a backup registrar',
      doc: mutate(global, (d) => removeLinks(d, (l) => l.kind === 'backupRegistrar' && l.from === 'sba-bos')),
      nodeIds: ['sba-bos'],
      count: 1,
    },
    {
      name: 'an appliance backed up by a pool in a branch site',
      doc: mutate(global, (d) => {
        addNode(d, defaultNode('standardEditionServer', { id: 'se-lyo', siteId: 'br-lyon', fqdn: 'se-lyo.tailspin.com' }));
        d.links.find((l) => l.kind === 'backupRegistrar' && l.from === 'sba-lyo')!.to = 'se-lyo';
      }),
      nodeIds: ['sba-lyo'],
      count: 1,
    },
  ],
  passes: [
    { name: 'every appliance backed up by a central pool', doc: global },
    {
      name: 'an appliance backed up by an SE server in a central site',
      doc: mutate(global, (d) => {
        addNode(d, defaultNode('standardEditionServer', { id: 'se-dub', siteId: 'eu-west', fqdn: 'se-dub.tailspin.com' }));
        d.links.find((l) => l.kind === 'backupRegistrar' && l.from === 'sba-lyo')!.to = 'se-dub';
      }),
    },
  ],
});

describeRule('SITE-BRANCH-SMALL', {
  fires: [
    {
      name: 'a branch appliance for 10 users',
      doc: mutate(global, (d) => void (nodeOf(d, 'sba-lyo', 'survivableBranch').users = 10)),
      nodeIds: ['sba-lyo'],
      count: 1,
    },
    {
      name: 'two appliances adding up to 24 users',
      doc: mutate(global, (d) => {
        nodeOf(d, 'sba-lyo', 'survivableBranch').users = 12;
        addNode(d, {
          ...defaultNode('survivableBranch', { id: 'sba-lyo2', siteId: 'br-lyon', fqdn: 'sba-lyo2.tailspin.com' }),
          users: 12,
        });
        addLink(d, defaultLink('backupRegistrar', 'l-lyo2', 'sba-lyo2', 'eu1'));
      }),
      nodeIds: ['sba-lyo', 'sba-lyo2'],
      count: 1,
    },
  ],
  passes: [
    { name: 'branches of 150 and 300 users', doc: global },
    { name: 'exactly 25 users', doc: mutate(global, (d) => void (nodeOf(d, 'sba-lyo', 'survivableBranch').users = 25)) },
    {
      name: 'a small appliance in a central site',
      doc: mutate(setSiteKind(global, 'br-lyon', 'central'), (d) => void (nodeOf(d, 'sba-lyo', 'survivableBranch').users = 10)),
    },
  ],
});

const xmppGlobal = mutate(global, (d) => void (nodeOf(d, 'edge-eu', 'edgePool').xmpp = true));

describeRule('SITE-SBA-XMPP', {
  fires: [{ name: 'XMPP federation and users homed on appliances', doc: xmppGlobal, nodeIds: ['sba-bos'], count: 2 }],
  passes: [
    { name: 'no XMPP', doc: global },
    {
      name: 'XMPP but no users on the appliances',
      doc: mutate(xmppGlobal, (d) => {
        nodeOf(d, 'sba-bos', 'survivableBranch').users = 0;
        nodeOf(d, 'sba-lyo', 'survivableBranch').users = 0;
      }),
    },
  ],
});

describeRule('SITE-CROSS-SITE-SHARING', {
  fires: [
    {
      name: 'a Director alone in its central site',
      doc: mutate(global, (d) => {
        d.sites.push({ id: 'na-dmz', name: 'Virginia DMZ', kind: 'central' });
        nodeOf(d, 'dir-na', 'directorPool').siteId = 'na-dmz';
      }),
      nodeIds: ['dir-na'],
      count: 1,
    },
  ],
  passes: [
    { name: 'the Director next to its pools', doc: global },
    {
      name: 'a Director next to a Standard Edition server',
      doc: mutate(pairStandardEdition(), (d) =>
        addNode(d, defaultNode('directorPool', { id: 'dir-hq', siteId: 'hq', fqdn: 'dir-hq.northwind.com' })),
      ),
    },
  ],
});

describe('SITE rules on the reference designs', () => itPassesReferenceDesigns('SITE', SITE_RULES));

describe('SITE details', () => {
  it('SITE-HAS-CENTRAL is a site-level finding naming every site', () => {
    const doc = mutate(global, (d) => d.sites.forEach((s) => (s.kind = 'branch')));
    const [f] = findingsOf('SITE-HAS-CENTRAL', doc);
    expect(f?.nodeIds).toEqual([]);
    expect(f?.siteIds).toEqual(doc.sites.map((s) => s.id));
    expect(f?.message).toContain('All 6 sites are branch sites');
  });

  it('SITE-SBA-BACKUP-REGISTRAR names the offending link and the branch site it points to', () => {
    const doc = mutate(global, (d) => {
      addNode(d, defaultNode('standardEditionServer', { id: 'se-lyo', siteId: 'br-lyon', fqdn: 'se-lyo.tailspin.com' }));
      d.links.find((l) => l.kind === 'backupRegistrar' && l.from === 'sba-lyo')!.to = 'se-lyo';
    });
    const link = doc.links.find((l) => l.kind === 'backupRegistrar' && l.from === 'sba-lyo')!;
    const [f] = findingsOf('SITE-SBA-BACKUP-REGISTRAR', doc);
    expect(f?.linkIds).toEqual([link.id]);
    expect(f?.message).toContain('Lyon branch (br-lyon)');
  });

  it('SITE-BRANCH-CONTENT names the Back End store as such', () => {
    const found = findingsOf('SITE-BRANCH-CONTENT', dc2Branch);
    expect(found.map((f) => f.nodeIds[0]).sort()).toEqual(['edge-b', 'oos-b', 'sql-b']);
    expect(found.find((f) => f.nodeIds[0] === 'sql-b')?.message).toContain(
      'Back End store Back End B (sql-b) is in branch site Dublin (dc2)',
    );
  });
});
