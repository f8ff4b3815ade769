/**
 * The canvas: sites as containers, nodes inside, links between. Dragging updates the
 * layout live and commits once on release (one undo step); dropping a node in another
 * site's frame moves it to that site; connecting picks the link kind from the endpoints
 * and asks when several fit; impossible connections say why while dragging.
 */
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  useConnection,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { linkKindLabel, linkKindsBetween, whyNoLink } from '../model/link-kinds';
import type { LinkKind, NodeKind, Position, Topology } from '../model/schema';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/grid-layout';
import { selectFindingIndex, selectFindings } from '../store/selectors';
import { useDesigner } from '../store/store';
import { KIND_META, PALETTE_MIME } from '../ui/kinds';
import { placeFromPalette } from '../store/place';
import type { FlowNode, TopologyFlowEdge } from './flow-types';
import { siteAt, siteFrames, nodeCenter } from '../model/site-frames';
import { SiteNodeView } from './site-node';
import { FlowMapper } from './to-flow';
import { TopologyEdgeComponent } from './topology-edge';
import { TopologyNodeView } from './topology-node';
import { useSimulationView } from './use-simulation-view';

const nodeTypes = { topology: TopologyNodeView, site: SiteNodeView };
const edgeTypes = { topology: TopologyEdgeComponent };

interface KindMenu {
  x: number;
  y: number;
  from: string;
  to: string;
  kinds: LinkKind[];
}

export function DesignerCanvas() {
  const committed = useDesigner((s) => s.doc);
  const dragLayout = useDesigner((s) => s.dragLayout);
  // While dragging, the canvas shows the live positions; the document changes on release.
  const doc = useMemo(() => (dragLayout ? { ...committed, layout: { ...committed.layout, ...dragLayout } } : committed), [committed, dragLayout]);
  const selectedIds = useDesigner((s) => s.selectedIds);
  const highlightedFinding = useDesigner((s) => s.highlightedFinding);
  const select = useDesigner((s) => s.select);
  const flow = useReactFlow();
  const mapper = useRef(new FlowMapper());
  const dragging = useRef(false);
  const [dropTarget, setDropTarget] = useState<string | undefined>();
  const [menu, setMenu] = useState<KindMenu | null>(null);
  const sim = useSimulationView();

  const findingIndex = selectFindingIndex(committed);
  const highlighted = useMemo(() => {
    if (highlightedFinding === null) return new Set<string>();
    const f = selectFindings(committed)[highlightedFinding];
    return new Set(f ? [...f.nodeIds, ...f.linkIds, ...f.siteIds] : []);
  }, [committed, highlightedFinding]);
  const selected = useMemo(() => new Set(selectedIds), [selectedIds]);

  const { nodes, edges } = useMemo(
    () => mapper.current.map({ doc, selected, findings: findingIndex, highlighted, dropTarget, sim }),
    [doc, selected, findingIndex, highlighted, dropTarget, sim],
  );

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const state = useDesigner.getState();
    const live = liveDoc();
    const positions: Record<string, Position> = {};
    let selection: string[] | undefined;
    let keyboardMove = false;
    for (const c of changes) {
      if (c.type === 'position' && c.position) {
        if (!c.dragging) keyboardMove = true;
        const site = live.sites.find((s) => s.id === c.id);
        if (site) {
          // Moving a site moves its nodes by the same amount.
          const frame = mapper.current.frames.get(site.id);
          if (!frame) continue;
          const dx = c.position.x - frame.x;
          const dy = c.position.y - frame.y;
          if (dx === 0 && dy === 0) continue;
          for (const n of live.nodes) {
            if (n.siteId !== site.id) continue;
            const p = positions[n.id] ?? live.layout?.[n.id];
            if (p) positions[n.id] = { x: p.x + dx, y: p.y + dy };
          }
          positions[site.id] = { x: c.position.x, y: c.position.y };
        } else positions[c.id] = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
      } else if (c.type === 'select') {
        selection ??= [...useDesigner.getState().selectedIds];
        if (c.selected && !selection.includes(c.id)) selection.push(c.id);
        if (!c.selected) selection = selection.filter((id) => id !== c.id);
      }
    }
    if (Object.keys(positions).length) {
      state.previewLayout(positions);
      // Arrow keys move focused nodes without a drag: each press is its own edit.
      if (keyboardMove && !dragging.current) state.commitPreview();
    }
    if (selection) applySelection(selection);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<TopologyFlowEdge>[]) => {
    let selection: string[] | undefined;
    for (const c of changes) {
      if (c.type === 'select') {
        selection ??= [...useDesigner.getState().selectedIds];
        if (c.selected && !selection.includes(c.id)) selection.push(c.id);
        if (!c.selected) selection = selection.filter((id) => id !== c.id);
      }
    }
    if (selection) applySelection(selection);
  }, []);

  const onNodeDragStart = useCallback(() => {
    dragging.current = true;
  }, []);

  const onNodeDrag = useCallback((_: unknown, node: FlowNode) => {
    if (node.type !== 'topology') return;
    const frames = siteFrames(liveDoc(), new Set([node.id]));
    const target = siteAt(frames, nodeCenter(node.position));
    setDropTarget((prev) => (prev === target ? prev : target));
  }, []);

  const onNodeDragStop = useCallback((_: unknown, _node: FlowNode, dragged: FlowNode[]) => {
    dragging.current = false;
    setDropTarget(undefined);
    const state = useDesigner.getState();
    const moved = new Set(dragged.filter((n) => n.type === 'topology').map((n) => n.id));
    const frames = siteFrames(liveDoc(), moved);
    state.commitPreview((d) => {
      let changed = false;
      const nodes = d.nodes.map((n) => {
        if (!moved.has(n.id)) return n;
        const p = d.layout?.[n.id];
        const target = p ? siteAt(frames, nodeCenter(p)) : undefined;
        if (target && target !== n.siteId) {
          changed = true;
          return { ...n, siteId: target };
        }
        return n;
      });
      return changed ? { ...d, nodes } : d;
    });
  }, []);

  const isValidConnection = useCallback((c: Connection | TopologyFlowEdge) => {
    const doc = useDesigner.getState().doc;
    const a = doc.nodes.find((n) => n.id === c.source);
    const b = doc.nodes.find((n) => n.id === c.target);
    if (!a || !b || a.id === b.id) return false;
    return linkKindsBetween(a.kind, b.kind).length > 0 || linkKindsBetween(b.kind, a.kind).length > 0;
  }, []);

  const onConnect = useCallback(
    (c: Connection) => {
      const state = useDesigner.getState();
      const a = state.doc.nodes.find((n) => n.id === c.source);
      const b = state.doc.nodes.find((n) => n.id === c.target);
      if (!a || !b) return;
      const forward = linkKindsBetween(a.kind, b.kind);
      const [from, to, kinds] = forward.length ? [a.id, b.id, forward] : [b.id, a.id, linkKindsBetween(b.kind, a.kind)];
      if (kinds.length === 1) {
        const id = state.addLink(kinds[0]!, from, to);
        if (id) state.select([id], { type: 'link', id });
      } else if (kinds.length > 1) {
        const pb = state.doc.layout?.[to] ?? { x: 0, y: 0 };
        const screen = flow.flowToScreenPosition({ x: pb.x + NODE_WIDTH / 2, y: pb.y + NODE_HEIGHT / 2 });
        setMenu({ x: screen.x, y: screen.y, from, to, kinds });
      }
    },
    [flow],
  );

  // Releasing over a node's body (not only near a handle) connects to that node.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const target = nodeAt(useDesigner.getState().doc, flow.screenToFlowPosition({ x: point.clientX, y: point.clientY }));
      if (target && target !== state.fromNode.id) onConnect({ source: state.fromNode.id, target, sourceHandle: null, targetHandle: null });
    },
    [flow, onConnect],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    setDropTarget(siteAt(siteFrames(useDesigner.getState().doc), p));
  }, [flow]);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_MIME);
      setDropTarget(undefined);
      if (!kind) return;
      e.preventDefault();
      e.stopPropagation();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      placeFromPalette(kind, p);
    },
    [flow],
  );

  const onPaneClick = useCallback(() => {
    setMenu(null);
    useDesigner.getState().select([], { type: 'deployment' });
    useDesigner.getState().highlightFinding(null);
  }, []);

  useFitOnLoad();

  return (
    <div className="canvas-wrap" onDragOver={onDragOver} onDrop={onDrop} onDragLeave={() => setDropTarget(undefined)} data-testid="canvas">
      <ReactFlow<FlowNode, TopologyFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={onNodeDragStart}
        onNodeDrag={onNodeDrag}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onPaneClick={onPaneClick}
        connectionMode={ConnectionMode.Loose}
        connectionRadius={40}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        elevateNodesOnSelect={false}
        elevateEdgesOnSelect={false}
        minZoom={0.05}
        maxZoom={2.5}
        snapToGrid
        snapGrid={[8, 8]}
        proOptions={{ hideAttribution: true }}
        onlyRenderVisibleElements={doc.nodes.length > 300}
        ariaLabelConfig={{ 'node.a11yDescription.default': 'Press Enter or Space to select. Arrow keys move the selected nodes.' }}
      >
        <Background variant={BackgroundVariant.Dots} gap={24} size={1.2} />
        {doc.nodes.length <= 300 && <MiniMap pannable zoomable ariaLabel="Minimap" style={{ width: 170, height: 110 }} nodeClassName={(n) => (n.type === 'site' ? 'mini-site' : `mini-${KIND_META[(n.data as { node: { kind: NodeKind } }).node.kind].family}`)} />}
        <Controls showInteractive={false} aria-label="Zoom controls" />
        <ConnectionHint />
      </ReactFlow>
      {doc.nodes.length === 0 && doc.sites.length === 0 && <EmptyCanvas />}
      {menu && (
        <div className="kind-menu" role="menu" aria-label="Choose the kind of link" style={{ left: menu.x, top: menu.y }}>
          <div className="kind-menu-title">Link as…</div>
          {menu.kinds.map((k, i) => (
            <button
              key={k}
              role="menuitem"
              autoFocus={i === 0}
              onClick={() => {
                const id = useDesigner.getState().addLink(k, menu.from, menu.to);
                if (id) useDesigner.getState().select([id], { type: 'link', id });
                setMenu(null);
              }}
              onKeyDown={(e) => e.key === 'Escape' && setMenu(null)}
            >
              {linkKindLabel(k)}
            </button>
          ))}
          <button className="kind-menu-cancel" onClick={() => setMenu(null)}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}

/** The document as the canvas shows it: with a drag's live positions. */
function liveDoc(): Topology {
  const { doc, dragLayout } = useDesigner.getState();
  return dragLayout ? { ...doc, layout: { ...doc.layout, ...dragLayout } } : doc;
}

function applySelection(ids: string[]) {
  const state = useDesigner.getState();
  const last = ids[ids.length - 1];
  let inspected = state.inspected;
  if (!last) inspected = { type: 'deployment' };
  else if (state.doc.nodes.some((n) => n.id === last)) inspected = { type: 'node', id: last };
  else if (state.doc.sites.some((s) => s.id === last)) inspected = { type: 'site', id: last };
  else if (state.doc.links.some((l) => l.id === last)) inspected = { type: 'link', id: last };
  state.select(ids, inspected);
}

/** The topology node under a canvas point (by the document's layout). */
export function nodeAt(doc: Topology, p: Position): string | undefined {
  for (let i = doc.nodes.length - 1; i >= 0; i--) {
    const n = doc.nodes[i]!;
    const q = doc.layout?.[n.id];
    if (q && p.x >= q.x && p.x <= q.x + NODE_WIDTH && p.y >= q.y && p.y <= q.y + NODE_HEIGHT) return n.id;
  }
  return undefined;
}

function ConnectionHint() {
  const connection = useConnection();
  const doc = useDesigner((s) => s.doc);
  const flow = useReactFlow();
  if (!connection.inProgress) return null;
  const targetId = connection.toNode?.id ?? nodeAt(doc, connection.to);
  if (!targetId || targetId === connection.fromNode.id) return null;
  const a = doc.nodes.find((n) => n.id === connection.fromNode.id);
  const b = doc.nodes.find((n) => n.id === targetId);
  if (!a || !b) return null;
  const kinds = linkKindsBetween(a.kind, b.kind).concat(linkKindsBetween(b.kind, a.kind));
  const unique = [...new Set(kinds)];
  const ok = unique.length > 0;
  const text = ok ? (unique.length === 1 ? `Link as ${linkKindLabel(unique[0]!)}` : `Link as ${unique.map(linkKindLabel).join(' or ')}: you will be asked`) : whyNoLink(a.kind, b.kind);
  return (
    <div className={`connection-hint ${ok ? 'ok' : 'refused'}`} role="status" data-testid="connection-hint" style={hintPosition(flow.flowToScreenPosition(connection.to))}>
      <span aria-hidden="true">{ok ? '✓' : '✕'}</span> {text}
    </div>
  );
}

function hintPosition(screen: Position) {
  const box = document.querySelector('.canvas-wrap')?.getBoundingClientRect();
  return { left: screen.x - (box?.left ?? 0), top: screen.y - (box?.top ?? 0) };
}

function EmptyCanvas() {
  const openDialog = useDesigner((s) => s.openDialog);
  return (
    <div className="empty-canvas" data-testid="empty-canvas">
      <h2>Start a design</h2>
      <p>Drag a site or a server from the palette onto the canvas, or begin from a reference design.</p>
      <button className="btn primary" onClick={() => openDialog('new')}>
        Choose a reference design…
      </button>
    </div>
  );
}

/** Fit the view whenever a different document is loaded (not on every edit). */
function useFitOnLoad() {
  const flow = useReactFlow();
  const loadSeq = useDesigner((s) => s.loadSeq);
  useEffect(() => {
    const t = setTimeout(() => {
      if (useDesigner.getState().doc.nodes.length + useDesigner.getState().doc.sites.length === 0) void flow.setViewport({ x: 40, y: 40, zoom: 1 });
      else void flow.fitView({ padding: 0.15, maxZoom: 1.2, duration: 200 });
    }, 30);
    return () => clearTimeout(t);
  }, [loadSeq, flow]);
}
