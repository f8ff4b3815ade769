/** One card for every node kind: icon, name, FQDN, version badge, key facts, finding badge. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { KIND_META, KindIcon, SeverityIcon } from '../ui/kinds';
import type { TopologyFlowNode } from './flow-types';
import { nodeFacts, versionBadge } from './node-facts';

const SIDES = [Position.Top, Position.Right, Position.Bottom, Position.Left] as const;

function TopologyNodeCard({ data, selected }: NodeProps<TopologyFlowNode>) {
  const { node, badge, highlighted, cms, sim } = data;
  const meta = KIND_META[node.kind];
  const version = versionBadge(node);
  const facts = nodeFacts(node);
  const cls = ['topo-node', `fam-${meta.family}`, selected ? 'is-selected' : '', highlighted ? 'is-highlighted' : '', sim?.lost ? 'is-lost' : ''].filter(Boolean).join(' ');
  return (
    <div className={cls} data-testid={`node-${node.id}`} title={badge ? badge.messages.join('\n') : undefined} aria-label={`${meta.label} ${node.name}${badge ? `, ${badge.count} finding${badge.count === 1 ? '' : 's'}, worst ${badge.worst}` : ''}`}>
      {SIDES.map((p) => (
        <Handle key={p} type="source" position={p} id={p} className="topo-handle" />
      ))}
      <div className="topo-node-head">
        <span className="topo-node-icon">
          <KindIcon kind={node.kind} size={18} />
        </span>
        <span className="topo-node-name" title={node.name}>
          {node.name}
        </span>
        {cms && (
          <span className="pill pill-cms" title="Central Management store host">
            CMS
          </span>
        )}
        {version && <span className={`pill pill-v${version}`}>{version}</span>}
      </div>
      <div className="topo-node-fqdn" title={node.fqdn}>
        {node.fqdn}
      </div>
      {facts.map((f, i) => (
        <div key={i} className="topo-node-fact">
          {f}
        </div>
      ))}
      {sim?.load && (
        <div className={`load-bar ${sim.load.over ? 'over' : ''}`} title={sim.load.text} data-testid={`load-${node.id}`}>
          <div className="load-fill" style={{ width: `${Math.min(100, Math.round(sim.load.fraction * 100))}%` }} />
          <span>{sim.load.text}</span>
        </div>
      )}
      {sim?.lost && <div className="lost-tag">lost</div>}
      {badge && (
        <span className={`finding-badge sev-${badge.worst}`} data-testid={`badge-${node.id}`}>
          <SeverityIcon severity={badge.worst} size={12} />
          {badge.count}
        </span>
      )}
    </div>
  );
}

export const TopologyNodeView = memo(TopologyNodeCard);
