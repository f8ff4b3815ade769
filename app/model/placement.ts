/**
 * Where new cards and sites go, and keeping site frames apart. Pure: the store commits the
 * result as one edit (one undo step).
 */
import { GAP_X, GAP_Y, NODE_HEIGHT, NODE_WIDTH, SITE_HEADER, SITE_PADDING } from './grid-layout';
import { positionOf } from './layout';
import type { Position, Topology } from './schema';
import { siteFrames, type Frame } from './site-frames';

/** Space kept between two site frames. */
export const FRAME_GAP = 48;
const COLUMNS = 2;

const overlaps = (a: Frame, b: Frame, gap = 0) =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

/** The site nearest to a point (distance to its frame; 0 inside). */
export function nearestSite(frames: ReadonlyMap<string, Frame>, p: Position): string | undefined {
  let best: string | undefined;
  let dist = Infinity;
  for (const [id, f] of frames) {
    const dx = Math.max(f.x - p.x, 0, p.x - (f.x + f.width));
    const dy = Math.max(f.y - p.y, 0, p.y - (f.y + f.height));
    const d = Math.hypot(dx, dy);
    if (d < dist) {
      dist = d;
      best = id;
    }
  }
  return best;
}

/**
 * A free slot of the site's grid for a new card: the first free one in reading order
 * (columns of the site's width, at least two), or the one nearest `near` when given.
 */
export function freeSlot(doc: Topology, siteId: string, near?: Position): Position {
  const frames = siteFrames(doc);
  const f = frames.get(siteId);
  const members = doc.nodes.filter((n) => n.siteId === siteId);
  const boxes = doc.nodes.map((n) => positionOf(doc.layout, n.id)).filter((q): q is Position => q !== undefined);
  const origin = f ? { x: f.x + SITE_PADDING, y: f.y + SITE_HEADER + SITE_PADDING } : { x: 0, y: 0 };
  if (members.length === 0) return origin;
  const cols = Math.max(COLUMNS, Math.round(((f?.width ?? 0) - 2 * SITE_PADDING + GAP_X) / (NODE_WIDTH + GAP_X)));
  const taken = (q: Position) =>
    boxes.some(
      (b) =>
        q.x < b.x + NODE_WIDTH + 8 && b.x < q.x + NODE_WIDTH + 8 && q.y < b.y + NODE_HEIGHT + 8 && b.y < q.y + NODE_HEIGHT + 8,
    );
  const slot = (k: number): Position => ({
    x: origin.x + (k % cols) * (NODE_WIDTH + GAP_X),
    y: origin.y + Math.floor(k / cols) * (NODE_HEIGHT + GAP_Y),
  });
  const limit = (members.length + 2) * cols + cols;
  if (!near) {
    for (let k = 0; k < limit; k++) if (!taken(slot(k))) return slot(k);
    return slot(limit);
  }
  let best = slot(limit);
  let dist = Infinity;
  for (let k = 0; k < limit; k++) {
    const q = slot(k);
    if (taken(q)) continue;
    const d = Math.hypot(q.x + NODE_WIDTH / 2 - near.x, q.y + NODE_HEIGHT / 2 - near.y);
    if (d < dist) {
      dist = d;
      best = q;
    }
  }
  return best;
}

/** A place for a new, empty site near `p` whose frame overlaps no other. */
export function freeSiteSpot(doc: Topology, p: Position, size = { width: 300, height: 170 }): Position {
  const frames = [...siteFrames(doc).values()];
  let q = { x: Math.round(p.x), y: Math.round(p.y) };
  for (let i = 0; i < 400; i++) {
    const box = { ...q, ...size };
    const hit = frames.find((f) => overlaps(box, f, FRAME_GAP));
    if (!hit) return q;
    q = { x: hit.x + hit.width + FRAME_GAP, y: q.y };
  }
  return q;
}

/**
 * Layout moves that part overlapping site frames: starting from `grown` (the site that
 * changed), each frame it overlaps moves right or down, whichever is shorter, with all its
 * cards, and so on for the frames those hit. Returns the moved positions (cards and empty
 * sites); empty when nothing overlaps.
 */
export function pushFramesApart(doc: Topology, grown: readonly string[]): Record<string, Position> {
  const frames = siteFrames(doc);
  const moves: Record<string, Position> = {};
  const queue = [...grown];
  const fixed = new Set(grown);
  for (let guard = 0; queue.length > 0 && guard < 10_000; guard++) {
    const id = queue.shift()!;
    const f = frames.get(id);
    if (!f) continue;
    for (const [other, g] of frames) {
      if (other === id || fixed.has(other) || !overlaps(f, g)) continue;
      const dx = f.x + f.width + FRAME_GAP - g.x;
      const dy = f.y + f.height + FRAME_GAP - g.y;
      const shift = dx <= dy ? { x: dx, y: 0 } : { x: 0, y: dy };
      frames.set(other, { ...g, x: g.x + shift.x, y: g.y + shift.y });
      for (const n of doc.nodes) {
        if (n.siteId !== other) continue;
        const p = moves[n.id] ?? positionOf(doc.layout, n.id);
        if (p) moves[n.id] = { x: p.x + shift.x, y: p.y + shift.y };
      }
      const sp = moves[other] ?? positionOf(doc.layout, other);
      if (sp) moves[other] = { x: sp.x + shift.x, y: sp.y + shift.y };
      fixed.add(other);
      queue.push(other);
    }
  }
  return moves;
}

/** Whether any two site frames overlap (a check for tests). */
export function overlappingFrames(doc: Topology): [string, string][] {
  const list = [...siteFrames(doc)];
  const out: [string, string][] = [];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) if (overlaps(list[i]![1], list[j]![1])) out.push([list[i]![0], list[j]![0]]);
  return out;
}

/** The document with the moves applied and frames pushed apart from `grown`. */
export function withFramesApart(doc: Topology, grown: readonly string[]): Topology {
  const moves = pushFramesApart(doc, grown);
  return Object.keys(moves).length === 0 ? doc : { ...doc, layout: { ...doc.layout, ...moves } };
}

/**
 * A card given another site by choosing it (the inspector's Site list): it goes to a free
 * slot of that site's frame, and frames it then overlaps move apart. Left where it was, the
 * new site's frame stretched across the old one to reach it and their headings printed over
 * each other. A card not on the canvas (no position) only changes site; the same site, or
 * one the design does not have, changes nothing.
 */
export function moveToSite(doc: Topology, nodeId: string, siteId: string): Topology {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node || node.siteId === siteId || !doc.sites.some((s) => s.id === siteId)) return doc;
  const nodes = doc.nodes.map((n) => (n.id === nodeId ? { ...n, siteId } : n));
  if (positionOf(doc.layout, nodeId) === undefined) return { ...doc, nodes };
  const { [nodeId]: _was, ...layout } = doc.layout ?? {};
  // The slot is found among the other cards: where the card was is free again.
  const slot = freeSlot({ ...doc, nodes: doc.nodes.filter((n) => n.id !== nodeId), layout }, siteId);
  return withFramesApart({ ...doc, nodes, layout: { ...layout, [nodeId]: slot } }, [siteId]);
}
