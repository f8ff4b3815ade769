/** A site frame: solid tinted for a data center, dashed for a branch; dragged by its header. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { SeverityIcon, SiteIcon, TodoMark } from '../ui/kinds';
import { useDetailLevel } from './detail-level';
import type { SiteFlowNode } from './flow-types';
import { WAN_HANDLE } from './to-flow';

function SiteFrame({ data, selected, width, height }: NodeProps<SiteFlowNode>) {
  const { site, badge, highlighted, memberCount, lost, dropTarget } = data;
  const branch = site.kind === 'branch';
  // Zoomed out, only the name is worth drawing, in a font large enough to be read.
  const compact = useDetailLevel() !== 'full';
  const cls = [
    'site-frame',
    branch ? 'is-branch' : 'is-central',
    compact ? 'is-compact' : '',
    selected ? 'is-selected' : '',
    highlighted ? 'is-highlighted' : '',
    lost ? 'is-lost' : '',
    dropTarget ? 'is-drop-target' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls} style={{ width, height }} data-testid={`site-${site.id}`}>
      <div
        className="site-header site-drag-handle"
        title={badge ? badge.messages.join('\n') : `${site.name}: drag to move the site with its nodes`}
      >
        {!compact && <SiteIcon branch={branch} />}
        <span className="site-name">{site.name}</span>
        {!compact && (
          <span className="site-meta">
            {branch ? 'branch' : 'data center'}
            {site.region ? ` · ${site.region}` : ''}
            {site.datacenter ? ` · ${site.datacenter}` : ''}
          </span>
        )}
        {lost && <span className="pill pill-lost">failed</span>}
        {badge &&
          (badge.todo ? (
            <span className={`finding-badge inline sev-todo ${compact ? 'is-filled' : ''}`} data-testid={`badge-${site.id}`}>
              {!compact && <TodoMark />}
              {badge.todo}
            </span>
          ) : (
            <span
              className={`finding-badge inline sev-${badge.worst} ${compact ? 'is-filled' : ''}`}
              data-testid={`badge-${site.id}`}
            >
              {!compact && <SeverityIcon severity={badge.worst} size={12} />}
              {badge.count}
            </span>
          ))}
      </div>
      {/* Drag from here to another site: a WAN link (the site inspector's "Connect to site" does the same from the keyboard). */}
      <Handle
        type="source"
        id={WAN_HANDLE}
        position={Position.Right}
        className={`wan-handle ${compact ? 'is-hidden' : ''}`}
        title={`Drag to another site to join ${site.name} to it over the WAN`}
        data-testid={`wan-handle-${site.id}`}
      >
        <span aria-hidden="true">WAN</span>
      </Handle>
      {memberCount === 0 && <div className="site-empty">Drop servers here</div>}
    </div>
  );
}

export const SiteNodeView = memo(SiteFrame);
