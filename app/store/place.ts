/**
 * Placing a new node from the palette: inside the site under the drop point (or in a new
 * site made there), on a free spot so it never lands on top of another node.
 */
import { NODE_HEIGHT, NODE_WIDTH } from '../model/grid-layout';
import type { NodeKind, Position, Topology } from '../model/schema';
import { siteAt, siteFrames } from '../model/site-frames';
import type { DesignerStore } from './store';
import { positionOf } from '../model/layout';

const NODE_KINDS = new Set<string>(['frontEndPool', 'standardEditionServer', 'sqlStore', 'edgePool', 'directorPool', 'mediationPool', 'persistentChatPool', 'fileStore', 'officeOnlineServer', 'survivableBranch']);

/** `p` is the drop point (canvas coordinates); returns the new element's id. */
export function placeFromPalette(store: DesignerStore, kind: string, p: Position): string | undefined {
  const state = store.getState();
  if (kind === 'site:central' || kind === 'site:branch') {
    const id = state.addSite(kind === 'site:central' ? 'central' : 'branch', { x: Math.round(p.x), y: Math.round(p.y) });
    state.select([id], { type: 'site', id });
    return id;
  }
  if (!NODE_KINDS.has(kind)) return undefined;
  const nodeKind = kind as NodeKind;
  let siteId = siteAt(siteFrames(state.doc), p);
  const pos = freeSpot(store.getState().doc, { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) });
  if (!siteId) {
    // Outside every site: a survivable branch gets a branch site, anything else a data center.
    siteId = state.addSite(nodeKind === 'survivableBranch' ? 'branch' : 'central', { x: pos.x - 28, y: pos.y - 68 });
  }
  const id = store.getState().addNode(nodeKind, siteId, pos);
  store.getState().select([id], { type: 'node', id });
  return id;
}

/** The nearest position at or below `p` where a node overlaps no other node. */
export function freeSpot(doc: Topology, p: Position): Position {
  const boxes = doc.nodes.map((n) => positionOf(doc.layout, n.id)).filter((q): q is Position => q !== undefined);
  const hits = (q: Position) => boxes.some((b) => q.x < b.x + NODE_WIDTH + 12 && b.x < q.x + NODE_WIDTH + 12 && q.y < b.y + NODE_HEIGHT + 12 && b.y < q.y + NODE_HEIGHT + 12);
  let q = { ...p };
  for (let i = 0; i < 200 && hits(q); i++) q = { x: q.x, y: q.y + 24 };
  return q;
}
