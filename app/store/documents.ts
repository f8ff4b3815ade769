/**
 * Documents in and out of the designer: New, Open (picker or drop), Save, autosave
 * wiring. Every input goes through the one loader; a failed open never replaces the
 * current design, and a successful one is undoable and keeps the previous design in
 * autosave storage.
 */
import { emptyTopology } from '../model/defaults';
import { gridLayout } from '../model/grid-layout';
import type { Topology } from '../model/schema';
import { openDocumentBytes } from '../export/index';
import { autoLayout } from './auto-layout';
import type { DesignerStore } from './store';
import { positionOf } from '../model/layout';

/** Checked before reading: a topology, a Topology Builder file or an exported image is far smaller. */
const MAX_OPEN_FILE_BYTES = 64_000_000;

export interface OpenOutcome {
  ok: boolean;
  message: string;
  warnings?: string[];
}

/** Replace the document (undoable); the old one stays in autosave storage. */
export function loadDocument(store: DesignerStore, doc: Topology, how: string): void {
  const state = store.getState();
  const { autosave } = state;
  const previous = state.doc;
  const hadWork = previous.nodes.length > 0 || previous.sites.length > 0;
  if (hadWork) autosave.save(previous);
  autosave.switchTo();
  state.replaceDocument(ensureLayout(doc));
  state.select([], { type: 'deployment' });
  state.highlightFinding(null);
  state.simulate(null);
  state.markSaved();
  if (hadWork)
    state.notify({
      tone: 'info',
      text: `${how}: "${doc.name}". Your previous design "${previous.name}" is kept: Undo (Ctrl+Z), or New → Recent.`,
      action: { label: 'Undo', run: () => store.getState().undo() },
    });
}

/** Nodes without a position get one, so nothing lands on top of something else. */
export function ensureLayout(doc: Topology): Topology {
  const missing = doc.nodes.some((n) => !positionOf(doc.layout, n.id));
  if (!missing) return doc;
  const grid = gridLayout(doc);
  return { ...doc, layout: { ...grid, ...doc.layout } };
}

export function newDocument(store: DesignerStore, from?: Topology): void {
  loadDocument(store, from ?? emptyTopology(), from ? 'Opened reference design' : 'New design');
}

/** Open a file: JSON topology, Topology Builder XML, or an exported image carrying a design. */
export async function openFile(store: DesignerStore, file: File): Promise<OpenOutcome> {
  const state = store.getState();
  let bytes: Uint8Array;
  if (file.size > MAX_OPEN_FILE_BYTES) return fail(`${file.name}: the file is ${file.size.toLocaleString('en-US')} bytes; the designer opens files up to ${MAX_OPEN_FILE_BYTES.toLocaleString('en-US')} bytes.`);
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return fail(`${file.name}: the file could not be read.`);
  }
  const result = readDocumentBytes(file.name, bytes);
  if (!result.ok) return fail(`${file.name}: ${result.message}`);
  loadDocument(store, result.topology, `Opened ${file.name}`);
  // An imported Topology Builder document has no layout of its own: arrange it at once.
  if (result.kind === 'topologyBuilder') await autoLayout(store);
  if (result.warnings.length) {
    store.setState({ importSummary: { file: file.name, warnings: result.warnings, topology: result.topology } });
    state.openDialog('import-summary');
  }
  return { ok: true, message: `Opened ${file.name}`, warnings: result.warnings };

  function fail(message: string): OpenOutcome {
    state.notify({ tone: 'error', text: `${message} Your current design is unchanged.` });
    return { ok: false, message };
  }
}

type ReadResult = { ok: true; topology: Topology; warnings: string[]; kind: string } | { ok: false; message: string };

/** Content decides, not the extension: JSON, Topology Builder XML, an exported SVG/PNG, a share link. */
export function readDocumentBytes(name: string, bytes: Uint8Array): ReadResult {
  const r = openDocumentBytes(name, bytes);
  if (!r.ok) return { ok: false, message: r.error.message.startsWith(name) ? r.error.message.slice(name.length).replace(/^[:\s]+/, '') : r.error.message };
  const confirm = r.value.warnings.filter((w) => w.confirm);
  const other = r.value.warnings.filter((w) => !w.confirm);
  const line = (w: { where?: string; message: string }) => (w.where ? `${w.where}: ${w.message}` : w.message);
  return { ok: true, topology: r.value.topology, kind: r.value.kind, warnings: [...confirm.map((w) => `Please confirm: ${line(w)}`), ...other.map(line)] };
}

export function fileNameFor(doc: Topology, ext: string): string {
  const base = doc.name.replace(/[^\p{L}\p{N} _.-]+/gu, '').trim().replace(/\s+/g, '-').slice(0, 80) || 'topology';
  return `${base}.${ext}`;
}

export function download(name: string, data: BlobPart, type: string): void {
  const blob = new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5_000);
}

export function saveFile(store: DesignerStore): void {
  const state = store.getState();
  const { layout, ...rest } = state.doc;
  const doc = { ...rest, layout: roundLayout(layout ?? {}) };
  download(fileNameFor(state.doc, 'json'), `${JSON.stringify(doc, null, 2)}\n`, 'application/json');
  state.markSaved();
  state.notify({ tone: 'success', text: `Saved ${fileNameFor(state.doc, 'json')}` });
}

function roundLayout(layout: Record<string, { x: number; y: number }>) {
  return Object.fromEntries(Object.entries(layout).map(([k, p]) => [k, { x: Math.round(p.x), y: Math.round(p.y) }]));
}

/** Start-up: the autosaved design, else the first reference design. */
export function startDocument(store: DesignerStore, fallback: () => Topology): void {
  const state = store.getState();
  const restored = state.autosave.restore();
  if (restored && 'doc' in restored) {
    state.replaceDocument(ensureLayout(restored.doc));
    state.clearHistory();
    if (restored.forked)
      state.notify({ tone: 'warning', text: 'This design is open in another tab. This tab works on its own copy, so neither overwrites the other.' });
  } else {
    if (restored && 'error' in restored) state.notify({ tone: 'error', text: restored.error });
    state.replaceDocument(fallback());
    state.clearHistory();
  }
  state.markSaved();
}

/** Save on every committed change; warn once when storage is full or blocked. */
export function wireAutosave(store: DesignerStore): () => void {
  const { autosave } = store.getState();
  const stopHeartbeat = autosave.startHeartbeat();
  let last = store.getState().revision;
  let warnedStorage = false;
  const report = (outcome: ReturnType<typeof autosave.save>) => {
    const s = store.getState();
    if (outcome !== 'saved' && !warnedStorage) {
      warnedStorage = true;
      s.notify({
        tone: 'warning',
        text: outcome === 'full' ? 'Autosave is off: the browser storage is full. Save a file (Ctrl+S) to keep your work.' : 'Autosave is off: this browser blocks local storage (private mode?). Save a file (Ctrl+S) to keep your work.',
      });
    }
  };
  report(autosave.save(store.getState().doc));
  const unsubscribe = store.subscribe((s) => {
    if (s.revision === last) return;
    last = s.revision;
    report(autosave.save(s.doc));
  });
  const flush = () => autosave.save(store.getState().doc);
  window.addEventListener('pagehide', flush);
  return () => {
    unsubscribe();
    stopHeartbeat();
    window.removeEventListener('pagehide', flush);
  };
}
