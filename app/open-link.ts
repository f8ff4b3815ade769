/**
 * Opening a share link: the design in the URL fragment replaces the view only when it
 * decodes and validates; the user's own work stays in My designs (and Ctrl+Z). A broken
 * link says what is wrong and changes nothing. A large link is read in a worker, with
 * progress, so the page never freezes while it opens.
 */
import { LINK_EXPANSION, OFF_THREAD_CHARS, runOpen } from './store/open-job';
import { loadDocument } from './store/documents';
import type { DesignerStore } from './store/store';

/**
 * Whether the page was opened from a share link small enough to read on the page (no worker,
 * no progress bar). Start-up opens such a link before the first render, so the canvas draws
 * the shared design once instead of drawing the design last worked on and then replacing it.
 */
export function sharedLinkOpensAtOnce(): boolean {
  const hash = window.location.hash;
  return hash.length >= 2 && (hash.length - 1) * LINK_EXPANSION < OFF_THREAD_CHARS;
}

export async function openSharedLinkFromLocation(store: DesignerStore): Promise<void> {
  const hash = window.location.hash;
  if (!hash || hash.length < 2) return;
  // The fragment has done its job: clear it so a reload shows the autosaved work. A long one in
  // a task of its own: replacing a 290,000-character address took the browser 6–17 ms.
  const clear = () => {
    if (window.location.hash === hash) history.replaceState(null, '', window.location.pathname + window.location.search);
  };
  if (sharedLinkOpensAtOnce()) clear();
  else setTimeout(clear, 0);
  const session = store.getState().autosave;
  const r = await runOpen({ kind: 'link', link: hash.slice(1) }, (p) => session.setProgress(p));
  if (!r.ok) {
    store
      .getState()
      .notify({ tone: 'error', text: `This share link could not be opened: ${r.message} Your current design is unchanged.` });
    return;
  }
  loadDocument(store, r.topology, 'Opened shared design');
}
