/**
 * Copy, paste and duplicate: the chosen nodes (and sites, with their nodes) come back
 * with fresh ids, FQDNs made unique, the links among them, shifted on the canvas.
 */
import type { Link, Site, Topology, TopologyNode } from '../model/schema';
import { positionOf } from '../model/layout';
import { freshId, kindPrefix } from './document-slice';

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

export function pasteFragment(doc: Topology, frag: Fragment, offset = 48): { doc: Topology; newIds: string[] } {
  const taken = new Set<string>();
  const rename = new Map<string, string>();
  const fresh = (old: string, prefix: string) => {
    const id = freshId(doc, prefix, taken);
    taken.add(id);
    rename.set(old, id);
    return id;
  };
  const fqdns = new Set(doc.nodes.map((n) => n.fqdn.toLowerCase()));
  const uniqueFqdn = (fqdn: string) => {
    const dot = fqdn.indexOf('.');
    const [head, tail] = dot > 0 ? [fqdn.slice(0, dot), fqdn.slice(dot)] : [fqdn, ''];
    const stem = head.replace(/-\d+$/, '') || 'copy';
    // A name that is already long keeps within DNS limits (a label of 63, a name of 253):
    // the first label is shortened to make room for "-2", and a domain too long to leave
    // any room is dropped. Every step of i is a new name, so the loop ends.
    for (let i = 2; ; i++) {
      const suffix = `-${i}`;
      const room = Math.min(63, 253 - tail.length) - suffix.length;
      let candidate = `${stem.slice(0, Math.max(1, room))}${suffix}${tail}`;
      if (candidate.length > 253) candidate = `${stem.slice(0, 63 - suffix.length)}${suffix}`;
      if (!fqdns.has(candidate.toLowerCase())) {
        fqdns.add(candidate.toLowerCase());
        return candidate;
      }
    }
  };
  const sites = frag.sites.map((s) => ({
    ...s,
    id: fresh(s.id, s.kind === 'branch' ? 'branch' : 'site'),
    name: `${s.name} (copy)`.slice(0, 200),
  }));
  const nodes = frag.nodes.map((n) => {
    const id = fresh(n.id, kindPrefix(n.kind));
    const siteId = rename.get(n.siteId) ?? n.siteId;
    const copy = {
      ...n,
      id,
      siteId,
      name: n.name === n.id ? id : `${n.name} (copy)`.slice(0, 200),
      fqdn: uniqueFqdn(n.fqdn),
    } as TopologyNode;
    if (copy.kind === 'frontEndPool' && copy.internalWebFqdn) copy.internalWebFqdn = uniqueFqdn(copy.internalWebFqdn);
    if (copy.kind === 'sqlStore' && copy.ag)
      copy.ag = {
        ...copy.ag,
        listenerFqdn: uniqueFqdn(copy.ag.listenerFqdn),
        replicas: copy.ag.replicas.map((r) => ({ ...r, fqdn: uniqueFqdn(r.fqdn), siteId: rename.get(r.siteId) ?? r.siteId })),
      };
    if (copy.kind === 'persistentChatPool')
      copy.servers = copy.servers.map((s) => ({ ...s, siteId: rename.get(s.siteId) ?? s.siteId }));
    return copy;
  });
  const links = frag.links.map((l) => ({ ...l, id: fresh(l.id, 'link'), from: rename.get(l.from)!, to: rename.get(l.to)! }));
  const layout = { ...doc.layout };
  for (const [old, p] of Object.entries(frag.layout)) {
    const id = rename.get(old);
    if (id) layout[id] = { x: p.x + offset, y: p.y + offset };
  }
  return {
    doc: { ...doc, sites: [...doc.sites, ...sites], nodes: [...doc.nodes, ...nodes], links: [...doc.links, ...links], layout },
    newIds: [...sites.map((s) => s.id), ...nodes.map((n) => n.id)],
  };
}
