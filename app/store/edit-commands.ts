/**
 * Edit commands shared by the keyboard shortcuts and the canvas's context menu, so that
 * both do exactly the same thing: copy, paste, duplicate, delete, host the CMS.
 */
import { copyFragment, pasteFragment, type Fragment } from './duplicate';
import { useDesigner } from './store';

// The designer's own clipboard: a copied fragment of the design (not the system clipboard,
// which would need a permission prompt for every paste).
let clipboard: Fragment | undefined;

export function hasClipboard(): boolean {
  return clipboard !== undefined;
}

export function copySelection(): void {
  const s = useDesigner.getState();
  clipboard = copyFragment(s.doc, s.selectedIds);
  if (clipboard) s.notify({ tone: 'info', text: `Copied ${clipboard.nodes.length} node${clipboard.nodes.length === 1 ? '' : 's'}` });
}

/** Pastes the clipboard (fresh ids, unique FQDNs) and selects what was pasted; false when it is empty. */
export function pasteClipboard(): boolean {
  if (!clipboard) return false;
  paste(clipboard);
  return true;
}

export function duplicateSelection(): void {
  const s = useDesigner.getState();
  const frag = copyFragment(s.doc, s.selectedIds);
  if (frag) paste(frag);
}

export function deleteSelection(): void {
  const s = useDesigner.getState();
  if (!s.selectedIds.length) return;
  s.removeElements(s.selectedIds);
  s.select([], { type: 'deployment' });
}

export function hostCms(nodeId: string): void {
  useDesigner.getState().commit((d) => ({ ...d, deployment: { ...d.deployment, cmsHost: nodeId } }));
}

function paste(frag: Fragment) {
  const s = useDesigner.getState();
  const { doc, newIds } = pasteFragment(s.doc, frag);
  s.commit(doc);
  s.select(newIds, newIds[0] ? { type: s.doc.sites.some((x) => x.id === newIds[0]) || doc.sites.some((x) => x.id === newIds[0]) ? 'site' : 'node', id: newIds[0] } : undefined);
}
