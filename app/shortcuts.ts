/** Global keyboard shortcuts; ignored while typing in a field. */
import type { ReactFlowInstance } from '@xyflow/react';
import { useEffect } from 'react';
import { linkKindsBetween } from './model/link-kinds';
import { saveFile } from './store/documents';
import { copySelection, deleteSelection, duplicateSelection, pasteClipboard, pasteText, selectAll } from './store/edit-commands';
import { useDesignerStore } from './store/designer-context';
import type { DesignerStore } from './store/store';
import { positionOf } from './model/layout';
import { fitOptions } from './canvas/fit';

/** Text selected on the page (a finding's message, a step): Ctrl+C copies that, as usual. */
function hasTextSelection(): boolean {
  const sel = document.getSelection();
  return !!sel && !sel.isCollapsed && sel.toString().trim() !== '';
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

export function useShortcuts(flow: Pick<ReactFlowInstance, 'fitView' | 'getNodes'>) {
  const store = useDesignerStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = store.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 's') {
        e.preventDefault();
        saveFile(store);
        return;
      }
      if (mod && key === 'k' && !s.dialog) {
        e.preventDefault(); // the browser's own Ctrl+K goes to its address bar
        s.openDialog('find');
        return;
      }
      if (typing(e.target) || s.dialog) return;
      if (mod && key === 'z' && !e.shiftKey) {
        e.preventDefault();
        s.undo();
      } else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) {
        e.preventDefault();
        s.redo();
      } else if (mod && key === 'a') {
        e.preventDefault();
        selectAll(store);
      } else if (mod && key === 'd') {
        e.preventDefault();
        duplicateSelection(store);
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        if (!s.selectedIds.length) return;
        e.preventDefault();
        deleteSelection(store);
      } else if (e.key === 'Escape') {
        s.select([], { type: 'deployment' });
        s.highlightFinding(null);
        if (s.simulatedFailure) s.simulate(null);
      } else if (e.key === '?') {
        s.openDialog('shortcuts');
      } else if (e.key === '/' && !mod) {
        e.preventDefault(); // not typed into the search box that opens
        s.openDialog('find');
      } else if (key === 'f' && !mod) {
        void flow.fitView(fitOptions(flow.getNodes(), 200));
      } else if (key === 'l' && !mod) {
        linkSelected(store);
      } else if (e.key.startsWith('Arrow') && s.selectedIds.length && !mod) {
        // React Flow nudges focused nodes itself; this covers a selection without focus.
        if ((e.target as HTMLElement | null)?.closest?.('.react-flow__node')) return;
        e.preventDefault();
        const step = e.shiftKey ? 40 : 8;
        const dx = e.key === 'ArrowLeft' ? -step : e.key === 'ArrowRight' ? step : 0;
        const dy = e.key === 'ArrowUp' ? -step : e.key === 'ArrowDown' ? step : 0;
        nudge(store, dx, dy);
      }
    };
    // Ctrl+C / Ctrl+X / Ctrl+V arrive as clipboard events: the text goes to the system
    // clipboard, so another tab or window of the designer can paste it.
    const onCopy = (e: ClipboardEvent) => {
      if (typing(e.target) || store.getState().dialog || hasTextSelection()) return;
      const text = copySelection(store);
      if (text === undefined) return;
      e.preventDefault();
      e.clipboardData?.setData('text/plain', text);
      if (e.type === 'cut') deleteSelection(store);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (typing(e.target) || store.getState().dialog) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      e.preventDefault();
      if (pasteText(store, text)) return;
      // Other text on the clipboard (copied since) is not pasted as elements; an empty or
      // unreadable clipboard falls back to what was copied in this page.
      if (text.trim() !== '') store.getState().notify({ tone: 'info', text: 'Nothing to paste: the clipboard holds no nodes or sites copied from the designer.' });
      else pasteClipboard(store);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [flow, store]);
}

function nudge(store: DesignerStore, dx: number, dy: number) {
  const s = store.getState();
  const ids = new Set(s.selectedIds);
  const siteIds = new Set(s.doc.sites.filter((x) => ids.has(x.id)).map((x) => x.id));
  s.commit(
    (d) => {
      const layout = { ...d.layout };
      for (const n of d.nodes) {
        if (!ids.has(n.id) && !siteIds.has(n.siteId)) continue;
        const p = positionOf(layout, n.id);
        if (p) layout[n.id] = { x: p.x + dx, y: p.y + dy };
      }
      for (const id of siteIds) {
        const p = positionOf(layout, id);
        if (p) layout[id] = { x: p.x + dx, y: p.y + dy };
      }
      return { ...d, layout };
    },
    { coalesceKey: `nudge:${s.selectedIds.join(',')}` },
  );
}

/** Keyboard linking: with two nodes selected, L links them (the kind follows from the ends). */
export function linkSelected(store: DesignerStore) {
  const s = store.getState();
  const nodes = s.selectedIds.map((id) => s.doc.nodes.find((n) => n.id === id)).filter((n) => n !== undefined);
  if (nodes.length !== 2) {
    s.notify({ tone: 'info', text: 'Select exactly two nodes (Ctrl+click), then press L to link them.' });
    return;
  }
  const [a, b] = nodes as [(typeof nodes)[0] & object, (typeof nodes)[0] & object];
  const fwd = linkKindsBetween(a.kind, b.kind);
  const [from, to, kinds] = fwd.length ? [a, b, fwd] : [b, a, linkKindsBetween(b.kind, a.kind)];
  if (!kinds.length) {
    s.notify({ tone: 'warning', text: `A ${a.kind} cannot be linked to a ${b.kind}.` });
    return;
  }
  const id = s.addLink(kinds[0]!, from.id, to.id);
  if (id) {
    s.select([id], { type: 'link', id });
    if (kinds.length > 1) s.notify({ tone: 'info', text: `Linked as ${kinds[0]}; other kinds fit too (${kinds.slice(1).join(', ')}): delete and draw it to choose.` });
  }
}
