/**
 * One card for every node kind: icon, name, FQDN, version badge, key facts, finding badge.
 * Zoomed out (detail-level.ts) the card is compact: kind colour, name, finding badge. In
 * the overview, where even that name would be a couple of pixels high, it is a block of
 * its kind's colour with the badge; the name stays in its accessible name and tooltip.
 */
import { Handle, Position, useStoreApi, type NodeProps } from '@xyflow/react';
import { memo, useCallback, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import { KIND_META, KindIcon, SeverityIcon, TodoMark } from '../ui/kinds';
import { useDetailLevel } from './detail-level';
import type { TopologyFlowNode } from './flow-types';
import { productVersionLabel } from '../model/product-versions';
import { productVersionOf, type TopologyNode } from '../model/schema';
import { cardName, nodeFacts, versionBadge } from './node-facts';
import { CENTRE_HANDLE, SIDE_HANDLES } from './to-flow';

function TopologyNodeCard({ id, data, selected }: NodeProps<TopologyFlowNode>) {
  const { node, badge, highlighted, cms, sim, diff } = data;
  const detail = useDetailLevel();
  const handlesShown = useHandlesOnDemand();
  const meta = KIND_META[node.kind];
  const version = versionBadge(node);
  const compact = detail !== 'full';
  const cls = [
    'topo-node',
    `fam-${meta.family}`,
    compact ? 'is-compact' : '',
    detail === 'overview' ? 'is-block' : '',
    selected ? 'is-selected' : '',
    highlighted ? 'is-highlighted' : '',
    sim?.lost ? 'is-lost' : '',
    diff ? `diff-${diff}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const label = `${meta.label} ${node.name}${diff ? `, ${DIFF_WORDS[diff]}` : ''}${badge ? (badge.todo ? `, ${badge.todo} to do` : `, ${badge.count} ${badge.worst === 'info' ? 'advice' : badge.worst}${badge.count === 1 || badge.worst === 'info' ? '' : 's'}`) : ''}`;
  // Side handles exist only where a connection can start (hover or selection): four
  // hidden handles on each of 500 cards cost more to lay out and paint than the cards do.
  // The centre anchor is always there: edges attach to it (to-flow.ts).
  const sides = selected || handlesShown.shown;
  const flowStore = useStoreApi();
  const measuredSides = useRef(false);
  useLayoutEffect(() => {
    // React Flow starts a connection only from a handle in its lookup: to-flow.ts declares
    // the sides, and they are measured here where the browser draws them. Its own
    // useUpdateNodeInternals measures a frame later (a press in between started nothing
    // while only the centre was declared); measured before paint, they are exact at once.
    if (sides === measuredSides.current) return;
    measuredSides.current = sides;
    measureBeforePaint(flowStore, id);
  }, [sides, id, flowStore]);
  const handles = (
    <>
      <Handle type="source" position={Position.Top} id={CENTRE_HANDLE} className="topo-anchor" isConnectable={false} />
      {sides && SIDE_HANDLES.map((p) => <Handle key={p} type="source" position={p} id={p} className="topo-handle" />)}
    </>
  );
  // Zoomed out the severity icon would be a few pixels wide: a badge filled with the
  // severity's colour says as much, and 500 inline SVGs (each its own paint chunk for
  // the compositor) cost more per drag frame than the rest of the card.
  // A card still being built counts what is left to do, in a neutral colour, not its errors.
  const findingBadge =
    badge &&
    (badge.todo ? (
      <span className={`finding-badge sev-todo ${compact ? 'is-filled' : ''}`} data-testid={`badge-${node.id}`}>
        {!compact && <TodoMark />}
        {badge.todo}
      </span>
    ) : (
      <span className={`finding-badge sev-${badge.worst} ${compact ? 'is-filled' : ''}`} data-testid={`badge-${node.id}`}>
        {!compact && <SeverityIcon severity={badge.worst} size={12} />}
        {badge.count}
      </span>
    ));
  if (compact) {
    return (
      <div
        className={cls}
        data-testid={`node-${node.id}`}
        title={`${meta.label} ${node.name}${badge ? `\n${badge.messages.join('\n')}` : ''}`}
        aria-label={label}
        onMouseEnter={handlesShown.enter}
        onMouseMove={handlesShown.shown ? undefined : handlesShown.enter}
        onMouseLeave={handlesShown.leave}
      >
        {handles}
        {detail === 'compact' && <span className="topo-node-compact-name">{cardName(node, false)}</span>}
        {sim?.load && (
          <div className={`load-bar ${sim.load.over ? 'over' : ''}`} title={sim.load.text} data-testid={`load-${node.id}`}>
            <div className="load-fill" style={{ width: `${Math.min(100, Math.round(sim.load.fraction * 100))}%` }} />
          </div>
        )}
        {findingBadge}
      </div>
    );
  }
  const facts = nodeFacts(node);
  return (
    <div
      className={cls}
      data-testid={`node-${node.id}`}
      title={badge ? badge.messages.join('\n') : undefined}
      aria-label={label}
      onMouseEnter={handlesShown.enter}
      onMouseMove={handlesShown.shown ? undefined : handlesShown.enter}
      onMouseLeave={handlesShown.leave}
    >
      {handles}
      <div className="topo-node-head">
        <span className="topo-node-icon">
          <KindIcon kind={node.kind} size={18} />
        </span>
        <span className="topo-node-name" title={node.name}>
          {cardName(node, version !== undefined)}
        </span>
        {cms && (
          <span className="pill pill-cms" title="Central Management store host">
            CMS
          </span>
        )}
        {version && <VersionPill node={node} text={version} />}
      </div>
      {diff && (
        <span className={`diff-tag diff-${diff}`} data-testid={`diff-${node.id}`}>
          {DIFF_WORDS[diff]}
        </span>
      )}
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
      {findingBadge}
    </div>
  );
}

/** What a card's comparison tag says (the same words as the comparison legend). */
const DIFF_WORDS = { added: 'new', changed: 'changed', version: 'new version' } as const;

/**
 * Hover state for the handles. Leaving the card with a button held is the start of a
 * connection: the handle it started from stays until the button is released.
 */
function useHandlesOnDemand() {
  const [shown, setShown] = useState(false);
  const inside = useRef(false);
  const enter = useCallback((e: MouseEvent) => {
    inside.current = true;
    // Passing over cards while another card is dragged does not offer their handles (it
    // would re-measure each card passed). `buttons` alone is not enough: it can stay set
    // after a drag and drop from the palette.
    if (e.buttons !== 0 && e.currentTarget.ownerDocument.querySelector('.react-flow__node.dragging')) return;
    setShown(true);
  }, []);
  const leave = useCallback((e: MouseEvent) => {
    inside.current = false;
    if (e.buttons === 0) setShown(false);
    else window.addEventListener('pointerup', () => setShown(inside.current), { once: true });
  }, []);
  return { shown, enter, leave };
}

export const TopologyNodeView = memo(TopologyNodeCard);

type FlowStore = ReturnType<typeof useStoreApi>;
const toMeasure = new Map<FlowStore, Set<string>>();

/**
 * Cards whose handles came or went in one commit (a select-all can be hundreds) are
 * measured together, once per canvas, in a microtask: after the commit's layout effects,
 * before paint.
 */
function measureBeforePaint(store: FlowStore, id: string) {
  if (toMeasure.size === 0) queueMicrotask(flushMeasures);
  const ids = toMeasure.get(store) ?? new Set<string>();
  ids.add(id);
  toMeasure.set(store, ids);
}

function flushMeasures() {
  const batches = [...toMeasure];
  toMeasure.clear();
  for (const [store, ids] of batches) {
    const { domNode, updateNodeInternals } = store.getState();
    const updates = new Map<string, { id: string; nodeElement: HTMLDivElement; force: boolean }>();
    for (const id of ids) {
      const nodeElement = domNode?.querySelector<HTMLDivElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
      if (nodeElement) updates.set(id, { id, nodeElement, force: true });
    }
    if (updates.size > 0) updateNodeInternals(updates, { triggerFitView: false });
  }
}

/**
 * The version pill beside the name. Subscription Edition is "Sub. Ed." there (never "SE",
 * which means Standard Edition to this audience), its full name in the tooltip, so the
 * pool's name keeps its room.
 */
function VersionPill({ node, text }: { node: TopologyNode; text: string }) {
  const v = productVersionOf(node);
  return (
    <span className={`pill pill-v${v ?? ''}`} title={v ? productVersionLabel(v) : undefined}>
      {v === 'SE' ? 'Sub. Ed.' : text}
    </span>
  );
}
