/**
 * Where a design's links run and where their labels sit: orthogonal routes around the
 * cards and site headers, parallel links in separate lanes, each label on a straight
 * segment clear of every card and every other label. Pure (no DOM): the canvas, the SVG
 * renderer and `topo render` draw the same diagram from it.
 *
 *   const routes = routeLinks(doc);            // every link
 *   routes.get(link.id) → { points, label? }   // label: box in canvas coordinates, and its text
 */
import {
  BoxIndex,
  DEFAULT_ROUTER_OPTIONS,
  moveObstacle,
  placeLabels,
  routeConnectors,
  RoutingScene,
  sceneObstacles,
  segmentCrossesBox,
  segmentIndex,
  laneSegments,
  spreadLanes,
  spreadSegments,
  type InnerSegment,
  type Box,
  type Connector,
  type LabelRequest,
  type Obstacles,
  type PlacedLabel,
  type Point,
  type RouteSegment,
  type RoutedConnector,
  type RouterInput,
} from '../lib/orthogonal-router';
import { NODE_HEIGHT, NODE_WIDTH, SITE_HEADER } from './grid-layout';
import { positionOf } from './layout';
import { labelSize, linkLabelText, QUIET_LINK_KINDS } from './link-labels';
import type { Link, Topology } from './schema';
import { siteFrames, type Frame } from './site-frames';
import { routeSiteLinks, type SiteLinkRoute, type SiteLinkRouteOptions } from './site-link-routing';

export type { Box, Point } from '../lib/orthogonal-router';
export { routePath } from '../lib/route-path';
export {
  LABEL_FONT_SIZE,
  LABEL_HEIGHT,
  LABEL_PADDING_X,
  LARGE_LABEL,
  QUIET_LINK_KINDS,
  labelSize,
  linkLabelText,
  textWidth,
} from './link-labels';

export interface LinkLabel extends Box {
  text: string;
  /** False when no spot clear of cards and other labels was found (a crowded design). */
  clear: boolean;
}

export interface LinkRoute {
  id: string;
  /** From the source card's border to the target card's border, axis-parallel segments. */
  points: Point[];
  label?: LinkLabel;
  /** False when no way around the cards was found (the route may then cross one). */
  clear: boolean;
}

export interface RouteOptions {
  /** Which links get a label (default: every link but the quiet kinds). */
  labelled?: (link: Link) => boolean;
  /** The label's box size (default: labelSize of linkLabelText). */
  labelBox?: (link: Link) => { width: number; height: number };
  /** Extra connectors drawn with the links (e.g. the simulation's failover arrows): `{ id, from, to }`. */
  extra?: readonly { id: string; from: string; to: string; label?: string }[];
  /**
   * Route in slices between frames however few links there are (with a `schedule`): a very
   * large design's canvas routes the part in view each time the view moves to a new part,
   * and that must not hold up the move.
   */
  background?: boolean;
}

/** The cards, headers and frames of a design, in canvas coordinates. */
export function diagramGeometry(
  doc: Topology,
  frames: ReadonlyMap<string, Frame> = siteFrames(doc),
): { cards: Map<string, Box>; headers: Box[]; frames: Box[]; groups: Map<string, number> } {
  const cards = new Map<string, Box>();
  for (const n of doc.nodes) {
    const p = positionOf(doc.layout, n.id);
    if (p) cards.set(n.id, { x: p.x, y: p.y, width: NODE_WIDTH, height: NODE_HEIGHT });
  }
  const headers: Box[] = [];
  const boxes: Box[] = [];
  const frameIndex = new Map<string, number>();
  for (const s of doc.sites) {
    const f = frames.get(s.id);
    if (!f) continue;
    frameIndex.set(s.id, boxes.length);
    boxes.push(f);
    headers.push({ x: f.x, y: f.y, width: f.width, height: SITE_HEADER });
  }
  const groups = new Map<string, number>();
  for (const n of doc.nodes) {
    const k = frameIndex.get(n.siteId);
    if (k !== undefined) groups.set(n.id, k);
  }
  return { cards, headers, frames: boxes, groups };
}

export function routerInput(
  doc: Topology,
  geometry: ReturnType<typeof diagramGeometry>,
  extra: RouteOptions['extra'],
): RouterInput {
  const connectors: Connector[] = doc.links.map((l) => ({ id: l.id, source: l.from, target: l.to }));
  for (const e of extra ?? []) connectors.push({ id: e.id, source: e.from, target: e.to });
  return { boxes: geometry.cards, walls: geometry.headers, frames: geometry.frames, groups: geometry.groups, connectors };
}

function labelRequests(doc: Topology, options: RouteOptions): { requests: LabelRequest[]; texts: Map<string, string> } {
  const labelled = options.labelled ?? ((l: Link) => !QUIET_LINK_KINDS.has(l.kind));
  const size = options.labelBox ?? ((l: Link) => labelSize(linkLabelText(l)));
  const requests: LabelRequest[] = [];
  const texts = new Map<string, string>();
  // Failover arrows and pairings first: they matter most, and the first placed get the best spots.
  for (const e of options.extra ?? []) {
    if (e.label === undefined) continue;
    requests.push({ id: e.id, ...labelSize(e.label) });
    texts.set(e.id, e.label);
  }
  const ordered = [...doc.links].sort((a, b) => Number(b.kind === 'pairing') - Number(a.kind === 'pairing'));
  for (const l of ordered) {
    if (!labelled(l)) continue;
    requests.push({ id: l.id, ...size(l) });
    texts.set(l.id, linkLabelText(l));
  }
  return { requests, texts };
}

function assemble(
  routes: Map<string, RoutedConnector>,
  labels: Map<string, PlacedLabel>,
  texts: Map<string, string>,
): Map<string, LinkRoute> {
  const out = new Map<string, LinkRoute>();
  for (const [id, r] of routes) {
    const l = labels.get(id);
    out.set(id, {
      id,
      points: r.points,
      clear: r.clear,
      label: l ? { x: l.x, y: l.y, width: l.width, height: l.height, text: texts.get(id) ?? '', clear: l.clear } : undefined,
    });
  }
  return out;
}

/** Every link of the design routed, with its label placed. Deterministic: the same document gives the same routes. */
export function routeLinks(doc: Topology, options: RouteOptions = {}): Map<string, LinkRoute> {
  const geometry = diagramGeometry(doc);
  const scene = new RoutingScene(routerInput(doc, geometry, options.extra), DEFAULT_ROUTER_OPTIONS);
  const routes = routeConnectors(scene);
  spreadLanes(routes, scene);
  const { requests, texts } = labelRequests(doc, options);
  const labels = placeLabels(routes, requests, scene);
  return assemble(routes, labels, texts);
}

/**
 * The spots a label of a dragged card's link may try on each frame: a crowded spot could
 * take thousands of tries, more than the frame; a label that finds none sits on its route's
 * middle until the drag ends and it is placed properly.
 */
const LIVE_LABEL_TRIES = 120;

export interface LinkRouterOptions {
  /**
   * A design with more links than this is routed in the background: the obvious routes
   * (straight, one jog or one corner, clear of every card) at once, the others in slices
   * given to `schedule`, so opening a large design never blocks the page for the seconds a
   * full routing takes. The links not routed yet are drawn straight meanwhile. Default: never.
   */
  backgroundAbove?: number;
  /**
   * A design with more links than this keeps the obvious routes only, the others drawn
   * straight: routing every link of a 10,000-node design around the cards takes minutes
   * of main-thread time, which no slicing makes usable. Default: never.
   */
  obviousOnlyAbove?: number;
  /**
   * The first design this router sees is routed in the background whatever its size: the
   * page has just opened (often from a share link) and its first seconds are for drawing
   * the cards and answering input; the labels follow a few per slice. Default: false.
   */
  backgroundFirst?: boolean;
  /** Runs `work` later (the canvas: the next macrotask); returns a function that cancels it. */
  schedule?: (work: () => void) => () => void;
  /** Called when routes finished in the background: the canvas draws again. */
  onChange?: () => void;
  /** A slice's time budget, in ms of `now()` (default 12). */
  sliceMs?: number;
  now?: () => number;
}

/**
 * Keeps routes while a design is edited: after a change that moved a few cards, only the
 * links that must move are routed again (those of the moved cards, those running through
 * a card's new place), and only their labels placed again, clear of the others. A change
 * that moves nothing (a name typed in the inspector, a finding appearing) keeps every
 * route; a change of labels only (zoom level, badges) places the labels again without
 * routing. One instance per canvas.
 */
/** Links given their obvious route per step of a slice (each step walks the connector list once). */
const DIRECT_CHUNK = 400;
/** Routes whose channels are found between two looks at the clock (the slow ones cross many cards). */
const LANE_CHUNK = 20;
/** Labels placed between two looks at the clock. */
const LABEL_CHUNK = 4;

export class LinkRouter {
  private doc: Topology | undefined;
  private routes = new Map<string, LinkRoute>();
  private cardsAt = new Map<string, Box>();
  private ports = new Map<string, [Point, Point]>();
  private scene: RoutingScene | undefined;
  private extra: RouteOptions['extra'];
  private labelKey: unknown[] = [];
  private cancel: (() => void) | undefined;
  /** Links still being routed in the background (undefined when none). */
  private pending: Set<string> | undefined;
  /** Bumped by each full routing: background work of an older one stops. */
  private generation = 0;
  /** Links drawn with a plain route during a drag, to route properly once it ends. */
  private rough = new Set<string>();

  constructor(private readonly config: LinkRouterOptions = {}) {}

  /** Whether some links are still being routed in the background. */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  /** The WAN links between sites (site-link-routing.ts): here so the canvas loads both routers in one chunk after the first paint. */
  routeSiteLinks(doc: Topology, frames: ReadonlyMap<string, Frame>, options?: SiteLinkRouteOptions): Map<string, SiteLinkRoute> {
    return routeSiteLinks(doc, frames, options);
  }

  /**
   * `live`: cards are being dragged. Their links take the obvious route, or a plain one, on
   * each frame (a search per link per frame costs more than the frame); the first call after
   * the drag routes those links properly.
   */
  route(doc: Topology, options: RouteOptions = {}, frames?: ReadonlyMap<string, Frame>, live = false): Map<string, LinkRoute> {
    const labelKey = [options.labelled, options.labelBox];
    const sameLabels = labelKey.every((k, i) => k === this.labelKey[i]);
    const prevDoc = this.doc;
    const settle = !live && this.rough.size > 0;
    if (!live) this.drag = undefined;
    if (prevDoc === doc && sameLabels && options.extra === this.extra && !settle) return this.routes;
    const geometry = diagramGeometry(doc, frames);
    const full = !prevDoc || options.extra !== this.extra || !sameConnections(prevDoc, doc);
    this.doc = doc;
    this.labelKey = labelKey;
    this.extra = options.extra;
    this.labelOptions = options;
    if (full) {
      this.routeAll(doc, geometry, options);
      return this.routes;
    }
    // Only positions changed (or nothing the routes depend on): which cards moved?
    const moved = new Set<string>();
    for (const [id, b] of geometry.cards) {
      const was = this.cardsAt.get(id);
      if (!was || was.x !== b.x || was.y !== b.y) moved.add(id);
    }
    if (this.pending !== undefined) {
      // Still routing in the background: a move starts it again; labels wait for its end.
      if (moved.size > 0) this.routeAll(doc, geometry, options);
      return this.routes;
    }
    if (live && sameLabels) return this.routeLive(doc, geometry, options, moved);
    this.cardsAt = geometry.cards;
    if (moved.size === 0 && !settle) {
      if (sameLabels) return this.routes;
      const { schedule } = this.config;
      if (schedule && this.scene && this.scene.input.connectors.length > (this.config.backgroundAbove ?? Infinity))
        this.relabelInBackground(doc, options, this.scene, schedule);
      else this.placeAllLabels(doc, options);
      return this.routes;
    }
    const scene = new RoutingScene(routerInput(doc, geometry, options.extra), DEFAULT_ROUTER_OPTIONS);
    this.scene = scene;
    const input = scene.input;
    const ports = scene.ports();
    const redo = new Set<string>();
    const movedBoxes = [...moved].map((id) => geometry.cards.get(id)!);
    const samePoint = (a: Point, b: Point) => a.x === b.x && a.y === b.y;
    for (const c of input.connectors) {
      const now = ports.get(c.id);
      const was = this.ports.get(c.id);
      // A link whose ends moved (its card moved, or a neighbour's link took another port).
      if (!now || !was || !samePoint(now[0], was[0]) || !samePoint(now[1], was[1])) {
        redo.add(c.id);
        continue;
      }
      const r = this.routes.get(c.id);
      if (!r) continue;
      const p = r.points;
      const hit = (b: Box) => p.some((a, i) => i + 1 < p.length && segmentCrossesBox(a, p[i + 1]!, b));
      if (movedBoxes.some(hit) || (r.label && movedBoxes.some((b) => boxOverlap(b, r.label!)))) redo.add(c.id);
    }
    this.ports = ports;
    if (settle) for (const id of this.rough) redo.add(id);
    const fresh = routeConnectors(scene, redo, live ? 'rough' : 'full');
    if (live) for (const [id, r] of fresh) if (!r.clear) this.rough.add(id);
    if (!live) this.rough.clear();
    spreadLanes(fresh, scene);
    const { requests, texts } = labelRequests(doc, options);
    if (!sameLabels) {
      // New label options as well: every label is placed again, on the new routes.
      const next = new Map<string, LinkRoute>(this.routes);
      for (const [id, r] of fresh) next.set(id, { id, points: r.points, clear: r.clear });
      this.routes = assemble(next, this.place(next, requests, scene), texts);
      return this.routes;
    }
    const placed = new BoxIndex<string>(128);
    for (const [id, r] of this.routes) if (r.label && !redo.has(id)) placed.insert(r.label, id);
    // The placed labels keep off every line: the routes kept and the fresh ones.
    const lines = segmentIndex([...[...this.routes].filter(([id]) => !fresh.has(id)), ...fresh]);
    const labels = this.place(
      fresh,
      requests.filter((q) => redo.has(q.id)),
      scene,
      placed,
      undefined,
      undefined,
      lines,
    );
    const next = new Map(this.routes);
    for (const [id, r] of assemble(fresh, labels, texts)) next.set(id, r);
    this.routes = next;
    return next;
  }

  /**
   * A drag frame: only the links of the cards that moved since the drag began are drawn
   * again (their obvious route, or a plain one), with their labels. Nothing else is looked
   * at, so a frame costs the same on a 500-card design as on a small one: the ports of
   * every other link, the links the moved cards now stand on and the rough routes wait
   * for the first call after the drag, which compares with the positions before it (the
   * known cards, ports and scene are left as they were) and routes all of that properly.
   */
  private routeLive(
    doc: Topology,
    geometry: ReturnType<typeof diagramGeometry>,
    options: RouteOptions,
    moved: ReadonlySet<string>,
  ): Map<string, LinkRoute> {
    if (moved.size === 0) return this.routes;
    let drag = this.drag;
    if (!drag || drag.links !== doc.links || drag.nodes !== doc.nodes || drag.extra !== options.extra) {
      const byCard = new Map<string, Connector[]>();
      for (const c of routerInput(doc, geometry, options.extra).connectors)
        for (const end of [c.source, c.target]) {
          let list = byCard.get(end);
          if (!list) byCard.set(end, (list = []));
          list.push(c);
        }
      const cardIndex = new Map([...geometry.cards.keys()].map((id, i) => [id, i]));
      drag = this.drag = {
        links: doc.links,
        nodes: doc.nodes,
        extra: options.extra,
        byCard,
        labels: labelRequests(doc, options),
        cardIndex,
        obstacles: sceneObstacles(routerInput(doc, geometry, options.extra), DEFAULT_ROUTER_OPTIONS),
      };
    } else
      for (const id of moved) {
        const i = drag.cardIndex.get(id);
        const box = geometry.cards.get(id);
        if (i !== undefined && box) moveObstacle(drag.obstacles, i, box, DEFAULT_ROUTER_OPTIONS);
      }
    // The moved cards' links, and every link of the cards at their other ends: those cards
    // spread their ports over all their links, so the moved links meet them where a full routing would.
    const own = new Set<string>();
    const connectors = new Map<string, Connector>();
    for (const id of moved)
      for (const c of drag.byCard.get(id) ?? []) {
        own.add(c.id);
        for (const end of [c.source, c.target]) for (const d of drag.byCard.get(end) ?? []) connectors.set(d.id, d);
      }
    if (own.size === 0) return this.routes;
    const scene = new RoutingScene(
      {
        boxes: geometry.cards,
        walls: geometry.headers,
        frames: geometry.frames,
        groups: geometry.groups,
        connectors: [...connectors.values()],
      },
      DEFAULT_ROUTER_OPTIONS,
      drag.obstacles,
    );
    const fresh = routeConnectors(scene, own, 'rough');
    for (const id of fresh.keys()) this.rough.add(id);
    spreadLanes(fresh, scene);
    const placed = new BoxIndex<string>(128);
    for (const [id, r] of this.routes) if (r.label && !own.has(id)) placed.insert(r.label, id);
    const { requests, texts } = drag.labels;
    const labels = this.place(
      fresh,
      requests.filter((q) => own.has(q.id)),
      scene,
      placed,
      this.scene?.input.connectors.length,
      LIVE_LABEL_TRIES,
      // On a drag's frame the labels keep off cards and labels only: the lines are looked at on the drop.
      null,
    );
    const next = new Map(this.routes);
    for (const [id, r] of assemble(fresh, labels, texts)) next.set(id, r);
    this.routes = next;
    return next;
  }

  /** What a drag's frames share: which links each card has, and the label requests. */
  private drag:
    | {
        links: Topology['links'];
        nodes: Topology['nodes'];
        extra: RouteOptions['extra'];
        byCard: Map<string, Connector[]>;
        labels: ReturnType<typeof labelRequests>;
        /** Every card's place in the obstacles, and the obstacles, the dragged cards moved on each frame. */
        cardIndex: Map<string, number>;
        obstacles: Obstacles;
      }
    | undefined;

  /** Every link routed again: at once, or (a large design) the obvious ones now and the rest in the background. */
  private routeAll(doc: Topology, geometry: ReturnType<typeof diagramGeometry>, options: RouteOptions) {
    this.rough.clear();
    this.cancel?.();
    this.cancel = undefined;
    this.pending = undefined;
    const generation = ++this.generation;
    this.cardsAt = geometry.cards;
    const input = routerInput(doc, geometry, options.extra);
    const { schedule, backgroundAbove = Infinity } = this.config;
    const { now, sliceMs } = this.clock;
    if (schedule && input.connectors.length > (this.config.obviousOnlyAbove ?? Infinity)) {
      // Even the obvious routes of 16,000 links take seconds: they too come in slices, the
      // links straight meanwhile; and the scene (every link's ports, the cards indexed by
      // place) is built in a slice of its own, not in the render that first draws the design.
      const queue = input.connectors.map((c) => c.id);
      const routes = new Map<string, RoutedConnector>();
      this.pending = new Set(queue);
      this.routes = new Map();
      this.scene = undefined;
      this.ports = new Map();
      let scene: RoutingScene | undefined;
      const direct = () => {
        this.cancel = undefined;
        if (generation !== this.generation) return;
        if (!scene) {
          scene = new RoutingScene(input, DEFAULT_ROUTER_OPTIONS);
          this.scene = scene;
          this.ports = scene.ports();
          this.cancel = schedule(direct);
          return;
        }
        const deadline = now() + sliceMs;
        do {
          const chunk = new Set(queue.splice(0, DIRECT_CHUNK));
          for (const [id, r] of routeConnectors(scene, chunk, 'direct')) routes.set(id, r);
        } while (queue.length > 0 && now() < deadline);
        if (queue.length > 0) {
          this.cancel = schedule(direct);
          return;
        }
        this.routes = assemble(routes, new Map(), new Map());
        this.pending = undefined;
        this.config.onChange?.();
      };
      this.cancel = schedule(direct);
      return;
    }
    const scene = new RoutingScene(input, DEFAULT_ROUTER_OPTIONS);
    this.scene = scene;
    this.ports = scene.ports();
    const first = generation === 1 && this.config.backgroundFirst === true;
    if (!schedule || (scene.input.connectors.length <= backgroundAbove && !first && options.background !== true)) {
      const routes = routeConnectors(scene);
      spreadLanes(routes, scene);
      const { requests, texts } = labelRequests(doc, options);
      this.routes = assemble(routes, this.place(routes, requests, scene), texts);
      return;
    }
    const routes = routeConnectors(scene, undefined, 'direct');
    const queue = scene.input.connectors.map((c) => c.id).filter((id) => !routes.has(id));
    this.pending = new Set(queue);
    // Until the rest is routed, the obvious routes are drawn without labels (the rest straight).
    this.routes = assemble(routes, new Map(), new Map());
    let stage: 'route' | 'lanes' | 'labels' = 'route';
    let lanes: { ids: string[]; next: number; segs: InnerSegment[] } | undefined;
    const label = this.labeller(routes, scene, doc, options);
    const step = () => {
      this.cancel = undefined;
      if (generation !== this.generation) return;
      const deadline = now() + sliceMs;
      if (stage === 'route') {
        // At least one chunk per slice, however slow the machine.
        do {
          const chunk = new Set(queue.splice(0, 2));
          for (const [id, r] of routeConnectors(scene, chunk)) routes.set(id, r);
        } while (queue.length > 0 && now() < deadline);
        if (queue.length === 0) stage = 'lanes';
      } else if (stage === 'lanes') {
        // The channels are found a few routes per slice (a fifth of a second at 1,600 links), then spread at once.
        lanes ??= { ids: [...routes.keys()], next: 0, segs: [] };
        const work = lanes;
        do {
          const chunk = work.ids.slice(work.next, work.next + LANE_CHUNK);
          work.next += chunk.length;
          for (const seg of laneSegments(routes, scene, chunk)) work.segs.push(seg);
        } while (work.next < work.ids.length && now() < deadline);
        if (work.next >= work.ids.length) {
          spreadSegments(routes, work.segs, scene.options.laneGap);
          stage = 'labels';
        }
      } else if (label(deadline)) {
        this.pending = undefined;
        this.config.onChange?.();
        return;
      }
      this.cancel = schedule(step);
    };
    this.cancel = schedule(step);
  }

  private labelOptions: RouteOptions | undefined;

  /** The clock background work looks at, and a slice's budget in ms of it. */
  private get clock(): { now: () => number; sliceMs: number } {
    return { now: this.config.now ?? (() => performance.now()), sliceMs: this.config.sliceMs ?? 12 };
  }

  /**
   * Places every label on `routes` a few per call, until `deadline` (ms of `now()`); true
   * once all are placed, with `this.routes` then holding the routes and their labels. The
   * labels are those the canvas asks for when the call runs: when the zoom changed since
   * the call before, they start again. Each is clear of those placed before it, so the
   * places are those of one placeLabels call.
   */
  private labeller(
    routes: Map<string, RoutedConnector>,
    scene: RoutingScene,
    doc: Topology,
    options: RouteOptions,
  ): (deadline: number) => boolean {
    const { now } = this.clock;
    let labelling:
      | {
          options: RouteOptions;
          requests: LabelRequest[];
          texts: Map<string, string>;
          placed: BoxIndex<string>;
          lines: BoxIndex<RouteSegment>;
          labels: Map<string, PlacedLabel>;
          next: number;
        }
      | undefined;
    return (deadline) => {
      const wanted = this.labelOptions ?? options;
      if (labelling?.options !== wanted) {
        const { requests, texts } = labelRequests(this.doc ?? doc, wanted);
        labelling = {
          options: wanted,
          requests,
          texts,
          placed: new BoxIndex<string>(128),
          lines: segmentIndex(routes),
          labels: new Map(),
          next: 0,
        };
      }
      const work = labelling;
      do {
        const chunk = work.requests.slice(work.next, work.next + LABEL_CHUNK);
        work.next += chunk.length;
        for (const [id, l] of this.place(routes, chunk, scene, work.placed, undefined, undefined, work.lines))
          work.labels.set(id, l);
      } while (work.next < work.requests.length && now() < deadline);
      if (work.next < work.requests.length) return false;
      this.routes = assemble(routes, work.labels, work.texts);
      return true;
    };
  }

  /**
   * A large design's labels placed again for a new detail level, in slices: placing 1,600
   * labels at once was most of a 300 ms task when Find jumped from the fit view to a card.
   * The routes stay as they are; until their labels are placed they are drawn without any
   * (the old ones have the old level's size).
   */
  private relabelInBackground(
    doc: Topology,
    options: RouteOptions,
    scene: RoutingScene,
    schedule: NonNullable<LinkRouterOptions['schedule']>,
  ) {
    this.cancel?.();
    this.cancel = undefined;
    const generation = ++this.generation;
    // The routes as they are (a route with its label is a routed connector too).
    const routes: Map<string, RoutedConnector> = this.routes;
    this.pending = new Set(routes.keys());
    this.routes = assemble(routes, new Map(), new Map());
    const { now, sliceMs } = this.clock;
    const label = this.labeller(routes, scene, doc, options);
    const step = () => {
      this.cancel = undefined;
      if (generation !== this.generation) return;
      if (!label(now() + sliceMs)) {
        this.cancel = schedule(step);
        return;
      }
      this.pending = undefined;
      this.config.onChange?.();
    };
    this.cancel = schedule(step);
  }

  /**
   * Labels placed on the routes. On a large design a label that finds no room near its
   * route (the enlarged labels of the zoomed-out view, between cards packed in sites)
   * stops looking after the nearest spots instead of trying thousands.
   */
  private place(
    routes: ReadonlyMap<string, RoutedConnector>,
    requests: readonly LabelRequest[],
    scene: RoutingScene,
    placed?: BoxIndex<string>,
    connectors = scene.input.connectors.length,
    maxTries = Infinity,
    lines?: BoxIndex<RouteSegment> | null,
  ): Map<string, PlacedLabel> {
    const large = connectors > (this.config.backgroundAbove ?? Infinity);
    return placeLabels(routes, requests, scene, placed, 4, large ? 400 : Infinity, maxTries, lines);
  }

  private placeAllLabels(doc: Topology, options: RouteOptions) {
    if (!this.scene) return;
    const { requests, texts } = labelRequests(doc, options);
    this.routes = assemble(this.routes, this.place(this.routes, requests, this.scene), texts);
  }

  /** Stops any background work (the canvas is going away). */
  dispose() {
    this.cancel?.();
    this.cancel = undefined;
    this.generation += 1;
  }
}

/** Whether two versions of a design join the same cards by the same links, with the cards in the same sites. */
function sameConnections(a: Topology, b: Topology): boolean {
  if (a.links !== b.links) {
    if (a.links.length !== b.links.length) return false;
    for (let i = 0; i < a.links.length; i++) {
      const p = a.links[i]!;
      const q = b.links[i]!;
      if (p !== q && (p.id !== q.id || p.from !== q.from || p.to !== q.to)) return false;
    }
  }
  if (a.nodes !== b.nodes) {
    if (a.nodes.length !== b.nodes.length) return false;
    for (let i = 0; i < a.nodes.length; i++) {
      const p = a.nodes[i]!;
      const q = b.nodes[i]!;
      if (p !== q && (p.id !== q.id || p.siteId !== q.siteId)) return false;
    }
  }
  if (a.sites !== b.sites) {
    if (a.sites.length !== b.sites.length) return false;
    for (let i = 0; i < a.sites.length; i++) if (a.sites[i]!.id !== b.sites[i]!.id) return false;
  }
  return true;
}

function boxOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
