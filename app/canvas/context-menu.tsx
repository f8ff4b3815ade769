/**
 * The canvas's context menu (right-click, the Menu key or Shift+F10 on a focused card):
 * the commands that apply to what is under the pointer. A menu in the ARIA sense: arrows,
 * Home/End, Enter, Esc; the focus comes back to where it was when it closes.
 */
import { useReactFlow } from '@xyflow/react';
import { Fragment, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Position } from '../model/schema';
import { runCommand } from '../store/commands';
import { hasClipboard } from '../store/edit-commands';
import { useDesigner, useDesignerStore } from '../store/designer-context';
import { contextActions, type ContextActionId, type ContextTarget } from './context-actions';
import { fitWholeDesign } from './fit';

export interface ContextMenuState {
  target: ContextTarget;
  /** Where it opened, on the screen (the menu) and on the canvas (what it adds). */
  screen: Position;
  canvas: Position;
}

export function CanvasContextMenu({ menu, onClose }: { menu: ContextMenuState; onClose: () => void }) {
  const doc = useDesigner((s) => s.doc);
  const selection = useDesigner((s) => s.selectedIds);
  const flow = useReactFlow();
  const store = useDesignerStore();
  const ref = useRef<HTMLDivElement>(null);
  const [canPaste] = useState(() => hasClipboard(store));
  const actions = contextActions(doc, menu.target, selection, canPaste);
  const [place, setPlace] = useState(menu.screen);

  // Keep the menu on the screen: open it up or left of the pointer near the edges.
  useLayoutEffect(() => {
    const box = ref.current?.getBoundingClientRect();
    if (!box) return;
    const x = Math.max(4, Math.min(menu.screen.x, window.innerWidth - box.width - 4));
    const y = Math.max(4, menu.screen.y + box.height > window.innerHeight - 4 ? menu.screen.y - box.height : menu.screen.y);
    setPlace({ x, y });
  }, [menu.screen.x, menu.screen.y]);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', outside, true);
    return () => {
      window.removeEventListener('pointerdown', outside, true);
      if (before?.isConnected) before.focus({ preventScroll: true });
    };
  }, [onClose]);

  const run = (id: ContextActionId) => {
    onClose();
    runCommand(store, id, {
      flow,
      fit: () => void fitWholeDesign(flow, store.getState().doc),
      target: menu.target,
      at: menu.canvas,
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    let next: number | undefined;
    if (e.key === 'ArrowDown') next = (i + 1) % items.length;
    else if (e.key === 'ArrowUp') next = (i - 1 + items.length) % items.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation(); // Esc closes the menu only, not the selection too
      onClose();
      return;
    }
    if (next !== undefined) {
      e.preventDefault();
      items[next]?.focus();
    }
    // Everything else (Delete, Ctrl+Z...) stays in the menu: it acts on the menu's items only.
    e.stopPropagation();
  };

  if (actions.length === 0) return null;
  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label="Actions"
      data-testid="context-menu"
      style={{ left: place.x, top: place.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      {actions.map((a) => (
        <Fragment key={a.id}>
          {a.separated && <div className="context-sep" role="separator" />}
          <button
            role="menuitem"
            tabIndex={-1}
            className={`context-item ${a.danger ? 'is-danger' : ''}`}
            data-testid={`ctx-${a.id}`}
            onClick={() => run(a.id)}
          >
            <span>{a.label}</span>
            {a.shortcut && <kbd>{a.shortcut}</kbd>}
          </button>
        </Fragment>
      ))}
    </div>
  );
}
