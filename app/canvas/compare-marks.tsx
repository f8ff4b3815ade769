/**
 * The comparison's marks on the canvas (compare mode): the diff the canvas colours, and
 * the ghosts of what the open design removes with the legend. The ghosts and the legend
 * load with the first comparison (compare-ghosts.tsx): a first paint does not need them.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { lazy, memo, Suspense, useEffect, useMemo, useState } from 'react';
import type { CompareCanvas } from '../store/comparison';
import { useComparisonModule } from '../store/comparison-module';
import { useDesigner } from '../store/designer-context';
import type { CanvasEdge, GhostFlowNode, FlowNode } from './flow-types';
import type { Topology } from '../model/schema';
import { CENTRE_HANDLE } from './to-flow';

const loadGhosts = () => import('./compare-ghosts');

/** What the canvas marks while comparing with the marks shown; undefined otherwise. */
export function useCompareCanvas(): CompareCanvas | undefined {
  const baseline = useDesigner((s) => s.baseline);
  const doc = useDesigner((s) => s.doc);
  const on = useDesigner((s) => s.compareMarks);
  const mod = useComparisonModule(Boolean(baseline && on));
  const diff = baseline && on && mod ? mod.selectComparison({ baseline, doc }) : undefined;
  return useMemo(() => (diff && mod ? mod.compareCanvas(diff, baseline?.topology) : undefined), [diff, mod, baseline]);
}

const NO_GHOSTS: { nodes: FlowNode[]; edges: CanvasEdge[] } = { nodes: [], edges: [] };

/** The ghosts of what the comparison removes; none until their module is in (it loads with the comparison). */
export function useGhostElements(
  view: CompareCanvas | undefined,
  focusedChange: string | null,
  committed: Topology,
): { nodes: FlowNode[]; edges: CanvasEdge[] } {
  const [mod, setMod] = useState<Awaited<ReturnType<typeof loadGhosts>>>();
  useEffect(() => {
    if (!view || mod) return;
    let live = true;
    loadGhosts().then(
      (m) => live && setMod(m),
      () => undefined, // offline before the service worker had it: no ghosts, the change list still shows them
    );
    return () => {
      live = false;
    };
  }, [view, mod]);
  return useMemo(
    () => (mod && view ? mod.ghostElements(view, focusedChange, committed) : NO_GHOSTS),
    [mod, view, focusedChange, committed],
  );
}

const LazyGhost = lazy(() => loadGhosts().then((m) => ({ default: m.GhostNodeView })));
const LazyLegend = lazy(() => loadGhosts().then((m) => ({ default: m.CompareLegend })));

function GhostNodeSuspended(props: NodeProps<GhostFlowNode>) {
  // The anchor is there from the first render: React Flow measures a node's handles once, and
  // the ghost's links are drawn to it.
  return (
    <Suspense
      fallback={<Handle type="source" position={Position.Top} id={CENTRE_HANDLE} className="topo-anchor" isConnectable={false} />}
    >
      <LazyGhost {...props} />
    </Suspense>
  );
}
export const GhostNodeView = memo(GhostNodeSuspended);

/** The legend while a comparison is open. */
export function CompareLegend() {
  const baseline = useDesigner((s) => s.baseline);
  if (!baseline) return null;
  return (
    <Suspense fallback={null}>
      <LazyLegend />
    </Suspense>
  );
}
