/**
 * Where the WAN links between sites (format v2 site links) run and where their labels
 * sit: orthogonal lines from one site frame's border to the other's, around every other
 * frame (so never through a card) and around the link labels already placed, each label
 * on a straight stretch of its line in the open, clear of every frame and label. Two
 * frames side by side with a gap too narrow for a label are joined over their tops (or
 * under their bottoms) instead. Pure (no DOM): the canvas and every export draw the same.
 *
 *   const wan = routeSiteLinks(doc, frames, { avoid: linkLabelBoxes });
 *   wan.get(siteLink.id) → { points, label: { x, y, width, height, text } }
 */
import {
  BoxIndex,
  boxesOverlap,
  facingSides,
  placeLabels,
  routeConnectors,
  RoutingScene,
  segmentIndex,
  spreadLanes,
  type Box,
  type Connector,
  type PlacedLabel,
  type Point,
  type RoutedConnector,
  type Side,
} from '../lib/orthogonal-router';
import { labelSize } from './link-labels';
import type { SiteLink, Topology } from './schema';
import type { Frame } from './site-frames';
import { siteLinkText } from './site-link-text';

export interface SiteLinkLabel extends Box {
  text: string;
  /** False when no spot clear of frames and labels was found (a crowded drawing). */
  clear: boolean;
}

export interface SiteLinkRoute {
  id: string;
  from: string;
  to: string;
  /** From the border of one site's frame to the other's, axis-parallel segments. */
  points: Point[];
  label: SiteLinkLabel;
  /** False when no way around the other frames was found (the line may then cross one). */
  clear: boolean;
}

export interface SiteLinkRouteOptions {
  /** Boxes the lines and labels keep clear of besides the frames: the server links' labels. */
  avoid?: readonly Box[];
  /** The label's box for a text (default: the canvas's link label size). */
  labelBox?: (text: string) => { width: number; height: number };
  /** The server links' routes: a WAN label keeps off their lines where it can. */
  lines?: ReadonlyMap<string, { readonly points: readonly Point[] }>;
  /**
   * Draw every line straight between its frames, as for an estate too large to route (a
   * very large design's canvas, which routes the part in view only, draws them as the
   * whole design is drawn).
   */
  straight?: boolean;
}

const CLEARANCE = 18;
/** Width plus height of the frames' extent above which WAN lines are drawn straight. */
const MAX_ROUTED_SPREAD = 200_000;
/**
 * Above these, WAN lines are drawn straight: routing round every frame grows with sites ×
 * links (1.8 s for 104 links among 123 sites, 10 s for 391 among 468), and a real estate
 * has a few dozen sites at most.
 */
const MAX_ROUTED_SITE_LINKS = 40;
const MAX_ROUTED_FRAMES = 60;
const ROUTER_OPTIONS = { clearance: CLEARANCE, bendCost: 80, laneGap: 14 };

/** The sides tried for a link, best first: facing each other, then round the outside. */
function candidateSides(a: Box, b: Box): (readonly [Side, Side])[] {
  const facing = facingSides(a, b);
  const horizontal = facing[0] === 'left' || facing[0] === 'right';
  return horizontal ? [facing, ['top', 'top'], ['bottom', 'bottom']] : [facing, ['left', 'left'], ['right', 'right']];
}

/**
 * Every site link of the design whose two sites have a frame, routed, its label placed.
 * Deterministic: the same design and frames give the same routes.
 */
export function routeSiteLinks(
  doc: Topology,
  frames: ReadonlyMap<string, Frame>,
  options: SiteLinkRouteOptions = {},
): Map<string, SiteLinkRoute> {
  const out = new Map<string, SiteLinkRoute>();
  const links = (doc.siteLinks ?? []).filter((l) => l.from !== l.to && frames.has(l.from) && frames.has(l.to));
  if (links.length === 0) return out;
  const boxes = new Map<string, Box>();
  for (const s of doc.sites) {
    const f = frames.get(s.id);
    if (f) boxes.set(s.id, { x: f.x, y: f.y, width: f.width, height: f.height });
  }
  // Only what is outside every frame can meet a WAN line: labels inside a frame are behind it.
  const avoid = (options.avoid ?? []).filter((b) => ![...boxes.values()].some((f) => contains(f, b)));
  // A fence round the drawing: a line over the tops of the frames keeps close to them
  // (the lanes are spread across a channel's width, and above the top row it has none).
  const fence = fenceAround([...boxes.values()], 3 * CLEARANCE + 24);
  const size = options.labelBox ?? ((text: string) => labelSize(text));
  const texts = new Map(links.map((l) => [l.id, siteLinkText(l)]));
  // Frames that overlap, or a drawing spread over millions of units (a hand-edited file):
  // no way round, and a search over such an extent costs seconds. Straight lines then.
  const all = [...boxes.values()];
  const spread =
    Math.max(...all.map((b) => b.x + b.width)) -
    Math.min(...all.map((b) => b.x)) +
    Math.max(...all.map((b) => b.y + b.height)) -
    Math.min(...all.map((b) => b.y));
  if (
    options.straight === true ||
    links.length > MAX_ROUTED_SITE_LINKS ||
    all.length > MAX_ROUTED_FRAMES ||
    spread > MAX_ROUTED_SPREAD ||
    all.some((a, i) => all.some((b, j) => j > i && boxesOverlap(a, b)))
  ) {
    for (const l of links) out.set(l.id, straight(l, boxes.get(l.from)!, boxes.get(l.to)!, texts.get(l.id)!, size));
    return out;
  }
  const requests = links.map((l) => ({ id: l.id, ...size(texts.get(l.id)!) }));
  const lines = segmentIndex(options.lines ?? new Map());
  const choice = new Map(links.map((l) => [l.id, 0]));
  const candidates = new Map(links.map((l) => [l.id, candidateSides(boxes.get(l.from)!, boxes.get(l.to)!)]));

  // Route, place the labels; a link whose label found no room on its line tries the next
  // sides (round the outside of the frames), a few rounds at most.
  let routes = new Map<string, RoutedConnector>();
  let labels = new Map<string, PlacedLabel>();
  for (let round = 0; round < 3; round++) {
    const connectors: Connector[] = links.map((l) => ({
      id: l.id,
      source: l.from,
      target: l.to,
      sides: candidates.get(l.id)![choice.get(l.id)!]!,
    }));
    const scene = new RoutingScene({ boxes, walls: [...avoid, ...fence], connectors }, ROUTER_OPTIONS);
    routes = routeConnectors(scene);
    spreadLanes(routes, scene);
    labels = placeEach(routes, requests, scene, lines);
    let changed = false;
    for (const l of links) {
      const label = labels.get(l.id);
      const k = choice.get(l.id)!;
      if ((label?.onRoute && label.clear && routes.get(l.id)?.clear) || k + 1 >= candidates.get(l.id)!.length) continue;
      choice.set(l.id, k + 1);
      changed = true;
    }
    if (!changed) break;
  }
  for (const l of links) {
    const r = routes.get(l.id);
    const label = labels.get(l.id);
    if (!r || !label) continue;
    out.set(l.id, {
      id: l.id,
      from: l.from,
      to: l.to,
      points: r.points,
      clear: r.clear,
      label: { x: label.x, y: label.y, width: label.width, height: label.height, text: texts.get(l.id)!, clear: label.clear },
    });
  }
  return out;
}

/** A straight line between the two frames' borders, its label at the middle: not clear of anything. */
function straight(
  l: SiteLink,
  a: Box,
  b: Box,
  text: string,
  size: (text: string) => { width: number; height: number },
): SiteLinkRoute {
  const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  const p = exitPoint(a, ca, cb);
  const q = exitPoint(b, cb, ca);
  const { width, height } = size(text);
  const mid = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
  return {
    id: l.id,
    from: l.from,
    to: l.to,
    points: [p, q],
    clear: false,
    label: { x: Math.round(mid.x - width / 2), y: Math.round(mid.y - height / 2), width, height, text, clear: false },
  };
}

/** Where the line from the centre `c` of `box` towards `to` leaves the box. */
function exitPoint(box: Box, c: Point, to: Point): Point {
  const dx = to.x - c.x;
  const dy = to.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const tx = dx === 0 ? Infinity : box.width / 2 / Math.abs(dx);
  const ty = dy === 0 ? Infinity : box.height / 2 / Math.abs(dy);
  const t = Math.min(tx, ty, 1);
  return { x: c.x + dx * t, y: c.y + dy * t };
}

/**
 * Each label on its own line, clear of the frames, of the labels placed before it and of
 * the other WAN lines (a label over another line would hide where that line goes).
 */
function placeEach(
  routes: ReadonlyMap<string, RoutedConnector>,
  requests: readonly { id: string; width: number; height: number }[],
  scene: RoutingScene,
  lines: ReturnType<typeof segmentIndex>,
): Map<string, PlacedLabel> {
  const out = new Map<string, PlacedLabel>();
  for (const q of requests) {
    const placed = new BoxIndex<string>(128);
    for (const [id, label] of out) placed.insert(label, id);
    for (const [id, r] of routes) {
      if (id === q.id) continue;
      const p = r.points;
      for (let i = 0; i + 1 < p.length; i++) {
        const a = p[i]!;
        const b = p[i + 1]!;
        placed.insert(
          {
            x: Math.min(a.x, b.x) - 1,
            y: Math.min(a.y, b.y) - 1,
            width: Math.abs(a.x - b.x) + 2,
            height: Math.abs(a.y - b.y) + 2,
          },
          id,
        );
      }
    }
    const one = placeLabels(routes, [q], scene, placed, 4, Infinity, Infinity, lines).get(q.id);
    if (one) out.set(q.id, one);
  }
  return out;
}

/** Four thin walls round the boxes, `gap` away from them. */
function fenceAround(boxes: readonly Box[], gap: number): Box[] {
  const x0 = Math.min(...boxes.map((b) => b.x)) - gap;
  const y0 = Math.min(...boxes.map((b) => b.y)) - gap;
  const x1 = Math.max(...boxes.map((b) => b.x + b.width)) + gap;
  const y1 = Math.max(...boxes.map((b) => b.y + b.height)) + gap;
  const t = 4;
  return [
    { x: x0 - t, y: y0 - t, width: x1 - x0 + 2 * t, height: t },
    { x: x0 - t, y: y1, width: x1 - x0 + 2 * t, height: t },
    { x: x0 - t, y: y0, width: t, height: y1 - y0 },
    { x: x1, y: y0, width: t, height: y1 - y0 },
  ];
}

function contains(outer: Box, inner: Box): boolean {
  return (
    boxesOverlap(outer, inner) &&
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}
