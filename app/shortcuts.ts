/** Global keyboard shortcuts: the command registry's keys (store/commands.ts); ignored while typing in a field. */
import type { ReactFlowInstance } from '@xyflow/react';
import { useEffect } from 'react';
import { fitWholeDesign } from './canvas/fit';
import { commandForKey, editBlockedBy } from './store/commands';
import type { DesignerStore } from './store/store';
import { useDesignerStore } from './store/designer-context';
import { copySelection, deleteSelection, pasteClipboard, pasteText } from './store/edit-commands';

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

/** An edit asked for while a migration step is on the canvas: said, with the way back, and not run. */
function refusedWhilePhaseShown(store: DesignerStore, id: string, env: Parameters<typeof editBlockedBy>[2]): boolean {
  const s = store.getState();
  const why = editBlockedBy(s, id, env);
  if (why === undefined) return false;
  // One notice however often the key is pressed.
  if (!s.notices.some((n) => n.text === why))
    s.notify({
      tone: 'info',
      text: why,
      action: { label: 'Back to the design', run: () => store.getState().setPhaseOnCanvas(false) },
    });
  return true;
}

export function useShortcuts(flow: Pick<ReactFlowInstance, 'fitView' | 'getNodes' | 'setViewport'>) {
  const store = useDesignerStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const command = commandForKey(e);
      if (!command || command.clipboardEvent) return;
      const s = store.getState();
      if (!command.anywhere && s.dialog) return;
      if (!command.anywhere && !command.whileTyping && typing(e.target)) return;
      const onCard = !!(e.target as HTMLElement | null)?.closest?.('.react-flow__node');
      const env = {
        flow,
        fit: () => void fitWholeDesign(flow, store.getState().doc),
        key: { key: e.key, shiftKey: e.shiftKey, onCard },
      };
      if (refusedWhilePhaseShown(store, command.id, env)) return e.preventDefault();
      if (!command.when(s, env)) return;
      // The browser's own Ctrl+S, Ctrl+K (its address bar), / (quick find) and the rest do not run too.
      e.preventDefault();
      command.run(store, env);
    };
    // Ctrl+C / Ctrl+X / Ctrl+V arrive as clipboard events: the text goes to the system
    // clipboard, so another tab or window of the designer can paste it.
    const onCopy = (e: ClipboardEvent) => {
      if (typing(e.target) || store.getState().dialog || hasTextSelection()) return;
      if (e.type === 'cut' && refusedWhilePhaseShown(store, 'cut', {})) return e.preventDefault();
      const text = copySelection(store);
      if (text === undefined) return;
      e.preventDefault();
      e.clipboardData?.setData('text/plain', text);
      if (e.type === 'cut') deleteSelection(store);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (typing(e.target) || store.getState().dialog) return;
      if (refusedWhilePhaseShown(store, 'paste', 'whatever applies')) return e.preventDefault();
      const text = e.clipboardData?.getData('text/plain') ?? '';
      e.preventDefault();
      if (pasteText(store, text)) return;
      // Other text on the clipboard (copied since) is not pasted as elements; an empty or
      // unreadable clipboard falls back to what was copied in this page.
      if (text.trim() !== '')
        store
          .getState()
          .notify({ tone: 'info', text: 'Nothing to paste: the clipboard holds no nodes or sites copied from the designer.' });
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
