/**
 * Opening a share link: the design in the URL fragment replaces the view only when it
 * decodes and validates; the user's own work stays in autosave (and Ctrl+Z). A broken
 * link says what is wrong and changes nothing.
 */
import { decodeShareLink } from './share/index';
import { loadDocument } from './store/documents';
import type { DesignerStore } from './store/store';

export function openSharedLinkFromLocation(store: DesignerStore): void {
  const hash = window.location.hash;
  if (!hash || hash.length < 2) return;
  const r = decodeShareLink(hash.slice(1));
  // The fragment has done its job: clear it so a reload shows the autosaved work.
  history.replaceState(null, '', window.location.pathname + window.location.search);
  if (!r.ok) {
    store.getState().notify({ tone: 'error', text: `This share link could not be opened: ${r.error.message} Your current design is unchanged.` });
    return;
  }
  loadDocument(store, r.value, 'Opened shared design');
}
