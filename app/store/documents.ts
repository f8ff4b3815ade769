/**
 * Documents in and out of the designer: New, Open (picker or drop), Save, start-up.
 * Every input goes through the one loader; a failed open never replaces the current
 * design, and a successful one starts a new design in the library (the previous one
 * stays there, and Ctrl+Z brings it back). Autosave is the session's (storage/session.ts).
 */
import { serviceVersion8Nodes } from '../import/product-version-choice';
import { emptyTopology } from '../model/defaults';
import { designFileText } from '../model/design-file';
import { LIMITS } from '../model/limits';
import type { Topology } from '../model/schema';
import { runOpen, warningLines, withoutName } from './open-job';
import type { DesignerStore } from './store';
import { ensureLayout } from './ensure-layout';
import { num } from '../lib/text';

/** Checked before reading: the limit of every file (a topology, a Topology Builder file or an exported image is far smaller). */

export interface OpenOutcome {
  ok: boolean;
  message: string;
  warnings?: string[];
}

/** Replace the document (undoable) as a new design of the library; the old one stays there. */
export function loadDocument(store: DesignerStore, doc: Topology, how: string): void {
  const state = store.getState();
  const previous = state.doc;
  const hadWork = previous.nodes.length > 0 || previous.sites.length > 0;
  // The new slot is this tab's at once (its id is fresh); the previous design's last change is already queued.
  void state.autosave.startNew();
  state.replaceDocument(ensureLayout(doc));
  state.select([], { type: 'deployment' });
  state.highlightFinding(null);
  state.simulate(null);
  state.markSaved();
  if (hadWork)
    state.notify({
      tone: 'info',
      text: `${how}: "${doc.name}". Your previous design "${previous.name}" is kept in My designs (and Ctrl+Z brings it back here).`,
      action: {
        label: 'Undo',
        // A migration step may be on the canvas by the time this is pressed: the undo is the
        // design's, so the canvas goes back to the design first, where the undo can be seen.
        run: () => {
          const s = store.getState();
          if (s.phaseView) s.setPhaseOnCanvas(false);
          s.undo();
        },
      },
    });
}

export { ensureLayout };

export function newDocument(store: DesignerStore, from?: Topology): void {
  loadDocument(store, from ?? emptyTopology(), from ? 'Opened reference design' : 'New design');
}

/** Open a file: JSON topology, Topology Builder XML, or an exported image carrying a design. */
export async function openFile(store: DesignerStore, file: File): Promise<OpenOutcome> {
  const state = store.getState();
  let bytes: Uint8Array;
  if (file.size > LIMITS.maxInputBytes)
    return fail(
      `${file.name}: the file is ${num(file.size)} bytes; the designer opens files up to ${num(LIMITS.maxInputBytes)} bytes.`,
    );
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return fail(`${file.name}: the file could not be read.`);
  }
  const opened = await runOpen({ kind: 'file', name: file.name, bytes }, (p) => state.autosave.setProgress(p));
  const result = opened.ok
    ? { ok: true as const, topology: opened.topology, kind: opened.opened, warnings: warningLines(opened.warnings) }
    : { ok: false as const, message: withoutName(file.name, opened.message) };
  if (!result.ok) return fail(`${file.name}: ${result.message}`);
  loadDocument(store, result.topology, `Opened ${file.name}`);
  // An imported Topology Builder document has no layout of its own: arrange it at once.
  if (result.kind === 'topologyBuilder') await (await import('./auto-layout')).autoLayout(store);
  if (result.warnings.length) {
    const serviceVersion8 = result.kind === 'topologyBuilder' ? serviceVersion8Nodes(result.topology) : [];
    store.setState({
      importSummary: {
        file: file.name,
        warnings: result.warnings,
        topology: result.topology,
        ...(serviceVersion8.length ? { serviceVersion8 } : {}),
      },
    });
    state.openDialog('import-summary');
  }
  return { ok: true, message: `Opened ${file.name}`, warnings: result.warnings };

  function fail(message: string): OpenOutcome {
    state.notify({ tone: 'error', text: `${message} Your current design is unchanged.` });
    return { ok: false, message };
  }
}

export function fileNameFor(doc: Topology, ext: string): string {
  const base =
    doc.name
      .replace(/[^\p{L}\p{N} _.-]+/gu, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 80) || 'topology';
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
  download(fileNameFor(state.doc, 'json'), designFileText(state.doc), 'application/json');
  state.markSaved();
  state.notify({ tone: 'success', text: `Saved ${fileNameFor(state.doc, 'json')}` });
}

/** Start-up: the design last worked on (from the browser database), else `fallback` as a new design. */
export async function startDocument(store: DesignerStore, fallback: () => Topology | Promise<Topology>): Promise<void> {
  await store.getState().autosave.start(store, fallback);
}
