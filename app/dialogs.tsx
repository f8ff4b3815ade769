/** Dialogs: new design, keyboard shortcuts, the rule catalogue, import summary. */
import { useState } from 'react';
import { REFERENCE_DESIGNS } from './model/samples/index';
import { catalogueRows, STATUS_LABEL } from './rules/catalogue-view';
import { RULES_BY_ID } from './rules/registry';
import { COMMANDS, GESTURES, keysTextOf, shortcutOf } from './store/commands';
import { newDocument } from './store/documents';
import { useDesigner, useDesignerStore } from './store/designer-context';
import { SeverityIcon } from './ui/kinds';
import { FindDialog } from './find-dialog';
import { LibraryDialog } from './library-dialog';
import { Modal } from './ui/modal';
import { ShareDialog } from './share-dialog';
import { TopologyBuilderDialog } from './topology-builder-dialog';

export function Dialogs() {
  const dialog = useDesigner((s) => s.dialog);
  const openDialog = useDesigner((s) => s.openDialog);
  const close = () => openDialog(null);
  switch (dialog) {
    case null:
      return null;
    case 'new':
      return <NewDialog onClose={close} />;
    case 'shortcuts':
      return <ShortcutsDialog onClose={close} />;
    case 'catalogue':
      return <CatalogueDialog onClose={close} />;
    case 'share':
      return <ShareDialog onClose={close} />;
    case 'import-summary':
      return <ImportSummaryDialog onClose={close} />;
    case 'find':
      return <FindDialog onClose={close} />;
    case 'library':
      return <LibraryDialog onClose={close} />;
    case 'topology-builder':
      return <TopologyBuilderDialog onClose={close} />;
  }
}

function NewDialog({ onClose }: { onClose: () => void }) {
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
const SHORTCUTS: [string, string][] = [...COMMANDS.filter((c) => c.keys.length > 0).map((c): [string, string] => [keysTextOf(c), c.label]), ...GESTURES.map((g): [string, string] => [g.keys, g.label])];

function ShortcutsDialog({ onClose }: { onClose: () => void }) {
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

function CatalogueDialog({ onClose }: { onClose: () => void }) {
  const [q, setQ] = useState('');
  const [scope, setScope] = useState<'engine' | 'all'>('engine');
  // The same rows as docs/rules.md (rules/catalogue-view.ts).
  const all = catalogueRows();
  const entries = all.filter((e) => (scope === 'all' || e.status === 'checked') && (q === '' || `${e.id} ${e.message} ${e.family} ${e.familyName}`.toLowerCase().includes(q.toLowerCase())));
  return (
    <Modal title="Rule catalogue" onClose={onClose} wide testId="dialog-catalogue">
      <div className="catalogue-bar">
        <input type="search" placeholder="Search rules" aria-label="Search rules" value={q} onChange={(e) => setQ(e.target.value)} />
        <select aria-label="Which rules" value={scope} onChange={(e) => setScope(e.target.value as 'engine')}>
          <option value="engine">Checked by the engine ({RULES_BY_ID.size})</option>
          <option value="all">All catalogue entries ({all.length})</option>
        </select>
        <span className="hint">{entries.length} shown</span>
      </div>
      <ol className="catalogue">
        {entries.map((e) => (
          <li key={e.id} className={`sev-${e.severity}`}>
            <div className="cat-head">
              <SeverityIcon severity={e.severity} size={13} />
              <b>{e.id}</b>
              <span className="pill">{e.tierLabel}</span>
              {e.status === 'structural' && <span className="pill">{STATUS_LABEL.structural}</span>}
              {e.inferred && <span className="pill pill-inferred">inferred</span>}
              {e.status === 'notChecked' && <span className="pill pill-lost">{STATUS_LABEL.notChecked}</span>}
            </div>
            <div>{e.message}</div>
            <div className="hint">Fix: {e.fix}</div>
            <details className="cat-condition">
              <summary>When it fires</summary>
              <div className="hint">{e.condition}</div>
              {e.inferredNote && <div className="hint">Inferred: {e.inferredNote}</div>}
            </details>
            <div className="finding-docs">
              {e.docs.map((d) => (
                <a key={d.path} href={d.url} target="_blank" rel="noreferrer noopener">
                  {d.title} ↗
                </a>
              ))}
            </div>
          </li>
        ))}
      </ol>
    </Modal>
  );
}

function ImportSummaryDialog({ onClose }: { onClose: () => void }) {
  const s = useDesigner((x) => x.importSummary);
  if (!s) return null;
  const confirm = s.warnings.filter((w) => /confirm/i.test(w));
  const other = s.warnings.filter((w) => !/confirm/i.test(w));
  const count = (k: string) => s.topology.nodes.filter((n) => n.kind === k).length;
  return (
    <Modal title={`Imported ${s.file}`} onClose={onClose} wide testId="dialog-import">
      <p>
        Mapped {s.topology.sites.length} site{s.topology.sites.length === 1 ? '' : 's'}, {count('frontEndPool')} Front End pool(s), {count('standardEditionServer')} Standard Edition server(s), {count('sqlStore')} SQL store(s), {count('edgePool')} Edge pool(s), {s.topology.links.length} link(s).
      </p>
      {confirm.length > 0 && (
        <>
          <h3 className="modal-sub">Please confirm ({confirm.length})</h3>
          <p className="hint">The XML does not hold these values; the designer used defaults. Check them in the inspector.</p>
          <ul className="warn-list">
            {confirm.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      )}
      {other.length > 0 && (
        <>
          <h3 className="modal-sub">Not mapped ({other.length})</h3>
          <ul className="warn-list">
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
