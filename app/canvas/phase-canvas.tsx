/**
 * The deployment after a step of the migration runbook, drawn over the design's canvas:
 * which pools exist then, at which version, paired with which, where the Central
 * Management store is, the users still on the old pools, with the rule engine's findings
 * of that moment on the cards. Read-only (nothing moves, connects or edits); the banner
 * says which step it is and leads back to the design, which this view never touches.
 * Loaded on first use (app.tsx shows it only while the Migration tab asks for it).
 */
import { Background, BackgroundVariant, Controls, ReactFlow, ReactFlowProvider, useStore as useFlowStore } from '@xyflow/react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { productVersionLabel } from '../model/product-versions';
import type { Topology } from '../model/schema';
import { isRegistrar } from '../model/topology-index';
import { runRules } from '../rules/engine';
import type { Finding } from '../rules/types';
import type { CompareMark } from '../store/comparison';
import { useDesigner, useDesignerStore } from '../store/designer-context';
import { buildFindingIndex } from '../store/finding-index';
import { plainWords } from '../model/plain-words';
import { SeverityIcon } from '../ui/kinds';
import { DetailLevelContext, detailLevelAt } from './detail-level';
import type { CanvasEdge, FlowNode } from './flow-types';
import { LazyLinkRouter } from './lazy-link-router';
import { RouteBoard, RouteBoardContext } from './route-board';
import { SiteLinkEdgeComponent } from './site-link-edge';
import { SiteNodeView } from './site-node';
import { FlowMapper } from './to-flow';
import { TopologyEdgeComponent } from './topology-edge';
import { TopologyNodeView } from './topology-node';
import { num } from '../lib/text';

const nodeTypes = { topology: TopologyNodeView, site: SiteNodeView };
const edgeTypes = { topology: TopologyEdgeComponent, siteLink: SiteLinkEdgeComponent };
const PRO_OPTIONS = { hideAttribution: true };
const FIT = { padding: 0.12 };
const NOTHING: ReadonlySet<string> = new Set();

export function PhaseCanvas() {
  const view = useDesigner((s) => s.phaseView);
  const design = useDesigner((s) => s.doc);
  const store = useDesignerStore();
  // Another design opened (or the design changed under the view): the view belonged to the old one.
  useEffect(() => {
    if (view && view.of !== design) store.getState().showPhase(null);
  }, [view, design, store]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') store.getState().setPhaseOnCanvas(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
  if (!view) return null;
  return (
    <div className="phase-canvas" data-testid="phase-canvas" role="region" aria-label={`The deployment after step ${view.step}`}>
      <ReactFlowProvider>
        <PhaseFlow doc={view.doc} step={view.step} total={view.total} label={view.label} />
      </ReactFlowProvider>
    </div>
  );
}

function PhaseFlow({ doc, step, total, label }: { doc: Topology; step: number; total: number; label: string }) {
  const store = useDesignerStore();
  const baseline = useDesigner((s) => s.baseline);
  const [routesVersion, setRoutesVersion] = useState(0);
  const mapper = useRef<FlowMapper>(undefined as never);
  mapper.current ??= new FlowMapper(
    new LazyLinkRouter({
      backgroundAbove: 300,
      obviousOnlyAbove: 5_000,
      schedule: (work) => {
        const t = setTimeout(work, 0);
        return () => clearTimeout(t);
      },
      onChange: () => setRoutesVersion((v) => v + 1),
    }),
  );
  const detail = useFlowStore((s) => detailLevelAt(s.transform[2]));
  const findings = useMemo(() => runRules(doc), [doc]);
  const index = useMemo(() => buildFindingIndex(findings), [findings]);
  // New at this point (built by the migration) or already on the new version: marked as the comparison marks them.
  const marks = useMemo(() => {
    const m = new Map<string, CompareMark>();
    const before = new Map((baseline?.topology.nodes ?? []).map((n) => [n.id, n]));
    for (const n of doc.nodes) {
      const was = before.get(n.id);
      if (!was) m.set(n.id, 'added');
      else if ('productVersion' in n && 'productVersion' in was && n.productVersion !== was.productVersion)
        m.set(n.id, 'version');
    }
    return m;
  }, [doc, baseline]);
  const { nodes, edges, routes } = useMemo(() => {
    void routesVersion;
    return mapper.current.map({ doc, selected: NOTHING, findings: index, highlighted: NOTHING, compare: marks, detail });
  }, [doc, index, marks, detail, routesVersion]);
  const board = useRef<RouteBoard>(undefined as never);
  board.current ??= new RouteBoard();
  useLayoutEffect(() => board.current.publish(routes), [routes]);

  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const old = doc.nodes.filter(isRegistrar).filter((n) => n.users > 0 && n.productVersion !== 'SE');
  const oldUsers = old.reduce((s, n) => s + n.users, 0);
  const cms = doc.nodes.find((n) => n.id === doc.deployment.cmsHost);
  return (
    <>
      <div className="phase-banner" role="status" data-testid="phase-banner">
        <div className="phase-banner-text">
          <b>
            {step === 0 ? 'Viewing the deployment today, before step 1' : `Viewing the deployment after step ${step}`} of {total}
          </b>
          {step > 0 && <span className="phase-banner-label">: {label}</span>}
          <span className="phase-banner-facts">
            Read-only.{' '}
            {cms ? (
              <>
                Central Management store on <b>{cms.name}</b>
                {'productVersion' in cms && cms.productVersion ? ` (${productVersionLabel(cms.productVersion)})` : ''}.
              </>
            ) : (
              'No Central Management store.'
            )}{' '}
            {oldUsers > 0
              ? `${num(oldUsers)} users still on ${old.map((n) => n.name).join(', ')}.`
              : 'No user left on an older version.'}
          </span>
        </div>
        <button
          className="btn primary small"
          onClick={() => store.getState().setPhaseOnCanvas(false)}
          data-testid="phase-back"
          autoFocus
        >
          Back to the design
        </button>
      </div>
      <PhaseFindings errors={errors} warnings={warnings} doc={doc} />
      <RouteBoardContext.Provider value={board.current}>
        <DetailLevelContext.Provider value={detail}>
          <ReactFlow<FlowNode, CanvasEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            edgesFocusable={false}
            deleteKeyCode={null}
            fitView
            fitViewOptions={FIT}
            minZoom={0.05}
            maxZoom={2.5}
            proOptions={PRO_OPTIONS}
          >
            {detail !== 'overview' && <Background variant={BackgroundVariant.Dots} gap={24} size={1.2} />}
            <Controls showInteractive={false} aria-label="Zoom controls" />
          </ReactFlow>
        </DetailLevelContext.Provider>
      </RouteBoardContext.Provider>
    </>
  );
}

/** The errors of the deployment at this point, in the corner of the canvas; the cards carry the badges. */
function PhaseFindings({ errors, warnings, doc }: { errors: Finding[]; warnings: number; doc: Topology }) {
  const [open, setOpen] = useState(true);
  const name = (id: string) => doc.nodes.find((n) => n.id === id)?.name ?? id;
  return (
    <div className="phase-findings" data-testid="phase-findings">
      <button className="linklike" onClick={() => setOpen(!open)} aria-expanded={open}>
        At this point: {errors.length} error{errors.length === 1 ? '' : 's'}, {warnings} warning{warnings === 1 ? '' : 's'}
      </button>
      {open && errors.length > 0 && (
        <ul>
          {errors.slice(0, 6).map((f, i) => (
            <li key={`${f.ruleId}:${i}`} data-rule={f.ruleId}>
              <SeverityIcon severity="error" size={12} /> <b>{f.ruleId}</b> {plainWords(f.message)}
              {f.nodeIds.length > 0 && <span className="hint"> ({f.nodeIds.slice(0, 2).map(name).join(', ')})</span>}
            </li>
          ))}
          {errors.length > 6 && <li className="hint">and {errors.length - 6} more: the Migration tab lists them all.</li>}
        </ul>
      )}
    </div>
  );
}
