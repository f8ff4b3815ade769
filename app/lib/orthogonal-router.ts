/**
 * Orthogonal connector routing around rectangles, and label placement on the routes.
 * Pure geometry (no DOM), so the canvas, the SVG renderer and the command line draw the
 * same lines from the same input.
 *
 * How a connector is routed (the approach of libavoid, the router behind Inkscape and
 * Dunnart, reduced to what a diagram of cards in frames needs):
 *  1. each end leaves its box from the side facing the other end; several connectors on
 *     one side get their own port, ordered by where they go, so they never share a line;
 *  2. a shortest path with few bends is searched on the sparse grid made of the boxes'
 *     sides pushed out by a clearance (and the ports' own lines); a path may never enter
 *     a box, and pays for running closer than the clearance;
 *  3. each inner segment is then moved to the middle of its free channel, and segments
 *     sharing a channel are spread across it in separate lanes.
 * Labels sit on the longest straight segment with room, clear of every box and of the
 * labels placed before them; failing that, beside it.
 */

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

export type Side = 'top' | 'right' | 'bottom' | 'left';

export interface Connector {
  id: string;
  /** Ids of the two boxes it joins (keys of RouterInput.boxes). */
  source: string;
  target: string;
  /** The sides of its two boxes it leaves by (default: the sides facing each other). */
  sides?: readonly [Side, Side];
}

export interface RouterInput {
  /** The boxes connectors join and must go around (cards). */
  boxes: ReadonlyMap<string, Box>;
  /** Areas no connector may cross (site headers). */
  walls?: readonly Box[];
  /** Groups of boxes (site frames): a channel ends at their borders, and a connector goes around the groups it does not join. */
  frames?: readonly Box[];
  /** The frame (index in `frames`) each box stands in. */
  groups?: ReadonlyMap<string, number>;
  connectors: readonly Connector[];
}

export interface RouterOptions {
  /** Preferred distance between a connector and a box it passes. */
  clearance: number;
  /** Cost of one bend, in units of length. */
  bendCost: number;
  /** Distance between parallel connectors in one channel (at most). */
  laneGap: number;
  /**
   * A mark astride each box's top-right corner (the diagram's findings badge) that labels
   * keep clear of: it reaches `out` beyond the corner (right and up, and as far down) and
   * `back` along the top edge.
   */
  cornerMark?: { out: number; back: number };
}

export const DEFAULT_ROUTER_OPTIONS: RouterOptions = {
  clearance: 16,
  bendCost: 60,
  laneGap: 10,
  cornerMark: { out: 11, back: 46 },
};

const MARGIN_PENALTY = 3;

// ---------------------------------------------------------------------------------------
// Boxes

export function inflate(b: Box, d: number): Box {
  return { x: b.x - d, y: b.y - d, width: b.width + 2 * d, height: b.height + 2 * d };
}

/** Whether the two boxes share interior (touching edges do not count). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function strictlyInside(b: Box, p: Point): boolean {
  return p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height;
}

/** Whether an axis-parallel (or any) segment passes through the interior of a box. */
export function segmentCrossesBox(a: Point, b: Point, box: Box): boolean {
  // Liang–Barsky clipping against the open box.
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const clip = (p: number, q: number) => {
    if (p === 0) return q > 0;
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
    return true;
  };
  if (
    !clip(-dx, a.x - box.x) ||
    !clip(dx, box.x + box.width - a.x) ||
    !clip(-dy, a.y - box.y) ||
    !clip(dy, box.y + box.height - a.y)
  )
    return false;
  if (t1 - t0 <= 1e-9) return false;
  const m = { x: a.x + dx * ((t0 + t1) / 2), y: a.y + dy * ((t0 + t1) / 2) };
  return strictlyInside(box, m);
}

/** A uniform bucket grid over boxes, for "which boxes are near here". */
export class BoxIndex<T> {
  private cells = new Map<number, number[]>();
  private entries: { box: Box; item: T }[] = [];
  private stamp: number[] = [];
  private query_ = 0;
  constructor(private cell = 256) {}
  insert(box: Box, item: T) {
    const n = this.entries.length;
    this.entries.push({ box, item });
    this.stamp.push(0);
    this.each(box, (k) => {
      const list = this.cells.get(k);
      if (list) list.push(n);
      else this.cells.set(k, [n]);
    });
  }
  /** Moves the entry inserted `n`-th to `box` (a card being dragged), keeping its item. */
  move(n: number, box: Box) {
    const e = this.entries[n];
    if (!e) return;
    this.each(e.box, (k) => {
      const list = this.cells.get(k);
      const i = list ? list.indexOf(n) : -1;
      if (i >= 0) list!.splice(i, 1);
    });
    this.entries[n] = { box, item: e.item };
    this.each(box, (k) => {
      const list = this.cells.get(k);
      if (list) list.push(n);
      else this.cells.set(k, [n]);
    });
  }
  /** Items whose box overlaps `box` or touches it. */
  query(box: Box): { box: Box; item: T }[] {
    const q = ++this.query_;
    const out: { box: Box; item: T }[] = [];
    // A box over more cells than there are entries (a route across a canvas of millions of
    // units): look at every entry instead of walking billions of empty cells.
    const c = this.cell;
    const cells =
      (Math.floor((box.x + box.width) / c) - Math.floor(box.x / c) + 1) *
      (Math.floor((box.y + box.height) / c) - Math.floor(box.y / c) + 1);
    if (!(cells <= this.entries.length + 16)) {
      for (const e of this.entries) {
        const b = e.box;
        if (b.x <= box.x + box.width && box.x <= b.x + b.width && b.y <= box.y + box.height && box.y <= b.y + b.height)
          out.push(e);
      }
      return out;
    }
    this.each(box, (k) => {
      const list = this.cells.get(k);
      if (!list) return;
      for (const n of list) {
        if (this.stamp[n] === q) continue;
        this.stamp[n] = q;
        const e = this.entries[n]!;
        const b = e.box;
        if (b.x <= box.x + box.width && box.x <= b.x + b.width && b.y <= box.y + box.height && box.y <= b.y + b.height)
          out.push(e);
      }
    });
    return out;
  }
  private each(b: Box, f: (key: number) => void) {
    const c = this.cell;
    const i1 = Math.floor((b.x + b.width) / c);
    const j1 = Math.floor((b.y + b.height) / c);
    // Keys pack two signed cell numbers of up to ±2^20 (a canvas of ±268 million units).
    for (let i = Math.floor(b.x / c); i <= i1; i++)
      for (let j = Math.floor(b.y / c); j <= j1; j++) f((i + 1048576) * 2097152 + (j + 1048576));
  }
}

const centre = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

// ---------------------------------------------------------------------------------------
// Ports

const NORMAL: Record<Side, Point> = {
  top: { x: 0, y: -1 },
  right: { x: 1, y: 0 },
  bottom: { x: 0, y: 1 },
  left: { x: -1, y: 0 },
};

/** The sides two boxes face each other by: across the wider gap between them. */
export function facingSides(a: Box, b: Box): [Side, Side] {
  const gx = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width));
  const gy = Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height));
  const ca = centre(a);
  const cb = centre(b);
  if (gx > gy || (gx === gy && Math.abs(cb.x - ca.x) >= Math.abs(cb.y - ca.y)))
    return cb.x >= ca.x ? ['right', 'left'] : ['left', 'right'];
  return cb.y >= ca.y ? ['bottom', 'top'] : ['top', 'bottom'];
}

export interface End {
  connector: number;
  /** 0 = source end, 1 = target end. */
  which: 0 | 1;
  box: Box;
  side: Side;
  /** Where the other end is, along this side's axis: ports are ordered by it. */
  toward: number;
  port: Point;
}

function assignPorts(ends: End[]) {
  const byBox = new Map<Box, End[][]>();
  const bySide: End[][] = [];
  for (const e of ends) {
    let sides = byBox.get(e.box);
    if (!sides) byBox.set(e.box, (sides = [[], [], [], []]));
    const list = sides[dirOf(e.side)]!;
    if (list.length === 0) bySide.push(list);
    list.push(e);
  }
  for (const list of bySide) {
    list.sort((p, q) => p.toward - q.toward || p.connector - q.connector || p.which - q.which);
    const n = list.length;
    list.forEach((e, k) => {
      const b = e.box;
      const horizontal = e.side === 'top' || e.side === 'bottom';
      const len = horizontal ? b.width : b.height;
      // Evenly spread, at most 24 apart around the middle: a few links stay near the centre.
      const step = Math.min(24, len / (n + 1));
      const along = len / 2 + (k - (n - 1) / 2) * step;
      e.port = horizontal
        ? { x: Math.round(b.x + along), y: e.side === 'top' ? b.y : b.y + b.height }
        : { x: e.side === 'left' ? b.x : b.x + b.width, y: Math.round(b.y + along) };
    });
  }
}

// ---------------------------------------------------------------------------------------
// Search

export interface Obstacles {
  /** Real boxes and walls: never entered. */
  hard: BoxIndex<number>;
  /** Boxes pushed out by the clearance: entered at a cost. */
  soft: BoxIndex<number>;
  hardList: Box[];
  softList: Box[];
  /** Hard items below this index are cards, the rest walls. */
  cardCount: number;
}

/**
 * The obstacles of a scene whose cards will move (a drag): build them once with
 * `sceneObstacles`, move the dragged cards with `moveObstacle` on each frame, and give them
 * to each frame's RoutingScene instead of indexing every card again.
 */
export function sceneObstacles(input: RouterInput, options: RouterOptions = DEFAULT_ROUTER_OPTIONS): Obstacles {
  return buildObstacles([...input.boxes.values()], input.walls ?? [], options.clearance);
}

/** Card `item` (its place in the input's boxes) now stands at `box`. */
export function moveObstacle(o: Obstacles, item: number, box: Box, options: RouterOptions = DEFAULT_ROUTER_OPTIONS) {
  if (item >= o.cardCount) return;
  o.hard.move(item, box);
  o.hardList[item] = box;
  const soft = inflate(box, options.clearance);
  o.soft.move(item, soft);
  o.softList[item] = soft;
}

function buildObstacles(boxes: readonly Box[], walls: readonly Box[], clearance: number): Obstacles {
  const hard = new BoxIndex<number>();
  const soft = new BoxIndex<number>();
  const hardList: Box[] = [];
  const softList: Box[] = [];
  for (const b of [...boxes, ...walls]) {
    hard.insert(b, hardList.length);
    hardList.push(b);
  }
  for (const b of boxes) {
    const s = inflate(b, clearance);
    soft.insert(s, softList.length);
    softList.push(s);
  }
  return { hard, soft, hardList, softList, cardCount: boxes.length };
}

/** A binary min-heap of [priority, value]. */
class Heap {
  private p: number[] = [];
  private v: number[] = [];
  get size() {
    return this.v.length;
  }
  push(priority: number, value: number) {
    const p = this.p;
    const v = this.v;
    let i = v.length;
    p.push(priority);
    v.push(value);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (p[up]! <= priority) break;
      p[i] = p[up]!;
      v[i] = v[up]!;
      i = up;
    }
    p[i] = priority;
    v[i] = value;
  }
  pop(): number {
    const p = this.p;
    const v = this.v;
    const top = v[0]!;
    const lp = p.pop()!;
    const lv = v.pop()!;
    if (v.length > 0) {
      let i = 0;
      const n = v.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && p[r]! < p[l]! ? r : l;
        if (p[c]! >= lp) break;
        p[i] = p[c]!;
        v[i] = v[c]!;
        i = c;
      }
      p[i] = lp;
      v[i] = lv;
    }
    return top;
  }
}

const DIRS: Point[] = [
  { x: 0, y: -1 },
  { x: 1, y: 0 },
  { x: 0, y: 1 },
  { x: -1, y: 0 },
];
/** First index whose value is > v. */
function upper(values: number[], v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (values[m]! <= v) lo = m + 1;
    else hi = m;
  }
  return lo;
}
/** First index whose value is >= v. */
function lower(values: number[], v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (values[m]! < v) lo = m + 1;
    else hi = m;
  }
  return lo;
}
const dirOf = (s: Side) => ({ top: 0, right: 1, bottom: 2, left: 3 })[s];

function uniqueSorted(values: number[]): number[] {
  values.sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of values) if (out.length === 0 || v - out[out.length - 1]! > 0.5) out.push(v);
  return out;
}

/**
 * The cheapest orthogonal path from `from` (leaving in direction `startDir`) to `to`
 * (arriving in direction `endDir`), within `region`; undefined when there is none.
 */
function searchPath(
  hard: readonly Box[],
  soft: readonly Box[],
  frames: readonly Box[],
  from: Point,
  startDir: number,
  to: Point,
  endDir: number,
  region: Box,
  options: RouterOptions,
): Point[] | undefined {
  const c = options.clearance;
  const xsRaw = [from.x, to.x, region.x, region.x + region.width];
  const ysRaw = [from.y, to.y, region.y, region.y + region.height];
  for (const b of soft) {
    xsRaw.push(b.x, b.x + b.width);
    ysRaw.push(b.y, b.y + b.height);
  }
  for (const b of hard) {
    // Walls (headers) get their own lines just outside them.
    xsRaw.push(b.x - c, b.x + b.width + c);
    ysRaw.push(b.y - c, b.y + b.height + c);
  }
  for (const f of frames) {
    if (!boxesOverlap(f, region)) continue;
    xsRaw.push(f.x - c * 1.5, f.x + c * 1.5, f.x + f.width - c * 1.5, f.x + f.width + c * 1.5);
    ysRaw.push(f.y - c * 1.5, f.y + f.height - c * 1.5, f.y + f.height + c * 1.5);
  }
  const xs = uniqueSorted(xsRaw.filter((x) => x >= region.x && x <= region.x + region.width));
  const ys = uniqueSorted(ysRaw.filter((y) => y >= region.y && y <= region.y + region.height));
  const nx = xs.length;
  const ny = ys.length;
  const near = (values: number[], v: number) => {
    const i = lower(values, v - 0.5);
    return i < values.length && Math.abs(values[i]! - v) <= 0.5 ? i : -1;
  };
  const ix = (x: number) => near(xs, x);
  const iy = (y: number) => near(ys, y);
  const si = ix(from.x);
  const sj = iy(from.y);
  const ti = ix(to.x);
  const tj = iy(to.y);
  if (si < 0 || sj < 0 || ti < 0 || tj < 0) return undefined;

  const cells = nx * ny;
  // Rasterised once per search: points inside a box or wall (blocked) or inside a box's
  // clearance (dearer), and the same for the middle of each grid edge.
  const blockedPoint = new Uint8Array(cells);
  const blockedH = new Uint8Array(cells); // edge from (i, j) to (i + 1, j)
  const blockedV = new Uint8Array(cells); // edge from (i, j) to (i, j + 1)
  const marginH = new Uint8Array(cells);
  const marginV = new Uint8Array(cells);
  /** Index range [a, b] of values strictly inside (lo, hi). */
  const inside = (values: number[], lo: number, hi: number): [number, number] => [upper(values, lo), lower(values, hi) - 1];
  /** Index range [a, b] of intervals (values[i], values[i+1]) whose middle is strictly inside (lo, hi). */
  const midInside = (values: number[], lo: number, hi: number): [number, number] => {
    let a = Math.max(0, upper(values, lo) - 1);
    while (a + 1 < values.length && (values[a]! + values[a + 1]!) / 2 <= lo) a++;
    let b = Math.min(values.length - 2, lower(values, hi));
    while (b >= 0 && (values[b]! + values[b + 1]!) / 2 >= hi) b--;
    return [a, b];
  };
  const mark = (b: Box, pointArr: Uint8Array | null, hArr: Uint8Array, vArr: Uint8Array) => {
    const [i0, i1] = inside(xs, b.x, b.x + b.width);
    const [j0, j1] = inside(ys, b.y, b.y + b.height);
    const [mi0, mi1] = midInside(xs, b.x, b.x + b.width);
    const [mj0, mj1] = midInside(ys, b.y, b.y + b.height);
    for (let j = j0; j <= j1; j++) {
      if (pointArr) for (let i = i0; i <= i1; i++) pointArr[j * nx + i] = 1;
      for (let i = mi0; i <= mi1; i++) hArr[j * nx + i] = 1;
    }
    for (let j = mj0; j <= mj1; j++) for (let i = i0; i <= i1; i++) vArr[j * nx + i] = 1;
  };
  for (const b of hard) mark(b, blockedPoint, blockedH, blockedV);
  for (const b of soft) mark(b, null, marginH, marginV);
  /** The cost of the grid edge from point k in direction d to `next` (Infinity when blocked). */
  const stepCost = (k: number, d: number, next: number) => {
    if (blockedPoint[next]) return Infinity;
    // The edge's own cell is the one of its lower-left end.
    const e = d === 0 ? next : d === 3 ? next : k;
    const horizontal = d === 1 || d === 3;
    if (horizontal ? blockedH[e] : blockedV[e]) return Infinity;
    const len = horizontal
      ? Math.abs(xs[next % nx]! - xs[k % nx]!)
      : Math.abs(ys[Math.floor(next / nx)]! - ys[Math.floor(k / nx)]!);
    return (horizontal ? marginH[e] : marginV[e]) ? len * MARGIN_PENALTY : len;
  };

  const start = sj * nx + si;
  const goal = tj * nx + ti;
  const dist = new Float64Array(cells * 4).fill(Infinity);
  const prev = new Int32Array(cells * 4).fill(-1);
  const heap = new Heap();
  const h = (k: number) => Math.abs(xs[k % nx]! - to.x) + Math.abs(ys[Math.floor(k / nx)]! - to.y);
  dist[start * 4 + startDir] = 0;
  heap.push(h(start), start * 4 + startDir);
  let found = -1;
  const closed = new Uint8Array(cells * 4);
  while (heap.size > 0) {
    const s = heap.pop();
    if (closed[s]) continue;
    closed[s] = 1;
    const k = s >> 2;
    const d = s & 3;
    if (k === goal) {
      if (d === endDir) {
        found = s;
        break;
      }
    }
    const ds = dist[s]!;
    const i = k % nx;
    const j = Math.floor(k / nx);
    for (let nd = 0; nd < 4; nd++) {
      if (nd === (d + 2) % 4) continue;
      const ni = i + DIRS[nd]!.x;
      const nj = j + DIRS[nd]!.y;
      let cost: number;
      let ns: number;
      if (k === goal && nd !== d) {
        // Turning on the goal point to arrive the right way: a bend, no move.
        if (nd !== endDir) continue;
        cost = options.bendCost;
        ns = k * 4 + nd;
      } else {
        if (ni < 0 || nj < 0 || ni >= nx || nj >= ny) continue;
        const next = nj * nx + ni;
        const c0 = stepCost(k, nd, next);
        if (c0 === Infinity) continue;
        cost = c0 + (nd === d ? 0 : options.bendCost);
        ns = next * 4 + nd;
      }
      const nd2 = ds + cost;
      if (nd2 < dist[ns]!) {
        dist[ns] = nd2;
        prev[ns] = s;
        heap.push(nd2 + h(ns >> 2), ns);
      }
    }
  }
  if (found < 0) return undefined;
  const out: Point[] = [];
  for (let s = found; s >= 0; s = prev[s]!) {
    const k = s >> 2;
    out.push({ x: xs[k % nx]!, y: ys[Math.floor(k / nx)]! });
  }
  out.reverse();
  return out;
}

/** Drops repeated points and the middle of three collinear ones. */
export function simplify(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue;
    if (out.length >= 2) {
      const a = out[out.length - 2]!;
      const b = last!;
      if (
        (Math.abs(a.x - b.x) < 0.01 && Math.abs(b.x - p.x) < 0.01) ||
        (Math.abs(a.y - b.y) < 0.01 && Math.abs(b.y - p.y) < 0.01)
      ) {
        out[out.length - 1] = p;
        continue;
      }
    }
    out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Routing

export interface RoutedConnector {
  points: Point[];
  /** False when no path around the boxes was found and the route is a straight fallback. */
  clear: boolean;
}

/** Bounds of all boxes, walls and frames. */
function extent(input: RouterInput): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const add = (b: Box) => {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
  };
  for (const b of input.boxes.values()) add(b);
  for (const b of input.walls ?? []) add(b);
  for (const b of input.frames ?? []) add(b);
  if (minX === Infinity) return { x: 0, y: 0, width: 0, height: 0 };
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** Each connector's two ends: the side of its box it leaves by, and the port on that side. */
function connectorEnds(input: RouterInput): ([End, End] | undefined)[] {
  const ends: End[] = [];
  const pairs: ([End, End] | undefined)[] = input.connectors.map((cn, i) => {
    const a = input.boxes.get(cn.source);
    const b = input.boxes.get(cn.target);
    if (!a || !b || cn.source === cn.target) return undefined;
    const [sa, sb] = cn.sides ?? facingSides(a, b);
    const ca = centre(a);
    const cb = centre(b);
    const ea: End = { connector: i, which: 0, box: a, side: sa, toward: sa === 'top' || sa === 'bottom' ? cb.x : cb.y, port: ca };
    const eb: End = { connector: i, which: 1, box: b, side: sb, toward: sb === 'top' || sb === 'bottom' ? ca.x : ca.y, port: cb };
    ends.push(ea, eb);
    return [ea, eb];
  });
  assignPorts(ends);
  return pairs;
}

/**
 * What routing, lanes and labels need from the input, built once: the ends and ports of
 * every connector, and the boxes indexed by place.
 */
export class RoutingScene {
  readonly pairs: ([End, End] | undefined)[];
  readonly obstacles: Obstacles;
  readonly cardGroups: (number | undefined)[];
  readonly all: Box;
  /** `obstacles`: those of the same boxes and walls, kept from frame to frame (sceneObstacles). */
  constructor(
    readonly input: RouterInput,
    readonly options: RouterOptions = DEFAULT_ROUTER_OPTIONS,
    obstacles?: Obstacles,
  ) {
    this.pairs = connectorEnds(input);
    this.cardGroups = [...input.boxes.keys()].map((id) => input.groups?.get(id));
    this.obstacles = obstacles ?? buildObstacles([...input.boxes.values()], input.walls ?? [], options.clearance);
    this.all = inflate(extent(input), options.clearance * 4);
  }
  /** Where each connector meets its two boxes (by connector id). */
  ports(): Map<string, [Point, Point]> {
    const out = new Map<string, [Point, Point]>();
    this.pairs.forEach((pair, i) => {
      if (pair) out.set(this.input.connectors[i]!.id, [pair[0].port, pair[1].port]);
    });
    return out;
  }
}

/**
 * Routes the connectors (`only` those, when given). `'direct'` keeps to the obvious routes
 * (straight, one jog, one corner) and leaves out a connector that has none: a first
 * drawing of a large diagram, cheap enough to give at once. `'rough'` is the same with a
 * plain two-corner route (not checked for what it crosses) for the others: the links of a
 * card being dragged, drawn on every frame and routed properly on release.
 */
export function routeConnectors(
  scene: RoutingScene,
  only?: ReadonlySet<string>,
  mode: 'full' | 'direct' | 'rough' = 'full',
): Map<string, RoutedConnector> {
  const { input, options, pairs, obstacles, cardGroups, all } = scene;
  const conns = input.connectors;
  const frames = input.frames ?? [];
  const out = new Map<string, RoutedConnector>();
  conns.forEach((cn, i) => {
    if (only && !only.has(cn.id)) return;
    const pair = pairs[i];
    if (!pair) return;
    const [ea, eb] = pair;
    const stub = (e: End): Point => ({
      x: e.port.x + NORMAL[e.side].x * options.clearance,
      y: e.port.y + NORMAL[e.side].y * options.clearance,
    });
    const sa = stub(ea);
    const sb = stub(eb);
    const startDir = dirOf(ea.side);
    const endDir = (dirOf(eb.side) + 2) % 4;
    // Cards of the two ends' sites are obstacles; every other site is one obstacle, its
    // frame, unless an end stands in it: a link never weaves through a site it does not serve.
    const groups = new Set([input.groups?.get(cn.source), input.groups?.get(cn.target)]);
    const findPath = (region: Box) => {
      const hard: Box[] = [];
      const soft: Box[] = [];
      for (const e of obstacles.hard.query(region)) {
        if (e.item < obstacles.cardCount) {
          const g = cardGroups[e.item];
          if (g !== undefined && !groups.has(g)) continue;
          soft.push(obstacles.softList[e.item]!);
        }
        hard.push(e.box);
      }
      frames.forEach((f, k) => {
        if (groups.has(k) || !boxesOverlap(f, region) || boxesOverlap(f, ea.box) || boxesOverlap(f, eb.box)) return;
        hard.push(f);
        soft.push(inflate(f, options.clearance));
      });
      const own = [...groups].flatMap((g) => (g === undefined || !frames[g] ? [] : [frames[g]!]));
      return searchPath(hard, soft, own, sa, startDir, sb, endDir, region, options);
    };
    const near = inflate(
      {
        x: Math.min(sa.x, sb.x),
        y: Math.min(sa.y, sb.y),
        width: Math.abs(sa.x - sb.x),
        height: Math.abs(sa.y - sb.y),
      },
      Math.max(ea.box.width, ea.box.height) + options.clearance * 2,
    );
    const direct = directRoute(obstacles, ea, eb, options);
    if (direct) {
      out.set(cn.id, { points: simplify(direct), clear: true });
      return;
    }
    if (mode === 'direct') return;
    if (mode === 'rough') {
      out.set(cn.id, { points: simplify([ea.port, sa, { x: sb.x, y: sa.y }, sb, eb.port]), clear: false });
      return;
    }
    const path = findPath(near) ?? findPath(all);
    if (path) out.set(cn.id, { points: simplify([ea.port, ...path, eb.port]), clear: true });
    else out.set(cn.id, { points: simplify([ea.port, sa, { x: sb.x, y: sa.y }, sb, eb.port]), clear: false });
  });
  return out;
}

/**
 * The obvious route, when it is clear: straight across, or one jog in the middle of the
 * gap between two facing sides (a Z), or one corner (an L). Most links of a tidy diagram
 * take one of these, without a search.
 */
function directRoute(o: Obstacles, ea: End, eb: End, options: RouterOptions): Point[] | undefined {
  const a = ea.port;
  const b = eb.port;
  const c = options.clearance;
  const candidates: Point[][] = [];
  const hA = ea.side === 'left' || ea.side === 'right';
  const hB = eb.side === 'left' || eb.side === 'right';
  if (hA && hB) {
    const gapMid = ea.side === 'right' ? (ea.box.x + ea.box.width + eb.box.x) / 2 : (eb.box.x + eb.box.width + ea.box.x) / 2;
    if (Math.abs(a.y - b.y) < 0.5) candidates.push([a, b]);
    candidates.push([a, { x: gapMid, y: a.y }, { x: gapMid, y: b.y }, b]);
  } else if (!hA && !hB) {
    const gapMid = ea.side === 'bottom' ? (ea.box.y + ea.box.height + eb.box.y) / 2 : (eb.box.y + eb.box.height + ea.box.y) / 2;
    if (Math.abs(a.x - b.x) < 0.5) candidates.push([a, b]);
    candidates.push([a, { x: a.x, y: gapMid }, { x: b.x, y: gapMid }, b]);
  } else candidates.push(hA ? [a, { x: b.x, y: a.y }, b] : [a, { x: a.x, y: b.y }, b]);
  for (const route of candidates) {
    // Each end must leave its card outwards, by at least the clearance.
    const first = route[1]!;
    const last = route[route.length - 2]!;
    const out = (e: End, p: Point) => (p.x - e.port.x) * NORMAL[e.side].x + (p.y - e.port.y) * NORMAL[e.side].y;
    if (out(ea, first) < c * 0.75 || out(eb, last) < c * 0.75) continue;
    if (routeIsClear(o, route, [ea.box, eb.box], c / 2)) return route;
  }
  return undefined;
}

/** Whether no segment of the route enters a box or a wall, nor comes within `margin` of a box other than its own ends'. */
function routeIsClear(o: Obstacles, route: readonly Point[], own: readonly Box[], margin: number): boolean {
  for (let i = 0; i + 1 < route.length; i++) {
    const a = route[i]!;
    const b = route[i + 1]!;
    const span: Box = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
    for (const e of o.hard.query(inflate(span, margin))) {
      const isOwn = own.includes(e.box);
      const box = isOwn || e.item >= o.cardCount ? e.box : inflate(e.box, margin);
      if (segmentCrossesBox(a, b, box)) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------
// Channels and lanes

export interface InnerSegment {
  id: string;
  /** Index of the segment's first point in the route. */
  index: number;
  vertical: boolean;
  /** The coordinate across the segment (x of a vertical one). */
  at: number;
  from: number;
  to: number;
  lo: number;
  hi: number;
}

/**
 * Moves each inner segment (neither end's) to the middle of its free channel, and spreads
 * segments that share a channel into lanes `laneGap` apart at most. `routes` is changed in place.
 */
export function spreadLanes(routes: Map<string, RoutedConnector>, scene: RoutingScene, only?: ReadonlySet<string>) {
  const ids = only ? [...routes.keys()].filter((id) => only.has(id)) : routes.keys();
  spreadSegments(routes, laneSegments(routes, scene, ids), scene.options.laneGap);
}

/**
 * The first half of `spreadLanes`: the inner segments of these routes, each with the free
 * channel it may slide in. Each route's are found on their own, so a large design's are
 * found a few routes per slice; `spreadSegments` then moves them all at once.
 */
export function laneSegments(
  routes: ReadonlyMap<string, RoutedConnector>,
  scene: RoutingScene,
  ids: Iterable<string>,
): InnerSegment[] {
  const { input, options } = scene;
  const index = scene.obstacles.hard;
  const frames = input.frames ?? [];
  const gap = options.laneGap;
  const segs: InnerSegment[] = [];
  for (const id of ids) {
    const r = routes.get(id);
    if (!r) continue;
    const p = r.points;
    if (!r.clear) continue;
    for (let i = 1; i + 2 < p.length; i++) {
      const a = p[i]!;
      const b = p[i + 1]!;
      const vertical = Math.abs(a.x - b.x) < 0.01;
      const at = vertical ? a.x : a.y;
      // The neighbours' far ends bound how far the segment may slide.
      const before = vertical ? p[i - 1]!.x : p[i - 1]!.y;
      const after = vertical ? p[i + 2]!.x : p[i + 2]!.y;
      let lo = -Infinity;
      let hi = Infinity;
      for (const v of [before, after]) {
        if (v < at) lo = Math.max(lo, v + gap);
        else if (v > at) hi = Math.min(hi, v - gap);
      }
      if (lo === -Infinity) lo = at - 200;
      if (hi === Infinity) hi = at + 200;
      const from = Math.min(vertical ? a.y : a.x, vertical ? b.y : b.x);
      const to = Math.max(vertical ? a.y : a.x, vertical ? b.y : b.x);
      const band: Box = vertical
        ? { x: lo, y: from, width: hi - lo, height: to - from }
        : { x: from, y: lo, width: to - from, height: hi - lo };
      for (const e of index.query(band)) {
        const b0 = e.box;
        const [bLo, bHi] = vertical ? [b0.x, b0.x + b0.width] : [b0.y, b0.y + b0.height];
        if (bHi <= at) lo = Math.max(lo, bHi + gap / 2);
        else if (bLo >= at) hi = Math.min(hi, bLo - gap / 2);
      }
      for (const f of frames) {
        const [fFrom, fTo] = vertical ? [f.y, f.y + f.height] : [f.x, f.x + f.width];
        if (fTo < from || fFrom > to) continue;
        for (const border of vertical ? [f.x, f.x + f.width] : [f.y, f.y + f.height]) {
          if (border <= at && border > lo - gap) lo = Math.max(lo, border + gap);
          else if (border >= at && border < hi + gap) hi = Math.min(hi, border - gap);
        }
      }
      if (lo > at || hi < at) {
        // Already closer to something than wished: leave it where the search put it.
        lo = at;
        hi = at;
      }
      segs.push({ id, index: i, vertical, at, from, to, lo, hi });
    }
  }
  return segs;
}

/**
 * The second half of `spreadLanes`: segments that share a channel spread into lanes `gap`
 * apart at most, each moved in its route (changed in place). The result does not depend
 * on the order of `segs`: each channel's segments are sorted before they are placed.
 */
export function spreadSegments(routes: Map<string, RoutedConnector>, segs: readonly InnerSegment[], gap: number) {
  // Segments in one channel: same orientation and bounds, overlapping spans.
  const groups = new Map<string, InnerSegment[]>();
  for (const s of segs) {
    const key = `${s.vertical ? 'v' : 'h'}|${Math.round(s.lo)}|${Math.round(s.hi)}`;
    const g = groups.get(key);
    if (g) g.push(s);
    else groups.set(key, [s]);
  }
  for (const g of groups.values()) {
    g.sort((a, b) => a.from - b.from || a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.index - b.index));
    // Sweep into clusters of overlapping spans.
    let cluster: InnerSegment[] = [];
    let end = -Infinity;
    const flush = () => {
      if (cluster.length === 0) return;
      cluster.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.index - b.index));
      const n = cluster.length;
      const { lo, hi } = cluster[0]!;
      const width = hi - lo;
      const step = n > 1 ? Math.min(gap, width / (n - 1)) : 0;
      const mid = (lo + hi) / 2;
      cluster.forEach((s, k) =>
        moveSegment(routes.get(s.id)!.points, s.index, s.vertical, Math.round(mid + (k - (n - 1) / 2) * step)),
      );
      cluster = [];
    };
    for (const s of g) {
      if (s.from > end) {
        flush();
        end = -Infinity;
      }
      cluster.push(s);
      end = Math.max(end, s.to);
    }
    flush();
  }
}

function moveSegment(points: Point[], i: number, vertical: boolean, at: number) {
  const a = points[i]!;
  const b = points[i + 1]!;
  if (vertical) {
    points[i] = { x: at, y: a.y };
    points[i + 1] = { x: at, y: b.y };
  } else {
    points[i] = { x: a.x, y: at };
    points[i + 1] = { x: b.x, y: at };
  }
}

// ---------------------------------------------------------------------------------------
// Labels

export interface LabelRequest {
  id: string;
  width: number;
  height: number;
}

export interface PlacedLabel extends Box {
  /** True when the label sits on its route; false when it had to move beside it. */
  onRoute: boolean;
  /** False when no place clear of boxes and other labels was found. */
  clear: boolean;
}

const LABEL_SPOTS = [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9];
const MAX_SPOTS = 400;

/** Offsets tried around a route's middle for a label of this size, nearest first: the same for every label of that size, so built once. */
const AROUND = new Map<string, readonly (readonly [number, number])[]>();
function spotsAround(width: number, height: number): readonly (readonly [number, number])[] {
  const key = `${width}x${height}`;
  const known = AROUND.get(key);
  if (known) return known;
  const around: [number, number, number][] = [];
  const rx = 160 + width;
  const ry = 120 + height * 3;
  for (let dy = -ry; dy <= ry; dy += 6) for (let dx = -rx; dx <= rx; dx += 8) around.push([dx, dy, Math.hypot(dx, dy * 2)]);
  around.sort((p, q) => p[2] - q[2]);
  const spots = around.map(([dx, dy]) => [dx, dy] as const);
  if (AROUND.size > 64) AROUND.clear();
  AROUND.set(key, spots);
  return spots;
}

/** A straight piece of a route: what a label keeps off (a label over a line hides where it goes). */
export interface RouteSegment {
  /** The connector it belongs to. */
  id: string;
  a: Point;
  b: Point;
}

/** Every segment of the routes, indexed by place. */
export function segmentIndex(routes: Iterable<readonly [string, { readonly points: readonly Point[] }]>): BoxIndex<RouteSegment> {
  const index = new BoxIndex<RouteSegment>(128);
  for (const [id, r] of routes) {
    const p = r.points;
    for (let i = 0; i + 1 < p.length; i++) {
      const a = p[i]!;
      const b = p[i + 1]!;
      index.insert(
        { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) },
        { id, a, b },
      );
    }
  }
  return index;
}

/**
 * Spots tried for a better one once a label has a spot clear of cards and labels but on
 * another link's line or astride a site frame's border: enough to walk along its route
 * and look beside it, not the thousands a crowded corner would take.
 */
const TIDY_TRIES = 600;

/**
 * Each scene's connectors by id, built once per scene: the background placement of a large
 * design calls placeLabels for a few labels at a time, and building this map per call made
 * placing 1,600 labels walk 1,600 connectors 400 times.
 */
const connectorsOf = new WeakMap<RoutingScene, Map<string, Connector>>();
function connectorsById(scene: RoutingScene): Map<string, Connector> {
  let found = connectorsOf.get(scene);
  if (!found) connectorsOf.set(scene, (found = new Map(scene.input.connectors.map((c) => [c.id, c]))));
  return found;
}

/** Whether the box has interior on both sides of the frame's border (touching does not count). */
function astride(b: Box, f: Box): boolean {
  if (!boxesOverlap(b, f)) return false;
  return b.x < f.x || b.y < f.y || b.x + b.width > f.x + f.width || b.y + b.height > f.y + f.height;
}

/**
 * Places each label on a straight segment of its route, clear of `boxes` and of the
 * labels placed before it (in the order given); beside the route when no segment has
 * room. `placed` holds labels already on the canvas that the new ones must avoid;
 * `maxAround` caps the spots tried beside the route (nearest first).
 *
 * A spot is also kept off the other routes' `lines` (default: those of `routes`; null:
 * not looked at, a drag's frame) and off the site frames' borders, and the label of a
 * link inside one site stays inside that site's frame; when no such spot is near, the
 * first spot clear of cards and labels is taken.
 */
export function placeLabels(
  routes: ReadonlyMap<string, RoutedConnector>,
  requests: readonly LabelRequest[],
  scene: RoutingScene,
  placed: BoxIndex<string> = new BoxIndex<string>(128),
  gap = 4,
  maxAround = Infinity,
  maxTries = Infinity,
  lines: BoxIndex<RouteSegment> | null = segmentIndex(routes),
): Map<string, PlacedLabel> {
  const index = scene.obstacles.hard;
  const cards = scene.obstacles.cardCount;
  const mark = scene.options.cornerMark;
  const frames = scene.input.frames ?? [];
  const groups = scene.input.groups;
  const connectors = connectorsById(scene);
  const markOf = (c: Box): Box =>
    mark ? { x: c.x + c.width - mark.back, y: c.y - mark.out, width: mark.back + mark.out, height: 2 * mark.out } : c;
  const out = new Map<string, PlacedLabel>();
  let tries = 0;
  const free = (b: Box) => {
    tries += 1;
    const g = inflate(b, gap);
    for (const e of index.query(mark ? inflate(g, mark.out) : g))
      if (boxesOverlap(e.box, g) || (mark && e.item < cards && boxesOverlap(markOf(e.box), g))) return false;
    for (const e of placed.query(g)) if (boxesOverlap(e.box, g)) return false;
    return true;
  };
  for (const r of requests) {
    const route = routes.get(r.id);
    if (!route || route.points.length < 2) continue;
    tries = 0;
    const c = connectors.get(r.id);
    const g0 = c && groups?.get(c.source);
    const home = g0 !== undefined && g0 === (c && groups?.get(c.target)) ? frames[g0] : undefined;
    /** Off the other lines and the frames' borders, and inside its own site's frame. */
    const tidy = (b: Box) => {
      const g = inflate(b, 2);
      if (home && (g.x < home.x || g.y < home.y || g.x + g.width > home.x + home.width || g.y + g.height > home.y + home.height))
        return false;
      for (const f of frames) if (f !== home && astride(g, f)) return false;
      if (lines) for (const e of lines.query(g)) if (e.item.id !== r.id && segmentCrossesBox(e.item.a, e.item.b, g)) return false;
      return true;
    };
    let best: PlacedLabel | undefined;
    let fallback: PlacedLabel | undefined;
    let stopAt = maxTries;
    /** True when the spot is the one: clear and tidy. */
    const take = (b: Box, onRoute: boolean): boolean => {
      if (!free(b)) return false;
      if (tidy(b)) {
        best = { ...b, onRoute, clear: true };
        return true;
      }
      if (!fallback) {
        fallback = { ...b, onRoute, clear: true };
        stopAt = Math.min(maxTries, tries + TIDY_TRIES);
      }
      return false;
    };
    const p = route.points;
    const segments: { a: Point; b: Point; len: number; horizontal: boolean; room: number; i: number }[] = [];
    for (let i = 0; i + 1 < p.length; i++) {
      const a = p[i]!;
      const b = p[i + 1]!;
      const len = Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
      const horizontal = Math.abs(a.y - b.y) < 0.01;
      // A label covers its segment along the text: horizontal segments take wide labels best.
      const need = horizontal ? r.width : r.height;
      segments.push({ a, b, len, horizontal, room: len - need, i });
    }
    segments.sort(
      (s, t) =>
        Number(t.room >= 0) - Number(s.room >= 0) || Number(t.horizontal) - Number(s.horizontal) || t.len - s.len || s.i - t.i,
    );
    const at = (s: (typeof segments)[number], t: number, shift: number): Box => {
      const cx = s.a.x + (s.b.x - s.a.x) * t;
      const cy = s.a.y + (s.b.y - s.a.y) * t;
      const ox = s.horizontal ? 0 : shift * (r.width / 2 + gap + 2);
      const oy = s.horizontal ? shift * (r.height / 2 + gap + 2) : 0;
      return { x: Math.round(cx + ox - r.width / 2), y: Math.round(cy + oy - r.height / 2), width: r.width, height: r.height };
    };
    search: for (const shift of [0, -1, 1, -2, 2]) {
      for (const s of segments) {
        if (shift === 0 && s.room < 0) continue;
        // The middle first, then outwards in steps of about 8 units.
        // Every 16 units along the segment, at most MAX_SPOTS of them (a segment across a canvas of millions of units).
        const steps = Math.max(1, Math.min(MAX_SPOTS, Math.floor(s.len / 16)));
        const spots = [0.5];
        for (let k = 1; k <= steps; k++) spots.push(0.5 - k / (2 * steps + 2), 0.5 + k / (2 * steps + 2));
        for (const t of shift === 0 ? spots : [...LABEL_SPOTS, ...spots]) {
          const b = at(s, t, shift);
          if (shift === 0) {
            // On the segment: the label must not hang past its ends.
            const along = s.horizontal ? [b.x, b.x + b.width] : [b.y, b.y + b.height];
            const [lo, hi] = s.horizontal
              ? [Math.min(s.a.x, s.b.x), Math.max(s.a.x, s.b.x)]
              : [Math.min(s.a.y, s.b.y), Math.max(s.a.y, s.b.y)];
            if (along[0]! < lo || along[1]! > hi) continue;
          }
          if (take(b, shift === 0)) break search;
          if (tries >= stopAt) break search;
        }
      }
    }
    if (!best && tries < stopAt) {
      // Nothing on or right beside the route: the nearest free spot around its middle.
      const s = segments[0]!;
      const mid = at(s, 0.5, 0);
      const spots = spotsAround(r.width, r.height);
      for (let k = 0; k < spots.length && k < maxAround && tries < stopAt; k++) {
        const [dx, dy] = spots[k]!;
        if (take({ ...mid, x: mid.x + dx, y: mid.y + dy }, false)) break;
      }
    }
    best ??= fallback;
    if (!best) {
      const s = segments[0]!;
      best = { ...at(s, 0.5, 0), onRoute: true, clear: false };
    }
    out.set(r.id, best);
    placed.insert(best, r.id);
  }
  return out;
}

export { routePath } from './route-path';
