/**
 * Reference migrations: a current (as-is) design and a target (Subscription Edition)
 * design each, as one-click starts for the Migration tab, the `topo migrate` examples and
 * the tests. A node the target keeps has the same id in both designs; new pools have new
 * ids and new FQDNs (a pool cannot be renamed, and side-by-side migration needs new pools).
 */
import { defaultLink, defaultNode } from '../defaults';
import { gridLayout } from '../grid-layout';
import type { Link, Topology, TopologyNode } from '../schema';
import { pair2015Mirroring, pairStandardEdition, wanLink } from './index';

export interface ReferenceMigration {
  id: string;
  title: string;
  summary: string;
  current(): Topology;
  target(): Topology;
  /** The reference design file of the current design, and the file the target is written to (app/model/samples/<name>.json). */
  currentFile: string;
  targetFile: string;
}

/**
 * Fabrikam's 2015 estate (paired pools on SQL mirroring, `pair2015Mirroring`) side by side
 * to Subscription Edition with AlwaysOn. Built from that design: its sites (and WAN links),
 * file stores, Office Online Server farms and reverse proxies are the same objects, so the
 * two ends of the reference migration cannot drift apart; only the new pools are written here.
 */
export function fabrikamSubscriptionEdition(): Topology {
  const today = pair2015Mirroring();
  const kept = new Map(
    today.nodes
      .filter((n) => n.kind === 'fileStore' || n.kind === 'officeOnlineServer' || n.kind === 'reverseProxy')
      .map((n) => [n.id, n]),
  );
  const doc: Topology = {
    ...today,
    name: 'Fabrikam Subscription Edition: paired pools with AlwaysOn',
    description:
      "The target of Fabrikam's side-by-side migration: new Subscription Edition pools in New York and Chicago with new FQDNs, each with an AlwaysOn availability group on SQL Server 2019 Enterprise, paired with each other; new Edge pools (federation in New York); the file stores, Office Online Server farms and reverse proxies stay.",
    layout: undefined,
  };
  const nodes: TopologyNode[] = [];
  const links: Link[] = [];
  let n = 0;
  const link = (kind: Link['kind'], from: string, to: string, extra: Record<string, unknown> = {}): Link =>
    ({ ...defaultLink(kind, `t${++n}`, from, to), ...extra }) as Link;
  for (const [s, site] of [
    ['ny', 'nyc'],
    ['ch', 'chi'],
  ] as const) {
    const pool = `sepool-${s}`;
    const sql = `sqlag-${s}`;
    nodes.push(
      {
        ...defaultNode('frontEndPool', {
          id: pool,
          siteId: site,
          name: `Pool ${s.toUpperCase()} (Subscription Edition)`,
          fqdn: `sepool-${s}.fabrikam.com`,
          domain: 'fabrikam.com',
        }),
        productVersion: 'SE',
        os: 'WS2022',
        cumulativeUpdate: 'RTM',
        frontEndServers: 4,
        users: 8_000,
        sipLoadBalancing: 'dns',
        webLoadBalancing: 'hlb',
        internalWebFqdn: `sewebint-${s}.fabrikam.com`,
      },
      {
        ...defaultNode('sqlStore', {
          id: sql,
          siteId: site,
          name: `Back End ${s.toUpperCase()} (AlwaysOn)`,
          fqdn: `sqlag-${s}.fabrikam.com`,
          domain: 'fabrikam.com',
        }),
        sqlVersion: '2019',
        sqlUpdateLevel: 'CU22',
        ag: {
          listenerFqdn: `sqlag-${s}.fabrikam.com`,
          listenerPort: 1433,
          replicas: [1, 2].map((i) => ({
            fqdn: `sql-${s}${i}.fabrikam.com`,
            siteId: site,
            commitMode: 'synchronous' as const,
            failoverMode: 'automatic' as const,
            readable: false,
          })),
        },
      },
      {
        ...defaultNode('edgePool', {
          id: `seedge-${s}`,
          siteId: site,
          name: `Edge ${s.toUpperCase()} (Subscription Edition)`,
          fqdn: `seedge-${s}.fabrikam.com`,
        }),
        productVersion: 'SE',
        os: 'WS2022',
        cumulativeUpdate: 'RTM',
        internalLoadBalancing: 'hlb',
        externalLoadBalancing: 'hlb',
        federation: s === 'ny',
        concurrentRemoteUsers: 3_000,
      },
      ...[`fs-${s}`, `oos-${s}`, `rp-${s}`].map((id) => kept.get(id)!),
    );
    links.push(
      link('backEnd', pool, sql),
      link('nextHop', `seedge-${s}`, pool),
      link('mediaEdge', pool, `seedge-${s}`),
      link('fileStore', pool, `fs-${s}`),
      link('officeOnline', pool, `oos-${s}`),
    );
  }
  links.push(link('pairing', 'sepool-ny', 'sepool-ch', { voiceFailover: true }));
  doc.nodes = nodes;
  doc.links = links;
  // The WAN between the two data centers stays as it is.
  doc.siteLinks = [wanLink('nyc', 'chi', true, true, true)];
  doc.deployment = { cmsHost: 'sepool-ny', mode: 'greenfield' };
  return { ...doc, layout: gridLayout(doc) };
}

/** Northwind's two 2019 Standard Edition servers and Edge, upgraded in place to Subscription Edition. */
export function northwindSubscriptionEdition(): Topology {
  const doc = pairStandardEdition();
  const nodes = doc.nodes.map((n): TopologyNode => {
    if (n.kind === 'standardEditionServer')
      return { ...n, productVersion: 'SE', cumulativeUpdate: 'RTM', name: n.name.replace(/^SE /, 'Standard Edition ') };
    if (n.kind === 'edgePool') return { ...n, productVersion: 'SE', cumulativeUpdate: 'RTM' };
    return n;
  });
  return {
    ...doc,
    name: 'Northwind Subscription Edition: paired Standard Edition servers',
    description:
      'The same two Standard Edition servers and Edge server, upgraded in place from Skype for Business Server 2019 to Subscription Edition; same FQDNs, same pairing.',
    nodes,
  };
}

export const REFERENCE_MIGRATIONS: readonly ReferenceMigration[] = [
  {
    id: 'fabrikam-2015-to-subscription-edition',
    title: '2015 mirrored pair → Subscription Edition (side by side)',
    summary:
      'Paired 2015 pools on SQL mirroring in two data centers, migrated side by side to paired Subscription Edition pools with AlwaysOn.',
    current: pair2015Mirroring,
    target: fabrikamSubscriptionEdition,
    currentFile: 'pair-2015-mirror',
    targetFile: 'fabrikam-subscription-edition',
  },
  {
    id: 'northwind-2019-to-subscription-edition',
    title: '2019 Standard Edition pair → Subscription Edition (in place)',
    summary: 'Two paired 2019 Standard Edition servers and an Edge server, upgraded in place to Subscription Edition.',
    current: pairStandardEdition,
    target: northwindSubscriptionEdition,
    currentFile: 'pair-se',
    targetFile: 'northwind-subscription-edition',
  },
];

export function referenceMigration(id: string): ReferenceMigration | undefined {
  return REFERENCE_MIGRATIONS.find((m) => m.id === id);
}
