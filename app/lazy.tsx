/**
 * The parts of the designer that a first paint does not need, loaded on first use: the
 * inspector (its forms), the deployment steps, the failover simulation, the print report, the dialogs that export,
 * share, list stored designs or show the rule catalogue. The first load stays small (the
 * budget test in scripts/first-load-budget.ts), and once the page is idle every part is
 * fetched in the background, so the first click finds it already there (and the service
 * worker has it for offline use anyway).
 */
import { Component, lazy, Suspense, type ReactNode } from 'react';
import { loadComparison } from './store/comparison-module';
import { loadRuleEngine } from './store/selectors';

/** Each lazy part: its loader (shared by React.lazy and the idle prefetch). */
const LOADERS = {
  steps: () => withRules(import('./panels/steps-panel')),
  simulation: () => withRules(import('./panels/simulation-panel')),
  compare: () => withRules(import('./panels/diff-panel')),
  migration: () => withRules(import('./panels/migration-panel')),
  phaseCanvas: () => withRules(import('./canvas/phase-canvas')),
  print: () => withRules(import('./print-view')),
  inspector: () => withRules(import('./panels/inspector')),
  find: () => import('./find-dialog'),
  findings: () => withRules(import('./panels/findings-list')),
  contextMenu: () => import('./canvas/context-menu'),
  designDialogs: () => import('./design-dialogs'),
  library: () => import('./library-dialog'),
  share: () => import('./share-dialog'),
  topologyBuilder: () => withRules(import('./topology-builder-dialog')),
  catalogue: () => import('./catalogue-dialog'),
  exportDiagram: () => withRules(import('./export-diagram')),
  openWork: () => import('./store/open-work'),
  updatePrompt: () => import('./update-prompt'),
  autoLayout: () => import('./store/auto-layout'),
  comparison: () => loadComparison(),
  paste: () => import('./store/clipboard'),
} as const;

/** A part that reads the design's findings (selectFindings) is ready only with the rule engine. */
async function withRules<T>(part: Promise<T>): Promise<T> {
  const [m] = await Promise.all([part, loadRuleEngine()]);
  return m;
}

export const loadExportDiagram = LOADERS.exportDiagram;

export const StepsPanel = lazy(() => LOADERS.steps().then((m) => ({ default: m.StepsPanel })));
export const MigrationPanel = lazy(() => LOADERS.migration().then((m) => ({ default: m.MigrationPanel })));
export const PhaseCanvas = lazy(() => LOADERS.phaseCanvas().then((m) => ({ default: m.PhaseCanvas })));
export const ComparePanel = lazy(() => LOADERS.compare().then((m) => ({ default: m.ComparePanel })));
export const SimulationPanel = lazy(() => LOADERS.simulation().then((m) => ({ default: m.SimulationPanel })));
export const PrintView = lazy(() => LOADERS.print().then((m) => ({ default: m.PrintView })));
export const Inspector = lazy(() => LOADERS.inspector().then((m) => ({ default: m.Inspector })));
export const UpdatePrompt = lazy(() => LOADERS.updatePrompt().then((m) => ({ default: m.UpdatePrompt })));
export const FindingsPanel = lazy(() => LOADERS.findings().then((m) => ({ default: m.FindingsPanel })));
export const FindDialog = lazy(() => LOADERS.find().then((m) => ({ default: m.FindDialog })));
export const NewDialog = lazy(() => LOADERS.designDialogs().then((m) => ({ default: m.NewDialog })));
export const ShortcutsDialog = lazy(() => LOADERS.designDialogs().then((m) => ({ default: m.ShortcutsDialog })));
export const ImportSummaryDialog = lazy(() => LOADERS.designDialogs().then((m) => ({ default: m.ImportSummaryDialog })));
export const LibraryDialog = lazy(() => LOADERS.library().then((m) => ({ default: m.LibraryDialog })));
export const ShareDialog = lazy(() => LOADERS.share().then((m) => ({ default: m.ShareDialog })));
export const TopologyBuilderDialog = lazy(() => LOADERS.topologyBuilder().then((m) => ({ default: m.TopologyBuilderDialog })));
export const CatalogueDialog = lazy(() => LOADERS.catalogue().then((m) => ({ default: m.CatalogueDialog })));

let prefetched = false;
/**
 * Fetches every lazy part once the page has painted and is idle, one after the other so
 * that the canvas keeps the CPU. A part that fails to load here is loaded again when used.
 */
export function prefetchWhenIdle(): void {
  if (prefetched) return;
  prefetched = true;
  // Only when the page is really idle: a part's code runs when it loads, and the page's first
  // seconds are for drawing the design (a busy page waits up to 10 s for its turn).
  const idle = (f: () => void) =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: 10_000 }) : setTimeout(f, 3_000);
  const queue = Object.values(LOADERS);
  const next = () => {
    const load = queue.shift();
    if (load)
      idle(
        () =>
          void load()
            .catch(() => undefined)
            .then(next),
      );
  };
  next();
}

/** What shows while a part loads: a line in the panel's place, said to screen readers too. */
export function Loading({ what }: { what: string }) {
  return (
    <div className="lazy-loading" role="status" aria-live="polite" data-testid="lazy-loading">
      <span className="lazy-spinner" aria-hidden="true" />
      Loading {what}…
    </div>
  );
}

/** A lazy part inside its loading state and its failure message. */
export function LazyPart({ what, fallback, children }: { what: string; fallback?: ReactNode; children: ReactNode }) {
  return (
    <LoadFailure what={what}>
      <Suspense fallback={fallback === undefined ? <Loading what={what} /> : fallback}>{children}</Suspense>
    </LoadFailure>
  );
}

/**
 * A part that could not be loaded (no network and no service worker yet, or a new
 * version replaced the files on the server) says so and offers a reload; the rest of the
 * page, and the design (saved in the browser), are untouched.
 */
class LoadFailure extends Component<{ what: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="lazy-loading lazy-failed" role="alert" data-testid="lazy-failed">
        {this.props.what.charAt(0).toUpperCase() + this.props.what.slice(1)} could not be loaded (is the network down?). Your
        design is saved in this browser.
        <button className="btn small" onClick={() => location.reload()}>
          Reload the page
        </button>
      </div>
    );
  }
}
