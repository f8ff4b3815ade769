/**
 * TEST SUPPORT: migration scenarios whose node matching is known by construction (a node
 * the target keeps has the same id), and a fast-check arbitrary of whole estates with
 * their Subscription Edition targets: side by side from 2015 or 2019, in place from
 * 2019, pools paired or not, mirrored or AlwaysOn Back Ends, Edge pools with federation,
 * branch appliances.
 */
import fc from 'fast-check';
import { defaultLink, defaultNode, defaultSite, emptyTopology, standaloneSqlStore } from '../model/defaults';
import type { Link, ProductVersion, Topology, TopologyNode } from '../model/schema';
import type { NodeMatching } from './transition-document';

/** Pairs every node of the current design with the target node of the same id and kind (the scenarios keep ids). */
export function sameIds(current: Topology, target: Topology): NodeMatching {
  const kinds = new Map(target.nodes.map((n) => [n.id, n.kind]));
  return { pairs: current.nodes.filter((n) => kinds.get(n.id) === n.kind).map((n) => [n.id, n.id] as const) };
}

export interface ScenarioShape {
  sites: number;
  from: '2015' | '2019';
  /** `inPlace` only from 2019: same ids and FQDNs, version Subscription Edition. */
  path: 'sideBySide' | 'inPlace';
  standardEdition: boolean;
  paired: boolean;
  mirrored: boolean;
  edge: boolean;
  branch: boolean;
  cmsSite: number;
  users: number[];
}

export const arbScenarioShape: fc.Arbitrary<ScenarioShape> = fc
  .record({
    sites: fc.integer({ min: 1, max: 3 }),
    from: fc.constantFrom('2015' as const, '2019' as const),
    path: fc.constantFrom('sideBySide' as const, 'inPlace' as const),
    standardEdition: fc.boolean(),
    paired: fc.boolean(),
    mirrored: fc.boolean(),
    edge: fc.boolean(),
    branch: fc.boolean(),
    cmsSite: fc.nat(2),
    users: fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 3, maxLength: 3 }),
  })
  .map((s) => ({
    ...s,
    path: s.from === '2015' ? 'sideBySide' : s.path,
    mirrored: s.mirrored && s.from === '2015' && !s.standardEdition,
    cmsSite: s.cmsSite % s.sites,
  }));

/** A current estate and its Subscription Edition target for a shape. */
export function scenario(shape: ScenarioShape): { current: Topology; target: Topology } {
  return { current: estate(shape, shape.from, false), target: estate(shape, 'SE', shape.path === 'sideBySide') };
}

function estate(shape: ScenarioShape, version: ProductVersion, fresh: boolean): Topology {
  const doc = emptyTopology(`${version} estate`);
  const nodes: TopologyNode[] = [];
  const links: Link[] = [];
  let n = 0;
  const link = (kind: Link['kind'], from: string, to: string, extra: Record<string, unknown> = {}) =>
    links.push({ ...defaultLink(kind, `${fresh ? 'n' : 'c'}l${++n}`, from, to), ...extra } as Link);
  const p = fresh ? 'se' : '';
  const os = version === '2015' ? 'WS2016' : 'WS2019';
  const pools: string[] = [];
  for (let i = 0; i < shape.sites; i++) {
    const site = `dc${i}`;
    doc.sites.push(defaultSite(site, `Site ${i}`, 'central', 'EU'));
    const pool = `${p}pool${i}`;
    pools.push(pool);
    const users = shape.users[i] ?? 1000;
    if (shape.standardEdition) {
      nodes.push({
        ...defaultNode('standardEditionServer', { id: pool, siteId: site, name: `Server ${i}`, fqdn: `${pool}.contoso.com` }),
        productVersion: version,
        os,
        users: Math.min(users, 2_500),
      });
    } else {
      nodes.push({
        ...defaultNode('frontEndPool', {
          id: pool,
          siteId: site,
          name: `Pool ${i}`,
          fqdn: `${pool}.contoso.com`,
          domain: 'contoso.com',
        }),
        productVersion: version,
        os,
        users,
        frontEndServers: 4,
      });
      const be = `${p}be${i}`;
      if (shape.mirrored && !fresh) {
        nodes.push({
          ...standaloneSqlStore({ id: be, siteId: site, name: `Back End ${i}`, fqdn: `${be}.contoso.com` }),
          sqlVersion: '2016',
          haMode: 'mirroring',
        });
        nodes.push({
          ...standaloneSqlStore({ id: `${be}m`, siteId: site, name: `Mirror ${i}`, fqdn: `${be}m.contoso.com` }),
          sqlVersion: '2016',
        });
        link('mirror', be, `${be}m`, { synchronous: true });
      } else nodes.push(defaultNode('sqlStore', { id: be, siteId: site, name: `Back End ${i}`, fqdn: `${be}.contoso.com` }));
      link('backEnd', pool, be);
    }
    if (shape.edge) {
      const edge = `${p}edge${i}`;
      nodes.push({
        ...defaultNode('edgePool', { id: edge, siteId: site, name: `Edge ${i}`, fqdn: `${edge}.contoso.com` }),
        productVersion: version,
        federation: i === 0,
      });
      link('nextHop', edge, pool);
      link('mediaEdge', pool, edge);
    }
  }
  if (shape.paired)
    for (let i = 0; i + 1 < pools.length; i += 2) link('pairing', pools[i]!, pools[i + 1]!, { voiceFailover: true });
  if (shape.branch) {
    doc.sites.push({ ...defaultSite('br', 'Branch', 'branch', 'EU'), parentSiteId: 'dc0' });
    nodes.push({
      ...defaultNode('survivableBranch', { id: 'sba', siteId: 'br', name: 'Branch appliance', fqdn: 'sba.contoso.com' }),
      users: 50,
    });
    link('backupRegistrar', 'sba', pools[0]!);
  }
  doc.nodes = nodes;
  doc.links = links;
  doc.deployment = { cmsHost: pools[shape.cmsSite] ?? pools[0]!, mode: 'greenfield' };
  return doc;
}
