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
import { Panel, getNodesBounds, useReactFlow, useStoreApi, type Rect } from '@xyflow/react';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type PointerEvent, type WheelEvent } from 'react';
import { KIND_META } from '../ui/kinds';
import type { FlowNode } from './flow-types';

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

const MapRect = memo(function MapRect({
  x,
  y,
  width,
  height,
  className,
}: {
  x: number;
  y: number;
  width: number;
  height: number;
  className: string;
}) {
  return <rect x={x} y={y} width={width} height={height} className={className} />;
});

/** By role family, as the cards; what is selected stands out. */
function mapClass(n: FlowNode): string {
  const base = n.type === 'site' ? 'mini-site' : `mini-${KIND_META[n.data.node.kind].family}`;
  return n.selected ? `${base} is-selected` : base;
}

/** A WAN link as the minimap draws it: its route on the canvas. */
export interface MapWanLine {
  id: string;
  points: readonly { x: number; y: number }[];
}

const NO_WAN: readonly MapWanLine[] = [];

export function DesignMap({ nodes, wan = NO_WAN }: { nodes: readonly FlowNode[]; wan?: readonly MapWanLine[] }) {
  const flow = useReactFlow();
  const store = useStoreApi();
  const view = useRef<HTMLDivElement>(null);
  // The minimap can be folded away to a button when it is in the way of the design.
  const [open, setOpen] = useState(true);
  const bounds = useMemo(() => (nodes.length ? getNodesBounds([...nodes]) : { x: 0, y: 0, width: 1, height: 1 }), [nodes]);
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

  const sites: FlowNode[] = [];
  const cards: FlowNode[] = [];
  for (const n of nodes) (n.type === 'site' ? sites : cards).push(n);
  const { scale, offsetX, offsetY } = geometry;
  const rect = (n: FlowNode) => (
    <MapRect
      key={n.id}
      x={offsetX + n.position.x * scale}
      y={offsetY + n.position.y * scale}
      width={Math.max(1, (n.width ?? 0) * scale)}
      height={Math.max(1, (n.height ?? 0) * scale)}
      className={mapClass(n)}
    />
  );
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
          {sites.map(rect)}
          {wan.map((w) => (
            <polyline
              key={w.id}
              className="mini-wan"
              points={w.points.map((p) => `${offsetX + p.x * scale},${offsetY + p.y * scale}`).join(' ')}
            />
          ))}
          {cards.map(rect)}
        </svg>
        <div ref={view} className="design-map-view" aria-hidden="true" />
      </div>
    </Panel>
  );
}
