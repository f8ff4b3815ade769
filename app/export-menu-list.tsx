/** The Export menu's entries and what they do, loaded when the menu is first opened (export-menu.tsx). */
import type { ExportedFile } from './export-diagram';
import { loadExportDiagram } from './lazy';
import type { Topology } from './model/schema';
import { download, fileNameFor, saveFile } from './store/documents';
import { useDesignerStore } from './store/designer-context';
import type { DesignerStore } from './store/store';

type ExportDiagram = Awaited<ReturnType<typeof loadExportDiagram>>;

/** The images and documents the renderers make (loaded on first use): the menu's label, and whether the file carries the design to reopen. */
const IMAGES: readonly {
  format: 'png' | 'svg' | 'pdf' | 'pptx';
  label: string;
  render: (m: ExportDiagram, doc: Topology) => Promise<ExportedFile>;
  reopens: boolean;
}[] = [
  { format: 'png', label: 'PNG image', render: (m, doc) => m.exportPng(doc), reopens: true },
  { format: 'svg', label: 'SVG image', render: (m, doc) => m.exportSvg(doc), reopens: true },
  { format: 'pdf', label: 'PDF report', render: (m, doc) => m.exportPdf(doc), reopens: false },
  { format: 'pptx', label: 'PowerPoint slides', render: (m, doc) => m.exportPptx(doc), reopens: false },
];

/** The other entries: each closes the menu, then does its part. */
const OTHERS: readonly { id: string; label: string; run: (store: DesignerStore) => void }[] = [
  { id: 'json', label: 'JSON document', run: (store) => saveFile(store) },
  {
    id: 'topology-builder',
    label: 'Topology Builder document…',
    run: (store) => store.getState().openDialog('topology-builder'),
  },
  { id: 'print', label: 'Print…', run: () => setTimeout(() => window.print(), 50) },
];

export function ExportMenuList({ close, setBusy }: { close: () => void; setBusy: (busy: boolean) => void }) {
  const store = useDesignerStore();
  const image = async ({ format, render, reopens }: (typeof IMAGES)[number]) => {
    close();
    setBusy(true);
    const state = store.getState();
    try {
      const out = await render(await loadExportDiagram(), state.doc);
      download(fileNameFor(state.doc, format), out.data, out.type);
      state.notify({
        tone: 'success',
        text: `Exported ${fileNameFor(state.doc, format)}${reopens ? ' (the design is embedded: drop it on the designer to reopen it)' : ''}`,
      });
    } catch (e) {
      state.notify({ tone: 'error', text: `Export failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="menu-list" role="menu">
      {IMAGES.map((entry) => (
        <button key={entry.format} role="menuitem" data-testid={`export-${entry.format}`} onClick={() => void image(entry)}>
          {entry.label}
        </button>
      ))}
      {OTHERS.map((entry) => (
        <button
          key={entry.id}
          role="menuitem"
          data-testid={`export-${entry.id}`}
          onClick={() => {
            close();
            entry.run(store);
          }}
        >
          {entry.label}
        </button>
      ))}
    </div>
  );
}
