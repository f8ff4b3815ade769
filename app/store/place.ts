/**
 * Placing a new node from the palette. A click (or Enter) adds it to the selected site,
 * or the site under the middle of the view, or the nearest one; a drop adds it to the
 * site under the pointer, or the nearest one. It goes in a free slot of that site's grid,
 * and a site that grows pushes its neighbours aside, all as one edit (one undo step). A
 * site is made only when the item is a site, or when the design has none yet.
 */
import { NODE_HEIGHT, NODE_WIDTH } from '../model/grid-layout';
import { defaultNode, defaultSite } from '../model/defaults';
import { NODE_KINDS, type NodeKind, type Position, type Topology } from '../model/schema';
import { siteAt, siteFrames } from '../model/site-frames';
import { freeSiteSpot, freeSlot, nearestSite, withFramesApart } from '../model/placement';
import type { DesignerStore } from './store';
import { positionOf } from '../model/layout';
import { freshId, guessDomain, kindPrefix } from './document-slice';

/** Every node kind of the format (v2 kinds included: a copied list had left gateways, reverse proxies and Video Interop pools out). */
const PLACEABLE = new Set<string>(NODE_KINDS);

export type PlaceHow = 'drop' | 'click';

/** The site a new node goes to: see the module comment. */
export function targetSite(doc: Topology, p: Position, how: PlaceHow, selectedIds: readonly string[] = []): string | undefined {
  if (how === 'click') {
    for (let i = selectedIds.length - 1; i >= 0; i--) {
      const id = selectedIds[i]!;
      if (doc.sites.some((s) => s.id === id)) return id;
      const n = doc.nodes.find((m) => m.id === id);
      if (n) return n.siteId;
    }
  }
  const frames = siteFrames(doc);
  return siteAt(frames, p) ?? nearestSite(frames, p);
}

/** `p` is the drop point or the middle of the view (canvas coordinates); returns the new element's id. */
export function placeFromPalette(store: DesignerStore, kind: string, p: Position, how: PlaceHow = 'drop'): string | undefined {
  const state = store.getState();
  if (kind === 'site:central' || kind === 'site:branch') {
    const spot = freeSiteSpot(state.doc, { x: p.x - 150, y: p.y - 85 });
    const id = state.addSite(kind === 'site:central' ? 'central' : 'branch', spot);
    state.select([id], { type: 'site', id });
    return id;
  }
  if (!PLACEABLE.has(kind)) return undefined;
  const nodeKind = kind as NodeKind;
  const doc = state.doc;
  let siteId = targetSite(doc, p, how, state.selectedIds);
  let base = doc;
  if (!siteId) {
    // A design without any site: the node needs one.
    siteId = freshId(doc, nodeKind === 'survivableBranch' ? 'branch' : 'site');
    const branch = nodeKind === 'survivableBranch';
    const site = defaultSite(siteId, branch ? 'Branch 1' : 'Data center 1', branch ? 'branch' : 'central');
    base = {
      ...doc,
      sites: [...doc.sites, site],
      layout: { ...doc.layout, [siteId]: { x: Math.round(p.x - 150), y: Math.round(p.y - 85) } },
    };
  }
  const pos = freeSlot(base, siteId, how === 'drop' ? p : undefined);
  const id = freshId(base, kindPrefix(nodeKind));
  const node = defaultNode(nodeKind, { id, siteId, name: id, fqdn: `${id}.${guessDomain(base)}` });
  const next = withFramesApart({ ...base, nodes: [...base.nodes, node], layout: { ...base.layout, [id]: pos } }, [siteId]);
  state.commit(next);
  store.getState().select([id], { type: 'node', id });
  return id;
}

/** The nearest position at or below `p` where a node overlaps no other node. */
export function freeSpot(doc: Topology, p: Position): Position {
  const boxes = doc.nodes.map((n) => positionOf(doc.layout, n.id)).filter((q): q is Position => q !== undefined);
  const hits = (q: Position) =>
    boxes.some(
      (b) =>
        q.x < b.x + NODE_WIDTH + 12 &&
        b.x < q.x + NODE_WIDTH + 12 &&
        q.y < b.y + NODE_HEIGHT + 12 &&
        b.y < q.y + NODE_HEIGHT + 12,
    );
  let q = { ...p };
  for (let i = 0; i < 200 && hits(q); i++) q = { x: q.x, y: q.y + 24 };
  return q;
}
