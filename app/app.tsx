/**
 * The designer page: header; palette · canvas · inspector; findings with the
 * steps and simulation tabs below. Global shortcuts, autosave and file drop live here.
 */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useState, type DragEvent } from 'react';
import { useStore } from 'zustand';
import { DesignerCanvas } from './canvas/designer-canvas';
import { PALETTE_MIME } from './ui/kinds';
import { Dialogs } from './dialogs';
import { Header } from './header';
// Listens for a print from the start, before the print report has loaded.
import './print-request';
import { FindingsDownloads, SeverityCounts } from './panels/findings-panel';
import { Palette } from './panels/palette';
import { openFile, saveFile, startDocument } from './store/documents';
import { DesignerProvider, useDesigner, useDesignerStore } from './store/designer-context';
import { createDesignerStore, type DesignerStore } from './store/store';
import { loadRuleEngine } from './store/selectors';
import { useShortcuts } from './shortcuts';
import { openSharedLinkFromLocation, sharedLinkOpensAtOnce } from './open-link';
import { emptyTopology } from './model/defaults';
import { schemas } from './model/schema';
import {
  ComparePanel,
  FindingsPanel,
  Inspector,
  LazyPart,
  Loading,
  MigrationPanel,
  PhaseCanvas,
  UpdatePrompt,
  prefetchWhenIdle,
  PrintView,
  SimulationPanel,
  StepsPanel,
} from './lazy';

/**
 * The document the page starts with (autosave, else the first reference design), loaded
 * before the first render so that the canvas draws it once, already fitted.
 */
export async function startDesigner(): Promise<DesignerStore> {
  const fromLink = sharedLinkOpensAtOnce();
  // Fetched while the stored design is read (the findings appear when the engine arrives), in
  // a task of their own: asking for a chunk writes its preload links into the page, 6–34 ms
  // that were part of the page's first and longest task.
  setTimeout(() => {
    void loadRuleEngine().catch(() => undefined);
    // The link reader, too.
    if (fromLink) void import('./store/open-work').catch(() => undefined);
  }, 0);
  const store = createDesignerStore();
  // A first visit opens a reference design, loaded only then; one that comes with a large
  // share link starts empty: the link's design replaces it a moment later, and drawing the
  // reference design meanwhile was two of the page's longest tasks while the link opened.
  await startDocument(
    store,
    !fromLink && window.location.hash.length >= 2
      ? emptyTopology
      : async () => (await import('./model/samples/index')).pair2019AlwaysOn(),
  );
  // A share link replaces it before the first render (a large one opens after it, in a worker, with progress).
  if (fromLink) await openSharedLinkFromLocation(store);
  return store;
}

export function App({ store }: { store: DesignerStore }) {
  return (
    <DesignerProvider store={store}>
      <ReactFlowProvider>
        <Designer />
      </ReactFlowProvider>
    </DesignerProvider>
  );
}

function Designer() {
  const theme = useDesigner((s) => s.theme);
  const paletteOpen = useDesigner((s) => s.paletteOpen);
  const inspectorOpen = useDesigner((s) => s.inspectorOpen);
  const bottomOpen = useDesigner((s) => s.bottomOpen);
  const readOnly = useStore(useDesigner((s) => s.autosave).status, (s) => s.mode === 'readOnly');
  const [sizes, setSizes] = useState({ left: 236, right: 320, bottom: Math.round(window.innerHeight * 0.32) });
  const [fileOver, setFileOver] = useState(false);
  const bottomTab = useDesigner((s) => s.bottomTab);
  const phase = useDesigner((s) => s.phaseView !== null);
  // The Migration tab holds a change list beside a long runbook: it opens tall enough to read them.
  useEffect(() => {
    if (bottomOpen && bottomTab === 'migration')
      setSizes((s) => ({ ...s, bottom: Math.max(s.bottom, Math.round(window.innerHeight * 0.55)) }));
  }, [bottomOpen, bottomTab]);
  const flow = useReactFlow();
  const store = useDesignerStore();
  useEffect(() => {
    const session = store.getState().autosave;
    session.showLibrary = () => store.getState().openDialog('library');
    session.saveToFile = () => saveFile(store);
    void openSharedLinkFromLocation(store);
    const onHash = () => void openSharedLinkFromLocation(store);
    window.addEventListener('hashchange', onHash);
    prefetchWhenIdle();
    return () => {
      window.removeEventListener('hashchange', onHash);
    };
  }, [store]);

  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const dark = theme === 'dark' || (theme === 'system' && media.matches);
      document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);

  useShortcuts(flow);

  const onDragOver = (e: DragEvent) => {
    if (e.dataTransfer.types.includes('Files') && !e.dataTransfer.types.includes(PALETTE_MIME)) {
      e.preventDefault();
      setFileOver(true);
    }
  };
  const onDrop = (e: DragEvent) => {
    setFileOver(false);
    const f = e.dataTransfer.files?.[0];
    if (!f) return;
    e.preventDefault();
    void openFile(store, f);
  };

  return (
    <div
      className="app"
      style={{
        gridTemplateColumns: `${paletteOpen ? sizes.left : 18}px minmax(0, 1fr) ${inspectorOpen ? sizes.right : 18}px`,
        gridTemplateRows: `48px minmax(0, 1fr) ${bottomOpen ? sizes.bottom : 40}px`,
        ['--bottom-h' as string]: `${bottomOpen ? sizes.bottom : 40}px`,
      }}
      onDragOver={onDragOver}
      onDragLeave={(e) => e.currentTarget === e.target && setFileOver(false)}
      onDrop={onDrop}
    >
      <Header />
      <div className="side-left">
        <CollapseButton side="left" />
        {paletteOpen && <Palette />}
      </div>
      <main className="main" aria-label="Canvas">
        <DesignerCanvas />
        {phase && (
          <LazyPart what="the deployment at this step" fallback={null}>
            <PhaseCanvas />
          </LazyPart>
        )}
      </main>
      <div className="side-right">
        <CollapseButton side="right" />
        {inspectorOpen && (
          // A read-only tab shows the inspector, but its fields take no edits.
          <fieldset className="readonly-fieldset" disabled={readOnly}>
            <LazyPart what="the inspector">
              <Inspector />
            </LazyPart>
          </fieldset>
        )}
      </div>
      {paletteOpen && (
        <Resizer
          edge="left"
          size={sizes.left}
          min={180}
          max={420}
          onResize={(d) => setSizes((z) => ({ ...z, left: clamp(z.left + d, 180, 420) }))}
        />
      )}
      {inspectorOpen && (
        <Resizer
          edge="right"
          size={sizes.right}
          min={260}
          max={560}
          onResize={(d) => setSizes((z) => ({ ...z, right: clamp(z.right - d, 260, 560) }))}
        />
      )}
      {bottomOpen && (
        <Resizer
          edge="bottom"
          size={sizes.bottom}
          min={120}
          max={Math.max(120, window.innerHeight - 220)}
          onResize={(d) => setSizes((z) => ({ ...z, bottom: clamp(z.bottom - d, 120, window.innerHeight - 220) }))}
        />
      )}
      <BottomPanel />
      <ReadOnlyBar />
      <OpenProgress />
      <Notices />
      <Dialogs />
      <WhenPageIdle />
      {fileOver && (
        <div className="file-drop" aria-hidden="true">
          Drop a topology (.json), a Topology Builder file (.xml, .tbxml) or an exported image to open it
        </div>
      )}
    </div>
  );
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/**
 * The update notice (it registers the service worker) and the print report (a print started
 * before it is there is not missed: print-request.ts), mounted once the page has opened and is
 * idle: loading them is no part of the tasks that draw the design. The state is kept here, not
 * in the designer, where its change re-rendered every panel in one task.
 */
function WhenPageIdle() {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(() => setIdle(true), 1_000);
      return () => clearTimeout(timer);
    }
    const id = requestIdleCallback(
      () => {
        setIdle(true);
        // The document's schemas, which every edit in the inspector is checked against (a
        // design opened from a large link was parsed in a worker): made now, in a task of their
        // own, not in the first edit's.
        requestIdleCallback(() => void schemas());
      },
      { timeout: 3_000 },
    );
    return () => cancelIdleCallback(id);
  }, []);
  if (!idle) return null;
  return (
    <>
      <LazyPart what="the update notice" fallback={null}>
        <UpdatePrompt />
      </LazyPart>
      <LazyPart what="the print report" fallback={null}>
        <PrintView />
      </LazyPart>
    </>
  );
}

/** A drag handle between panels; arrow keys resize it too. */
function Resizer({
  edge,
  size,
  min,
  max,
  onResize,
}: {
  edge: 'left' | 'right' | 'bottom';
  size: number;
  min: number;
  max: number;
  onResize: (delta: number) => void;
}) {
  const vertical = edge === 'bottom';
  return (
    <div
      className={`resizer resizer-${edge}`}
      role="separator"
      aria-orientation={vertical ? 'horizontal' : 'vertical'}
      aria-label={`Resize the ${edge === 'bottom' ? 'findings panel' : edge === 'left' ? 'palette' : 'inspector'}`}
      // A focusable separator is a range: assistive technology reads the panel's size in pixels.
      aria-valuenow={Math.round(size)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 40 : 10;
        if (vertical && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) onResize(e.key === 'ArrowUp' ? -step : step);
        if (!vertical && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) onResize(e.key === 'ArrowLeft' ? -step : step);
      }}
      onPointerDown={(e) => {
        e.preventDefault();
        let last = vertical ? e.clientY : e.clientX;
        const move = (ev: PointerEvent) => {
          const now = vertical ? ev.clientY : ev.clientX;
          onResize(now - last);
          last = now;
        };
        const up = () => {
          window.removeEventListener('pointermove', move);
          window.removeEventListener('pointerup', up);
        };
        window.addEventListener('pointermove', move);
        window.addEventListener('pointerup', up);
      }}
    />
  );
}

function CollapseButton({ side }: { side: 'left' | 'right' }) {
  const open = useDesigner((s) => (side === 'left' ? s.paletteOpen : s.inspectorOpen));
  const toggle = useDesigner((s) => (side === 'left' ? s.togglePalette : s.toggleInspector));
  const label = `${open ? 'Hide' : 'Show'} ${side === 'left' ? 'palette' : 'inspector'}`;
  return (
    <button className={`collapse collapse-${side}`} onClick={toggle} aria-label={label} title={label}>
      {(side === 'left') === open ? '‹' : '›'}
    </button>
  );
}

function BottomPanel() {
  const tab = useDesigner((s) => s.bottomTab);
  const open = useDesigner((s) => s.bottomOpen);
  const setBottomTab = useDesigner((s) => s.setBottomTab);
  const setBottomOpen = useDesigner((s) => s.setBottomOpen);
  const tabs = [
    ['findings', 'Findings'],
    ['steps', 'Deployment steps'],
    ['simulation', 'Failover simulation'],
    ['compare', 'Compare with current'],
    ['migration', 'Migration'],
  ] as const;
  return (
    <section className="bottom" aria-label="Findings, steps, simulation and migration">
      <div className="bottom-bar">
        <div role="tablist" aria-label="Panels" className="tabs">
          {tabs.map(([id, label]) => (
            <button
              key={id}
              role="tab"
              aria-selected={tab === id && open}
              className={`tab ${tab === id && open ? 'active' : ''}`}
              onClick={() => (tab === id && open ? setBottomOpen(false) : setBottomTab(id))}
              data-testid={`tab-${id}`}
            >
              {label}
            </button>
          ))}
        </div>
        {tab === 'findings' && open && <FindingsDownloads />}
        <SeverityCounts />
        <button className="btn-icon" onClick={() => setBottomOpen(!open)} aria-label={open ? 'Collapse panel' : 'Expand panel'}>
          {open ? '▾' : '▴'}
        </button>
      </div>
      {open && (
        <div className="bottom-body" role="tabpanel">
          {tab === 'findings' && (
            <LazyPart what="the findings" fallback={<Loading what="the findings" />}>
              <FindingsPanel />
            </LazyPart>
          )}
          {tab === 'steps' && (
            <LazyPart what="the deployment steps">
              <StepsPanel />
            </LazyPart>
          )}
          {tab === 'simulation' && (
            <LazyPart what="the failover simulation">
              <SimulationPanel />
            </LazyPart>
          )}
          {tab === 'migration' && (
            <LazyPart what="the migration runbook">
              <MigrationPanel />
            </LazyPart>
          )}
          {tab === 'compare' && (
            <LazyPart what="the comparison">
              <ComparePanel />
            </LazyPart>
          )}
        </div>
      )}
    </section>
  );
}

function Notices() {
  const notices = useDesigner((s) => s.notices);
  const dismiss = useDesigner((s) => s.dismiss);
  useEffect(() => {
    const last = notices[notices.length - 1];
    if (!last || last.tone === 'error' || last.tone === 'warning') return;
    const t = setTimeout(() => dismiss(last.id), 6000);
    return () => clearTimeout(t);
  }, [notices, dismiss]);
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice tone-${n.tone}`} data-testid={`notice-${n.tone}`}>
          <span>{n.text}</span>
          {n.action && (
            <button
              className="btn small"
              onClick={() => {
                n.action!.run();
                dismiss(n.id);
              }}
            >
              {n.action.label}
            </button>
          )}
          <button className="btn-icon" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}

/** A read-only tab says so where the eye is, with the two ways out. */
function ReadOnlyBar() {
  const session = useDesigner((s) => s.autosave);
  const mode = useStore(session.status, (s) => s.mode);
  if (mode !== 'readOnly') return null;
  return (
    <div className="readonly-bar" role="status" data-testid="readonly-bar">
      <span>
        <b>Read-only.</b> Another tab is editing this design; this tab follows its changes.
      </span>
      <button className="btn small primary" onClick={() => void session.takeOver()} data-testid="take-over">
        Take over here
      </button>
      <button className="btn small" onClick={() => void session.workOnCopy()} data-testid="work-on-copy">
        Work on a copy
      </button>
    </div>
  );
}

/** A long open (a large link, file or stored design) shows where it is; the page stays responsive meanwhile. */
function OpenProgress() {
  const session = useDesigner((s) => s.autosave);
  const progress = useStore(session.status, (s) => s.progress);
  if (!progress) return null;
  return (
    <div className="open-progress" role="status" aria-live="polite" data-testid="open-progress">
      <div>
        <b>{progress.label}…</b>
        <progress max={1} value={progress.fraction} aria-label={progress.label} />
      </div>
    </div>
  );
}
