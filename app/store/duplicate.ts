/**
 * Copy, paste and duplicate: the chosen nodes (and sites, with their nodes) come back
 * with fresh ids, FQDNs made unique, the links among them, shifted on the canvas.
 */
import type { Topology, TopologyNode } from '../model/schema';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/grid-layout';
import { positionOf } from '../model/layout';
import { freeSiteSpot, freeSlot, withFramesApart } from '../model/placement';
import { siteFrames } from '../model/site-frames';
import { freshId, kindPrefix } from './document-slice';
import type { Fragment } from './copy-fragment';

export function pasteFragment(doc: Topology, frag: Fragment, offset = 48): { doc: Topology; newIds: string[] } {
  const taken = new Set<string>();
  const rename = new Map<string, string>();
  const fresh = (old: string, prefix: string) => {
    const id = freshId(doc, prefix, taken);
    taken.add(id);
    rename.set(old, id);
    return id;
  };
  // Every name the design already uses: node FQDNs, a pool's internal web FQDN, AG listeners and replicas.
  const fqdns = new Set(doc.nodes.flatMap(usedFqdns).map((f) => f.toLowerCase()));
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
    const fqdn = uniqueFqdn(n.fqdn);
    const copy = {
      ...n,
      id,
      siteId,
      name: n.name === n.id ? id : `${n.name} (copy)`.slice(0, 200),
      fqdn,
    } as TopologyNode;
    if (copy.kind === 'frontEndPool' && copy.internalWebFqdn) copy.internalWebFqdn = uniqueFqdn(copy.internalWebFqdn);
    if (copy.kind === 'sqlStore' && copy.ag) {
      // An availability group's store is reached by its listener: the copy keeps them one name
      // (BE-AG-LISTENER-FQDN), and a replica named like the store stays so too.
      const same = (a: string) => a.toLowerCase() === n.fqdn.toLowerCase();
      copy.ag = {
        ...copy.ag,
        listenerFqdn: same(copy.ag.listenerFqdn) ? fqdn : uniqueFqdn(copy.ag.listenerFqdn),
        replicas: copy.ag.replicas.map((r) => ({
          ...r,
          fqdn: same(r.fqdn) ? fqdn : uniqueFqdn(r.fqdn),
          siteId: rename.get(r.siteId) ?? r.siteId,
        })),
      };
    }
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
  const pasted = {
    ...doc,
    sites: [...doc.sites, ...sites],
    nodes: [...doc.nodes, ...nodes],
    links: [...doc.links, ...links],
    layout,
  };
  return {
    doc: inFreeSpace(pasted, new Set(sites.map((s) => s.id)), nodes),
    newIds: [...sites.map((s) => s.id), ...nodes.map((n) => n.id)],
  };
}

function usedFqdns(n: TopologyNode): string[] {
  const out = [n.fqdn];
  if (n.kind === 'frontEndPool' && n.internalWebFqdn) out.push(n.internalWebFqdn);
  if (n.kind === 'sqlStore' && n.ag) out.push(n.ag.listenerFqdn, ...n.ag.replicas.map((r) => r.fqdn));
  return out;
}

/**
 * The pasted cards moved where they cover nothing: a pasted site (with its cards) to a free
 * spot beside the others, a card pasted into an existing site to a free slot of its grid
 * nearest where it was dropped; a site that grows pushes its neighbours aside.
 */
function inFreeSpace(doc: Topology, newSites: ReadonlySet<string>, newNodes: readonly TopologyNode[]): Topology {
  let out = doc;
  const pastedIds = new Set(newNodes.map((n) => n.id));
  for (const siteId of newSites) {
    const frame = siteFrames(out).get(siteId);
    if (!frame) continue;
    const members = out.nodes.filter((n) => n.siteId === siteId);
    const others: Topology = {
      ...out,
      sites: out.sites.filter((s) => s.id !== siteId),
      nodes: out.nodes.filter((n) => n.siteId !== siteId),
    };
    const spot = freeSiteSpot(others, { x: frame.x, y: frame.y }, { width: frame.width, height: frame.height });
    const dx = spot.x - frame.x;
    const dy = spot.y - frame.y;
    if (!dx && !dy) continue;
    const layout = { ...out.layout };
    for (const id of [siteId, ...members.map((n) => n.id)]) {
      const p = positionOf(out.layout, id);
      if (p) layout[id] = { x: p.x + dx, y: p.y + dy };
    }
    out = { ...out, layout };
  }
  const grown = new Set<string>();
  const placed = new Set<string>();
  for (const n of newNodes) {
    if (newSites.has(n.siteId)) continue;
    const at = positionOf(out.layout, n.id);
    // Placed one by one, each among the cards already there (the ones pasted before it included).
    const without: Topology = { ...out, nodes: out.nodes.filter((m) => !pastedIds.has(m.id) || placed.has(m.id)) };
    const slot = freeSlot(without, n.siteId, at && { x: at.x + NODE_WIDTH / 2, y: at.y + NODE_HEIGHT / 2 });
    out = { ...out, layout: { ...out.layout, [n.id]: slot } };
    placed.add(n.id);
    grown.add(n.siteId);
  }
  return grown.size ? withFramesApart(out, [...grown]) : out;
}
