/**
 * A WAN link between two sites (format v2 site links): a thick line from one frame's
 * border to the other's, round the frames between (model/site-link-routing.ts), solid
 * when resilient and dashed when single path, in the warning colour when it lacks speed,
 * security or resilience; its label says what the architect states about it. Clicking
 * the line or its label selects it (the inspector then edits it); Delete removes it.
 * Zoomed out (detail-level.ts) the line thickens so the WAN still reads between the site
 * areas; from 20% to 50% the label is enlarged and says only what the link lacks ("WAN ·
 * single path"); in the overview it is the findings badge alone, filled, when there is one.
 */
import { BaseEdge, EdgeLabelRenderer, getStraightPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { routePath } from '../lib/route-path';
import { isWeakSiteLink, siteLinkShortText, siteLinkText } from '../model/site-link-text';
import { useDesignerStore } from '../store/designer-context';
import { dashAt, useDetailLevel } from './detail-level';
import { InlineBadge } from './inline-badge';
import type { SiteLinkFlowEdge } from './flow-types';

/** The line's width by level of detail: a few screen pixels at every zoom, thicker than any server link. */
const WAN_WIDTH = { full: 3.5, compact: 6, overview: 16 } as const;
const WAN_LABEL_SCALE = { full: 1, compact: 2, overview: 7 } as const;

function SiteLinkEdgeView({ id, sourceX, sourceY, targetX, targetY, data, selected }: EdgeProps<SiteLinkFlowEdge>) {
  const detail = useDetailLevel();
  const store = useDesignerStore();
  if (!data) return null;
  const l = data.siteLink;
  const route = data.route;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (route && route.points.length >= 2) {
    path = routePath(route.points, 10);
    labelX = route.label.x + route.label.width / 2;
    labelY = route.label.y + route.label.height / 2;
  } else [path, labelX, labelY] = getStraightPath({ sourceX, sourceY, targetX, targetY });
  const weak = isWeakSiteLink(l);
  const cls = ['wan-edge', weak ? 'is-weak' : '', selected ? 'is-selected' : '', data.highlighted ? 'is-highlighted' : '']
    .filter(Boolean)
    .join(' ');
  // In the overview a text would be a smudge: the badge alone stays (a selected or highlighted link keeps its text).
  const text =
    detail === 'full' ? siteLinkText(l) : detail === 'compact' || selected || data.highlighted ? siteLinkShortText(l) : '';
  const width = WAN_WIDTH[detail] + (selected ? 1 : 0);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={cls}
        style={{ strokeWidth: width, strokeDasharray: l.resilient ? undefined : dashAt('10 6', detail) }}
        interactionWidth={Math.max(18, width)}
      />
      {(text || data.badge) && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label wan-label nodrag nopan ${weak ? 'is-weak' : ''} ${selected ? 'is-selected' : ''}`}
            style={{
              // Zoomed out the whole pill is scaled, its badge with it, so that both stay a readable size on screen.
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px) scale(${WAN_LABEL_SCALE[detail]})`,
              minWidth: detail === 'full' ? route?.label.width : undefined,
            }}
            data-testid={`wan-label-${l.id}`}
            onClick={(e) => {
              e.stopPropagation();
              const multi = e.shiftKey || e.ctrlKey || e.metaKey;
              const ids = multi ? [...new Set([...store.getState().selectedIds, l.id])] : [l.id];
              store.getState().select(ids, { type: 'siteLink', id: l.id });
            }}
          >
            {text && <span>{text}</span>}
            {data.badge && <InlineBadge badge={data.badge} />}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const SiteLinkEdgeComponent = memo(SiteLinkEdgeView);
