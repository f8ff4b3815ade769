/**
 * Copy: the chosen nodes (and sites, with their nodes), the links among them and where they
 * stand. Apart from paste (duplicate.ts), which loads on first use: a first paint does not need it.
 */
import { positionOf } from '../model/layout';
import type { Link, Site, Topology, TopologyNode } from '../model/schema';

export interface Fragment {
  sites: Site[];
  nodes: TopologyNode[];
  links: Link[];
  layout: Record<string, { x: number; y: number }>;
}

export function copyFragment(doc: Topology, ids: readonly string[]): Fragment | undefined {
  const want = new Set(ids);
  const sites = doc.sites.filter((s) => want.has(s.id));
  const siteIds = new Set(sites.map((s) => s.id));
  const nodes = doc.nodes.filter((n) => want.has(n.id) || siteIds.has(n.siteId));
  if (!nodes.length && !sites.length) return undefined;
  const nodeIds = new Set(nodes.map((n) => n.id));
  const links = doc.links.filter((l) => nodeIds.has(l.from) && nodeIds.has(l.to));
  const layout: Fragment['layout'] = {};
  for (const id of [...siteIds, ...nodeIds]) {
    const p = positionOf(doc.layout, id);
    if (p) layout[id] = p;
  }
  return structuredClone({ sites, nodes, links, layout });
}
