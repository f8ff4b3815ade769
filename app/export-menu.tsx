/** Export: PNG and SVG of the whole diagram with a title block, JSON, print. */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { captureDiagram } from './canvas/capture';
import { download, fileNameFor, saveFile } from './store/documents';
import { selectFindingIndex } from './store/selectors';
import { useDesignerStore } from './store/designer-context';
import { decorateExport } from './export-decorate';

export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const flow = useReactFlow();
  const store = useDesignerStore();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  const image = async (format: 'png' | 'svg') => {
    setOpen(false);
    setBusy(true);
    const state = store.getState();
    try {
      const bg = getComputedStyle(document.documentElement).getPropertyValue('--canvas-bg').trim() || '#ffffff';
      const shot = await captureDiagram({ nodes: flow.getNodes(), background: bg, format: 'svg' });
      const { summary } = selectFindingIndex(state.doc);
      const out = await decorateExport(format, shot, state.doc, summary, bg);
      download(fileNameFor(state.doc, format), out.data, out.type);
      state.notify({ tone: 'success', text: `Exported ${fileNameFor(state.doc, format)} (the design is embedded: drop it on the designer to reopen it)` });
    } catch (e) {
      state.notify({ tone: 'error', text: `Export failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="menu" ref={ref}>
      <button className="btn" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="btn-export" disabled={busy}>
        {busy ? 'Exporting…' : 'Export ▾'}
      </button>
      {open && (
        <div className="menu-list" role="menu">
          <button role="menuitem" data-testid="export-png" onClick={() => void image('png')}>
            PNG image
          </button>
          <button role="menuitem" data-testid="export-svg" onClick={() => void image('svg')}>
            SVG image
          </button>
          <button role="menuitem" data-testid="export-json" onClick={() => { setOpen(false); saveFile(store); }}>
            JSON document
          </button>
          <button role="menuitem" data-testid="export-print" onClick={() => { setOpen(false); setTimeout(() => window.print(), 50); }}>
            Print / PDF…
          </button>
        </div>
      )}
    </div>
  );
}
