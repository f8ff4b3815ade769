/**
 * The designer page (ux.md): header; palette · canvas · inspector; findings with the
 * steps and simulation tabs below. Global shortcuts, autosave and file drop live here.
 */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useState, type DragEvent } from 'react';
import { DesignerCanvas } from './canvas/designer-canvas';
import { PALETTE_MIME } from './ui/kinds';
import { Dialogs } from './dialogs';
import { Header } from './header';
import { pair2019AlwaysOn } from './model/samples/index';
import { FindingsPanel, SeverityCounts } from './panels/findings-panel';
import { Inspector } from './panels/inspector';
import { Palette } from './panels/palette';
import { StepsPanel } from './panels/steps-panel';
import { SimulationPanel } from './panels/simulation-panel';
import { openFile, startDocument, wireAutosave } from './store/documents';
import { useDesigner } from './store/store';
import { useShortcuts } from './shortcuts';
import { openSharedLinkFromLocation } from './open-link';
import { PrintView } from './print-view';

export function App() {
  return (
    <ReactFlowProvider>
      <Designer />
    </ReactFlowProvider>
  );
}

function Designer() {
  const theme = useDesigner((s) => s.theme);
  const paletteOpen = useDesigner((s) => s.paletteOpen);
  const inspectorOpen = useDesigner((s) => s.inspectorOpen);
  const bottomOpen = useDesigner((s) => s.bottomOpen);
  const [ready, setReady] = useState(false);
  const [fileOver, setFileOver] = useState(false);
  const flow = useReactFlow();

  useEffect(() => {
    startDocument(pair2019AlwaysOn);
    openSharedLinkFromLocation();
    const stop = wireAutosave();
    const onHash = () => openSharedLinkFromLocation();
    window.addEventListener('hashchange', onHash);
    setReady(true);
    return () => {
      stop();
      window.removeEventListener('hashchange', onHash);
    };
  }, []);

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
    void openFile(f);
  };

  return (
    <div className={`app ${paletteOpen ? '' : 'no-palette'} ${inspectorOpen ? '' : 'no-inspector'} ${bottomOpen ? '' : 'no-bottom'}`} onDragOver={onDragOver} onDragLeave={(e) => e.currentTarget === e.target && setFileOver(false)} onDrop={onDrop} data-ready={ready}>
      <Header />
      <div className="side-left">
        <CollapseButton side="left" />
        {paletteOpen && <Palette />}
      </div>
      <main className="main" aria-label="Canvas">
        <DesignerCanvas />
      </main>
      <div className="side-right">
        <CollapseButton side="right" />
        {inspectorOpen && <Inspector />}
      </div>
      <BottomPanel />
      <Notices />
      <Dialogs />
      <PrintView />
      {fileOver && (
        <div className="file-drop" aria-hidden="true">
          Drop a topology (.json), a Topology Builder file (.xml, .tbxml) or an exported image to open it
        </div>
      )}
    </div>
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
  const { setBottomTab, setBottomOpen } = useDesigner.getState();
  const tabs = [
    ['findings', 'Findings'],
    ['steps', 'Deployment steps'],
    ['simulation', 'Failover simulation'],
  ] as const;
  return (
    <section className="bottom" aria-label="Findings, steps and simulation">
      <div className="bottom-bar">
        <div role="tablist" aria-label="Panels" className="tabs">
          {tabs.map(([id, label]) => (
            <button key={id} role="tab" aria-selected={tab === id && open} className={`tab ${tab === id && open ? 'active' : ''}`} onClick={() => (tab === id && open ? setBottomOpen(false) : setBottomTab(id))} data-testid={`tab-${id}`}>
              {label}
            </button>
          ))}
        </div>
        <SeverityCounts />
        <button className="btn-icon" onClick={() => setBottomOpen(!open)} aria-label={open ? 'Collapse panel' : 'Expand panel'}>
          {open ? '▾' : '▴'}
        </button>
      </div>
      {open && (
        <div className="bottom-body" role="tabpanel">
          {tab === 'findings' && <FindingsPanel />}
          {tab === 'steps' && <StepsPanel />}
          {tab === 'simulation' && <SimulationPanel />}
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
