/** A site frame: solid tinted for a data center, dashed for a branch; dragged by its header. */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { SeverityIcon, SiteIcon, TodoMark } from '../ui/kinds';
import { useDetailLevel } from './detail-level';
import type { SiteFlowNode } from './flow-types';

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
      {memberCount === 0 && <div className="site-empty">Drop servers here</div>}
    </div>
  );
}

export const SiteNodeView = memo(SiteFrame);
