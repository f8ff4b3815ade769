/**
 * Small builders for the simulation's tests: documents are assembled from the model's
 * defaults and always pass through parseTopology, so a test never simulates a
 * document the designer could not load.
 */
import { defaultLink, defaultNode, defaultSite, emptyTopology, standaloneSqlStore } from '../model/defaults';
import { parseTopology } from '../model/parse';
import type { Link, LinkKind, NodeKind, NodeOfKind, Site, Topology, TopologyNode } from '../model/schema';

let seq = 0;

export function site(id: string, region?: string, kind: Site['kind'] = 'central'): Site {
  return defaultSite(id, id.toUpperCase(), kind, region);
}

export function node<K extends NodeKind>(kind: K, id: string, siteId: string, extra: Partial<NodeOfKind<K>> = {}): NodeOfKind<K> {
  return { ...defaultNode(kind, { id, siteId }), ...extra } as NodeOfKind<K>;
}

/** An Enterprise pool with its own AG Back End in the same site; returns [pool, store]. */
export function eePool(
  id: string,
  siteId: string,
  users: number,
  frontEndServers: number,
  extra: Partial<NodeOfKind<'frontEndPool'>> = {},
): TopologyNode[] {
  return [node('frontEndPool', id, siteId, { users, frontEndServers, ...extra }), node('sqlStore', `${id}-be`, siteId)];
}

export function sqlNone(id: string, siteId: string): NodeOfKind<'sqlStore'> {
  return standaloneSqlStore({ id, siteId });
}

export function link(kind: LinkKind, from: string, to: string, extra: Record<string, unknown> = {}): Link {
  seq += 1;
  return { ...defaultLink(kind, `t${seq}`, from, to), ...extra } as Link;
}

/** Back End links for every Enterprise pool built by eePool. */
export function backEnds(nodes: readonly TopologyNode[]): Link[] {
  return nodes
    .filter((n) => n.kind === 'frontEndPool' && nodes.some((s) => s.id === `${n.id}-be`))
    .map((n) => link('backEnd', n.id, `${n.id}-be`));
}

export function build(parts: {
  sites: Site[];
  nodes: TopologyNode[];
  links?: Link[];
  cmsHost?: string | null;
  name?: string;
}): Topology {
  const doc = emptyTopology(parts.name ?? 'simulation test');
  doc.sites = parts.sites;
  doc.nodes = parts.nodes;
  doc.links = parts.links ?? [];
  doc.deployment = { cmsHost: parts.cmsHost ?? null, mode: 'greenfield' };
  const r = parseTopology(JSON.parse(JSON.stringify(doc)));
  if (!r.ok) throw new Error(`test document is not valid: ${r.error.message}`);
  return r.value;
}
