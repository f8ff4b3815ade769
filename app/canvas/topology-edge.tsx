/**
 * Links drawn by kind: pairing thick and two-headed with "backup pool"; Back End
 * solid; mirror dashed; witness dotted; next hop, media Edge, file store, Office Online
 * thin and muted. Each runs where model/link-routing.ts routed it, its label in the box placed there.
 */
import { BaseEdge, EdgeLabelRenderer, getStraightPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/grid-layout';
import { routePath } from '../lib/route-path';
import { linkLabelText, shortLinkLabelText } from '../model/link-labels';
import { InlineBadge } from './inline-badge';
import type { LinkRoute } from '../model/link-routing';
import { LINK_STYLE } from '../ui/kinds';
import { dashAt, useDetailLevel } from './detail-level';
import type { TopologyFlowEdge } from './flow-types';
import { useRoute } from './route-board';

interface Card {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where the segment from a's centre towards b's centre leaves a's rectangle. */
export function borderPoint(a: Card, b: { x: number; y: number }, offset: number) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (dx === 0 && dy === 0) return { x: a.x, y: a.y };
  const sx = a.w / 2 / Math.abs(dx || 1e-9);
  const sy = a.h / 2 / Math.abs(dy || 1e-9);
  const s = Math.min(sx, sy);
  // Parallel links between the same pair are spread apart.
  const len = Math.hypot(dx, dy);
  return { x: a.x + dx * s + (-dy / len) * offset, y: a.y + dy * s + (dx / len) * offset };
}

// The edge is given the centres of its two cards (their first handle, to-flow.ts), and
// every card has the same size: no subscription to the nodes is needed.
function TopologyEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  data,
  selected,
  markerEnd,
  markerStart,
}: EdgeProps<TopologyFlowEdge>) {
  const detail = useDetailLevel();
  // Where the link runs and where its label sits (model/link-routing.ts), published by the canvas.
  const route = useRoute(id);
  if (!data) return null;
  const link = data.link;
  const style = LINK_STYLE[link.kind];
  let path: string;
  let labelX: number;
  let labelY: number;
  let points: readonly { x: number; y: number }[];
  if (route && route.points.length >= 2) {
    points = route.points;
    path = routePath(route.points);
    const mid = route.label
      ? { x: route.label.x + route.label.width / 2, y: route.label.y + route.label.height / 2 }
      : middleOf(route);
    labelX = mid.x;
    labelY = mid.y;
  } else {
    // Not routed (yet): a straight line between the borders.
    const a = { x: sourceX, y: sourceY, w: NODE_WIDTH, h: NODE_HEIGHT };
    const b = { x: targetX, y: targetY, w: NODE_WIDTH, h: NODE_HEIGHT };
    // Several links between the same two cards (a removed node's ghost links) run side by side.
    const lane = data.lane ?? 0;
    const p1 = borderPoint(a, b, lane);
    const p2 = borderPoint(b, a, -lane);
    points = [p1, p2];
    [path, labelX, labelY] = getStraightPath({ sourceX: p1.x, sourceY: p1.y, targetX: p2.x, targetY: p2.y });
  }
  // A removed link is a ghost: dashed whatever its kind.
  const dash = data.diff === 'removed' ? dashAt('6 5', detail) : data.failover ? undefined : dashAt(style.dash, detail);
  const strokeWidth = style.width + (selected ? 1 : 0) + (data.diff && data.diff !== 'removed' ? 1 : 0);
  const cls = [
    'topo-edge',
    `edge-${link.kind}`,
    style.muted ? 'is-muted' : '',
    selected ? 'is-selected' : '',
    data.highlighted ? 'is-highlighted' : '',
    data.lost ? 'is-lost' : '',
    data.failover ? 'is-failover' : '',
    data.diff ? `diff-${data.diff}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const failoverLabel = data.failoverLabel;
  // Zoomed out, labels cannot be read: a pairing keeps its label (enlarged) until the
  // overview, and a selected, highlighted or failover link always keeps its own.
  const quiet = data.quiet === true || detail === 'overview' || (detail === 'compact' && link.kind !== 'pairing');
  const showLabel = (!style.muted && !quiet) || selected || data.highlighted || failoverLabel !== undefined;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={dash ? `${cls} is-dash-split` : cls}
        markerEnd={markerEnd}
        markerStart={markerStart}
        style={{ strokeWidth }}
        interactionWidth={14}
      />
      {dash && <DashedSegments points={points} dash={dash} className={cls} strokeWidth={strokeWidth} />}
      {(showLabel || (data.badge && !quiet)) && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label edge-label-${link.kind} ${detail === 'full' ? '' : 'is-large'} ${selected ? 'is-selected' : ''} ${failoverLabel ? 'is-failover' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, minWidth: route?.label?.width }}
            data-testid={`edge-label-${link.id}`}
          >
            {showLabel && (
              <span title={detail === 'full' ? undefined : linkLabelText(link)}>
                {failoverLabel ?? (detail === 'full' ? linkLabelText(link) : shortLinkLabelText(link))}
              </span>
            )}
            {data.badge && <InlineBadge badge={data.badge} />}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

/**
 * A dashed route drawn one straight segment per path, each dash pattern continuing where
 * the previous segment's left off. Chromium's software rasterizer dashes a whole polyline
 * for every tile it paints (a long dotted witness link across the view, dozens of tiles,
 * on every frame of a drag), but clips a single dashed line to the tile first: drawn as
 * one path, the dashed links of a 500-card design at 100% took most of each drag frame's
 * raster time. The route's own path stays (transparent) for the arrowheads and the pointer.
 */
function DashedSegments({
  points,
  dash,
  className,
  strokeWidth,
}: {
  points: readonly { x: number; y: number }[];
  dash: string;
  className: string;
  strokeWidth: number;
}) {
  const segments = [];
  let along = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    segments.push(
      <path
        key={i}
        d={`M${a.x},${a.y}L${b.x},${b.y}`}
        className={`${className} topo-edge-dash`}
        style={{ strokeWidth, strokeDasharray: dash, strokeDashoffset: along }}
      />,
    );
    along += Math.hypot(b.x - a.x, b.y - a.y);
  }
  return <>{segments}</>;
}

/** The middle of a route's longest segment (for a label the router did not place). */
function middleOf(route: LinkRoute) {
  let best = { x: route.points[0]!.x, y: route.points[0]!.y };
  let len = -1;
  for (let i = 0; i + 1 < route.points.length; i++) {
    const a = route.points[i]!;
    const b = route.points[i + 1]!;
    const l = Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
    if (l > len) {
      len = l;
      best = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    }
  }
  return best;
}

export const TopologyEdgeComponent = memo(TopologyEdgeView);
