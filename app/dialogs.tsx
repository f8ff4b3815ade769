/**
 * The open dialog (new design, keyboard shortcuts, the rule catalogue, import summary,
 * find, share, library, Topology Builder export) and the modal frame they share. Each
 * dialog is loaded on first use (app/lazy.tsx).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useDesigner } from './store/designer-context';
import { CatalogueDialog, FindDialog, ImportSummaryDialog, LazyPart, NewDialog, ShortcutsDialog, LibraryDialog, ShareDialog, TopologyBuilderDialog } from './lazy';

export function Dialogs() {
  const dialog = useDesigner((s) => s.dialog);
  const openDialog = useDesigner((s) => s.openDialog);
  const close = () => openDialog(null);
  switch (dialog) {
    case null:
      return null;
    case 'new':
      return (
        <LazyDialog title="New design" onClose={close}>
          <NewDialog onClose={close} />
        </LazyDialog>
      );
    case 'shortcuts':
      return (
        <LazyDialog title="Keyboard shortcuts" onClose={close}>
          <ShortcutsDialog onClose={close} />
        </LazyDialog>
      );
    case 'catalogue':
      return (
        <LazyDialog title="Rule catalogue" onClose={close}>
          <CatalogueDialog onClose={close} />
        </LazyDialog>
      );
    case 'share':
      return (
        <LazyDialog title="Share this design" onClose={close}>
          <ShareDialog onClose={close} />
        </LazyDialog>
      );
    case 'import-summary':
      return (
        <LazyDialog title="Imported design" onClose={close}>
          <ImportSummaryDialog onClose={close} />
        </LazyDialog>
      );
    case 'find':
      return (
        <LazyDialog title="Find a node or site" onClose={close}>
          <FindDialog onClose={close} />
        </LazyDialog>
      );
    case 'library':
      return (
        <LazyDialog title="My designs" onClose={close}>
          <LibraryDialog onClose={close} />
        </LazyDialog>
      );
    case 'topology-builder':
      return (
        <LazyDialog title="Topology Builder document" onClose={close}>
          <TopologyBuilderDialog onClose={close} />
        </LazyDialog>
      );
  }
}

/** A dialog loaded on first use: until it arrives, a dialog of the same title says it is loading. */
function LazyDialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const waiting = (
    <Modal title={title} onClose={onClose}>
      <p className="lazy-loading" role="status">
        <span className="lazy-spinner" aria-hidden="true" />
        Loading…
      </p>
    </Modal>
  );
  return (
    <LazyPart what={`the ${title} dialog`} fallback={waiting}>
      {children}
    </LazyPart>
  );
}

export function Modal({ title, onClose, children, wide, testId }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    // A dialog can name the control to start on (Find: its search box, not the Close button).
    const first = ref.current?.querySelector<HTMLElement>('[data-autofocus]') ?? ref.current?.querySelector<HTMLElement>('button, [href], input, select, textarea');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      }
      if (e.key === 'Tab' && ref.current) {
        // Keep focus inside the dialog.
        const items = [...ref.current.querySelectorAll<HTMLElement>('button, [href], input, select, textarea')].filter((x) => !x.hasAttribute('disabled'));
        if (!items.length) return;
        const i = items.indexOf(document.activeElement as HTMLElement);
        if (e.shiftKey && i <= 0) {
          e.preventDefault();
          items[items.length - 1]!.focus();
        } else if (!e.shiftKey && i === items.length - 1) {
          e.preventDefault();
          items[0]!.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      prev?.focus?.();
    };
  }, [onClose]);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`modal ${wide ? 'wide' : ''}`} role="dialog" aria-modal="true" aria-label={title} ref={ref} data-testid={testId}>
        <header className="modal-head">
          <h2>{title}</h2>
          <button className="btn-icon" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </header>
        <div className="modal-body">{children}</div>
      </div>
    </div>
  );
}
