/**
 * What of a very large design React Flow is given. React Flow takes in every node and edge
 * it is handed on each change (its lookups, the connection index, a component per element)
 * whether or not they are in view: for 10,000 cards and 16,000 links that was over a second
 * of one task on opening, and again on every zoom-out. Above WINDOW_ABOVE_CARDS (fit.ts) the canvas
 * hands it the cards in and around the view (the window) and the links between them; the
 * window moves when the view leaves it.
 *
 * When even the window holds more cards than React Flow can take in one short task (zoomed
 * far out), the cards are drawn as one picture instead (overview-picture.tsx), and React
 * Flow keeps only the site frames and what is selected: zooming in brings the cards back.
 */
import { NODE_HEIGHT, NODE_WIDTH } from '../model/grid-layout';
import type { Position, Topology } from '../model/schema';
import type { MapItem } from './design-map';
import { WINDOW_ABOVE_CARDS } from './fit';

/**
 * More cards than this in the window are drawn as a picture, not as cards: so many are only
 * in one view zoomed out past reading them (about 15% on a dense design), and taking them
 * in is React Flow's longest work. The same number as windowing starts at, so a windowed
 * design fitted is always the picture (fit.ts keeps a band free for its note).
 */
export const MAX_WINDOW_CARDS = WINDOW_ABOVE_CARDS;
/** Or more site frames than this. */
export const MAX_WINDOW_SITES = 300;
/** Links that only cross the window bring their two ends in while the canvas holds fewer than this. */
export const MAX_HELD = 2_000;
/** What is selected or highlighted is kept in React Flow, out of view too, up to this many. */
const MAX_KEPT = 200;
/** The window reaches this share of the view's size beyond each of its sides. */
const MARGIN = 0.25;

export interface CanvasRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CardWindow {
  /** The cards and site frames React Flow is given. */
  ids: ReadonlySet<string>;
  /** The window held too many cards or frames: they are drawn as a picture, and `ids` holds only what is kept. */
  picture: boolean;
}

/** The part of the canvas a pane of width × height shows at React Flow's transform [x, y, zoom]. */
export function viewRectOf(transform: readonly [number, number, number], width: number, height: number): CanvasRect {
  const [tx, ty, zoom] = transform;
  const z = zoom > 0 ? zoom : 1;
  return { x: -tx / z, y: -ty / z, width: width / z, height: height / z };
}

/** The window for a view: the view and a margin round it, so a short pan needs no new window. */
export function windowAround(view: CanvasRect): CanvasRect {
  const mx = view.width * MARGIN;
  const my = view.height * MARGIN;
  return { x: view.x - mx, y: view.y - my, width: view.width + 2 * mx, height: view.height + 2 * my };
}

/**
 * Whether a window still serves a view: the view is inside it, and has not been zoomed into
 * a small part of it (a window four times the view's width holds cards nobody sees).
 */
export function windowServes(win: CanvasRect, view: CanvasRect): boolean {
  const inside =
    view.x >= win.x && view.y >= win.y && view.x + view.width <= win.x + win.width && view.y + view.height <= win.y + win.height;
  return inside && view.width * 4 > win.width;
}

const cardOverlaps = (p: Position, r: CanvasRect): boolean =>
  p.x + NODE_WIDTH >= r.x && p.x <= r.x + r.width && p.y + NODE_HEIGHT >= r.y && p.y <= r.y + r.height;

/**
 * Whether the straight line between two points crosses the rectangle (Liang–Barsky
 * clipping). A link is drawn near that line: a long link crossing the view is kept with its
 * two ends, while the box round a long diagonal link would take in most of the design.
 */
export function lineCrossesRect(ax: number, ay: number, bx: number, by: number, r: CanvasRect): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  let t0 = 0;
  let t1 = 1;
  const sides: [number, number][] = [
    [-dx, ax - r.x],
    [dx, r.x + r.width - ax],
    [-dy, ay - r.y],
    [dy, r.y + r.height - ay],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
  }
  return true;
}

/** Whether the line between two points may cross the rectangle: the box round them first (most links are short and far away), then the line. */
function mayCross(ax: number, ay: number, bx: number, by: number, r: CanvasRect): boolean {
  if (ax < r.x && bx < r.x) return false;
  if (ax > r.x + r.width && bx > r.x + r.width) return false;
  if (ay < r.y && by < r.y) return false;
  if (ay > r.y + r.height && by > r.y + r.height) return false;
  return lineCrossesRect(ax, ay, bx, by, r);
}

/** Whether a link between two cards may run through the rectangle. */
const linkCrosses = (a: Position, b: Position, r: CanvasRect): boolean =>
  mayCross(a.x + NODE_WIDTH / 2, a.y + NODE_HEIGHT / 2, b.x + NODE_WIDTH / 2, b.y + NODE_HEIGHT / 2, r);

/** A site frame's box. */
export interface FrameBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

const boxOverlaps = (f: FrameBox, r: CanvasRect): boolean =>
  f.x + f.width >= r.x && f.x <= r.x + r.width && f.y + f.height >= r.y && f.y <= r.y + r.height;

/** Whether a WAN link between two frames may run through the rectangle. */
const wanCrosses = (a: FrameBox, b: FrameBox, r: CanvasRect): boolean =>
  mayCross(a.x + a.width / 2, a.y + a.height / 2, b.x + b.width / 2, b.y + b.height / 2, r);

/**
 * The cards and site frames of a window: those overlapping it, the far ends of their links
 * and WAN links (a link is drawn only between two ends React Flow has), then both ends of
 * links that only cross the window, while the canvas holds fewer than MAX_HELD. `keep` (the
 * selection, a highlighted finding) is always in, up to MAX_KEPT of it. A card without a
 * position is not on the canvas. Whether it is a picture depends on what overlaps the window
 * only: long links crossing it do not turn a readable view into a picture.
 */
export function elementsInWindow(
  doc: Topology,
  frames: ReadonlyMap<string, FrameBox>,
  win: CanvasRect,
  keep: ReadonlySet<string>,
): CardWindow {
  const layout = doc.layout ?? {};
  const at = (id: string): Position | undefined => (Object.hasOwn(layout, id) ? layout[id] : undefined);
  const inside = new Set<string>();
  for (const n of doc.nodes) {
    const p = at(n.id);
    if (p && cardOverlaps(p, win)) inside.add(n.id);
  }
  const sitesInside = new Set<string>();
  for (const [id, f] of frames) if (boxOverlaps(f, win)) sitesInside.add(id);
  const picture = inside.size > MAX_WINDOW_CARDS || sitesInside.size > MAX_WINDOW_SITES;
  const ids = new Set<string>();
  if (!picture) {
    for (const id of inside) ids.add(id);
    for (const id of sitesInside) ids.add(id);
    const crossing: [string, string][] = [];
    for (const l of doc.links) {
      if (inside.has(l.from) || inside.has(l.to)) {
        ids.add(l.from);
        ids.add(l.to);
        continue;
      }
      const a = at(l.from);
      const b = at(l.to);
      if (a && b && linkCrosses(a, b, win)) crossing.push([l.from, l.to]);
    }
    for (const l of doc.siteLinks ?? []) {
      const a = frames.get(l.from);
      const b = frames.get(l.to);
      if (!a || !b) continue;
      if (sitesInside.has(l.from) || sitesInside.has(l.to)) {
        ids.add(l.from);
        ids.add(l.to);
      } else if (wanCrosses(a, b, win)) crossing.push([l.from, l.to]);
    }
    for (const [from, to] of crossing) {
      if (ids.size + 2 > MAX_HELD) break;
      ids.add(from);
      ids.add(to);
    }
  }
  if (keep.size > 0) {
    const known = new Set([...doc.nodes.map((n) => n.id), ...frames.keys()]);
    let kept = 0;
    for (const id of keep) {
      if (kept >= MAX_KEPT) break;
      if (!known.has(id)) continue;
      ids.add(id);
      kept++;
    }
  }
  return { ids, picture };
}

/** The same window as before when it holds the same cards: the canvas maps again only on a change. */
export function sameWindow(a: CardWindow | undefined, b: CardWindow): boolean {
  if (!a || a.picture !== b.picture || a.ids.size !== b.ids.size) return false;
  for (const id of b.ids) if (!a.ids.has(id)) return false;
  return true;
}

/**
 * Every site frame and card as the minimap and the overview picture draw them, from the
 * document: the canvas of a windowed design holds only some of the cards.
 */
export function mapItemsOf(
  doc: Topology,
  frames: ReadonlyMap<string, { x: number; y: number; width: number; height: number }>,
  selected: ReadonlySet<string>,
): MapItem[] {
  const items: MapItem[] = [];
  for (const [id, f] of frames)
    items.push({ type: 'site', position: { x: f.x, y: f.y }, width: f.width, height: f.height, selected: selected.has(id) });
  const layout = doc.layout ?? {};
  for (const n of doc.nodes) {
    if (!Object.hasOwn(layout, n.id)) continue;
    const p = layout[n.id]!;
    items.push({
      type: 'topology',
      position: p,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      selected: selected.has(n.id),
      data: { node: n },
    });
  }
  return items;
}

/** Every WAN link as the minimap draws it: its route where it has one, else straight between its frames' centres. */
export function wanLinesOf(
  siteLinks: NonNullable<Topology['siteLinks']>,
  frames: ReadonlyMap<string, FrameBox>,
  routes: ReadonlyMap<string, { points: readonly Position[] }>,
): { id: string; points: readonly Position[] }[] {
  const out: { id: string; points: readonly Position[] }[] = [];
  for (const l of siteLinks) {
    const r = routes.get(l.id);
    if (r) {
      out.push({ id: l.id, points: r.points });
      continue;
    }
    const a = frames.get(l.from);
    const b = frames.get(l.to);
    if (a && b)
      out.push({
        id: l.id,
        points: [
          { x: a.x + a.width / 2, y: a.y + a.height / 2 },
          { x: b.x + b.width / 2, y: b.y + b.height / 2 },
        ],
      });
  }
  return out;
}
