/**
 * The canvas: sites as containers, nodes inside, links between. Dragging updates the
 * layout live and commits once on release (one undo step); dropping a node in another
 * site's frame moves it to that site; connecting picks the link kind from the endpoints
 * and asks when several fit; impossible connections say why while dragging.
 */
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  ControlButton,
  Controls,
  ReactFlow,
  useConnection,
  useReactFlow,
  useStore as useFlowStore,
  useStoreApi as useFlowStoreApi,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type Viewport,
} from '@xyflow/react';
import {
  lazy,
  Suspense,
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type MouseEvent as ReactMouseEvent,
  type RefObject,
} from 'react';
import { linkKindLabel, linkKindsBetween, whyNoLink } from '../model/link-kinds';
import type { LinkKind, Position, Topology } from '../model/schema';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/grid-layout';
import { selectFindingIndex, selectFindings, useRulesReady } from '../store/selectors';
import { useDesigner, useDesignerStore } from '../store/designer-context';
import type { DesignerStore } from '../store/store';
import { PALETTE_MIME, PALETTE_SITE_MIME } from '../ui/kinds';
import { placeFromPalette, targetSite } from '../store/place';
import { withFramesApart } from '../model/placement';
import type { CanvasEdge, FlowNode, SiteFlowNode, TopologyFlowEdge, TopologyFlowNode } from './flow-types';
import { SiteLinkEdgeComponent } from './site-link-edge';
import { siteAt, siteFrames, nodeCenter } from '../model/site-frames';
import { SiteNodeView } from './site-node';
import { DetailLevelContext, detailLevelAt } from './detail-level';
import { FlowMapper } from './to-flow';
import type { ContextMenuState } from './context-menu';
import { LazyLinkRouter } from './lazy-link-router';
import { REVEAL_BATCH, arrivalWaits, revealBatchFor, revealStep, revealedEdges } from './reveal';
import { ROUTE_BATCH, RouteBoard, RouteBoardContext } from './route-board';
import { CompareLegend, GhostNodeView, useCompareCanvas, useGhostElements } from './compare-marks';
import type { ContextTarget } from './context-actions';
import {
  EMPTY_VIEWPORT,
  MIN_ZOOM,
  fitWholeDesign,
  fittedViewport,
  openingViewport,
  openingViewportOf,
  opensAtSite,
  windowed,
} from './fit';
import type { CanvasRect, CardWindow } from './canvas-window';
import { TopologyEdgeComponent } from './topology-edge';
import { TopologyNodeView } from './topology-node';
import { useSimulationView } from './use-simulation-view';
import { positionOf } from '../model/layout';
import { viewMoveMs } from '../lib/view-move';

/** The legend, the overview map, the empty canvas's starts and the context menu come just after the first paint (not part of the first load). */
const Legend = lazy(() => import('./legend').then((m) => ({ default: m.Legend })));
const DesignMap = lazy(() => import('./design-map').then((m) => ({ default: m.DesignMap })));
const EmptyCanvas = lazy(() => import('./empty-canvas').then((m) => ({ default: m.EmptyCanvas })));
const CanvasContextMenu = lazy(() => import('./context-menu').then((m) => ({ default: m.CanvasContextMenu })));
const OverviewPicture = lazy(() => import('./overview-picture').then((m) => ({ default: m.OverviewPicture })));

const nodeTypes = { topology: TopologyNodeView, site: SiteNodeView, ghost: GhostNodeView };
const edgeTypes = { topology: TopologyEdgeComponent, siteLink: SiteLinkEdgeComponent };
// React Flow copies every prop that changed identity into its store, and each copy wakes
// every node and edge: object and array props are constants, not literals in the render.
const MULTI_SELECTION_KEYS = ['Meta', 'Control'];
const SNAP_GRID: [number, number] = [8, 8];
const PRO_OPTIONS = { hideAttribution: true };
const NO_EDGES: CanvasEdge[] = [];
const NOTHING_HELD: CardWindow = { ids: new Set(), picture: false };
const NO_FRAMES: ReturnType<typeof siteFrames> = new Map();
// Zoomed out, a 24-unit dot grid is a dot every 2 screen pixels: costly to paint on every
// pan frame and no use as a grid. The grid thins out when compact and goes in the overview.
const BACKGROUND_GAP = { full: 24, compact: 72 } as const;
// A large design draws only what is in view once zoomed in past the overview (where all
// of it is): at 30% a view holds about a sixth of a 500-node design, and every card or
// link left out is one less for React Flow to update and Chromium to paint per frame.
// The minimap (design-map.tsx) still shows all of it.
const CULL_ABOVE_NODES = 300;
/**
 * Above this many links, routing every link around the cards takes seconds on a slow
 * machine: the obvious routes are drawn at once and the rest follow in slices between
 * frames, so the design opens and answers input meanwhile.
 */
const BACKGROUND_ROUTING_ABOVE = 300;
/** Above this many links (a design of some 3,000 nodes), only the obvious routes are drawn; the others straight. */
const OBVIOUS_ROUTES_ONLY_ABOVE = 5_000;
/** Runs `work` in a later task, after the browser has had a chance to draw and handle input. */
function soon(work: () => void): () => void {
  const timer = setTimeout(work, 0);
  return () => clearTimeout(timer);
}
const ARIA_LABELS = { 'node.a11yDescription.default': 'Press Enter or Space to select. Arrow keys move the selected nodes.' };

interface KindMenu {
  x: number;
  y: number;
  from: string;
  to: string;
  kinds: LinkKind[];
}

export function DesignerCanvas() {
  const store = useDesignerStore();
  const { doc: committed, seq: drawnSeq, behind: arrivalPending } = useDrawnDesign(store);
  // The arrival the view was last fitted to (useFitOnLoad): the one the page started with is fitted as it first renders.
  const [fittedSeq, setFittedSeq] = useState(drawnSeq);
  // Drag positions reach the canvas as React state, not through a store subscription:
  // a store update renders synchronously inside each pointermove, React state lets React
  // batch the moves of a frame into one render, as React Flow's own useNodesState does.
  const [dragLayout, setDragLayout] = useState(() => store.getState().dragLayout);
  useEffect(() => {
    setDragLayout(store.getState().dragLayout);
    return store.subscribe((s, prev) => {
      if (s.dragLayout !== prev.dragLayout) setDragLayout(s.dragLayout);
    });
  }, [store]);
  // The document as the canvas shows it, with a drag's live positions (asked for several
  // times a frame, so the last one is kept).
  const live = useRef(new LiveDoc()).current;
  const liveDoc = useCallback(() => live.of(store.getState().doc, store.getState().dragLayout), [live, store]);
  // While dragging, the canvas shows the live positions; the document changes on release.
  const doc = useMemo(() => live.of(committed, dragLayout), [live, committed, dragLayout]);
  const selectedIds = useDesigner((s) => s.selectedIds);
  const highlightedFinding = useDesigner((s) => s.highlightedFinding);
  const flow = useReactFlow();
  // A large design's links are routed in the background (model/link-routing.ts): the
  // canvas draws again when they are done.
  const [routesVersion, setRoutesVersion] = useState(0);
  const mapper = useRef<FlowMapper>(undefined as never);
  mapper.current ??= new FlowMapper(
    new LazyLinkRouter({
      backgroundAbove: BACKGROUND_ROUTING_ABOVE,
      obviousOnlyAbove: OBVIOUS_ROUTES_ONLY_ABOVE,
      schedule: soon,
      wanInBackground: true,
      onChange: () => setRoutesVersion((v) => v + 1),
    }),
  );
  const dragging = useRef(false);
  const [dropTarget, setDropTarget] = useState<string | undefined>();
  const [menu, setMenu] = useState<KindMenu | null>(null);
  const [freezeFrames, setFreezeFrames] = useState(false);
  // While cards are dragged their links are drawn roughly and routed on release (to-flow.ts).
  const [liveDrag, setLiveDrag] = useState(false);
  const sim = useSimulationView();
  const compareView = useCompareCanvas();
  // Changes only when the zoom crosses the threshold, not on every zoom step.
  const detail = useFlowStore((s) => detailLevelAt(s.transform[2]));

  // The badges appear when the rule engine has loaded (just after the first paint).
  const rulesReady = useRulesReady();
  const findingIndex = selectFindingIndex(committed);
  const focusedChange = useDesigner((s) => s.focusedChange);
  const highlighted = useMemo(() => {
    const ids = new Set<string>(focusedChange ? [focusedChange] : []);
    if (highlightedFinding === null || !rulesReady) return ids;
    const f = selectFindings(committed)[highlightedFinding];
    return new Set([...ids, ...(f ? [...f.nodeIds, ...f.linkIds, ...f.siteIds] : [])]);
  }, [committed, highlightedFinding, focusedChange, rulesReady]);
  const selected = useMemo(() => new Set(selectedIds), [selectedIds]);

  // A very large design: React Flow holds only the cards in and around the view (canvas-window.ts).
  const isWindowed = windowed(committed.nodes.length);
  // Its code comes with the first such design (not part of the first load); until then React Flow holds nothing.
  const [windowing, setWindowing] = useState<typeof import('./canvas-window') | undefined>();
  useEffect(() => {
    if (isWindowed && !windowing) void import('./canvas-window').then((m) => setWindowing(m));
  }, [isWindowed, windowing]);
  const flowStore = useFlowStoreApi();
  const [windowRect, setWindowRect] = useState<CanvasRect | undefined>();
  const windowRectRef = useRef(windowRect);
  windowRectRef.current = windowRect;
  useEffect(() => {
    if (!isWindowed || !windowing) return;
    const follow = (s: ReturnType<typeof flowStore.getState>) => {
      if (!s.width || !s.height) return;
      const view = windowing.viewRectOf(s.transform, s.width, s.height);
      const current = windowRectRef.current;
      if (current && windowing.windowServes(current, view)) return;
      const next = windowing.windowAround(view);
      windowRectRef.current = next;
      setWindowRect(next);
    };
    follow(flowStore.getState());
    return flowStore.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) follow(s);
    });
  }, [isWindowed, windowing, flowStore]);
  const kept = useMemo(
    () => (highlighted.size === 0 ? selected : new Set([...selected, ...highlighted])),
    [selected, highlighted],
  );
  // The mapper keeps the frames of the last design it was given: the committed one, but during a drag.
  const committedFrames = useMemo(() => (isWindowed ? mapper.current.framesOf(committed) : NO_FRAMES), [isWindowed, committed]);
  // Placed by the committed design: a drag moves selected cards, which are always kept.
  const lastWindow = useRef<CardWindow | undefined>(undefined);
  const cardWindow = useMemo(() => {
    if (!isWindowed) return (lastWindow.current = undefined);
    // Placed once the view is known, and a design arriving only once it is fitted: a window
    // placed at the view before is a pass over every card and link that is thrown away.
    if (!windowing || !windowRect || fittedSeq !== drawnSeq) return NOTHING_HELD;
    const next = windowing.elementsInWindow(committed, committedFrames, windowRect, kept);
    if (windowing.sameWindow(lastWindow.current, next)) return lastWindow.current;
    return (lastWindow.current = next);
  }, [isWindowed, windowing, committed, committedFrames, windowRect, kept, fittedSeq, drawnSeq]);

  const {
    nodes: designNodes,
    edges: designEdges,
    routes,
    routingPending,
  } = useMemo(() => {
    // A new routesVersion maps again: the routes finished in the background are in the mapper's router.
    void routesVersion;
    // Whether these edges still wait for their routes, read after map (which starts the routing):
    // "done" is said by the render that draws the routed links, never by one still drawing
    // the straight lines.
    const mapped = mapper.current.map({
      doc,
      selected,
      findings: findingIndex,
      highlighted,
      dropTarget,
      sim,
      compare: compareView?.nodes,
      compareLinks: compareView?.links,
      freezeFrames,
      detail,
      dragging: liveDrag,
      window: cardWindow?.ids,
    });
    return { ...mapped, routingPending: mapper.current.router.busy };
  }, [
    doc,
    selected,
    findingIndex,
    highlighted,
    dropTarget,
    sim,
    compareView,
    freezeFrames,
    detail,
    routesVersion,
    liveDrag,
    cardWindow,
  ]);
  // What the comparison removes, drawn where it was: canvas objects only, never in the document.
  // Placed against the committed design (not each drag frame): a ghost moves aside only when a card is dropped on it.
  const ghosts = useGhostElements(compareView, focusedChange, committed);
  const nodes = useMemo(
    () => (ghosts.nodes.length ? [...ghosts.nodes, ...designNodes] : designNodes),
    [ghosts.nodes, designNodes],
  );
  const edges = useMemo(
    () => (ghosts.edges.length ? [...designEdges, ...ghosts.edges] : designEdges),
    [ghosts.edges, designEdges],
  );

  // New cards reach React Flow a batch per task (reveal.ts); what is selected comes at once.
  const shownIds = useRef<ReadonlySet<string>>(new Set());
  const [revealTick, setRevealTick] = useState(0);
  const revealHeld = useRef(false);
  // The window the cards last shown were placed in: a new one's cards come a task after it (reveal.ts).
  const revealWindow = useRef(cardWindow);
  const revealed = useMemo(() => {
    void revealTick;
    const newWindow = revealWindow.current !== cardWindow;
    revealWindow.current = cardWindow;
    const batch = revealBatchFor(nodes, shownIds.current, kept, revealHeld.current, REVEAL_BATCH, newWindow);
    const r = revealStep(nodes, shownIds.current, kept, batch);
    revealHeld.current = batch === 0;
    shownIds.current = r.shown;
    return r;
  }, [nodes, kept, revealTick, cardWindow]);
  useEffect(() => {
    if (revealed.pending > 0) return soon(() => setRevealTick((t) => t + 1));
  }, [revealed]);

  // The WAN links' routes, for the minimap.
  // A windowed design's canvas holds only the WAN links near the view, and only those are
  // routed: the map draws the others straight, between their frames' centres.
  const wanLines = useMemo(
    () =>
      isWindowed
        ? (windowing?.wanLinesOf(committed.siteLinks ?? [], committedFrames, mapper.current.wanRoutes) ?? [])
        : edges.flatMap((e) => (e.type === 'siteLink' && e.data?.route ? [{ id: e.id, points: e.data.route.points }] : [])),
    [edges, isWindowed, windowing, committed.siteLinks, committedFrames],
  );
  // The minimap shows the design as it was when a drag began and catches up on release:
  // redrawing its 600 rectangles on every drag frame is script and paint for a card that
  // moves a pixel in it.
  // A windowed design's canvas holds only some cards: its map is drawn from the document.
  const frames = mapper.current.frames;
  const docItems = useMemo(
    () => (isWindowed ? (windowing?.mapItemsOf(committed, frames, selected) ?? []) : undefined),
    [isWindowed, windowing, committed, frames, selected],
  );
  const shownItems = useMemo(
    () => docItems ?? designNodes.filter((n): n is SiteFlowNode | TopologyFlowNode => n.type !== 'ghost'),
    [docItems, designNodes],
  );
  const mapSource = useRef({ nodes: shownItems, wanLines });
  if (!liveDrag) mapSource.current = { nodes: shownItems, wanLines };
  const map = mapSource.current;
  // The minimap catches up in a render of its own: drawing every card of a large design into it
  // is tens of milliseconds that need not be in the task that shows the design.
  const deferredMap = useDeferredValue(map);

  // The routes reach the edges through the board, before the frame is painted.
  const routeBoard = useRef<RouteBoard>(undefined as never);
  routeBoard.current ??= new RouteBoard();
  // Many routes at once (a large design's routing finishing) reach the links a batch per task;
  // a drag's stay at once, the moved cards' links following them frame by frame.
  const [routesHeld, setRoutesHeld] = useState(false);
  useLayoutEffect(() => {
    const board = routeBoard.current;
    board.publish(routes, {
      batch: liveDrag ? Infinity : ROUTE_BATCH,
      schedule: soon,
      onDone: () => setRoutesHeld(false),
    });
    setRoutesHeld(board.pending > 0);
  }, [routes, liveDrag]);
  useEffect(() => () => routeBoard.current.dispose(), []);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const state = store.getState();
      const live = liveDoc();
      const positions: Record<string, Position> = {};
      let selection: string[] | undefined;
      let keyboardMove = false;
      for (const c of changes) {
        if (c.type === 'position' && c.position) {
          if (!c.dragging) keyboardMove = true;
          const site = live.sites.find((s) => s.id === c.id);
          if (site) {
            // Moving a site moves its nodes by the same amount.
            const frame = mapper.current.frames.get(site.id);
            if (!frame) continue;
            const dx = c.position.x - frame.x;
            const dy = c.position.y - frame.y;
            if (dx === 0 && dy === 0) continue;
            for (const n of live.nodes) {
              if (n.siteId !== site.id) continue;
              const p = positions[n.id] ?? positionOf(live.layout, n.id);
              if (p) positions[n.id] = { x: p.x + dx, y: p.y + dy };
            }
            positions[site.id] = { x: c.position.x, y: c.position.y };
          } else positions[c.id] = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
        } else if (c.type === 'select') {
          selection ??= [...store.getState().selectedIds];
          if (c.selected && !selection.includes(c.id)) selection.push(c.id);
          if (!c.selected) selection = selection.filter((id) => id !== c.id);
        }
      }
      if (Object.keys(positions).length) {
        movedAlong(live, state.selectedIds, positions, flowStore.getState().nodeLookup);
        state.previewLayout(positions);
        // Arrow keys move focused nodes without a drag: each press is its own edit.
        if (keyboardMove && !dragging.current) state.commitPreview();
      }
      if (selection) applySelection(store, selection);
    },
    [store, liveDoc, flowStore],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) => {
      let selection: string[] | undefined;
      for (const c of changes) {
        if (c.type === 'select') {
          selection ??= [...store.getState().selectedIds];
          if (c.selected && !selection.includes(c.id)) selection.push(c.id);
          if (!c.selected) selection = selection.filter((id) => id !== c.id);
        }
      }
      if (selection) applySelection(store, selection);
    },
    [store],
  );

  // The frames a dragged card may be dropped into: without the cards being dragged, so
  // they do not change during the drag and are computed once, not on every frame.
  const dropFrames = useRef<ReturnType<typeof siteFrames> | null>(null);
  const onNodeDragStart = useCallback((_: unknown, node: FlowNode) => {
    dragging.current = true;
    dropFrames.current = null;
    setLiveDrag(true);
    if (node.type === 'topology') setFreezeFrames(true);
  }, []);

  const onNodeDrag = useCallback(
    (_: unknown, node: FlowNode, dragged: FlowNode[]) => {
      if (node.type !== 'topology') return;
      dropFrames.current ??= siteFrames(liveDoc(), new Set(dragged.map((n) => n.id)));
      const target = siteAt(dropFrames.current, nodeCenter(node.position));
      setDropTarget((prev) => (prev === target ? prev : target));
    },
    [liveDoc],
  );

  const onNodeDragStop = useCallback(
    (_: unknown, _node: FlowNode, dragged: FlowNode[]) => {
      dragging.current = false;
      setDropTarget(undefined);
      setFreezeFrames(false);
      setLiveDrag(false);
      const state = store.getState();
      const moved = new Set(dragged.filter((n) => n.type === 'topology').map((n) => n.id));
      const frames = siteFrames(liveDoc(), moved);
      state.commitPreview((d) => {
        let changed = false;
        const nodes = d.nodes.map((n) => {
          if (!moved.has(n.id)) return n;
          const p = positionOf(d.layout, n.id);
          const target = p ? siteAt(frames, nodeCenter(p)) : undefined;
          if (target && target !== n.siteId) {
            changed = true;
            return { ...n, siteId: target };
          }
          return n;
        });
        const next = changed ? { ...d, nodes } : d;
        // The sites that grew (or received a card) push their neighbours aside, in the same edit.
        const grown = [...new Set(next.nodes.filter((n) => moved.has(n.id)).map((n) => n.siteId))];
        const sitesMoved = dragged.filter((n) => n.type === 'site').map((n) => n.id);
        return withFramesApart(next, [...grown, ...sitesMoved]);
      });
    },
    [store, liveDoc],
  );

  const isValidConnection = useCallback(
    (c: Connection | CanvasEdge) => {
      const doc = store.getState().doc;
      // From a site's WAN handle: another site not joined to it yet.
      if (doc.sites.some((s) => s.id === c.source)) return wanRefusal(doc, c.source, c.target) === undefined;
      const a = doc.nodes.find((n) => n.id === c.source);
      const b = doc.nodes.find((n) => n.id === c.target);
      if (!a || !b || a.id === b.id) return false;
      return linkKindsBetween(a.kind, b.kind).length > 0 || linkKindsBetween(b.kind, a.kind).length > 0;
    },
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const state = store.getState();
      if (state.doc.sites.some((s) => s.id === c.source)) {
        const id = state.addSiteLink(c.source, c.target);
        if (id) state.select([id], { type: 'siteLink', id });
        return;
      }
      const a = state.doc.nodes.find((n) => n.id === c.source);
      const b = state.doc.nodes.find((n) => n.id === c.target);
      if (!a || !b) return;
      const forward = linkKindsBetween(a.kind, b.kind);
      const [from, to, kinds] = forward.length ? [a.id, b.id, forward] : [b.id, a.id, linkKindsBetween(b.kind, a.kind)];
      if (kinds.length === 1) {
        const id = state.addLink(kinds[0]!, from, to);
        if (id) state.select([id], { type: 'link', id });
      } else if (kinds.length > 1) {
        const pb = positionOf(state.doc.layout, to) ?? { x: 0, y: 0 };
        const screen = flow.flowToScreenPosition({ x: pb.x + NODE_WIDTH / 2, y: pb.y + NODE_HEIGHT / 2 });
        setMenu({ x: screen.x, y: screen.y, from, to, kinds });
      }
    },
    [flow, store],
  );

  // Releasing over a node's body (not only near a handle) connects to that node.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const at = flow.screenToFlowPosition({ x: point.clientX, y: point.clientY });
      if (state.fromNode.type === 'site') {
        // A WAN link dropped anywhere on another site's frame (its cards included).
        const site = siteAt(mapper.current.frames, at);
        if (site && site !== state.fromNode.id)
          onConnect({ source: state.fromNode.id, target: site, sourceHandle: null, targetHandle: null });
        return;
      }
      const target = nodeAt(store.getState().doc, at);
      if (target && target !== state.fromNode.id)
        onConnect({ source: state.fromNode.id, target, sourceHandle: null, targetHandle: null });
    },
    [flow, onConnect, store],
  );

  const onDragOver = useCallback(
    (e: DragEvent) => {
      if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      // The site that will receive the drop: the one under the pointer, or the nearest.
      const kindIsSite = e.dataTransfer.types.includes(PALETTE_SITE_MIME);
      setDropTarget(kindIsSite ? undefined : targetSite(store.getState().doc, p, 'drop'));
    },
    [flow, store],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_MIME);
      setDropTarget(undefined);
      if (!kind) return;
      e.preventDefault();
      e.stopPropagation();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      placeFromPalette(store, kind, p);
    },
    [flow, store],
  );

  const [contextMenu, setContextMenu] = useState<ContextMenuState | null>(null);
  const closeContextMenu = useCallback(() => setContextMenu(null), []);
  /** Right-click (or the Menu key on a focused card): select what is under it, as drawing tools do, and offer its commands. */
  const openContextMenu = useCallback(
    (e: ReactMouseEvent | MouseEvent, target: ContextTarget) => {
      e.preventDefault();
      setMenu(null);
      const state = store.getState();
      if (target.type !== 'pane' && !state.selectedIds.includes(target.id))
        state.select([target.id], { type: target.type, id: target.id });
      // The Menu key and Shift+F10 give no pointer position: open at the focused element.
      let screen = { x: e.clientX, y: e.clientY };
      if (screen.x === 0 && screen.y === 0 && e.target instanceof Element) {
        const box = e.target.getBoundingClientRect();
        screen = { x: box.left + Math.min(40, box.width / 2), y: box.top + Math.min(30, box.height / 2) };
      }
      setContextMenu({ target, screen, canvas: flow.screenToFlowPosition(screen) });
    },
    [flow, store],
  );
  const onNodeContextMenu = useCallback(
    (e: ReactMouseEvent, node: FlowNode) =>
      // A removed node's ghost is not part of the design: nothing to edit on it.
      node.type === 'ghost'
        ? e.preventDefault()
        : openContextMenu(e, node.type === 'site' ? { type: 'site', id: node.id } : { type: 'node', id: node.id }),
    [openContextMenu],
  );
  const onEdgeContextMenu = useCallback(
    (e: ReactMouseEvent, edge: CanvasEdge) =>
      edge.type === 'siteLink'
        ? openContextMenu(e, { type: 'siteLink', id: edge.id })
        : (edge as TopologyFlowEdge).data?.diff === 'removed'
          ? e.preventDefault()
          : openContextMenu(e, { type: 'link', id: edge.id }),
    [openContextMenu],
  );
  const onPaneContextMenu = useCallback(
    (e: ReactMouseEvent | MouseEvent) => openContextMenu(e, { type: 'pane' }),
    [openContextMenu],
  );

  const onPaneClick = useCallback(() => {
    setMenu(null);
    store.getState().select([], { type: 'deployment' });
    store.getState().highlightFinding(null);
  }, [store]);

  // The first view is fitted before React Flow first renders: the cards are drawn once, at
  // the level of detail they will keep. The canvas is measured, and React Flow first renders,
  // in a task after the one that draws the page round it: the page opening is two tasks
  // shorter than 50 ms of blocked input each (Lighthouse's total blocking time), not one long one.
  const wrap = useRef<HTMLDivElement>(null);
  const [initialViewport, setInitialViewport] = useState<Viewport | null>(null);
  const fitted = useRef(false);
  useLayoutEffect(() => {
    if (fitted.current) return;
    return soon(() => {
      fitted.current = true;
      const box = wrap.current?.getBoundingClientRect();
      const vp = !box
        ? EMPTY_VIEWPORT
        : isWindowed
          ? openingViewportOf(committed, committedFrames, box.width, box.height)
          : openingViewport(nodes, box.width, box.height);
      // React Flow applies defaultViewport only after its first render; setting the store's
      // transform now makes that render show (and cull, and pick the detail of) the fitted view.
      flowStore.setState({ transform: [vp.x, vp.y, vp.zoom] });
      setInitialViewport(vp);
    });
    // Only the first render: later documents are fitted by useFitOnLoad.
  }, [flowStore, nodes, committed, committedFrames, isWindowed]);
  // The links, the overview map and the legend are drawn in the task after the cards' first
  // render, for the same reason; the canvas says its routing is pending until then.
  const [linksShown, setLinksShown] = useState(false);
  useLayoutEffect(() => {
    if (initialViewport && !linksShown) return soon(() => setLinksShown(true));
  }, [initialViewport, linksShown]);
  useFitOnLoad(nodes, wrap, drawnSeq, mapper.current, setFittedSeq);
  const shownEdges = useMemo(
    () => (linksShown ? revealedEdges(edges, revealed.shown) : NO_EDGES),
    [linksShown, edges, revealed.shown],
  );

  return (
    <div
      ref={wrap}
      className={`canvas-wrap detail-${detail}`}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onDragLeave={() => setDropTarget(undefined)}
      data-testid="canvas"
      data-routing={routingPending || routesHeld || !linksShown || revealed.pending > 0 || arrivalPending ? 'pending' : 'done'}
    >
      <RouteBoardContext.Provider value={routeBoard.current}>
        <DetailLevelContext.Provider value={detail}>
          {initialViewport && (
            <ReactFlow<FlowNode, CanvasEdge>
              defaultViewport={initialViewport}
              nodes={revealed.nodes}
              edges={shownEdges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onNodeDragStart={onNodeDragStart}
              onNodeDrag={onNodeDrag}
              onNodeDragStop={onNodeDragStop}
              onConnect={onConnect}
              onConnectEnd={onConnectEnd}
              isValidConnection={isValidConnection}
              onPaneClick={onPaneClick}
              onNodeContextMenu={onNodeContextMenu}
              onEdgeContextMenu={onEdgeContextMenu}
              onPaneContextMenu={onPaneContextMenu}
              onMoveStart={contextMenu ? closeContextMenu : undefined}
              connectionMode={ConnectionMode.Loose}
              connectionRadius={40}
              deleteKeyCode={null}
              selectionKeyCode="Shift"
              multiSelectionKeyCode={MULTI_SELECTION_KEYS}
              elevateNodesOnSelect={false}
              elevateEdgesOnSelect={false}
              minZoom={MIN_ZOOM}
              maxZoom={2.5}
              snapToGrid
              snapGrid={SNAP_GRID}
              proOptions={PRO_OPTIONS}
              onlyRenderVisibleElements={doc.nodes.length > CULL_ABOVE_NODES && detail !== 'overview'}
              ariaLabelConfig={ARIA_LABELS}
            >
              {detail !== 'overview' && (
                <Background
                  variant={BackgroundVariant.Dots}
                  gap={BACKGROUND_GAP[detail]}
                  size={1.2 * (BACKGROUND_GAP[detail] / 24)}
                />
              )}
              <Suspense fallback={null}>
                {linksShown && deferredMap.nodes.length > 0 && <DesignMap nodes={deferredMap.nodes} wan={deferredMap.wanLines} />}
              </Suspense>
              <Controls showInteractive={false} showFitView={false} aria-label="Zoom controls">
                <ControlButton
                  className="react-flow__controls-fitview"
                  onClick={() => void fitWholeDesign(flow, store.getState().doc)}
                  title="Fit view"
                  aria-label="Fit view"
                >
                  <FitViewIcon />
                </ControlButton>
              </Controls>
              {cardWindow?.picture && docItems && (
                <Suspense fallback={null}>
                  <OverviewPicture doc={committed} items={docItems} wan={map.wanLines} />
                </Suspense>
              )}
              <ConnectionHint />
              <Suspense fallback={null}>{linksShown && <Legend />}</Suspense>
              <CompareLegend />
            </ReactFlow>
          )}
        </DetailLevelContext.Provider>
      </RouteBoardContext.Provider>
      {doc.nodes.length === 0 && doc.sites.length === 0 && (
        <Suspense fallback={null}>
          <EmptyCanvas />
        </Suspense>
      )}
      {contextMenu && (
        <Suspense fallback={null}>
          <CanvasContextMenu menu={contextMenu} onClose={closeContextMenu} />
        </Suspense>
      )}
      {menu && (
        <div className="kind-menu" role="menu" aria-label="Choose the kind of link" style={{ left: menu.x, top: menu.y }}>
          <div className="kind-menu-title">Link as…</div>
          {menu.kinds.map((k, i) => (
            <button
              key={k}
              role="menuitem"
              autoFocus={i === 0}
              onClick={() => {
                const id = store.getState().addLink(k, menu.from, menu.to);
                if (id) store.getState().select([id], { type: 'link', id });
                setMenu(null);
              }}
              onKeyDown={(e) => e.key === 'Escape' && setMenu(null)}
            >
              {linkKindLabel(k)}
            </button>
          ))}
          <button className="kind-menu-cancel" onClick={() => setMenu(null)}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * A very large design's canvas holds only the cards near the view (canvas-window.ts), and
 * what is selected only up to a limit: the selected cards React Flow does not hold move by
 * the same amount as those it moved, so a whole selection moves together.
 */
function movedAlong(
  doc: Topology,
  selectedIds: readonly string[],
  positions: Record<string, Position>,
  held: ReadonlyMap<string, unknown>,
): void {
  const moved = Object.keys(positions).find((id) => doc.layout?.[id] !== undefined && doc.nodes.some((n) => n.id === id));
  if (moved === undefined) return;
  const from = positionOf(doc.layout, moved)!;
  const dx = positions[moved]!.x - from.x;
  const dy = positions[moved]!.y - from.y;
  if (dx === 0 && dy === 0) return;
  for (const id of selectedIds) {
    if (held.has(id) || positions[id]) continue;
    const p = positionOf(doc.layout, id);
    if (p) positions[id] = { x: p.x + dx, y: p.y + dy };
  }
}

/** The document with a drag's live positions; the last one is kept (asked for several times a frame). */
class LiveDoc {
  private last: { doc: Topology; drag: Record<string, Position> | null; live: Topology } | undefined;
  of(doc: Topology, drag: Record<string, Position> | null): Topology {
    if (!drag) return doc;
    if (this.last?.doc === doc && this.last.drag === drag) return this.last.live;
    const live = { ...doc, layout: { ...doc.layout, ...drag } };
    this.last = { doc, drag, live };
    return live;
  }
}

function applySelection(store: DesignerStore, ids: string[]) {
  const state = store.getState();
  const last = ids[ids.length - 1];
  let inspected = state.inspected;
  if (!last) inspected = { type: 'deployment' };
  else if (state.doc.nodes.some((n) => n.id === last)) inspected = { type: 'node', id: last };
  else if (state.doc.sites.some((s) => s.id === last)) inspected = { type: 'site', id: last };
  else if (state.doc.links.some((l) => l.id === last)) inspected = { type: 'link', id: last };
  else if (state.doc.siteLinks?.some((l) => l.id === last)) inspected = { type: 'siteLink', id: last };
  state.select(ids, inspected);
}

/** The topology node under a canvas point (by the document's layout). */
export function nodeAt(doc: Topology, p: Position): string | undefined {
  for (let i = doc.nodes.length - 1; i >= 0; i--) {
    const n = doc.nodes[i]!;
    const q = positionOf(doc.layout, n.id);
    if (q && p.x >= q.x && p.x <= q.x + NODE_WIDTH && p.y >= q.y && p.y <= q.y + NODE_HEIGHT) return n.id;
  }
  return undefined;
}

/** React Flow's own fit icon: its fit button is replaced (fitWholeDesign), not its look. */
function FitViewIcon() {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 30" aria-hidden="true">
      <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
    </svg>
  );
}

function ConnectionHint() {
  const connection = useConnection();
  const doc = useDesigner((s) => s.doc);
  const flow = useReactFlow();
  if (!connection.inProgress) return null;
  let ok: boolean;
  let text: string;
  const fromSite = doc.sites.find((s) => s.id === connection.fromNode.id);
  if (fromSite) {
    const to = siteAt(siteFrames(doc), connection.to);
    if (!to || to === fromSite.id) return null;
    const refusal = wanRefusal(doc, fromSite.id, to);
    ok = refusal === undefined;
    text = refusal ?? `Connect ${fromSite.name} and ${doc.sites.find((s) => s.id === to)?.name ?? to} over the WAN`;
  } else {
    const targetId = connection.toNode?.id ?? nodeAt(doc, connection.to);
    if (!targetId || targetId === connection.fromNode.id) return null;
    const a = doc.nodes.find((n) => n.id === connection.fromNode.id);
    const b = doc.nodes.find((n) => n.id === targetId);
    if (!a || !b) return null;
    const kinds = linkKindsBetween(a.kind, b.kind).concat(linkKindsBetween(b.kind, a.kind));
    const unique = [...new Set(kinds)];
    ok = unique.length > 0;
    text = ok
      ? unique.length === 1
        ? `Link as ${linkKindLabel(unique[0]!)}`
        : `Link as ${unique.map(linkKindLabel).join(' or ')}: you will be asked`
      : whyNoLink(a.kind, b.kind);
  }
  return (
    <div
      className={`connection-hint ${ok ? 'ok' : 'refused'}`}
      role="status"
      data-testid="connection-hint"
      style={hintPosition(flow.flowToScreenPosition(connection.to))}
    >
      <span aria-hidden="true">{ok ? '✓' : '✕'}</span> {text}
    </div>
  );
}

/** Why two sites cannot be joined by a new WAN link, or undefined when they can. */
function wanRefusal(doc: Topology, from: string, to: string | null | undefined): string | undefined {
  const b = doc.sites.find((s) => s.id === to);
  if (!b) return 'A WAN link joins two sites: drop it on another site';
  if (b.id === from) return 'Drop it on another site';
  const joined = (doc.siteLinks ?? []).some((l) => (l.from === from && l.to === b.id) || (l.from === b.id && l.to === from));
  return joined ? `Already joined to ${b.name} over the WAN` : undefined;
}

function hintPosition(screen: Position) {
  const box = document.querySelector('.canvas-wrap')?.getBoundingClientRect();
  return { left: screen.x - (box?.left ?? 0), top: screen.y - (box?.top ?? 0) };
}

/**
 * The design the canvas draws, and the arrival (`loadSeq`) it is: the store's, except while a
 * large design arriving waits a task to reach the canvas (reveal.ts `arrivalWaits`). Meanwhile
 * the canvas keeps what it drew, the latest version of the design before.
 */
function useDrawnDesign(store: DesignerStore): { doc: Topology; seq: number; behind: boolean } {
  const doc = useDesigner((s) => s.doc);
  const seq = useDesigner((s) => s.loadSeq);
  const drawn = useRef({ doc, seq });
  const [, caughtUp] = useState(0);
  const behind = arrivalWaits(drawn.current.seq !== seq, drawn.current.doc.nodes.length, doc.nodes.length);
  if (!behind) drawn.current = { doc, seq };
  useEffect(() => {
    if (!behind) return;
    return soon(() => {
      const s = store.getState();
      drawn.current = { doc: s.doc, seq: s.loadSeq };
      caughtUp((n) => n + 1);
    });
  }, [behind, seq, store]);
  return { ...drawn.current, behind };
}

/**
 * Fit the view whenever a different document is loaded (not on every edit). The document
 * the page starts with is already fitted (initialViewport above); later ones are fitted too,
 * with a glide for a small one.
 * The pane's size is React Flow's (measured by its resize observer) and the cards are the
 * canvas's own: measuring the page here, just after 10,000 cards were inserted, forced a
 * layout of all of them (a second of a large open), and React Flow's getNodes copies each.
 */
function useFitOnLoad(
  nodes: readonly FlowNode[],
  wrap: RefObject<HTMLDivElement | null>,
  loadSeq: number,
  // The canvas's own frames of the design (kept while the design is): not made again here.
  mapper: Pick<FlowMapper, 'framesOf'>,
  // Told each arrival once its view is set (a windowed design's window waits for it).
  onFitted: (loadSeq: number) => void,
) {
  const flow = useReactFlow();
  const flowStore = useFlowStoreApi();
  const store = useDesignerStore();
  const startSeq = useRef(loadSeq);
  const latest = useRef(nodes);
  latest.current = nodes;
  useEffect(() => {
    if (loadSeq === startSeq.current) return;
    const { doc } = store.getState();
    if (doc.nodes.length + doc.sites.length === 0) {
      void flow.setViewport(EMPTY_VIEWPORT);
      onFitted(loadSeq);
      return;
    }
    const nodes = latest.current;
    let { width, height } = flowStore.getState();
    if (!width || !height) ({ width, height } = wrap.current?.getBoundingClientRect() ?? { width: 0, height: 0 });
    // A windowed design's canvas may not hold its first site or all of its cards: its view is the document's.
    if (windowed(doc.nodes.length)) void flow.setViewport(openingViewportOf(doc, mapper.framesOf(doc), width, height));
    // A large design opens on its first site, at once: an animated fit would draw every card on the way.
    else if (opensAtSite(doc.nodes.length)) void flow.setViewport(openingViewport(nodes, width, height));
    // Fitted to every card, not only to those React Flow holds yet (they come in batches, reveal.ts).
    // Only a small design glides there (view-move.ts).
    else void flow.setViewport(fittedViewport(nodes, width, height), { duration: viewMoveMs(doc.nodes.length, 200) });
    onFitted(loadSeq);
  }, [loadSeq, flow, flowStore, store, wrap, mapper, onFitted]);
}
