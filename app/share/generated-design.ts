/**
 * A generated multi-site design for the link-size benchmark and tests: N central sites
 * (pairs of data centers in one region), each with a Front End pool paired with the
 * other site of its pair, an AlwaysOn Back End, an Edge pool, a file store and an Office
 * Online farm; a Monitoring store in the first site. Names follow real naming habits
 * (site codes, numbered servers, a corp. subdomain) rather than the designer's
 * defaults, so the benchmark does not flatter the codec's predictions.
 */
import { defaultLink, defaultNode, defaultSite, emptyTopology, standaloneSqlStore } from '../model/defaults';
import { gridLayout } from '../model/grid-layout';
import type { Link, Topology, TopologyNode } from '../model/schema';

const CITIES: readonly [code: string, city: string, region: string][] = [
  ['ams', 'Amsterdam', 'EU'],
  ['fra', 'Frankfurt', 'EU'],
  ['lon', 'London', 'EU'],
  ['dub', 'Dublin', 'EU'],
  ['nyc', 'New York', 'NA'],
  ['chi', 'Chicago', 'NA'],
  ['sea', 'Seattle', 'NA'],
  ['dal', 'Dallas', 'NA'],
  ['sin', 'Singapore', 'APAC'],
  ['syd', 'Sydney', 'APAC'],
  ['tok', 'Tokyo', 'APAC'],
  ['hkg', 'Hong Kong', 'APAC'],
];

export function generatedDesign(siteCount = 10, domain = 'corp.woodgrovebank.com'): Topology {
  const doc = emptyTopology(`Woodgrove Bank: ${siteCount} data centers`);
  doc.description = `${siteCount} data centers in ${Math.ceil(siteCount / 2)} pairs. Each data center runs an Enterprise pool paired with its twin for disaster recovery, an AlwaysOn availability group for the Back End, an Edge pool, a DFS file share and an Office Online Server farm.`;
  const nodes: TopologyNode[] = [];
  const links: Link[] = [];
  let seq = 0;
  const link = (kind: Link['kind'], from: string, to: string, extra: Record<string, unknown> = {}) =>
    links.push({ ...defaultLink(kind, `l${++seq}`, from, to), ...extra } as Link);
  for (let i = 0; i < siteCount; i++) {
    const [code, city, region] = CITIES[i % CITIES.length]!;
    const site = i < CITIES.length ? code : `${code}${Math.floor(i / CITIES.length) + 1}`;
    const S = site.toUpperCase();
    doc.sites.push({ ...defaultSite(site, city, 'central', region), datacenter: `${S}-DC${(i % 2) + 1}` });
    const pool = `${site}-fe`;
    const sql = `${site}-be`;
    nodes.push(
      {
        ...defaultNode('frontEndPool', {
          id: pool,
          siteId: site,
          name: `${city} FE pool`,
          fqdn: `sfbpool-${site}.${domain}`,
          domain,
        }),
        frontEndServers: 4 + (i % 4),
        users: 6_000 + 1_500 * (i % 5),
        sipLoadBalancing: i % 3 === 0 ? 'hlb' : 'dns',
        cumulativeUpdate: 'CU8',
      },
      {
        ...defaultNode('sqlStore', {
          id: sql,
          siteId: site,
          name: `${city} Back End AG`,
          fqdn: `sqlag-${site}.${domain}`,
          domain,
        }),
        sqlVersion: '2019',
        sqlUpdateLevel: 'CU18',
        ag: {
          listenerFqdn: `sqlag-${site}.${domain}`,
          listenerPort: 1433,
          replicas: [1, 2].map((n) => ({
            fqdn: `${site}-sql0${n}.${domain}`,
            siteId: site,
            commitMode: 'synchronous' as const,
            failoverMode: 'automatic' as const,
            readable: n === 2,
          })),
        },
      },
      {
        ...defaultNode('edgePool', { id: `${site}-edge`, siteId: site, name: `${city} Edge`, fqdn: `sfbedge-${site}.${domain}` }),
        servers: 2 + (i % 2),
        internalLoadBalancing: 'hlb',
        externalLoadBalancing: 'hlb',
        federation: i === 0,
        concurrentRemoteUsers: 2_000 + 500 * (i % 3),
      },
      {
        ...defaultNode('fileStore', { id: `${site}-fs`, siteId: site, name: `${city} file share`, fqdn: `fs-${site}.${domain}` }),
        share: `SfBShare${S}`,
        storage: 'dfs',
      },
      {
        ...defaultNode('officeOnlineServer', {
          id: `${site}-oos`,
          siteId: site,
          name: `${city} Office Online`,
          fqdn: `oos-${site}.${domain}`,
        }),
        servers: 2 + (i % 2),
      },
    );
    link('backEnd', pool, sql);
    link('nextHop', `${site}-edge`, pool);
    link('mediaEdge', pool, `${site}-edge`);
    link('fileStore', pool, `${site}-fs`);
    link('officeOnline', pool, `${site}-oos`);
    if (i % 2 === 1) {
      const twin = nodes.find((n) => n.kind === 'frontEndPool' && n.siteId === doc.sites[i - 1]!.id)!;
      link('pairing', twin.id, pool, { voiceFailover: true, voiceFailoverSeconds: 120 });
    }
  }
  if (siteCount > 0) {
    const first = doc.sites[0]!.id;
    nodes.push(
      standaloneSqlStore({ id: 'mon-sql', siteId: first, name: 'Monitoring and Archiving', fqdn: `sqlmon01.${domain}`, domain }),
    );
    for (const n of nodes) if (n.kind === 'frontEndPool') link('store', n.id, 'mon-sql', { role: 'monitoring' });
  }
  doc.nodes = nodes;
  doc.links = links;
  doc.deployment = { cmsHost: nodes.find((n) => n.kind === 'frontEndPool')?.id ?? null, mode: 'greenfield' };
  return { ...doc, layout: gridLayout(doc) };
}
