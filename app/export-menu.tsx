/** Export: the diagram as SVG or PNG (title block, the design embedded), the PDF report, PowerPoint slides, JSON, print. */
import { useEffect, useRef, useState } from 'react';
import type { ExportedFile } from './export-diagram';
import { loadExportDiagram } from './lazy';
import type { Topology } from './model/schema';
import { download, fileNameFor, saveFile } from './store/documents';
import { useDesignerStore } from './store/designer-context';

type ImageFormat = 'png' | 'svg' | 'pdf' | 'pptx';
/** The renderers are loaded on first use (prefetched when the page is idle). */
const EXPORTERS: Record<ImageFormat, (doc: Topology) => Promise<ExportedFile>> = {
  png: async (doc) => (await loadExportDiagram()).exportPng(doc),
  svg: async (doc) => (await loadExportDiagram()).exportSvg(doc),
  pdf: async (doc) => (await loadExportDiagram()).exportPdf(doc),
  pptx: async (doc) => (await loadExportDiagram()).exportPptx(doc),
};
const REOPENS: Record<ImageFormat, boolean> = { png: true, svg: true, pdf: false, pptx: false };

export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const store = useDesignerStore();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  const image = async (format: ImageFormat) => {
    setOpen(false);
    setBusy(true);
    const state = store.getState();
    try {
      const out = await EXPORTERS[format](state.doc);
      download(fileNameFor(state.doc, format), out.data, out.type);
      state.notify({
        tone: 'success',
        text: `Exported ${fileNameFor(state.doc, format)}${REOPENS[format] ? ' (the design is embedded: drop it on the designer to reopen it)' : ''}`,
      });
    } catch (e) {
      state.notify({ tone: 'error', text: `Export failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="menu" ref={ref}>
      <button
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="btn-export"
        disabled={busy}
      >
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
          <button role="menuitem" data-testid="export-pdf" onClick={() => void image('pdf')}>
            PDF report
          </button>
          <button role="menuitem" data-testid="export-pptx" onClick={() => void image('pptx')}>
            PowerPoint slides
          </button>
          <button
            role="menuitem"
            data-testid="export-json"
            onClick={() => {
              setOpen(false);
              saveFile(store);
            }}
          >
            JSON document
          </button>
          <button
            role="menuitem"
            data-testid="export-topology-builder"
            onClick={() => {
              setOpen(false);
              store.getState().openDialog('topology-builder');
            }}
          >
            Topology Builder document…
          </button>
          <button
            role="menuitem"
            data-testid="export-print"
            onClick={() => {
              setOpen(false);
              setTimeout(() => window.print(), 50);
            }}
          >
            Print…
          </button>
        </div>
      )}
    </div>
  );
}
