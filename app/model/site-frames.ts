/**
 * Site containers are derived, not stored: a site's frame is the box around its nodes
 * (plus padding and a header), or its own layout position when it is empty. Moving a
 * site moves its nodes; dropping a node inside another frame moves it to that site.
 */
import { NODE_HEIGHT, NODE_WIDTH, SITE_HEADER, SITE_PADDING } from './grid-layout';
import { positionOf } from './layout';
import type { Position, Topology } from './schema';

export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}

const EMPTY_SITE = { width: 300, height: 170 };

export function siteFrames(doc: Topology, exclude?: ReadonlySet<string>): Map<string, Frame> {
  const boxes = new Map<string, { minX: number; minY: number; maxX: number; maxY: number }>();
  const layout = doc.layout ?? {};
  for (const n of doc.nodes) {
    if (exclude?.has(n.id)) continue;
    const p = positionOf(layout, n.id);
    if (!p) continue;
    const b = boxes.get(n.siteId);
    if (!b) boxes.set(n.siteId, { minX: p.x, minY: p.y, maxX: p.x + NODE_WIDTH, maxY: p.y + NODE_HEIGHT });
    else {
      b.minX = Math.min(b.minX, p.x);
      b.minY = Math.min(b.minY, p.y);
      b.maxX = Math.max(b.maxX, p.x + NODE_WIDTH);
      b.maxY = Math.max(b.maxY, p.y + NODE_HEIGHT);
    }
  }
  const frames = new Map<string, Frame>();
  doc.sites.forEach((s, i) => {
    const b = boxes.get(s.id);
    if (b) {
      frames.set(s.id, {
        x: b.minX - SITE_PADDING,
        y: b.minY - SITE_PADDING - SITE_HEADER,
        width: Math.max(EMPTY_SITE.width, b.maxX - b.minX + 2 * SITE_PADDING),
        height: b.maxY - b.minY + 2 * SITE_PADDING + SITE_HEADER,
      });
    } else {
      const p = positionOf(layout, s.id) ?? { x: i * (EMPTY_SITE.width + 80), y: -EMPTY_SITE.height - 120 };
      frames.set(s.id, { x: p.x, y: p.y, ...EMPTY_SITE });
    }
  });
  return frames;
}

export function frameContains(f: Frame, p: Position): boolean {
  return p.x >= f.x && p.x <= f.x + f.width && p.y >= f.y && p.y <= f.y + f.height;
}

/** The site whose frame holds this point (the smallest, when frames overlap). */
export function siteAt(frames: Map<string, Frame>, p: Position): string | undefined {
  let best: string | undefined;
  let area = Infinity;
  for (const [id, f] of frames) {
    if (frameContains(f, p) && f.width * f.height < area) {
      best = id;
      area = f.width * f.height;
    }
  }
  return best;
}

export const nodeCenter = (p: Position): Position => ({ x: p.x + NODE_WIDTH / 2, y: p.y + NODE_HEIGHT / 2 });

/** A free spot inside a site for a new node (below its current content). */
export function spotInSite(doc: Topology, siteId: string): Position {
  const f = siteFrames(doc).get(siteId);
  if (!f) return { x: 0, y: 0 };
  const members = doc.nodes.filter((n) => n.siteId === siteId);
  if (members.length === 0) return { x: f.x + SITE_PADDING, y: f.y + SITE_HEADER + SITE_PADDING };
  return { x: f.x + SITE_PADDING, y: f.y + f.height - SITE_PADDING + 36 };
}
