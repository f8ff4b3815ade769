/**
 * Mapping cases no real sample holds, on small published documents written by
 * xml-test-kit.ts with the element names of the real samples.
 */
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse';
import type { NodeKind, NodeOfKind, Topology } from '../model/schema';
import { MAX_WARNINGS } from './build-topology';
import { importTopologyXml, type ImportResult } from './index';
import { enterprisePool, publishedXml, ROLES_NS, TOPOLOGY_NS, type KitDocument, type KitService } from './xml-test-kit';

function imported(input: string | KitDocument): ImportResult {
  const r = importTopologyXml(typeof input === 'string' ? input : publishedXml(input));
  if (!r.ok) throw new Error(`${r.error.tag}: ${r.error.message}`);
  expect(parseTopology(r.value.topology).ok).toBe(true);
  return r.value;
}

const ofKind = <K extends NodeKind>(doc: Topology, kind: K): NodeOfKind<K>[] =>
  doc.nodes.filter((n): n is NodeOfKind<K> => n.kind === kind);
const linksOf = (doc: Topology, kind: string) =>
  doc.links
    .filter((l) => l.kind === kind)
    .map((l) => `${l.from}->${l.to}`)
    .sort();
const messages = (r: ImportResult) =>
  r.warnings.map((w) => `${w.confirm ? '[confirm] ' : ''}${w.where ? `${w.where}: ` : ''}${w.message}`);

const sqlServer = { number: 9, fqdn: 'sql1.contoso.com' };
const onePool: KitDocument = {
  clusters: [
    { number: 1, fqdn: 'pool1.contoso.com', machines: ['fe1.contoso.com', 'fe2.contoso.com', 'fe3.contoso.com'] },
    sqlServer,
  ],
  sqlInstances: [{ cluster: 9 }],
  services: enterprisePool({ cluster: 1, sqlCluster: 9, cms: true }),
};

describe('pools and servers', () => {
  it('an Enterprise pool: Front End count, Back End link, CMS host, defaults listed for confirmation', () => {
    const r = imported(onePool);
    const [pool] = ofKind(r.topology, 'frontEndPool');
    expect(pool).toMatchObject({
      id: 'pool1',
      name: 'pool1',
      frontEndServers: 3,
      webLoadBalancing: 'hlb',
      users: 0,
      os: 'WS2012R2',
      productVersion: '2015',
      domain: 'contoso.com',
      deployed: true,
    });
    expect(linksOf(r.topology, 'backEnd')).toEqual(['pool1->sql1']);
    expect(r.topology.deployment.cmsHost).toBe('pool1');
    const confirm = r.warnings.find((w) => w.confirm && w.message.startsWith('Front End pool "pool1"'));
    expect(confirm?.message).toMatch(/users 0.*hosting physical.*OS WS2012R2.*SIP load balancing DNS/);
    expect(confirm?.where).toMatch(/^Cluster pool1\.contoso\.com \(line \d+\)$/);
  });

  it('a Director pool (IsDirector="true") with an Edge pool whose next hop it is', () => {
    const r = imported({
      clusters: [
        ...onePool.clusters,
        { number: 2, fqdn: 'dir.contoso.com', machines: ['dir1.contoso.com', 'dir2.contoso.com'] },
        { number: 3, fqdn: 'edge.contoso.com', machines: ['e1.contoso.com', 'e2.contoso.com'] },
      ],
      sqlInstances: onePool.sqlInstances,
      services: [
        ...onePool.services,
        ...enterprisePool({ cluster: 2, sqlCluster: 9, director: true }),
        { role: 'EdgeServer', instance: 1, on: { cluster: 3 }, deps: [{ role: 'Registrar', instance: 2 }] },
      ],
    });
    expect(ofKind(r.topology, 'directorPool')).toEqual([
      expect.objectContaining({ id: 'dir', servers: 2, webLoadBalancing: 'hlb' }),
    ]);
    expect(ofKind(r.topology, 'edgePool')).toEqual([
      expect.objectContaining({ id: 'edge', servers: 2, federation: false, xmpp: false }),
    ]);
    expect(linksOf(r.topology, 'nextHop')).toEqual(['edge->dir']);
  });

  it('stand-alone Mediation pool: its own node; collocated Mediation: a flag on the pool', () => {
    const r = imported({
      clusters: [...onePool.clusters, { number: 4, fqdn: 'med.contoso.com', machines: ['m1.contoso.com', 'm2.contoso.com'] }],
      sqlInstances: onePool.sqlInstances,
      services: [
        ...onePool.services,
        { role: 'MediationServer', instance: 4, on: { cluster: 4 }, deps: [{ role: 'Registrar', instance: 1 }] },
      ],
    });
    expect(ofKind(r.topology, 'mediationPool')).toEqual([
      expect.objectContaining({ id: 'med', servers: 2, productVersion: '2015' }),
    ]);
    expect(ofKind(r.topology, 'frontEndPool')[0]!.mediationCollocated).toBe(false);
    expect(messages(r).some((m) => /Mediation pool "med"'s next hop is "pool1"/.test(m))).toBe(true);

    const collocated = imported({ ...onePool, services: enterprisePool({ cluster: 1, sqlCluster: 9, mediation: true }) });
    expect(ofKind(collocated.topology, 'frontEndPool')[0]!.mediationCollocated).toBe(true);
    expect(ofKind(collocated.topology, 'mediationPool')).toHaveLength(0);
  });

  it('a Standard Edition server: user store on its own rtc instance, no SQL store, CMS on it; a collocated Monitoring store is named', () => {
    const se: KitService[] = [
      { role: 'UserServices', instance: 1, on: { cluster: 1 }, deps: [{ role: 'UserStore' }] },
      {
        role: 'Registrar',
        instance: 1,
        on: { cluster: 1 },
        deps: [{ role: 'UserServices' }, { role: 'MonitoringStore' }],
        inner: `<RegistrarService xmlns="${ROLES_NS}" IsDirector="false" />`,
      },
      { role: 'UserStore', instance: 1, on: { sqlCluster: 1, name: 'rtc' } },
      { role: 'MonitoringStore', instance: 1, on: { sqlCluster: 1, name: 'RTC' } },
      {
        role: 'CentralMgmt',
        instance: 1,
        on: { cluster: 1 },
        inner: `<CentralMgmtService xmlns="${ROLES_NS}" IsActive="true" />`,
      },
    ];
    const r = imported({
      clusters: [{ number: 1, fqdn: 'se1.contoso.com' }],
      sqlInstances: [{ cluster: 1, name: 'rtc' }],
      services: se,
    });
    expect(ofKind(r.topology, 'standardEditionServer')).toEqual([expect.objectContaining({ id: 'se1', users: 0 })]);
    expect(ofKind(r.topology, 'sqlStore')).toEqual([]);
    expect(r.topology.links).toEqual([]);
    expect(r.topology.deployment.cmsHost).toBe('se1');
    expect(messages(r).some((m) => /MonitoringStore is on the Standard Edition server's own SQL instance/.test(m))).toBe(true);
  });

  it('Office Online Server in an external network (IsExternal="true") → zone external', () => {
    const r = imported({
      ...onePool,
      clusters: [...onePool.clusters, { number: 5, fqdn: 'oos.contoso.com', machines: ['oos1.contoso.com', 'oos2.contoso.com'] }],
      services: [
        ...onePool.services.map((s) =>
          s.role === 'ConfServices' ? { ...s, deps: [...(s.deps ?? []), { role: 'WacService' }] } : s,
        ),
        {
          role: 'WacService',
          on: { cluster: 5 },
          inner: `<WacService xmlns="${ROLES_NS}" DiscoveryUrl="https://oos.contoso.com/hosting/discovery" IsExternal="true" />`,
        },
      ],
    });
    expect(ofKind(r.topology, 'officeOnlineServer')).toEqual([
      expect.objectContaining({ id: 'oos', servers: 2, zone: 'external' }),
    ]);
    expect(linksOf(r.topology, 'officeOnline')).toEqual(['pool1->oos']);
  });

  it('a registrar with no user services in a branch site: a survivable branch appliance with its backup registrar', () => {
    const r = imported({
      sites: [
        { id: 1, name: 'HQ' },
        { id: 2, name: 'Branch', element: 'BranchSite' },
      ],
      clusters: [...onePool.clusters, { site: 2, number: 1, fqdn: 'sba.contoso.com' }],
      sqlInstances: onePool.sqlInstances,
      services: [
        ...onePool.services,
        {
          role: 'Registrar',
          site: 2,
          instance: 1,
          on: { cluster: 1, site: 2 },
          deps: [{ role: 'Registrar', instance: 1, site: 1 }],
        },
      ],
    });
    expect(r.topology.sites.map((s) => [s.name, s.kind])).toEqual([
      ['HQ', 'central'],
      ['Branch', 'branch'],
    ]);
    const [sba] = ofKind(r.topology, 'survivableBranch');
    expect(sba).toMatchObject({ id: 'sba', variant: 'sba', siteId: r.topology.sites[1]!.id });
    expect(linksOf(r.topology, 'backupRegistrar')).toEqual(['sba->pool1']);
    expect(r.warnings.some((w) => w.confirm && /survivable branch appliance/.test(w.message))).toBe(true);
  });

  it('several sites: nodes land in their own site; ids from FQDN first labels stay unique', () => {
    const r = imported({
      sites: [
        { id: 1, name: 'Europe' },
        { id: 2, name: 'America' },
      ],
      clusters: [
        { number: 1, fqdn: 'pool.eu.contoso.com' },
        { number: 9, fqdn: 'sql.eu.contoso.com' },
        { site: 2, number: 1, fqdn: 'pool.us.contoso.com' },
        { site: 2, number: 9, fqdn: 'sql.us.contoso.com' },
      ],
      sqlInstances: [{ cluster: 9 }, { site: 2, cluster: 9, name: 'SfB' }],
      services: [
        ...enterprisePool({ cluster: 1, sqlCluster: 9 }),
        ...enterprisePool({ site: 2, cluster: 1, sqlCluster: 9, sqlName: 'SfB' }),
      ],
    });
    const [eu, us] = r.topology.sites;
    const pools = ofKind(r.topology, 'frontEndPool');
    expect(pools.map((p) => [p.id, p.siteId])).toEqual([
      ['pool', eu!.id],
      ['pool-2', us!.id],
    ]);
    expect(ofKind(r.topology, 'sqlStore').map((s) => [s.id, s.instance, s.siteId])).toEqual([
      ['sql', '', eu!.id],
      ['sql-sfb', 'SfB', us!.id],
    ]);
    expect(linksOf(r.topology, 'backEnd')).toEqual(['pool-2->sql-sfb', 'pool->sql']);
  });
});

describe('product versions', () => {
  const versioned = (v: string, v2 = v) => ({
    clusters: [...onePool.clusters, { number: 2, fqdn: 'pool2.contoso.com' }],
    sqlInstances: onePool.sqlInstances,
    services: [
      ...enterprisePool({ cluster: 1, sqlCluster: 9, version: v }),
      ...enterprisePool({ cluster: 2, sqlCluster: 9, version: v2 }),
    ],
  });

  it('ServiceVersion 8 is 2019 (and the OS default follows)', () => {
    const r = imported(versioned('8'));
    expect(ofKind(r.topology, 'frontEndPool').map((p) => [p.productVersion, p.os])).toEqual([
      ['2019', 'WS2019'],
      ['2019', 'WS2019'],
    ]);
    // A published topology is an existing deployment.
    expect(r.topology.deployment.mode).toBe('transition');
  });

  it('7 and 8 together: coexistence, marked as a transition', () => {
    const r = imported(versioned('7', '8'));
    expect(ofKind(r.topology, 'frontEndPool').map((p) => p.productVersion)).toEqual(['2015', '2019']);
    expect(r.topology.deployment.mode).toBe('transition');
    expect(messages(r).some((m) => /more than one product version/.test(m))).toBe(true);
  });

  it('Lync Server 2013 (6) is imported as Lync Server 2013 to confirm; unknown values as 2015 with a warning', () => {
    const lync = imported(versioned('6'));
    expect(ofKind(lync.topology, 'frontEndPool').every((p) => p.productVersion === 'lync2013')).toBe(true);
    expect(
      messages(lync).filter((m) => m.startsWith('[confirm]') && /ServiceVersion 6 read as Lync Server 2013/.test(m)),
    ).toHaveLength(1);
    const odd = imported(versioned('x9'));
    expect(messages(odd).some((m) => /unknown ServiceVersion "x9"/.test(m))).toBe(true);
  });
});

describe('high availability', () => {
  it('AlwaysOn: the store FQDN is the listener, the primary node a replica; secondaries are asked for', () => {
    const r = imported({
      ...onePool,
      clusters: [onePool.clusters[0]!, { number: 9, fqdn: 'ag1.contoso.com' }],
      sqlInstances: [{ cluster: 9, attrs: { AlwaysOnPrimaryNodeFqdn: 'sqlnode1.contoso.com' } }],
    });
    const [store] = ofKind(r.topology, 'sqlStore');
    expect(store).toMatchObject({
      fqdn: 'ag1.contoso.com',
      haMode: 'alwaysOnAg',
      ag: {
        listenerFqdn: 'ag1.contoso.com',
        listenerPort: 1433,
        replicas: [
          {
            fqdn: 'sqlnode1.contoso.com',
            siteId: store!.siteId,
            commitMode: 'synchronous',
            failoverMode: 'automatic',
            readable: false,
          },
        ],
      },
    });
    expect(messages(r).some((m) => /add the secondary replicas/.test(m))).toBe(true);
  });

  it('pool pairing read from a Registrar-to-Registrar dependency, flagged for confirmation', () => {
    const services = [...enterprisePool({ cluster: 1, sqlCluster: 9 }), ...enterprisePool({ cluster: 2, sqlCluster: 8 })].map(
      (s) =>
        s.role === 'Registrar' && s.instance === 1
          ? { ...s, deps: [...(s.deps ?? []), { role: 'Registrar', instance: 2, usage: 'Backup' }] }
          : s,
    );
    const r = imported({
      clusters: [
        onePool.clusters[0]!,
        { number: 2, fqdn: 'pool2.contoso.com' },
        sqlServer,
        { number: 8, fqdn: 'sql2.contoso.com' },
      ],
      sqlInstances: [{ cluster: 9 }, { cluster: 8 }],
      services,
    });
    expect(linksOf(r.topology, 'pairing')).toEqual(['pool1->pool2']);
    expect(r.warnings.some((w) => w.confirm && /pool pairing "pool1" ↔ "pool2"/.test(w.message))).toBe(true);
  });

  it('mirror and witness read from store dependencies that say so; other HA usages are kept verbatim in a warning', () => {
    const r = imported({
      clusters: [
        onePool.clusters[0]!,
        sqlServer,
        { number: 8, fqdn: 'sqlmirror.contoso.com' },
        { number: 7, fqdn: 'witness.contoso.com' },
      ],
      sqlInstances: [{ cluster: 9 }, { cluster: 8 }, { cluster: 7 }],
      services: [
        ...enterprisePool({ cluster: 1, sqlCluster: 9 }).map((s) =>
          s.role === 'UserStore'
            ? {
                ...s,
                deps: [
                  { role: 'UserStore', instance: 2, usage: 'Mirror' },
                  { role: 'UserStore', instance: 3, usage: 'MirrorWitness' },
                  { role: 'UserStore', instance: 2, usage: 'SomethingNew' },
                ],
              }
            : s,
        ),
        { role: 'UserStore', instance: 2, on: { sqlCluster: 8 } },
        { role: 'UserStore', instance: 3, on: { sqlCluster: 7 } },
      ],
    });
    expect(linksOf(r.topology, 'mirror')).toEqual(['sql1->sqlmirror']);
    expect(linksOf(r.topology, 'witness')).toEqual(['sql1->witness']);
    expect(
      messages(r).some((m) =>
        /HA data present but not modelled: UserStore depends on UserStore \("sqlmirror"\) with Usage="SomethingNew"/.test(m),
      ),
    ).toBe(true);
  });

  it('unknown markup on a SQL instance is reported verbatim, not dropped silently', () => {
    const r = imported({
      ...onePool,
      sqlInstances: [{ cluster: 9, attrs: { MirrorFqdn: 'sqlb.contoso.com' }, inner: '<Witness Fqdn="w.contoso.com" />' }],
    });
    const w = r.warnings.find((x) => /HA data present but not modelled/.test(x.message));
    expect(w?.confirm).toBe(true);
    expect(w?.message).toContain('@MirrorFqdn=\\"sqlb.contoso.com\\"');
    expect(w?.message).toContain('<Witness Fqdn=\\"w.contoso.com\\">');
  });
});

describe('what the format cannot hold, and odd input', () => {
  it('a PSTN gateway becomes a gateway peer to confirm; trusted application pools and other roles are warnings that say where', () => {
    const r = imported({
      clusters: [...onePool.clusters, { number: 6, fqdn: 'gw.contoso.com' }, { number: 7, fqdn: 'app.contoso.com' }],
      sqlInstances: [...onePool.sqlInstances!, { cluster: 9, name: 'pchat' }],
      services: [
        ...onePool.services,
        { role: 'PstnGateway', on: { cluster: 6 }, deps: [{ role: 'Registrar', instance: 1 }] },
        { role: 'ExternalServer', on: { cluster: 7 } },
        { role: 'PersistentChatStore', on: { sqlCluster: 9, name: 'pchat' } },
      ],
    });
    const all = messages(r);
    expect(ofKind(r.topology, 'gatewayPeer')).toEqual([
      expect.objectContaining({ id: 'gw', fqdn: 'gw.contoso.com', peerType: 'pstnGateway' }),
    ]);
    expect(all.some((m) => m.startsWith('[confirm]') && /gateway peer "gw".*type PSTN gateway/.test(m))).toBe(true);
    expect(all.some((m) => /service role "ExternalServer" on "app\.contoso\.com" is not modelled/.test(m))).toBe(true);
    expect(all.some((m) => /database role "PersistentChatStore" is not modelled/.test(m))).toBe(true);
  });

  it('placeholder FQDNs ($Variable) become valid names, with a warning; NetBIOS names are kept', () => {
    const r = imported({
      clusters: [
        { number: 1, fqdn: '$SkypeFQDN' },
        { number: 9, fqdn: 'SQLBOX' },
      ],
      sqlInstances: [{ cluster: 9 }],
      services: [
        ...enterprisePool({ cluster: 1, sqlCluster: 9 }),
        { role: 'FileStore', on: { cluster: 1 }, inner: `<FileStoreService xmlns="${ROLES_NS}" ShareName="$CSShareName" />` },
      ],
    });
    expect(ofKind(r.topology, 'frontEndPool')[0]!.fqdn).toBe('SkypeFQDN');
    expect(ofKind(r.topology, 'sqlStore')[0]!.fqdn).toBe('SQLBOX');
    expect(ofKind(r.topology, 'fileStore')[0]!.share).toBe('$CSShareName');
    const all = messages(r);
    // One template warning names every placeholder once.
    const template = all.filter((m) => /script template/.test(m));
    expect(template).toHaveLength(1);
    expect(template[0]).toContain('"$SkypeFQDN"');
    expect(template[0]).toContain('"$CSShareName"');
    expect(all.filter((m) => m.includes('"$SkypeFQDN"'))).toHaveLength(1);
    expect(ofKind(r.topology, 'frontEndPool')[0]!.name).toBe('SkypeFQDN');
  });

  it('an invalid SQL instance name is cleaned, with a warning', () => {
    const r = imported({
      ...onePool,
      sqlInstances: [{ cluster: 9, name: 'bad name!' }],
      services: enterprisePool({ cluster: 1, sqlCluster: 9, sqlName: 'bad name!' }),
    });
    expect(ofKind(r.topology, 'sqlStore')[0]).toMatchObject({ id: 'sql1-badname', instance: 'badname' });
    expect(linksOf(r.topology, 'backEnd')).toEqual(['pool1->sql1-badname']);
  });

  it('hostile text stays data: quotes, $(...), backticks, <script>, ]]>, newlines, RTL marks, 10,000 characters', () => {
    const evil = `"'\`$(rm -rf /)\`<script>alert(1)</script>]]>\n\u202Eevil\u2028${'x'.repeat(10_000)}`;
    const r = imported({
      domain: evil,
      sites: [{ id: evil, name: evil }],
      clusters: [
        { site: evil, number: 1, fqdn: evil },
        { site: evil, number: 9, fqdn: 'sql1.contoso.com' },
      ],
      sqlInstances: [{ site: evil, cluster: 9 }],
      services: [
        ...enterprisePool({ site: evil, cluster: 1, sqlCluster: 9 }),
        {
          site: evil,
          role: 'FileStore',
          on: { site: evil, cluster: 1 },
          inner: `<FileStoreService xmlns="${ROLES_NS}" ShareName="${evil.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}" />`,
        },
        { site: evil, role: evil, on: { site: evil, cluster: 1 } },
      ],
    });
    const [site] = r.topology.sites;
    expect(site!.name).toBe(evil.slice(0, 200));
    expect(site!.id).toMatch(/^[a-z0-9_.-]{1,64}$/);
    expect(r.topology.name.length).toBeLessThanOrEqual(200);
    const share = ofKind(r.topology, 'fileStore')[0]!.share;
    // XML attribute-value normalisation turns the literal newline into a space.
    expect(share).toBe(evil.replace('\n', ' ').slice(0, 256));
    for (const w of r.warnings) {
      expect(`${w.where ?? ''} ${w.message}`).not.toMatch(/[\n\r\u2028\u2029]/);
      expect(w.message.length).toBeLessThan(2_000);
    }
    expect(messages(r).some((m) => /is not modelled/.test(m))).toBe(true);
  });

  it('a document with no site, cluster or service is an empty design with a warning', () => {
    const r = imported(`<Topology xmlns="${TOPOLOGY_NS}" />`);
    expect(r.topology.sites).toEqual([]);
    expect(r.topology.nodes).toEqual([]);
    expect(messages(r).some((m) => /no site/.test(m))).toBe(true);
  });

  it('references to things the document does not define are warnings, not crashes', () => {
    const r = imported({
      clusters: [onePool.clusters[0]!, { site: 5, number: 3, fqdn: 'lost.contoso.com' }],
      services: [
        { role: 'UserServices', instance: 1, on: { cluster: 1 }, deps: [{ role: 'UserStore', instance: 42 }] },
        {
          role: 'Registrar',
          instance: 1,
          on: { cluster: 1 },
          inner: `<RegistrarService xmlns="${ROLES_NS}" IsDirector="false" />`,
        },
        { role: 'WebServices', instance: 2, on: { cluster: 77 } },
        { role: 'EdgeServer', instance: 3, on: { site: 5, cluster: 3 } },
      ],
    });
    const all = messages(r);
    expect(all.some((m) => /depends on a service the document does not define/.test(m))).toBe(true);
    expect(all.some((m) => /installed on a cluster the document does not define/.test(m))).toBe(true);
    expect(all.some((m) => /site "5" is used by a cluster but not defined/.test(m))).toBe(true);
    expect(ofKind(r.topology, 'edgePool')).toHaveLength(1);
  });

  it('keeps at most MAX_WARNINGS warnings and says how many were left out', () => {
    const services: KitService[] = Array.from({ length: 800 }, (_, i) => ({
      role: `Custom${i}`,
      instance: i,
      on: { cluster: 1 },
    }));
    const r = imported({ clusters: [{ number: 1, fqdn: 'x.contoso.com' }], services });
    expect(r.warnings).toHaveLength(MAX_WARNINGS + 1);
    expect(r.warnings.at(-1)!.message).toMatch(/^\d+ more warnings were left out$/);
  });

  it('namespaces are resolved per element: prefixes work, a foreign namespace is not Topology markup', () => {
    const prefixed = `<t:Topology xmlns:t="${TOPOLOGY_NS}" xmlns:r="${ROLES_NS}">
  <t:Sites><t:CentralSite SiteId="1"><t:Name>P</t:Name></t:CentralSite></t:Sites>
  <t:Clusters>
    <t:Cluster Fqdn="edge.contoso.com"><t:ClusterId SiteId="1" Number="1"/><t:Machine Fqdn="e1.contoso.com"/><t:Machine Fqdn="e2.contoso.com"/></t:Cluster>
    <x:Cluster xmlns:x="urn:not-topology" Fqdn="ghost.contoso.com"><x:ClusterId SiteId="1" Number="2"/></x:Cluster>
  </t:Clusters>
  <t:Services>
    <t:Service ServiceVersion="8"><t:ServiceId SiteId="1" RoleName="EdgeServer" Instance="1"/><t:InstalledOn><t:ClusterId SiteId="1" Number="1"/></t:InstalledOn>
      <r:Ports><r:Port Owner="urn:component:AccessEdge" Usage="SipServer" InterfaceSide="External" Port="5061"/></r:Ports></t:Service>
    <t:Service ServiceVersion="8"><t:ServiceId SiteId="1" RoleName="EdgeServer" Instance="2"/><t:InstalledOn><t:ClusterId SiteId="1" Number="2"/></t:InstalledOn></t:Service>
  </t:Services>
</t:Topology>`;
    const r = imported(prefixed);
    expect(r.topology.sites.map((s) => s.name)).toEqual(['P']);
    expect(ofKind(r.topology, 'edgePool')).toEqual([
      expect.objectContaining({ id: 'edge', servers: 2, productVersion: '2019', federation: true, xmpp: false }),
    ]);
  });
});

describe('document shapes', () => {
  it('refuses a root that is not a topology, or one in the wrong namespace, naming what it found', () => {
    const cases: [string, RegExp][] = [
      ['<html><body/></html>', /root element is <html>/],
      ['<Topology xmlns="urn:something-else"/>', /namespace "urn:something-else"/],
      ['<Topology/>', /namespace ""/],
      [
        '<TopologyBuilder xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008"><OldTopology/></TopologyBuilder>',
        /no <NewTopology>\/<PartialTopology>/,
      ],
    ];
    for (const [xml, message] of cases) {
      const r = importTopologyXml(xml);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.tag).toBe('notTopologyBuilder');
      expect(!r.ok && r.error.message).toMatch(message);
    }
  });

  it('reads a .tbxml with GUID references, a branch site in RemoteSites and IsPublished="true"', () => {
    const W = 'urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008';
    const tbxml = `<?xml version="1.0" encoding="utf-8"?>
<TopologyBuilder xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008"><NewTopology>
 <PartialTopology IsPublished="true" xmlns="${W}">
  <CentralSites><CentralSite SiteId="1"><Name xmlns="${TOPOLOGY_NS}">Hub</Name>
   <Clusters>
    <Cluster UniqueId="AAAA0000-0000-0000-0000-000000000001" Fqdn="se.contoso.com" IsSingleMachineOnly="true"><Machines><Machine /></Machines>
     <SqlInstances><SqlInstance UniqueId="BBBB0000-0000-0000-0000-000000000001" Name="rtc" /></SqlInstances></Cluster>
   </Clusters>
   <RemoteSites><RemoteSite SiteId="2"><Name xmlns="${TOPOLOGY_NS}">Shop</Name></RemoteSite></RemoteSites>
  </CentralSite></CentralSites>
  <Services>
   <Service UniqueId="cccc0000-0000-0000-0000-000000000001" RoleName="UserServices" InstalledOn="aaaa0000-0000-0000-0000-000000000001" ServiceVersion="8"><DependsOn><Dependency ServiceUniqueId="cccc0000-0000-0000-0000-000000000003" Usage="Default" /></DependsOn></Service>
   <Service UniqueId="cccc0000-0000-0000-0000-000000000002" RoleName="Registrar" InstalledOn="aaaa0000-0000-0000-0000-000000000001" ServiceVersion="8"><RegistrarService IsDirector="false" xmlns="${ROLES_NS}" /></Service>
   <Service UniqueId="cccc0000-0000-0000-0000-000000000003" RoleName="UserStore" InstalledOn="bbbb0000-0000-0000-0000-000000000001" ServiceVersion="8" />
   <Service UniqueId="cccc0000-0000-0000-0000-000000000004" RoleName="CentralMgmt" InstalledOn="aaaa0000-0000-0000-0000-000000000001" ServiceVersion="8"><CentralMgmtService IsActive="true" xmlns="${ROLES_NS}" /></Service>
  </Services>
 </PartialTopology>
</NewTopology></TopologyBuilder>`;
    const r = imported(tbxml);
    expect(r.topology.sites.map((s) => [s.name, s.kind])).toEqual([
      ['Hub', 'central'],
      ['Shop', 'branch'],
    ]);
    expect(ofKind(r.topology, 'standardEditionServer')).toEqual([
      expect.objectContaining({ id: 'se', fqdn: 'se.contoso.com', productVersion: '2019', os: 'WS2019' }),
    ]);
    expect(r.topology.deployment.cmsHost).toBe('se');
    expect(r.topology.description).toMatch(/Topology Builder file/);
    expect(r.topology.description).not.toMatch(/not published/);
  });
});

describe('repeated keys', () => {
  it('a second cluster, SQL instance or service with the same key is skipped with a warning', () => {
    const xml = publishedXml(onePool);
    const cluster = /<Cluster [\s\S]*?<\/Cluster>/.exec(xml)![0];
    const instance = /<SqlInstance>[\s\S]*?<\/SqlInstance>/.exec(xml)![0];
    const service = /<Service [\s\S]*?<\/Service>/.exec(xml)![0];
    const doubled = xml
      .replace(cluster, cluster + cluster.replace('pool1.contoso.com', 'other.contoso.com'))
      .replace(instance, instance + instance)
      .replace(service, service + service);
    const r = imported(doubled);
    expect(r.topology.nodes.map((n) => n.id)).toEqual(imported(onePool).topology.nodes.map((n) => n.id));
    const all = messages(r);
    expect(all.some((m) => /a second cluster with the key/.test(m))).toBe(true);
    expect(all.some((m) => /a second SQL instance with the same key/.test(m))).toBe(true);
    expect(all.some((m) => /a second service with the same key/.test(m))).toBe(true);
  });
});
