/**
 * The minimap: every site frame and card, coloured by role family (the selection in the
 * brand colour), and the rectangle of the view. Click or drag in it to move the view; the
 * wheel zooms.
 *
 * React Flow's own MiniMap redraws its SVG on every pan frame (its viewBox and mask follow
 * the view). Any drawing that changes makes Chromium repaint the page's whole display
 * list, which for a 500-node design is most of a pan frame. Here the drawing changes only
 * with the design; the view rectangle is one element moved by a transform, written
 * straight from React Flow's store, which needs no repaint at all.
 */
import { Panel, useReactFlow, useStoreApi, type Rect } from '@xyflow/react';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type PointerEvent, type WheelEvent } from 'react';
import { KIND_META } from '../ui/kinds';
import type { NodeKind } from '../model/schema';

/**
 * A card or site frame as the minimap draws it. React Flow's nodes are such items; a very
 * large design's canvas holds only the cards near the view, so its map is drawn from the
 * document (designer-canvas.tsx).
 */
export type MapItem = {
  position: { x: number; y: number };
  width?: number;
  height?: number;
  selected?: boolean;
} & ({ type: 'site' } | { type: 'topology'; data: { node: { kind: NodeKind } } });

export const MAP_WIDTH = 190;
export const MAP_HEIGHT = 120;
const MAP_PADDING = 0.05;

/** How canvas coordinates land in the map: map = offset + canvas × scale. */
export interface MapGeometry {
  scale: number;
  offsetX: number;
  offsetY: number;
}

/** The whole of `bounds` (padded) centred in a width × height map. */
export function mapGeometry(bounds: Rect, width = MAP_WIDTH, height = MAP_HEIGHT): MapGeometry {
  const padX = bounds.width * MAP_PADDING;
  const padY = bounds.height * MAP_PADDING;
  const w = Math.max(1, bounds.width + 2 * padX);
  const h = Math.max(1, bounds.height + 2 * padY);
  const scale = Math.min(width / w, height / h);
  return {
    scale,
    offsetX: (width - bounds.width * scale) / 2 - bounds.x * scale,
    offsetY: (height - bounds.height * scale) / 2 - bounds.y * scale,
  };
}

/** The view's rectangle in the map, for React Flow's transform [x, y, zoom] over a paneWidth × paneHeight canvas. */
export function viewRectInMap(
  g: MapGeometry,
  transform: readonly [number, number, number],
  paneWidth: number,
  paneHeight: number,
): Rect {
  const [tx, ty, zoom] = transform;
  return {
    x: g.offsetX + (-tx / zoom) * g.scale,
    y: g.offsetY + (-ty / zoom) * g.scale,
    width: (paneWidth / zoom) * g.scale,
    height: (paneHeight / zoom) * g.scale,
  };
}

/** The canvas point under a point of the map. */
export function canvasPointAt(g: MapGeometry, mapX: number, mapY: number): { x: number; y: number } {
  return { x: (mapX - g.offsetX) / g.scale, y: (mapY - g.offsetY) / g.scale };
}

/**
 * The cards and frames of one look (role family, selected or not) as one path of
 * rectangles: a 10,000-node design is a dozen elements in the map, not 10,000 (creating
 * and inserting those was seconds of a large open). `data-count` says how many it holds.
 */
const MapShapes = memo(function MapShapes({ d, className, count }: { d: string; className: string; count: number }) {
  return <path d={d} className={className} data-count={count} />;
});

/** A map coordinate in a path, to a hundredth of a pixel (shorter paths, the same drawing). */
const roundForPath = (x: number): number => Math.round(x * 100) / 100;

/** The rectangles of `nodes` in the map, one path per look, in the order the looks first appear. */
export function mapShapes(nodes: readonly MapItem[], g: MapGeometry): { className: string; d: string; count: number }[] {
  const byClass = new Map<string, { parts: string[] }>();
  const r = roundForPath;
  for (const n of nodes) {
    const className = mapClass(n);
    let group = byClass.get(className);
    if (!group) byClass.set(className, (group = { parts: [] }));
    const w = Math.max(1, (n.width ?? 0) * g.scale);
    const h = Math.max(1, (n.height ?? 0) * g.scale);
    group.parts.push(
      `M${r(g.offsetX + n.position.x * g.scale)} ${r(g.offsetY + n.position.y * g.scale)}h${r(w)}v${r(h)}h${r(-w)}z`,
    );
  }
  return [...byClass].map(([className, { parts }]) => ({ className, d: parts.join(''), count: parts.length }));
}

/** The box round every item (a unit box for none). */
export function itemsBounds(items: readonly MapItem[]): Rect {
  if (items.length === 0) return { x: 0, y: 0, width: 1, height: 1 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of items) {
    minX = Math.min(minX, n.position.x);
    minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + (n.width ?? 0));
    maxY = Math.max(maxY, n.position.y + (n.height ?? 0));
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** By role family, as the cards; what is selected stands out. */
function mapClass(n: MapItem): string {
  const base = n.type === 'site' ? 'mini-site' : `mini-${KIND_META[n.data.node.kind].family}`;
  return n.selected ? `${base} is-selected` : base;
}

/** A WAN link as the minimap draws it: its route on the canvas. */
export interface MapWanLine {
  id: string;
  points: readonly { x: number; y: number }[];
}

const NO_WAN: readonly MapWanLine[] = [];

/** Above this many cards, the map catches up with a change in a task of its own. */
const DRAW_LATER_ABOVE = 1_000;

export function DesignMap(props: { nodes: readonly MapItem[]; wan?: readonly MapWanLine[] }) {
  // A large design's map is drawn just after the canvas (the next task), not in the task
  // that opens the design: the user sees the cards first, and that task stays shorter.
  const [drawn, setDrawn] = useState(() => ({ nodes: props.nodes, wan: props.wan }));
  const later = props.nodes.length > DRAW_LATER_ABOVE;
  useEffect(() => {
    if (!later) return;
    // A timer, not the effect itself: React runs the effects of an update that came from
    // outside an event (a design opened) in the same task as its render.
    const timer = setTimeout(() =>
      setDrawn((d) => (d.nodes === props.nodes && d.wan === props.wan ? d : { nodes: props.nodes, wan: props.wan })),
    );
    return () => clearTimeout(timer);
  }, [later, props.nodes, props.wan]);
  const { nodes, wan = NO_WAN } = later ? drawn : props;
  const flow = useReactFlow();
  const store = useStoreApi();
  const view = useRef<HTMLDivElement>(null);
  // The minimap can be folded away to a button when it is in the way of the design.
  const [open, setOpen] = useState(true);
  const bounds = useMemo(() => itemsBounds(nodes), [nodes]);
  const geometry = useMemo(() => mapGeometry(bounds), [bounds]);

  // The view rectangle follows the store directly: a pan frame changes one transform.
  useEffect(() => {
    let size = '';
    const place = () => {
      const el = view.current;
      if (!el) return;
      const { transform, width, height } = store.getState();
      const r = viewRectInMap(geometry, transform, width, height);
      el.style.transform = `translate(${r.x}px, ${r.y}px)`;
      // The size changes only with the zoom: a pan frame leaves it, and with it the layout, alone.
      const next = `${Math.max(2, r.width)}|${Math.max(2, r.height)}`;
      if (next !== size) {
        size = next;
        el.style.width = `${Math.max(2, r.width)}px`;
        el.style.height = `${Math.max(2, r.height)}px`;
      }
    };
    place();
    return store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) place();
    });
  }, [store, geometry, open]);

  const moveTo = useCallback(
    (e: PointerEvent<HTMLDivElement>) => {
      const box = e.currentTarget.getBoundingClientRect();
      const p = canvasPointAt(geometry, e.clientX - box.left, e.clientY - box.top);
      void flow.setCenter(p.x, p.y, { zoom: flow.getZoom() });
    },
    [flow, geometry],
  );
  const onPointerDown = useCallback(
    (e: PointerEvent<HTMLDivElement>) => {
      if (e.button !== 0) return;
      e.currentTarget.setPointerCapture(e.pointerId);
      moveTo(e);
    },
    [moveTo],
  );
  const onPointerMove = useCallback(
    (e: PointerEvent<HTMLDivElement>) => {
      if (e.currentTarget.hasPointerCapture(e.pointerId)) moveTo(e);
    },
    [moveTo],
  );
  const onWheel = useCallback(
    (e: WheelEvent<HTMLDivElement>) => void (e.deltaY < 0 ? flow.zoomIn({ duration: 0 }) : flow.zoomOut({ duration: 0 })),
    [flow],
  );

  const { sites, cards } = useMemo(() => {
    const sites: MapItem[] = [];
    const cards: MapItem[] = [];
    for (const n of nodes) (n.type === 'site' ? sites : cards).push(n);
    return { sites: mapShapes(sites, geometry), cards: mapShapes(cards, geometry) };
  }, [nodes, geometry]);
  // Every WAN link in one path too (a 10,000-node design has some 2,000).
  const wanPath = useMemo(() => {
    const { scale, offsetX, offsetY } = geometry;
    const at = (p: { x: number; y: number }) => `${roundForPath(offsetX + p.x * scale)} ${roundForPath(offsetY + p.y * scale)}`;
    const parts = wan.filter((w) => w.points.length > 1).map((w) => `M${w.points.map(at).join('L')}`);
    return { d: parts.join(''), count: parts.length };
  }, [wan, geometry]);
  const shapes = (list: ReturnType<typeof mapShapes>) =>
    list.map((s) => <MapShapes key={s.className} d={s.d} className={s.className} count={s.count} />);
  if (!open)
    return (
      <Panel position="bottom-right" className="design-map-folded">
        <button className="design-map-toggle" data-testid="minimap-show" onClick={() => setOpen(true)} title="Show the minimap">
          Minimap
        </button>
      </Panel>
    );
  return (
    <Panel position="bottom-right" className="react-flow__minimap design-map" style={{ width: MAP_WIDTH, height: MAP_HEIGHT }}>
      <button
        className="design-map-hide"
        data-testid="minimap-hide"
        onClick={() => setOpen(false)}
        title="Hide the minimap"
        aria-label="Hide the minimap"
      >
        ×
      </button>
      <div
        className="design-map-area"
        data-testid="minimap"
        title="Minimap: click or drag to move the view, scroll to zoom"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onWheel={onWheel}
      >
        <svg width={MAP_WIDTH} height={MAP_HEIGHT} role="img" aria-label="Minimap">
          {shapes(sites)}
          {wanPath.count > 0 && <path className="mini-wan" d={wanPath.d} data-count={wanPath.count} />}
          {shapes(cards)}
        </svg>
        <div ref={view} className="design-map-view" aria-hidden="true" />
      </div>
    </Panel>
  );
}
