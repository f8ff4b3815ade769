/**
 * Edit commands shared by the keyboard shortcuts and the canvas's context menu, so that
 * both do exactly the same thing: copy, paste, duplicate, delete, select all, host the CMS.
 */
import type { Result } from '../lib/result';
import type { Topology } from '../model/schema';
import { clipboardText, looksLikeClipboard } from './clipboard-copy';
import { copyFragment, type Fragment } from './copy-fragment';
import type { DesignerStore } from './store';

export function hasClipboard(store: DesignerStore): boolean {
  return store.getState().clipboard !== undefined;
}

/**
 * Copies the selection; returns the text for the system clipboard (so that another tab or
 * window of the designer can paste it), or undefined when nothing copyable is selected.
 */
export function copySelection(store: DesignerStore): string | undefined {
  const s = store.getState();
  const clipboard = copyFragment(s.doc, s.selectedIds);
  store.setState({ clipboard });
  if (!clipboard) return undefined;
  s.notify({ tone: 'info', text: `Copied ${clipboard.nodes.length} node${clipboard.nodes.length === 1 ? '' : 's'}` });
  return clipboardText(s.doc, s.selectedIds);
}

/**
 * Pastes text from the system clipboard when it holds elements copied from a designer
 * (this one or another design); true when it did, or when it said why it could not.
 * Anything else (a sentence, a URL) is left to the caller. The paste itself follows when
 * its module is in (loaded on first use, like the other parts a first paint does not need).
 */
export function pasteText(store: DesignerStore, text: string): boolean {
  if (!looksLikeClipboard(text)) return false;
  void loadPaste().then(({ readClipboard, pasteInto }) => {
    const s = store.getState();
    const read = readClipboard(text);
    if (!read.ok) {
      const why =
        read.error.tag === 'invalid'
          ? read.error.message
          : read.error.tag === 'tooLarge'
            ? 'it is too large'
            : read.error.tag === 'newerVersion'
              ? 'it comes from a newer version of the designer'
              : 'it is not from the designer';
      s.notify({ tone: 'error', text: `Nothing was pasted: the copied elements could not be read (${why}).` });
      return;
    }
    const pasted = pasteInto(s.doc, read.value);
    // Inspect the first pasted node (a site brought along only says where it stands).
    commitPaste(
      store,
      pasted,
      pasted.ok ? pasted.value.newIds.find((id) => pasted.value.doc.nodes.some((n) => n.id === id)) : undefined,
    );
  }, pasteFailed(store));
  return true;
}

/** Pastes the clipboard (fresh ids, unique FQDNs) and selects what was pasted; false when it is empty. */
export function pasteClipboard(store: DesignerStore): boolean {
  const { clipboard } = store.getState();
  if (!clipboard) return false;
  paste(store, clipboard);
  return true;
}

export function duplicateSelection(store: DesignerStore): void {
  const s = store.getState();
  const frag = copyFragment(s.doc, s.selectedIds);
  if (frag) paste(store, frag);
}

export function deleteSelection(store: DesignerStore): void {
  const s = store.getState();
  if (!s.selectedIds.length) return;
  s.removeElements(s.selectedIds);
  s.select([], { type: 'deployment' });
}

export function hostCms(store: DesignerStore, nodeId: string): void {
  store.getState().commit((d) => ({ ...d, deployment: { ...d.deployment, cmsHost: nodeId } }));
}

function paste(store: DesignerStore, frag: Fragment) {
  void loadPaste().then(({ pasteInto }) => {
    // The same checked path as a paste from another design; here every site is a copied one.
    const pasted = pasteInto(store.getState().doc, { fragment: frag, contextSites: [] });
    commitPaste(store, pasted, pasted.ok ? pasted.value.newIds[0] : undefined);
  }, pasteFailed(store));
}

const loadPaste = () => import('./clipboard');

/** The paste module could not be fetched (offline before the service worker had it). */
const pasteFailed = (store: DesignerStore) => () =>
  store
    .getState()
    .notify({ tone: 'error', text: 'Nothing was pasted: this part of the designer could not be loaded. Reload and try again.' });

/** Commits a checked paste and selects what it added, inspecting `inspect`; or says why nothing was pasted. */
function commitPaste(
  store: DesignerStore,
  pasted: Result<{ doc: Topology; newIds: string[] }, string>,
  inspect: string | undefined,
): void {
  const s = store.getState();
  if (!pasted.ok) {
    s.notify({ tone: 'error', text: `Nothing was pasted: ${pasted.error}` });
    return;
  }
  const { doc, newIds } = pasted.value;
  s.commit(doc);
  const id = inspect ?? newIds[0];
  s.select(newIds, id ? { type: doc.sites.some((x) => x.id === id) ? 'site' : 'node', id } : undefined);
}

export function selectAll(store: DesignerStore): void {
  const s = store.getState();
  s.select([...s.doc.sites.map((x) => x.id), ...s.doc.nodes.map((n) => n.id)]);
}
