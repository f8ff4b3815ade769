/** The Export menu's entries and what they do, loaded when the menu is first opened (export-menu.tsx). */
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

export function ExportMenuList({ close, setBusy }: { close: () => void; setBusy: (busy: boolean) => void }) {
  const store = useDesignerStore();
  const image = async (format: ImageFormat) => {
    close();
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
          close();
          saveFile(store);
        }}
      >
        JSON document
      </button>
      <button
        role="menuitem"
        data-testid="export-topology-builder"
        onClick={() => {
          close();
          store.getState().openDialog('topology-builder');
        }}
      >
        Topology Builder document…
      </button>
      <button
        role="menuitem"
        data-testid="export-print"
        onClick={() => {
          close();
          setTimeout(() => window.print(), 50);
        }}
      >
        Print…
      </button>
    </div>
  );
}
