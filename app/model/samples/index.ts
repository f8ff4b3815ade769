/**
 * Reference designs: what a new user sees first, and what tests and benchmarks use.
 * Each is a valid document; (a)–(c) give no error findings.
 */
import { defaultLink, defaultNode, defaultSite, emptyTopology, standaloneSqlStore } from '../defaults';
import { gridLayout } from '../grid-layout';
import type { Link, SiteLink, Topology, TopologyNode } from '../schema';

export interface ReferenceDesign {
  id: string;
  title: string;
  summary: string;
  build(): Topology;
}

function finish(doc: Topology): Topology {
  return { ...doc, layout: gridLayout(doc) };
}

let linkSeq = 0;
function link(kind: Link['kind'], from: string, to: string, extra: Record<string, unknown> = {}): Link {
  linkSeq += 1;
  return { ...defaultLink(kind, `l${linkSeq}`, from, to), ...extra } as Link;
}
function resetLinks() {
  linkSeq = 0;
}
/** The WAN between two sites, as the architect states it: fast (bandwidth, latency), secured, resilient (a second path). */
export function wanLink(from: string, to: string, fast: boolean, secured: boolean, resilient: boolean): SiteLink {
  return { id: `wan-${from}-${to}`, from, to, fast, secured, resilient };
}

/** (a) Skype for Business Server 2019, two data centers, paired Enterprise pools, AlwaysOn AG. */
export function pair2019AlwaysOn(): Topology {
  resetLinks();
  const doc = emptyTopology('Contoso 2019: paired pools with AlwaysOn');
  doc.description =
    'Two data centers in one region. Paired Enterprise Edition pools of six Front End servers, each with an AlwaysOn availability group on SQL Server 2019 Enterprise, Edge pools of two behind hardware load balancers, the Central Management store on the paired pool in Amsterdam.';
  doc.sites = [defaultSite('dc1', 'Amsterdam', 'central', 'EU'), defaultSite('dc2', 'Dublin', 'central', 'EU')];
  const nodes: TopologyNode[] = [];
  const links: Link[] = [];
  for (const [i, site] of [
    [1, 'dc1'],
    [2, 'dc2'],
  ] as const) {
    const s = i === 1 ? 'a' : 'b';
    nodes.push(
      {
        ...defaultNode('frontEndPool', {
          id: `pool-${s}`,
          siteId: site,
          name: `Pool ${s.toUpperCase()}`,
          fqdn: `pool-${s}.contoso.com`,
          domain: 'contoso.com',
        }),
        frontEndServers: 6,
        users: 15_000,
        sipLoadBalancing: 'hlb',
        webLoadBalancing: 'hlb',
        cumulativeUpdate: 'CU8',
        mediationCollocated: true,
      },
      {
        ...defaultNode('sqlStore', {
          id: `sql-${s}`,
          siteId: site,
          name: `Back End ${s.toUpperCase()}`,
          fqdn: `sqlag-${s}.contoso.com`,
          domain: 'contoso.com',
        }),
        sqlUpdateLevel: 'CU22',
        ag: {
          listenerFqdn: `sqlag-${s}.contoso.com`,
          listenerPort: 1433,
          replicas: [1, 2].map((n) => ({
            fqdn: `sql-${s}${n}.contoso.com`,
            siteId: site,
            commitMode: 'synchronous' as const,
            failoverMode: 'automatic' as const,
            readable: false,
          })),
        },
      },
      {
        ...defaultNode('edgePool', {
          id: `edge-${s}`,
          siteId: site,
          name: `Edge ${s.toUpperCase()}`,
          fqdn: `edge-${s}.contoso.com`,
        }),
        internalLoadBalancing: 'hlb',
        externalLoadBalancing: 'hlb',
        federation: i === 1,
        concurrentRemoteUsers: 6_000,
      },
      {
        ...defaultNode('fileStore', {
          id: `fs-${s}`,
          siteId: site,
          name: `File store ${s.toUpperCase()}`,
          fqdn: `fs-${s}.contoso.com`,
        }),
        backupIntervalHours: 4,
      },
      defaultNode('officeOnlineServer', {
        id: `oos-${s}`,
        siteId: site,
        name: `Office Online ${s.toUpperCase()}`,
        fqdn: `oos-${s}.contoso.com`,
      }),
      defaultNode('reverseProxy', {
        id: `rp-${s}`,
        siteId: site,
        name: `Reverse proxy ${s.toUpperCase()}`,
        fqdn: `rp-${s}.contoso.com`,
      }),
    );
    links.push(
      link('backEnd', `pool-${s}`, `sql-${s}`),
      link('nextHop', `edge-${s}`, `pool-${s}`),
      link('mediaEdge', `pool-${s}`, `edge-${s}`),
      link('fileStore', `pool-${s}`, `fs-${s}`),
      link('officeOnline', `pool-${s}`, `oos-${s}`),
    );
  }
  links.push(link('pairing', 'pool-a', 'pool-b', { voiceFailover: true }));
  doc.nodes = nodes;
  doc.links = links;
  // Two data centers in one region over redundant, encrypted dark fibre.
  doc.siteLinks = [wanLink('dc1', 'dc2', true, true, true)];
  doc.deployment = { cmsHost: 'pool-a', mode: 'greenfield' };
  return finish(doc);
}

/** (b) Skype for Business Server 2015, SQL mirroring with a witness, paired pools. */
export function pair2015Mirroring(): Topology {
  resetLinks();
  const doc = emptyTopology('Fabrikam 2015: paired pools with SQL mirroring');
  doc.description =
    'Skype for Business Server 2015 in two data centers. Each pool has a mirrored Back End (synchronous) with a witness, so the Back End fails over automatically; the pools are paired for disaster recovery.';
  doc.sites = [defaultSite('nyc', 'New York', 'central', 'NA'), defaultSite('chi', 'Chicago', 'central', 'NA')];
  const nodes: TopologyNode[] = [];
  const links: Link[] = [];
  for (const [s, site] of [
    ['ny', 'nyc'],
    ['ch', 'chi'],
  ] as const) {
    const sql = (id: string, name: string, haMode: 'mirroring' | 'none') => ({
      ...standaloneSqlStore({ id, siteId: site, name, fqdn: `${id}.fabrikam.com`, domain: 'fabrikam.com' }),
      sqlVersion: '2016' as const,
      sqlUpdateLevel: 'SP2',
      haMode,
    });
    nodes.push(
      {
        ...defaultNode('frontEndPool', {
          id: `pool-${s}`,
          siteId: site,
          name: `Pool ${s.toUpperCase()}`,
          fqdn: `pool-${s}.fabrikam.com`,
          domain: 'fabrikam.com',
        }),
        productVersion: '2015',
        os: 'WS2016',
        cumulativeUpdate: 'CU12',
        frontEndServers: 4,
        users: 8_000,
        sipLoadBalancing: 'dns',
        webLoadBalancing: 'hlb',
        internalWebFqdn: `webint-${s}.fabrikam.com`,
      },
      sql(`sql-${s}`, `Back End ${s.toUpperCase()} (principal)`, 'mirroring'),
      sql(`sql-${s}-m`, `Back End ${s.toUpperCase()} (mirror)`, 'none'),
      sql(`sql-${s}-w`, `Witness ${s.toUpperCase()}`, 'none'),
      {
        ...defaultNode('edgePool', {
          id: `edge-${s}`,
          siteId: site,
          name: `Edge ${s.toUpperCase()}`,
          fqdn: `edge-${s}.fabrikam.com`,
        }),
        productVersion: '2015',
        internalLoadBalancing: 'hlb',
        externalLoadBalancing: 'hlb',
        federation: s === 'ny',
        concurrentRemoteUsers: 3_000,
      },
      {
        ...defaultNode('fileStore', {
          id: `fs-${s}`,
          siteId: site,
          name: `File store ${s.toUpperCase()}`,
          fqdn: `fs-${s}.fabrikam.com`,
        }),
        storage: 'cluster',
      },
      defaultNode('officeOnlineServer', {
        id: `oos-${s}`,
        siteId: site,
        name: `Office Online ${s.toUpperCase()}`,
        fqdn: `oos-${s}.fabrikam.com`,
      }),
      defaultNode('reverseProxy', {
        id: `rp-${s}`,
        siteId: site,
        name: `Reverse proxy ${s.toUpperCase()}`,
        fqdn: `rp-${s}.fabrikam.com`,
      }),
    );
    links.push(
      link('backEnd', `pool-${s}`, `sql-${s}`),
      link('mirror', `sql-${s}`, `sql-${s}-m`, { synchronous: true }),
      link('witness', `sql-${s}`, `sql-${s}-w`),
      link('nextHop', `edge-${s}`, `pool-${s}`),
      link('mediaEdge', `pool-${s}`, `edge-${s}`),
      link('fileStore', `pool-${s}`, `fs-${s}`),
      link('officeOnline', `pool-${s}`, `oos-${s}`),
    );
  }
  links.push(link('pairing', 'pool-ny', 'pool-ch', { voiceFailover: true }));
  doc.nodes = nodes;
  doc.links = links;
  // A redundant MPLS service between the two data centers, encrypted at the edge.
  doc.siteLinks = [wanLink('nyc', 'chi', true, true, true)];
  doc.deployment = { cmsHost: 'pool-ny', mode: 'greenfield' };
  return finish(doc);
}

/** (c) A pair of Standard Edition servers. */
export function pairStandardEdition(): Topology {
  resetLinks();
  const doc = emptyTopology('Northwind: paired Standard Edition servers');
  doc.description =
    "A small deployment: two Skype for Business Server 2019 Standard Edition servers in two offices, paired so that either can take the other's users after a disaster.";
  doc.sites = [defaultSite('hq', 'Seattle HQ', 'central', 'NA'), defaultSite('dr', 'Portland', 'central', 'NA')];
  doc.nodes = [
    {
      ...defaultNode('standardEditionServer', { id: 'se-hq', siteId: 'hq', name: 'SE Seattle', fqdn: 'se-hq.northwind.com' }),
      users: 1_500,
      cumulativeUpdate: 'CU8',
    },
    {
      ...defaultNode('standardEditionServer', { id: 'se-dr', siteId: 'dr', name: 'SE Portland', fqdn: 'se-dr.northwind.com' }),
      users: 800,
      cumulativeUpdate: 'CU8',
    },
    {
      ...defaultNode('edgePool', { id: 'edge-hq', siteId: 'hq', name: 'Edge Seattle', fqdn: 'edge-hq.northwind.com' }),
      servers: 2,
      internalLoadBalancing: 'hlb',
      externalLoadBalancing: 'hlb',
      federation: true,
      concurrentRemoteUsers: 500,
    },
    {
      ...defaultNode('fileStore', { id: 'fs-hq', siteId: 'hq', name: 'File share Seattle', fqdn: 'fs-hq.northwind.com' }),
      storage: 'dfs',
      backupIntervalHours: 4,
    },
    {
      ...defaultNode('fileStore', { id: 'fs-dr', siteId: 'dr', name: 'File share Portland', fqdn: 'fs-dr.northwind.com' }),
      storage: 'dfs',
      backupIntervalHours: 4,
    },
    {
      ...defaultNode('officeOnlineServer', { id: 'oos-hq', siteId: 'hq', name: 'Office Online', fqdn: 'oos-hq.northwind.com' }),
      servers: 1,
    },
    defaultNode('reverseProxy', { id: 'rp-hq', siteId: 'hq', name: 'Reverse proxy', fqdn: 'rp-hq.northwind.com' }),
  ];
  doc.links = [
    link('pairing', 'se-hq', 'se-dr', { voiceFailover: true }),
    link('nextHop', 'edge-hq', 'se-hq'),
    link('mediaEdge', 'se-hq', 'edge-hq'),
    link('mediaEdge', 'se-dr', 'edge-hq'),
    link('fileStore', 'se-hq', 'fs-hq'),
    link('fileStore', 'se-dr', 'fs-dr'),
    link('officeOnline', 'se-hq', 'oos-hq'),
    link('officeOnline', 'se-dr', 'oos-hq'),
  ];
  // Two IPsec tunnels over two internet providers: secured and resilient, but modest bandwidth.
  doc.siteLinks = [wanLink('hq', 'dr', false, true, true)];
  doc.deployment = { cmsHost: 'se-hq', mode: 'greenfield' };
  return finish(doc);
}

/** (d) A larger multi-site design: four data centers in two regions, branches, six pools. */
export function globalMultiSite(): Topology {
  resetLinks();
  const doc = emptyTopology('Tailspin global: four data centers, six pools');
  doc.description =
    'Three pool pairs across four data centers in North America and Europe, a Director pool in front of the Edge, survivable branch appliances in two branch offices, Monitoring on a dedicated store.';
  doc.sites = [
    defaultSite('na-east', 'Virginia', 'central', 'NA'),
    defaultSite('na-west', 'Oregon', 'central', 'NA'),
    defaultSite('eu-west', 'Dublin', 'central', 'EU'),
    defaultSite('eu-central', 'Frankfurt', 'central', 'EU'),
    { ...defaultSite('br-boston', 'Boston branch', 'branch', 'NA'), parentSiteId: 'na-east' },
    { ...defaultSite('br-lyon', 'Lyon branch', 'branch', 'EU'), parentSiteId: 'eu-west' },
  ];
  const nodes: TopologyNode[] = [];
  const links: Link[] = [];
  const pool = (id: string, siteId: string, users: number, servers: number) => {
    nodes.push({
      ...defaultNode('frontEndPool', { id, siteId, name: id.toUpperCase(), fqdn: `${id}.tailspin.com`, domain: 'tailspin.com' }),
      users,
      frontEndServers: servers,
      sipLoadBalancing: 'hlb',
      cumulativeUpdate: 'CU8',
    });
    const sql = `${id}-be`;
    nodes.push({
      ...defaultNode('sqlStore', {
        id: sql,
        siteId,
        name: `${id.toUpperCase()} Back End`,
        fqdn: `${sql}.tailspin.com`,
        domain: 'tailspin.com',
      }),
      sqlUpdateLevel: 'CU22',
    });
    links.push(link('backEnd', id, sql));
  };
  pool('na1', 'na-east', 20_000, 7);
  pool('na2', 'na-west', 20_000, 7);
  pool('na3', 'na-east', 10_000, 5);
  pool('na4', 'na-west', 10_000, 5);
  pool('eu1', 'eu-west', 15_000, 6);
  pool('eu2', 'eu-central', 15_000, 6);
  links.push(
    link('pairing', 'na1', 'na2', { voiceFailover: true }),
    link('pairing', 'na3', 'na4'),
    link('pairing', 'eu1', 'eu2', { voiceFailover: true }),
  );
  for (const [site, sfx, region] of [
    ['na-east', 'na', 'NA'],
    ['eu-west', 'eu', 'EU'],
  ] as const) {
    nodes.push({
      ...defaultNode('edgePool', { id: `edge-${sfx}`, siteId: site, name: `Edge ${region}`, fqdn: `edge-${sfx}.tailspin.com` }),
      servers: 3,
      internalLoadBalancing: 'hlb',
      externalLoadBalancing: 'hlb',
      federation: sfx === 'na',
      concurrentRemoteUsers: 30_000,
    });
    nodes.push({
      ...defaultNode('fileStore', {
        id: `fs-${sfx}`,
        siteId: site,
        name: `File store ${region}`,
        fqdn: `fs-${sfx}.tailspin.com`,
      }),
      storage: 'dfs',
      backupIntervalHours: 4,
    });
    nodes.push({
      ...defaultNode('officeOnlineServer', {
        id: `oos-${sfx}`,
        siteId: site,
        name: `Office Online ${region}`,
        fqdn: `oos-${sfx}.tailspin.com`,
      }),
      servers: 3,
    });
    nodes.push(
      defaultNode('reverseProxy', {
        id: `rp-${sfx}`,
        siteId: site,
        name: `Reverse proxy ${region}`,
        fqdn: `rp-${sfx}.tailspin.com`,
      }),
    );
  }
  nodes.push({
    ...defaultNode('directorPool', { id: 'dir-na', siteId: 'na-east', name: 'Director NA', fqdn: 'dir-na.tailspin.com' }),
    sipLoadBalancing: 'hlb',
  });
  for (const [site, sfx] of [
    ['na-west', 'naw'],
    ['eu-central', 'euc'],
  ] as const) {
    nodes.push({
      ...defaultNode('fileStore', {
        id: `fs-${sfx}`,
        siteId: site,
        name: `File store ${sfx.toUpperCase()}`,
        fqdn: `fs-${sfx}.tailspin.com`,
      }),
      storage: 'dfs',
      backupIntervalHours: 4,
    });
  }
  nodes.push(
    standaloneSqlStore({
      id: 'sql-mon',
      siteId: 'na-east',
      name: 'Monitoring store',
      fqdn: 'sql-mon.tailspin.com',
      domain: 'tailspin.com',
    }),
  );
  nodes.push({
    ...defaultNode('survivableBranch', { id: 'sba-bos', siteId: 'br-boston', name: 'SBA Boston', fqdn: 'sba-bos.tailspin.com' }),
    users: 300,
  });
  nodes.push({
    ...defaultNode('survivableBranch', { id: 'sba-lyo', siteId: 'br-lyon', name: 'SBA Lyon', fqdn: 'sba-lyo.tailspin.com' }),
    users: 150,
  });
  links.push(
    link('nextHop', 'edge-na', 'dir-na'),
    link('nextHop', 'edge-eu', 'eu1'),
    link('backupRegistrar', 'sba-bos', 'na1'),
    link('backupRegistrar', 'sba-lyo', 'eu1'),
    link('store', 'na1', 'sql-mon', { role: 'monitoring' }),
    link('store', 'na2', 'sql-mon', { role: 'monitoring' }),
  );
  for (const p of ['na1', 'na3'])
    links.push(link('mediaEdge', p, 'edge-na'), link('fileStore', p, 'fs-na'), link('officeOnline', p, 'oos-na'));
  for (const p of ['na2', 'na4'])
    links.push(link('mediaEdge', p, 'edge-na'), link('fileStore', p, 'fs-naw'), link('officeOnline', p, 'oos-na'));
  links.push(link('mediaEdge', 'eu1', 'edge-eu'), link('fileStore', 'eu1', 'fs-eu'), link('officeOnline', 'eu1', 'oos-eu'));
  links.push(link('mediaEdge', 'eu2', 'edge-eu'), link('fileStore', 'eu2', 'fs-euc'), link('officeOnline', 'eu2', 'oos-eu'));
  links.push(link('fileStore', 'dir-na', 'fs-na'));
  doc.nodes = nodes;
  doc.links = links;
  // Data centers of a region on redundant, encrypted fibre; the regions over a redundant,
  // encrypted transatlantic circuit (resilient, but its latency is not "fast"); each branch
  // over a single encrypted link, its Survivable Branch Appliance keeping phones registered
  // when that link fails.
  doc.siteLinks = [
    wanLink('na-east', 'na-west', true, true, true),
    wanLink('eu-west', 'eu-central', true, true, true),
    wanLink('na-east', 'eu-west', false, true, true),
    wanLink('br-boston', 'na-east', false, true, false),
    wanLink('br-lyon', 'eu-west', false, true, false),
  ];
  doc.deployment = { cmsHost: 'na1', mode: 'greenfield' };
  return finish(doc);
}

export const REFERENCE_DESIGNS: readonly ReferenceDesign[] = [
  {
    id: 'pair-2019-ag',
    title: '2019 paired pools, AlwaysOn',
    summary: 'Two data centers, paired Enterprise pools, AlwaysOn AG Back Ends, Edge pools with HLB.',
    build: pair2019AlwaysOn,
  },
  {
    id: 'pair-2015-mirror',
    title: '2015 paired pools, SQL mirroring',
    summary: 'Mirrored Back Ends with a witness, paired pools across two data centers.',
    build: pair2015Mirroring,
  },
  {
    id: 'pair-se',
    title: 'Paired Standard Edition servers',
    summary: 'A small site pair: two Standard Edition servers backing each other up.',
    build: pairStandardEdition,
  },
  {
    id: 'global',
    title: 'Global multi-site',
    summary: 'Four data centers, three pool pairs, Director, branches with SBAs.',
    build: globalMultiSite,
  },
];

export function referenceDesign(id: string): Topology | undefined {
  return REFERENCE_DESIGNS.find((d) => d.id === id)?.build();
}
