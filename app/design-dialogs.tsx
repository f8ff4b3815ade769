/** Dialogs loaded on first use: new design, keyboard shortcuts, import summary. */
import { Modal } from './ui/modal';
import { REFERENCE_DESIGNS } from './model/samples/index';
import { COMMANDS, GESTURES, keysTextOf, shortcutOf } from './store/commands';
import { newDocument } from './store/documents';
import { useDesigner, useDesignerStore } from './store/designer-context';
import { serviceVersion8Answer, withServiceVersion8As, type ServiceVersion8Product } from './import/product-version-choice';

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
  const asked = s.serviceVersion8 !== undefined && s.serviceVersion8.length > 0;
  // The question below replaces the importer's "ServiceVersion 8 … imported as 2019" line.
  const warnings = asked ? s.warnings.filter((w) => !/ServiceVersion 8 is/.test(w)) : s.warnings;
  const confirm = warnings.filter((w) => /confirm/i.test(w));
  const other = warnings.filter((w) => !/confirm/i.test(w));
  const count = (k: string) => s.topology.nodes.filter((n) => n.kind === k).length;
  return (
    <Modal title={`Imported ${s.file}`} onClose={onClose} wide testId="dialog-import">
      <p>
        Mapped {s.topology.sites.length} site{s.topology.sites.length === 1 ? '' : 's'}, {count('frontEndPool')} Front End
        pool(s), {count('standardEditionServer')} Standard Edition server(s), {count('sqlStore')} SQL store(s),{' '}
        {count('edgePool')} Edge pool(s), {s.topology.links.length} link(s).
      </p>
      {asked && <ProductVersionQuestion ids={s.serviceVersion8!} />}
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

/**
 * 2019 and Subscription Edition write the same ServiceVersion (8) in a topology: the file
 * cannot say which one runs, so the dialog asks, with the importer's reading (2019) chosen.
 * The answer sets the product version of every server role read from it (one undoable edit).
 */
function ProductVersionQuestion({ ids }: { ids: string[] }) {
  const store = useDesignerStore();
  const answer = useDesigner((x) => serviceVersion8Answer(x.doc, ids));
  const choose = (v: ServiceVersion8Product) => store.getState().commit((d) => withServiceVersion8As(d, ids, v));
  const n = ids.length;
  return (
    <fieldset className="version-question" data-testid="import-version-question">
      <legend>Skype for Business Server 2019 or Subscription Edition?</legend>
      <p className="hint">
        The document gives ServiceVersion 8 for {n} server role{n === 1 ? '' : 's'}. Skype for Business Server 2019 and
        Subscription Edition are one code base and write the same value, so the file does not say which one runs here. The answer
        sets the product version of all {n}; the rules, steps and simulation follow it (2019 is out of support since 14 October
        2025).
      </p>
      <label>
        <input
          type="radio"
          name="import-version"
          checked={answer === '2019'}
          onChange={() => choose('2019')}
          data-testid="import-version-2019"
        />{' '}
        Skype for Business Server 2019
      </label>
      <label>
        <input
          type="radio"
          name="import-version"
          checked={answer === 'SE'}
          onChange={() => choose('SE')}
          data-testid="import-version-se"
        />{' '}
        Skype for Business Server Subscription Edition
      </label>
      {answer === 'mixed' && <p className="hint">Some of them have been set to another version since the import.</p>}
    </fieldset>
  );
}
