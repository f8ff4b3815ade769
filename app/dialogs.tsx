/**
 * The open dialog (new design, keyboard shortcuts, the rule catalogue, import summary,
 * find, share, library, Topology Builder export) and the modal frame they share. Each
 * dialog is loaded on first use (app/lazy.tsx).
 */
import type { ReactNode } from 'react';
import { useDesigner } from './store/designer-context';
import { Modal } from './ui/modal';
import {
  CatalogueDialog,
  FindDialog,
  ImportSummaryDialog,
  LazyPart,
  NewDialog,
  ShortcutsDialog,
  LibraryDialog,
  ShareDialog,
  TopologyBuilderDialog,
} from './lazy';

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
