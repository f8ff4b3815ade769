/**
 * A WAN link between two sites (format v2 site links): a thick line from one frame's
 * border to the other's, round the frames between (model/site-link-routing.ts), solid
 * when resilient and dashed when single path, in the warning colour when it lacks speed,
 * security or resilience; its label says what the architect states about it. Clicking
 * the line or its label selects it (the inspector then edits it); Delete removes it.
 */
import { BaseEdge, EdgeLabelRenderer, getStraightPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { routePath } from '../lib/route-path';
import { isWeakSiteLink, siteLinkText } from '../model/site-link-text';
import { useDesignerStore } from '../store/designer-context';
import { dashAt, useDetailLevel } from './detail-level';
import { InlineBadge } from './inline-badge';
import type { SiteLinkFlowEdge } from './flow-types';

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
  // Zoomed out the label cannot be read; a selected or highlighted link keeps it.
  const showLabel = detail === 'full' || selected || data.highlighted;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={cls}
        style={{ strokeWidth: selected ? 4.5 : 3.5, strokeDasharray: l.resilient ? undefined : dashAt('10 6', detail) }}
        interactionWidth={18}
      />
      {showLabel && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label wan-label nodrag nopan ${weak ? 'is-weak' : ''} ${selected ? 'is-selected' : ''} ${detail === 'full' ? '' : 'is-large'}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, minWidth: route?.label.width }}
            data-testid={`wan-label-${l.id}`}
            onClick={(e) => {
              e.stopPropagation();
              const multi = e.shiftKey || e.ctrlKey || e.metaKey;
              const ids = multi ? [...new Set([...store.getState().selectedIds, l.id])] : [l.id];
              store.getState().select(ids, { type: 'siteLink', id: l.id });
            }}
          >
            <span>{siteLinkText(l)}</span>
            {data.badge && <InlineBadge badge={data.badge} />}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const SiteLinkEdgeComponent = memo(SiteLinkEdgeView);
