/** Dialogs loaded on first use: new design, keyboard shortcuts, import summary. */
import { Modal } from './ui/modal';
import { REFERENCE_DESIGNS } from './model/samples/index';
import { COMMANDS, GESTURES, keysTextOf, shortcutOf } from './store/commands';
import { newDocument } from './store/documents';
import { useDesigner, useDesignerStore } from './store/designer-context';

export function NewDialog({ onClose }: { onClose: () => void }) {
  const store = useDesignerStore();
  return (
    <Modal title="New design" onClose={onClose} wide testId="dialog-new">
      <div className="design-grid">
        <button
          className="design-card"
          data-testid="new-empty"
          onClick={() => {
            newDocument(store);
            onClose();
          }}
        >
          <b>Empty canvas</b>
          <span>Start from nothing: drag sites and servers from the palette.</span>
        </button>
        {REFERENCE_DESIGNS.map((d) => (
          <button
            key={d.id}
            className="design-card"
            data-testid={`new-${d.id}`}
            onClick={() => {
              newDocument(store, d.build());
              onClose();
            }}
          >
            <b>{d.title}</b>
            <span>{d.summary}</span>
          </button>
        ))}
      </div>
      <p className="hint">
        Your current design stays in{' '}
        <button className="linklike" data-testid="new-open-library" onClick={() => store.getState().openDialog('library')}>
          My designs
        </button>
        , and {shortcutOf('undo')} brings it back.
      </p>
    </Modal>
  );
}

/** The `?` list: every command with keys, from the registry, then the mouse's gestures. */
const SHORTCUTS: [string, string][] = [
  ...COMMANDS.filter((c) => c.keys.length > 0).map((c): [string, string] => [keysTextOf(c), c.label]),
  ...GESTURES.map((g): [string, string] => [g.keys, g.label]),
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} testId="dialog-shortcuts">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([k, v]) => (
            <tr key={k}>
              <td>
                <kbd>{k}</kbd>
              </td>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}

export function ImportSummaryDialog({ onClose }: { onClose: () => void }) {
  const s = useDesigner((x) => x.importSummary);
  if (!s) return null;
  const confirm = s.warnings.filter((w) => /confirm/i.test(w));
  const other = s.warnings.filter((w) => !/confirm/i.test(w));
  const count = (k: string) => s.topology.nodes.filter((n) => n.kind === k).length;
  return (
    <Modal title={`Imported ${s.file}`} onClose={onClose} wide testId="dialog-import">
      <p>
        Mapped {s.topology.sites.length} site{s.topology.sites.length === 1 ? '' : 's'}, {count('frontEndPool')} Front End
        pool(s), {count('standardEditionServer')} Standard Edition server(s), {count('sqlStore')} SQL store(s),{' '}
        {count('edgePool')} Edge pool(s), {s.topology.links.length} link(s).
      </p>
      {confirm.length > 0 && (
        <>
          <h3 className="modal-sub">Please confirm ({confirm.length})</h3>
          <p className="hint">The XML does not hold these values; the designer used defaults. Check them in the inspector.</p>
          {/* Scrolls when long: focusable, so the keyboard can scroll it too. */}
          <ul className="warn-list" tabIndex={0} aria-label="Values to confirm">
            {confirm.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      )}
      {other.length > 0 && (
        <>
          <h3 className="modal-sub">Not mapped ({other.length})</h3>
          <ul className="warn-list" tabIndex={0} aria-label="Not mapped">
            {other.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      )}
      <button className="btn primary" onClick={onClose}>
        OK
      </button>
    </Modal>
  );
}
