/**
 * The document mapped to React Flow nodes and edges. Node and edge objects are reused
 * while nothing they show has changed, so a drag over a 500-node design re-renders only
 * what moves; the edge array itself is reused while no edge changed, so React Flow does
 * not rebuild its connection index on every drag frame.
 *
 * Every card has the same fixed size, so nodes arrive measured and with their anchor:
 * React Flow can draw them and their edges on the first render, before it measures.
 */
import { MarkerType, Position, type NodeHandle } from '@xyflow/react';
import type { Topology } from '../model/schema';
import type { FindingIndex } from '../store/selectors';
import type { SimulationView } from './simulation-view';
import type { CompareMark, LinkMark } from '../store/comparison';
import type { DetailLevel } from './detail-level';
import type {
  Badge,
  CanvasEdge,
  FlowNode,
  SiteFlowNode,
  SiteLinkFlowEdge,
  TopologyFlowEdge,
  TopologyFlowNode,
} from './flow-types';
import type { SiteLinkRoute } from '../model/site-link-routing';
import { siteLinkText } from '../model/site-link-text';
import { siteFrames, type Frame } from '../model/site-frames';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/grid-layout';
import { positionOf } from '../model/layout';
import { QUIET_LINK_KINDS, labelSize, linkLabelText, shortLinkLabelText } from '../model/link-labels';
import type { LinkRoute, LinkRouter, RouteOptions } from '../model/link-routing';
import type { Link } from '../model/schema';
import { linkKindLabel } from '../model/link-kinds';

export interface FlowInput {
  doc: Topology;
  selected: ReadonlySet<string>;
  findings: FindingIndex;
  highlighted: ReadonlySet<string>;
  dropTarget?: string;
  sim?: SimulationView;
  /** Comparison with the current deployment: how each card is marked (added, changed, version changed). */
  compare?: ReadonlyMap<string, CompareMark>;
  /** And how each link is marked (added, changed). */
  compareLinks?: ReadonlyMap<string, LinkMark>;
  /**
   * While cards are dragged, site frames keep their size: the drop target is highlighted
   * instead, and a frame resizing on every frame would make React Flow re-measure it.
   */
  freezeFrames?: boolean;
  /** The canvas's level of detail: labels are placed at the size it draws them. */
  detail?: DetailLevel;
  /** Cards are being dragged: their links are drawn roughly on each frame and routed on release. */
  dragging?: boolean;
  /**
   * A very large design: only these cards, and the links between them, are mapped (the
   * canvas window, canvas-window.ts). Site frames and WAN links are always all mapped.
   */
  window?: ReadonlySet<string>;
}

/** The handle ids of a card's four sides, as the card renders them. */
export const SIDE_HANDLES = [Position.Top, Position.Right, Position.Bottom, Position.Left] as const;
export const CENTRE_HANDLE = 'centre';
/** A side handle's size (styles.css, `.topo-handle`). */
const SIDE_HANDLE_SIZE = 9;
/**
 * The card's border (styles.css, `.topo-node`: 1px, 4px on the left in its kind's colour):
 * React Flow's side handles centre on the inside of the border.
 */
const CARD_BORDER = { top: 1, right: 1, bottom: 1, left: 4 } as const;

/** Where a side handle sits on a full card, as the browser measures it. */
function sideHandle(side: (typeof SIDE_HANDLES)[number]): NodeHandle {
  const inner = {
    left: CARD_BORDER.left,
    right: NODE_WIDTH - CARD_BORDER.right,
    top: CARD_BORDER.top,
    bottom: NODE_HEIGHT - CARD_BORDER.bottom,
  };
  const mid = { x: (inner.left + inner.right) / 2, y: (inner.top + inner.bottom) / 2 };
  const centre = ((): { x: number; y: number } => {
    switch (side) {
      case Position.Top:
        return { x: mid.x, y: inner.top };
      case Position.Right:
        return { x: inner.right, y: mid.y };
      case Position.Bottom:
        return { x: mid.x, y: inner.bottom };
      case Position.Left:
        return { x: inner.left, y: mid.y };
    }
  })();
  const half = SIDE_HANDLE_SIZE / 2;
  return {
    id: side,
    type: 'source',
    position: side,
    x: centre.x - half,
    y: centre.y - half,
    width: SIDE_HANDLE_SIZE,
    height: SIDE_HANDLE_SIZE,
  };
}

/**
 * A card's handles. First its anchor: a point at its centre, the first source handle, the
 * one every edge uses (links carry no handle id). The edge component then receives the two
 * centres and draws a floating link between the cards' borders. The card renders the same
 * point as a hidden handle (topology-node.tsx), so React Flow's own measuring agrees with this.
 *
 * Then the four sides a connection starts from. The card renders them only on hover or
 * selection, but they are declared here always: React Flow replaces a node's measured
 * handles by the declared ones whenever the node object changes (a selection, new
 * findings), and a side handle missing there starts no connection when pressed.
 */
export const TOPOLOGY_NODE_HANDLES: NodeHandle[] = [
  { id: CENTRE_HANDLE, type: 'source', position: Position.Top, x: NODE_WIDTH / 2, y: NODE_HEIGHT / 2, width: 0, height: 0 },
  ...SIDE_HANDLES.map(sideHandle),
];
/** A card no connection starts from (a comparison's ghost): its anchor alone. */
export const ANCHOR_ONLY_HANDLES: NodeHandle[] = TOPOLOGY_NODE_HANDLES.slice(0, 1);

/** The handle a site frame's WAN links start from, and the user drags to connect another site (site-node.tsx). */
export const WAN_HANDLE = 'wan';
function siteHandles(width: number): NodeHandle[] {
  return [{ id: WAN_HANDLE, type: 'source', position: Position.Right, x: width - 34, y: 20, width: 0, height: 0 }];
}

/** The link router as the mapper uses it: the lazy one returns no WAN routes until it is loaded. */
type FlowRouter = Pick<LinkRouter, 'route' | 'busy'> & {
  routeSiteLinks(
    ...args: [...Parameters<LinkRouter['routeSiteLinks']>, inBackground?: boolean]
  ): ReturnType<LinkRouter['routeSiteLinks']> | undefined;
  /** No WAN lines to draw: a routing of them still waiting for its task is dropped (else the canvas waits on it). */
  noWanLines?(): void;
};

export class FlowMapper {
  private nodeCache = new Map<string, FlowNode>();
  private edgeCache = new Map<string, TopologyFlowEdge>();
  private lastEdges: TopologyFlowEdge[] = [];
  private wanCache = new Map<string, SiteLinkFlowEdge>();
  private lastWan: { key: unknown[]; routes: Map<string, SiteLinkRoute> } = { key: [], routes: new Map() };
  private lastAll: { topology: TopologyFlowEdge[]; wan: SiteLinkFlowEdge[]; all: CanvasEdge[] } | undefined;
  /** What node cards and edges show besides positions; unchanged during a drag. */
  private lastNodeInputs: unknown[] = [];
  private lastEdgeInputs: unknown[] = [];
  frames = new Map<string, Frame>();
  /** The canvas's is loaded after the first paint (lazy-link-router.ts); tests pass a LinkRouter. */
  readonly router: FlowRouter;
  /** Route options, rebuilt only when what decides labels changes (new label options place every label again). */
  private routeOptions: { key: unknown[]; options: RouteOptions } = { key: [], options: {} };
  /** The links' badge sizes, by findings index: labels move only when a badge changes, not on every edit. */
  private badges: { findings?: FindingIndex; links?: Topology['links']; key: string } = { key: '' };
  private extra: { sim?: SimulationView; extra: RouteOptions['extra'] } = { extra: undefined };

  constructor(router: FlowRouter) {
    this.router = router;
  }

  /** The site frames of a document: computed again only when its cards, layout or sites changed (a 10,000-card design's take tens of ms). */
  private lastFrames: { key: unknown[]; frames: Map<string, Frame> } = { key: [], frames: new Map() };
  framesOf(doc: Topology): Map<string, Frame> {
    const key = [doc.nodes, doc.layout, doc.sites];
    if (!sameInputs(key, this.lastFrames.key)) this.lastFrames = { key, frames: siteFrames(doc) };
    return this.lastFrames.frames;
  }

  private routedParts: {
    key: unknown[];
    nodes: Topology['nodes'];
    links: Topology['links'];
    sites: Topology['sites'];
    siteLinks: Topology['siteLinks'];
  } = { key: [], nodes: [], links: [], sites: [], siteLinks: [] };
  private background: { of?: RouteOptions; options?: RouteOptions } = {};
  /** The same options, routed in slices (the same object while they are the same). */
  private inBackground(options: RouteOptions): RouteOptions {
    if (this.background.of !== options) this.background = { of: options, options: { ...options, background: true } };
    return this.background.options!;
  }
  private routedDoc: { key: unknown[]; doc: Topology | undefined } = { key: [], doc: undefined };
  /**
   * The part of a windowed design the router is given: the cards, links and sites of the
   * window. Its arrays are the same while the window and the design's cards and links are,
   * so a drag (positions only) is routed as moves, not as a new diagram.
   */
  private docForRouting(doc: Topology, win: ReadonlySet<string> | undefined): Topology {
    if (!win) return doc;
    const partsKey = [doc.nodes, doc.links, doc.sites, doc.siteLinks, win];
    if (!sameInputs(partsKey, this.routedParts.key))
      this.routedParts = {
        key: partsKey,
        nodes: doc.nodes.filter((n) => win.has(n.id)),
        links: doc.links.filter((l) => win.has(l.from) && win.has(l.to)),
        sites: doc.sites.filter((s) => win.has(s.id)),
        siteLinks: doc.siteLinks?.filter((l) => win.has(l.from) && win.has(l.to)),
      };
    const { nodes, links, sites, siteLinks } = this.routedParts;
    const key = [doc, nodes, links, sites, siteLinks];
    if (!sameInputs(key, this.routedDoc.key)) this.routedDoc = { key, doc: { ...doc, nodes, links, sites, siteLinks } };
    return this.routedDoc.doc!;
  }

  private framesInWindow: { key: unknown[]; frames: Map<string, Frame> } = { key: [], frames: new Map() };
  /** The site frames of the window (the same map while the frames and the window are). */
  private windowFrames(win: ReadonlySet<string>): Map<string, Frame> {
    const key = [this.frames, win];
    if (!sameInputs(key, this.framesInWindow.key))
      this.framesInWindow = { key, frames: new Map([...this.frames].filter(([id]) => win.has(id))) };
    return this.framesInWindow.frames;
  }

  /** The WAN links' routes as last routed (a windowed design's: those of the window). */
  get wanRoutes(): ReadonlyMap<string, SiteLinkRoute> {
    return this.lastWan.routes;
  }

  private badgeKey(links: Topology['links'], findings: FindingIndex): string {
    if (this.badges.findings === findings && this.badges.links === links) return this.badges.key;
    let key = '';
    for (const l of links) {
      const b = findings.byElement.get(l.id);
      if (b) key += `${l.id}:${badgeChars(b)} `;
    }
    this.badges = { findings, links, key };
    return key;
  }

  private optionsFor(
    links: Topology['links'],
    labelAll: boolean,
    findings: FindingIndex,
    sim: SimulationView | undefined,
    detail: DetailLevel | undefined,
  ): RouteOptions {
    // Zoomed out, the labels kept are drawn large, so they are placed at that size; in the
    // overview a large design shows none (the edge draws a selected link's label at the
    // middle of its route), so none is placed.
    const large = detail !== undefined && detail !== 'full';
    const none = !labelAll && detail === 'overview';
    const key = [labelAll, this.badgeKey(links, findings), large, none];
    if (this.extra.sim !== sim)
      this.extra = {
        sim,
        extra: sim?.failovers.map((fo) => ({ id: `failover:${fo.from}:${fo.to}`, from: fo.from, to: fo.to, label: fo.label })),
      };
    const extra = this.extra.extra;
    if (sameInputs(key, this.routeOptions.key)) {
      if (this.routeOptions.options.extra !== extra)
        this.routeOptions = { key, options: { ...this.routeOptions.options, extra } };
      return this.routeOptions.options;
    }
    // The key holds every answer these functions give, so they may keep the findings they were made with.
    const current = { findings };
    const options: RouteOptions = {
      // Zoomed out only a pairing shows its label (topology-edge.tsx): the others, placed at the
      // large size, would only take the room it needs.
      labelled: none
        ? () => false
        : (l: Link) =>
            labelAll && !large ? !QUIET_LINK_KINDS.has(l.kind) || current.findings.byElement.has(l.id) : l.kind === 'pairing',
      labelBox: (l: Link) =>
        labelSize(
          QUIET_LINK_KINDS.has(l.kind) ? '' : large ? shortLinkLabelText(l) : linkLabelText(l),
          badgeChars(current.findings.byElement.get(l.id)),
          large,
        ),
      extra,
    };
    this.routeOptions = { key, options };
    return options;
  }

  /**
   * The nodes and edges, and where each link runs. The routes are not in the edges'
   * data (route-board.ts): a drag changes them on every frame while the edges stay the same objects.
   */
  map(input: FlowInput): { nodes: FlowNode[]; edges: CanvasEdge[]; routes: ReadonlyMap<string, LinkRoute> } {
    const { nodes, edges, routes } = this.mapServers(input);
    const wan = this.mapSiteLinks(input, routes);
    if (wan.length === 0) return { nodes, edges, routes };
    // The same array while neither part changed: React Flow rebuilds its edge lookup on a new one.
    if (this.lastAll?.topology !== edges || this.lastAll.wan !== wan)
      this.lastAll = { topology: edges, wan, all: [...wan, ...edges] };
    return { nodes, edges: this.lastAll.all, routes };
  }

  /**
   * The WAN links between site frames, routed round the frames and clear of the server
   * links' labels. While cards are dragged the frames keep their size, and the lines stay
   * where they are until the drop.
   */
  private mapSiteLinks(input: FlowInput, linkRoutes: ReadonlyMap<string, LinkRoute>): SiteLinkFlowEdge[] {
    const { selected, findings, highlighted } = input;
    // A windowed design routes and maps only the WAN links of the window.
    const doc = this.docForRouting(input.doc, input.window);
    const siteLinks = doc.siteLinks ?? [];
    if (siteLinks.length === 0) {
      this.wanCache = new Map();
      this.router.noWanLines?.();
      return [];
    }
    const key = [siteLinks, doc.sites, this.frames, input.dragging ? undefined : linkRoutes];
    let routes = this.lastWan.routes;
    const stale = !sameInputs(key, this.lastWan.key);
    if (stale && !(input.dragging && this.lastWan.key[2] === this.frames && this.lastWan.key[0] === siteLinks)) {
      const avoid = [...linkRoutes.values()].flatMap((r) => (r.label ? [r.label] : []));
      // A windowed design's WAN lines are drawn straight, as the whole design's would be (too many
      // sites to route), for the window's frames only and in a task of their own.
      const win = input.window;
      const fresh = win
        ? this.router.routeSiteLinks(doc, this.windowFrames(win), { avoid, lines: linkRoutes, straight: true }, true)
        : this.router.routeSiteLinks(doc, this.frames, { avoid, lines: linkRoutes });
      // A route drawn as before keeps its object, so its edge does too (selecting a link re-routes the WAN round the same labels).
      if (fresh) for (const [id, r] of fresh) if (sameWanRoute(r, routes.get(id))) fresh.set(id, routes.get(id)!);
      // Not loaded yet, or routed in the background: the routes drawn so far (none: straight lines)
      // for now, the new ones on the draw that follows.
      routes = fresh ?? routes;
      if (fresh) this.lastWan = { key, routes };
    }
    const names = new Map(doc.sites.map((s) => [s.id, s.name]));
    const next = new Map<string, SiteLinkFlowEdge>();
    const out: SiteLinkFlowEdge[] = [];
    let changed = false;
    const win = input.window;
    for (const l of siteLinks) {
      if (!this.frames.has(l.from) || !this.frames.has(l.to)) continue;
      if (win && !(win.has(l.from) && win.has(l.to))) continue;
      const data = { siteLink: l, route: routes.get(l.id), badge: badgeOf(findings, l.id), highlighted: highlighted.has(l.id) };
      const isSel = selected.has(l.id);
      const prev = this.wanCache.get(l.id);
      const edge: SiteLinkFlowEdge =
        prev && prev.selected === isSel && prev.data && shallowEqual(prev.data, data)
          ? prev
          : {
              id: l.id,
              type: 'siteLink',
              source: l.from,
              target: l.to,
              data,
              selected: isSel,
              zIndex: 0,
              ariaLabel: `WAN link between ${names.get(l.from) ?? l.from} and ${names.get(l.to) ?? l.to}: ${siteLinkText(l).replace('WAN · ', '')}`,
            };
      if (edge !== prev) changed = true;
      next.set(l.id, edge);
      out.push(edge);
    }
    if (out.length !== this.wanCache.size) changed = true;
    this.wanCache = next;
    if (!changed && this.lastAll && this.lastAll.wan.length === out.length) return this.lastAll.wan;
    return out;
  }

  private mapServers(input: FlowInput): {
    nodes: FlowNode[];
    edges: TopologyFlowEdge[];
    routes: ReadonlyMap<string, LinkRoute>;
  } {
    const { doc, selected, findings, highlighted, dropTarget, sim, compare, compareLinks } = input;
    const made = input.freezeFrames && this.frames.size > 0 ? this.frames : this.framesOf(doc);
    // The same frames keep their object: the WAN lines are routed again only when a frame moved.
    const frames = sameFrames(made, this.frames) ? this.frames : made;
    this.frames = frames;
    const nextNodes = new Map<string, FlowNode>();
    const nodes: FlowNode[] = [];
    const members = new Map<string, number>();
    for (const n of doc.nodes) members.set(n.siteId, (members.get(n.siteId) ?? 0) + 1);

    const win = input.window;
    for (const s of doc.sites) {
      if (win && !win.has(s.id)) continue;
      const f = frames.get(s.id)!;
      const data = {
        site: s,
        badge: badgeOf(findings, s.id),
        highlighted: highlighted.has(s.id),
        memberCount: members.get(s.id) ?? 0,
        lost: sim?.lostSites.has(s.id) ?? false,
        dropTarget: dropTarget === s.id,
      };
      const prev = this.nodeCache.get(s.id) as SiteFlowNode | undefined;
      const isSel = selected.has(s.id);
      const reuse =
        prev &&
        prev.position.x === f.x &&
        prev.position.y === f.y &&
        prev.width === f.width &&
        prev.height === f.height &&
        prev.selected === isSel &&
        shallowEqual(prev.data, data);
      const node: SiteFlowNode = reuse
        ? prev
        : {
            id: s.id,
            type: 'site',
            position: { x: f.x, y: f.y },
            width: f.width,
            height: f.height,
            measured: { width: f.width, height: f.height },
            data,
            selected: isSel,
            zIndex: 0,
            dragHandle: '.site-drag-handle',
            className: 'site-node',
            handles: siteHandles(f.width),
            ariaLabel: `${s.kind === 'branch' ? 'Branch site' : 'Data center'} ${s.name}`,
          };
      nextNodes.set(s.id, node);
      nodes.push(node);
    }

    const cms = doc.deployment.cmsHost;
    // A drag changes positions only: cards are then reused or moved without rebuilding what they show.
    const nodeInputs = [doc.nodes, findings, highlighted, selected, sim, cms, compare];
    const onlyMoved = sameInputs(nodeInputs, this.lastNodeInputs);
    this.lastNodeInputs = nodeInputs;
    for (const n of doc.nodes) {
      if (win && !win.has(n.id)) continue;
      const p = positionOf(doc.layout, n.id) ?? { x: 0, y: 0 };
      const cached = onlyMoved ? (this.nodeCache.get(n.id) as TopologyFlowNode | undefined) : undefined;
      if (cached) {
        const node =
          cached.position.x === p.x && cached.position.y === p.y ? cached : { ...cached, position: { x: p.x, y: p.y } };
        nextNodes.set(n.id, node);
        nodes.push(node);
        continue;
      }
      const data = {
        node: n,
        badge: badgeOf(findings, n.id),
        highlighted: highlighted.has(n.id),
        cms: cms === n.id,
        sim: sim?.nodes.get(n.id),
        diff: compare?.get(n.id),
      };
      const prev = this.nodeCache.get(n.id) as TopologyFlowNode | undefined;
      const isSel = selected.has(n.id);
      const reuse =
        prev && prev.position.x === p.x && prev.position.y === p.y && prev.selected === isSel && shallowEqual(prev.data, data);
      const node: TopologyFlowNode = reuse
        ? prev
        : {
            id: n.id,
            type: 'topology',
            position: { x: p.x, y: p.y },
            width: NODE_WIDTH,
            height: NODE_HEIGHT,
            measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
            handles: TOPOLOGY_NODE_HANDLES,
            data,
            selected: isSel,
            zIndex: 2,
            ariaLabel: undefined,
          };
      nextNodes.set(n.id, node);
      nodes.push(node);
    }
    this.nodeCache = nextNodes;

    // Hundreds of labels cost every frame: a large design labels only what matters.
    const labelAll = doc.links.length <= 300;
    // A windowed design routes only the links React Flow draws, round the cards it holds.
    const routed = this.docForRouting(doc, win);
    const options = this.optionsFor(routed.links, labelAll, findings, sim, input.detail);
    const routes = this.router.route(routed, win ? this.inBackground(options) : options, frames, input.dragging);
    const edgeInputs = [doc.links, findings, highlighted, selected, sim, compareLinks, win];
    if (sameInputs(edgeInputs, this.lastEdgeInputs)) return { nodes, edges: this.lastEdges, routes };
    this.lastEdgeInputs = edgeInputs;
    const names = new Map(doc.nodes.map((n) => [n.id, n.name]));
    const nextEdges = new Map<string, TopologyFlowEdge>();
    const edges: TopologyFlowEdge[] = [];
    let edgesChanged = false;
    for (const l of doc.links) {
      if (win && !(win.has(l.from) && win.has(l.to))) continue;
      const data = {
        link: l,
        badge: badgeOf(findings, l.id),
        highlighted: highlighted.has(l.id),
        failover: sim?.failoverLinks.has(l.id) ?? false,
        lost: sim ? sim.lostNodes.has(l.from) || sim.lostNodes.has(l.to) : false,
        quiet: !labelAll && l.kind !== 'pairing',
        diff: compareLinks?.get(l.id),
      };
      const prev = this.edgeCache.get(l.id);
      const isSel = selected.has(l.id);
      const reuse =
        prev &&
        prev.selected === isSel &&
        prev.source === l.from &&
        prev.target === l.to &&
        prev.data !== undefined &&
        shallowEqual(prev.data, data);
      const marker = { type: MarkerType.ArrowClosed, width: 14, height: 14 } as const;
      const edge: TopologyFlowEdge = reuse
        ? prev
        : {
            id: l.id,
            type: 'topology',
            source: l.from,
            target: l.to,
            data,
            selected: isSel,
            zIndex: 1,
            markerEnd:
              l.kind === 'pairing' ||
              l.kind === 'backEnd' ||
              l.kind === 'mirror' ||
              l.kind === 'nextHop' ||
              l.kind === 'logShipping' ||
              l.kind === 'backupRegistrar'
                ? marker
                : undefined,
            markerStart: l.kind === 'pairing' ? marker : undefined,
            ariaLabel: `${linkKindLabel(l.kind)} link from ${names.get(l.from) ?? l.from} to ${names.get(l.to) ?? l.to}`,
          };
      if (edge !== this.lastEdges[edges.length]) edgesChanged = true;
      nextEdges.set(l.id, edge);
      edges.push(edge);
    }
    if (edges.length !== this.lastEdges.length) edgesChanged = true;
    if (sim) {
      edgesChanged = true;
      for (const fo of sim.failovers) {
        if (win && !(win.has(fo.from) && win.has(fo.to))) continue;
        const id = `failover:${fo.from}:${fo.to}`;
        edges.push({
          id,
          type: 'topology',
          source: fo.from,
          target: fo.to,
          selectable: false,
          focusable: false,
          zIndex: 3,
          markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: 'var(--failover)' },
          data: {
            link: { id, kind: 'pairing', from: fo.from, to: fo.to },
            highlighted: false,
            failover: true,
            failoverLabel: fo.label,
          },
        });
      }
    }
    this.edgeCache = nextEdges;
    if (edgesChanged) this.lastEdges = edges;
    return { nodes, edges: this.lastEdges, routes };
  }
}

/** Badge chars on a link label: its count. */
function sameWanRoute(a: SiteLinkRoute, b: SiteLinkRoute | undefined): boolean {
  if (!b || a.clear !== b.clear || a.points.length !== b.points.length) return false;
  const la = a.label;
  const lb = b.label;
  if (la.x !== lb.x || la.y !== lb.y || la.width !== lb.width || la.height !== lb.height || la.text !== lb.text) return false;
  return a.points.every((p, i) => p.x === b.points[i]!.x && p.y === b.points[i]!.y);
}

const badgeChars = (b: Badge | undefined) => (b ? String(b.count).length : 0);

function badgeOf(findings: FindingIndex, id: string): Badge | undefined {
  return findings.byElement.get(id);
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if ((a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  return true;
}

function sameFrames(a: ReadonlyMap<string, Frame>, b: ReadonlyMap<string, Frame>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [id, f] of a) {
    const g = b.get(id);
    if (!g || g.x !== f.x || g.y !== f.y || g.width !== f.width || g.height !== f.height) return false;
  }
  return true;
}
