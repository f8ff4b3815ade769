/**
 * Auto-layout with elkjs: sites as compound nodes, each site's nodes laid out inside it
 * (so nodes stay in their sites), links between them, sites arranged around. One undo
 * step; the view is fitted after.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { NODE_HEIGHT, NODE_WIDTH, SITE_HEADER, SITE_PADDING } from '../model/grid-layout';
import type { Position, Topology } from '../model/schema';
import { settledWithin } from '../lib/settled';
import type { DesignerStore } from './store';
import { viewMoveMs } from '../lib/view-move';

export async function computeElkLayout(doc: Topology): Promise<Record<string, Position>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const siteChildren = new Map<string, ElkNode[]>();
  for (const n of doc.nodes) {
    const list = siteChildren.get(n.siteId) ?? [];
    list.push({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT });
    siteChildren.set(n.siteId, list);
  }
  const siteOf = new Map(doc.nodes.map((n) => [n.id, n.siteId]));
  // Links inside a site shape that site's layout; links across sites shape the sites' order.
  const inner = new Map<string, ElkExtendedEdge[]>();
  const outer: ElkExtendedEdge[] = [];
  for (const l of doc.links) {
    const a = siteOf.get(l.from);
    const b = siteOf.get(l.to);
    if (!a || !b) continue;
    if (a === b) {
      const list = inner.get(a) ?? [];
      list.push({ id: l.id, sources: [l.from], targets: [l.to] });
      inner.set(a, list);
    } else outer.push({ id: l.id, sources: [a], targets: [b] });
  }
  const graph: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '80',
      'elk.layered.spacing.nodeNodeBetweenLayers': '110',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': '90',
      'elk.aspectRatio': '1.6',
    },
    children: doc.sites.map((s) => ({
      id: s.id,
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'DOWN',
        'elk.padding': `[top=${SITE_HEADER + SITE_PADDING},left=${SITE_PADDING},bottom=${SITE_PADDING},right=${SITE_PADDING}]`,
        'elk.spacing.nodeNode': '36',
        'elk.layered.spacing.nodeNodeBetweenLayers': '44',
        'elk.separateConnectedComponents': 'true',
        'elk.spacing.componentComponent': '36',
        'elk.aspectRatio': '1.2',
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': '(300, 170)',
      },
      children: siteChildren.get(s.id) ?? [],
      edges: inner.get(s.id) ?? [],
    })),
    edges: dedupe(outer),
  };
  const out = await elk.layout(graph);
  const layout: Record<string, Position> = {};
  for (const s of out.children ?? []) {
    const sx = s.x ?? 0;
    const sy = s.y ?? 0;
    layout[s.id] = { x: Math.round(sx), y: Math.round(sy) };
    for (const n of s.children ?? []) layout[n.id] = { x: Math.round(sx + (n.x ?? 0)), y: Math.round(sy + (n.y ?? 0)) };
  }
  return layout;
}

function dedupe(edges: ElkExtendedEdge[]): ElkExtendedEdge[] {
  const seen = new Set<string>();
  return edges.filter((e) => {
    const key = `${e.sources[0]}>${e.targets[0]}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The store says "arranging" while any run is in progress (the import's and the button's may overlap). */
export async function autoLayout(store: DesignerStore, flow?: Pick<ReactFlowInstance, 'fitView'>): Promise<void> {
  const state = store.getState();
  const before = state.doc;
  state.layoutStarted();
  try {
    const layout = await computeElkLayout(before);
    if (store.getState().doc !== before) return; // the user changed something meanwhile
    state.commit((d) => ({ ...d, layout: { ...d.layout, ...layout } }));
    // Let React Flow measure the moved nodes before fitting; resolve once the view has settled.
    if (flow) {
      await new Promise((r) => setTimeout(r, 30));
      await settledWithin(flow.fitView({ padding: 0.15, duration: viewMoveMs(before.nodes.length, 250) }), 600);
    } else store.setState({ loadSeq: store.getState().loadSeq + 1 }); // the canvas fits the view
  } catch (e) {
    state.notify({ tone: 'error', text: `Auto-layout failed: ${e instanceof Error ? e.message : String(e)}` });
  } finally {
    store.getState().layoutFinished();
  }
}
