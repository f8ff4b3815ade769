/**
 * Link paths for the exported drawing: orthogonal elbows between card borders, parallel
 * links of one pair in separate lanes. One function, so the canvas's router can take
 * its place without touching the renderers.
 */
import type { Topology } from '../model/schema';

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const LANE = 14;
const MIN_OVERLAP = 24;

/** Each link's polyline, from the source card's border to the target card's border. */
export function routeLinks(doc: Topology, cards: ReadonlyMap<string, Box>): Map<string, Point[]> {
  const lanes = new Map<string, number>();
  const routes = new Map<string, Point[]>();
  for (const l of doc.links) {
    const a = cards.get(l.from);
    const b = cards.get(l.to);
    if (!a || !b || l.from === l.to) continue;
    const key = l.from < l.to ? `${l.from}|${l.to}` : `${l.to}|${l.from}`;
    const k = lanes.get(key) ?? 0;
    lanes.set(key, k + 1);
    const lane = k === 0 ? 0 : (k % 2 === 1 ? 1 : -1) * Math.ceil(k / 2) * LANE;
    routes.set(l.id, elbow(a, b, lane));
  }
  return routes;
}

function elbow(a: Box, b: Box, lane: number): Point[] {
  const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (overlapX >= MIN_OVERLAP) {
    const x = clamp(
      (Math.max(a.x, b.x) + Math.min(a.x + a.width, b.x + b.width)) / 2 + lane,
      Math.max(a.x, b.x) + 6,
      Math.min(a.x + a.width, b.x + b.width) - 6,
    );
    const down = cb.y > ca.y;
    return [
      { x, y: down ? a.y + a.height : a.y },
      { x, y: down ? b.y : b.y + b.height },
    ];
  }
  if (overlapY >= MIN_OVERLAP) {
    const y = clamp(
      (Math.max(a.y, b.y) + Math.min(a.y + a.height, b.y + b.height)) / 2 + lane,
      Math.max(a.y, b.y) + 6,
      Math.min(a.y + a.height, b.y + b.height) - 6,
    );
    const right = cb.x > ca.x;
    return [
      { x: right ? a.x + a.width : a.x, y },
      { x: right ? b.x : b.x + b.width, y },
    ];
  }
  // Apart on both axes: leave by the facing sides, turn once in the gap between them.
  const right = cb.x > ca.x;
  const x1 = right ? a.x + a.width : a.x;
  const x2 = right ? b.x : b.x + b.width;
  const ya = clamp(ca.y + lane, a.y + 6, a.y + a.height - 6);
  const yb = clamp(cb.y + lane, b.y + 6, b.y + b.height - 6);
  const mid = (x1 + x2) / 2 + lane;
  return [
    { x: x1, y: ya },
    { x: mid, y: ya },
    { x: mid, y: yb },
    { x: x2, y: yb },
  ];
}

const clamp = (v: number, lo: number, hi: number) => (lo > hi ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, v)));
