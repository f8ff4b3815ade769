/**
 * Comparison with the current deployment on the canvas: which cards and links are new,
 * changed or on a new product version, the removed ones as ghosts where they were (dashed,
 * struck through; a click shows their entry in the change list), and a legend that says so.
 * Ghosts are canvas objects only: the document never holds them.
 */
import { Handle, MarkerType, Panel, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/grid-layout';
import type { CompareCanvas, CompareMark } from '../store/comparison';
import { useComparisonModule } from '../store/comparison-module';
import { useDesigner, useDesignerStore } from '../store/designer-context';
import { ghostId } from '../store/compare-slice';
import { KIND_META, KindIcon } from '../ui/kinds';
import { useDetailLevel } from './detail-level';
import type { GhostFlowNode, TopologyFlowEdge } from './flow-types';
import { ANCHOR_ONLY_HANDLES, CENTRE_HANDLE } from './to-flow';
import { linkKindLabel } from '../model/link-kinds';
import { positionOf } from '../model/layout';
import type { Topology } from '../model/schema';
import { AROUND } from '../migrate/document-at-step';

/** The ghosts as React Flow nodes and edges: not selectable, draggable, connectable or deletable. */
export function ghostElements(
  view: CompareCanvas | undefined,
  focusedChange: string | null,
  doc: Topology,
): { nodes: GhostFlowNode[]; edges: TopologyFlowEdge[] } {
  if (!view || (view.ghostNodes.length === 0 && view.ghostLinks.length === 0)) return { nodes: [], edges: [] };
  const places = ghostPlaces(view, doc);
  const nodes = view.ghostNodes.map((g): GhostFlowNode => ({
    id: g.id,
    type: 'ghost',
    position: places.get(g.id) ?? g.position,
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
    handles: ANCHOR_ONLY_HANDLES,
    data: { node: g.node, currentId: g.currentId, active: focusedChange === g.id },
    selectable: false,
    draggable: false,
    connectable: false,
    deletable: false,
    focusable: false,
    zIndex: 1,
    className: 'ghost-flow-node',
  }));
  const lanes = ghostLanes(view.ghostLinks);
  const edges = view.ghostLinks.map((g): TopologyFlowEdge => ({
    id: g.id,
    type: 'topology',
    source: g.from,
    target: g.to,
    selectable: false,
    focusable: false,
    deletable: false,
    zIndex: 1,
    markerEnd:
      g.link.kind === 'pairing'
        ? undefined
        : { type: MarkerType.ArrowClosed, width: 12, height: 12, color: 'var(--diff-removed)' },
    ariaLabel: `Removed ${linkKindLabel(g.link.kind)} link`,
    data: { link: { ...g.link, id: g.id }, highlighted: false, quiet: true, diff: 'removed', lane: lanes.get(g.id) ?? 0 },
  }));
  return { nodes, edges };
}

/** Space between two links drawn side by side between the same cards. */
export const LANE_GAP = 10;

/**
 * The side offset of each removed link (drawn straight): links between the same two cards,
 * whichever way they point, are spread LANE_GAP apart around the line between the cards;
 * a link alone between its cards stays on it. Offsets are to the left of from → to.
 */
export function ghostLanes(links: readonly { id: string; from: string; to: string }[]): Map<string, number> {
  const byPair = new Map<string, { id: string; reversed: boolean }[]>();
  for (const l of links) {
    const reversed = l.from > l.to;
    const key = reversed ? `${l.to}\u0000${l.from}` : `${l.from}\u0000${l.to}`;
    const list = byPair.get(key);
    if (list) list.push({ id: l.id, reversed });
    else byPair.set(key, [{ id: l.id, reversed }]);
  }
  const out = new Map<string, number>();
  for (const list of byPair.values())
    list.forEach((l, i) => {
      const offset = (i - (list.length - 1) / 2) * LANE_GAP;
      // The same side of the shared line whichever way the link points.
      out.set(l.id, l.reversed ? -offset : offset);
    });
  return out;
}

const GAP = 24;

/**
 * Where each ghost is drawn: where the current deployment had it, unless a card of the open
 * design (often its replacement, laid out in the same spot) or another ghost is there; then
 * the nearest free place around it, so neither hides the other.
 */
function ghostPlaces(view: CompareCanvas, doc: Topology): Map<string, { x: number; y: number }> {
  const taken: { x: number; y: number }[] = [];
  for (const n of doc.nodes) {
    const p = positionOf(doc.layout, n.id);
    if (p) taken.push(p);
  }
  const free = (p: { x: number; y: number }) =>
    taken.every((t) => Math.abs(t.x - p.x) >= NODE_WIDTH + GAP / 2 || Math.abs(t.y - p.y) >= NODE_HEIGHT + GAP / 2);
  const dx = NODE_WIDTH + GAP;
  const dy = NODE_HEIGHT + GAP;
  const out = new Map<string, { x: number; y: number }>();
  for (const g of view.ghostNodes) {
    let place = g.position;
    search: for (let r = 1; !free(place) && r <= 8; r++)
      for (const [kx, ky] of AROUND) {
        const p = { x: g.position.x + kx * r * dx, y: g.position.y + ky * r * dy };
        if (free(p)) {
          place = p;
          break search;
        }
      }
    taken.push(place);
    out.set(g.id, place);
  }
  return out;
}

/** A removed node: where it was, dashed and struck through; a click shows its entry in the change list. */
function GhostNodeCard({ data }: NodeProps<GhostFlowNode>) {
  const store = useDesignerStore();
  const detail = useDetailLevel();
  const { node, currentId, active } = data;
  const meta = KIND_META[node.kind];
  const show = () => {
    const s = store.getState();
    s.setBottomTab('compare');
    s.focusChange(ghostId(currentId));
    // The entry may be below the fold of the change list.
    requestAnimationFrame(() =>
      document.querySelector(`[data-testid="change-removed-${CSS.escape(currentId)}"]`)?.scrollIntoView({ block: 'nearest' }),
    );
  };
  return (
    <button
      type="button"
      className={`ghost-node fam-${meta.family} ${detail === 'full' ? '' : 'is-compact'} ${active ? 'is-active' : ''}`}
      data-testid={`ghost-${currentId}`}
      aria-label={`Removed: ${meta.label} ${node.name} (show in the change list)`}
      title={`${meta.label} ${node.name}: in the current deployment, not in the open design`}
      onClick={show}
    >
      <Handle type="source" position={Position.Top} id={CENTRE_HANDLE} className="topo-anchor" isConnectable={false} />
      <span className="diff-tag diff-removed">removed</span>
      {detail !== 'overview' && (
        <span className="ghost-node-head">
          {detail === 'full' && (
            <span className="topo-node-icon">
              <KindIcon kind={node.kind} size={18} />
            </span>
          )}
          <s className="ghost-node-name">{node.name}</s>
        </span>
      )}
      {detail === 'full' && <s className="ghost-node-fqdn">{node.fqdn}</s>}
    </button>
  );
}
export const GhostNodeView = memo(GhostNodeCard);

export const MARK_WORDS: Record<CompareMark, string> = {
  added: 'new',
  changed: 'changed',
  version: 'new version',
};

export function CompareLegend() {
  const baseline = useDesigner((s) => s.baseline);
  const doc = useDesigner((s) => s.doc);
  const on = useDesigner((s) => s.compareMarks);
  const setOn = useDesigner((s) => s.setCompareMarks);
  const setBottomTab = useDesigner((s) => s.setBottomTab);
  const mod = useComparisonModule(Boolean(baseline));
  const diff = baseline && mod ? mod.selectComparison({ baseline, doc }) : undefined;
  if (!baseline || !diff) return null;
  const removed = diff.counts.removed;
  const links = { added: diff.counts.linksAdded, changed: diff.counts.linksChanged, removed: diff.counts.linksRemoved };
  const count = (m: CompareMark) =>
    diff.nodes.filter(
      (n) =>
        n.targetId !== undefined &&
        (m === 'added'
          ? n.status === 'added'
          : m === 'version'
            ? Boolean(n.version)
            : n.status === 'changed' && n.classes.length > 0 && !n.version),
    ).length;
  return (
    <Panel position="top-left" className="compare-legend" data-testid="compare-legend">
      <span className="compare-legend-title" title={baseline.source}>
        Compared with <strong>{baseline.topology.name}</strong>
      </span>
      {on && (
        <ul aria-label="Comparison marks">
          {(['added', 'changed', 'version'] as const).map((m) => (
            <li key={m}>
              <span className={`compare-swatch diff-${m}`} aria-hidden="true" />
              {count(m)} {MARK_WORDS[m]}
            </li>
          ))}
          <li>
            <span className="compare-swatch diff-removed" aria-hidden="true" />
            <button className="linklike" onClick={() => setBottomTab('compare')}>
              {removed} removed
            </button>
          </li>
          <li className="compare-legend-links" aria-label="Links">
            <span className="compare-legend-sep" aria-hidden="true" />
            links:
            {(['added', 'changed', 'removed'] as const).map((m) => (
              <span key={m} className="compare-link-count">
                <span className={`compare-line diff-${m}`} aria-hidden="true" />
                {links[m]} {m === 'added' ? 'new' : m}
              </span>
            ))}
          </li>
        </ul>
      )}
      <label className="compare-legend-toggle">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} /> Mark changes
      </label>
    </Panel>
  );
}
