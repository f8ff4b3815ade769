/**
 * "My designs": every design this browser keeps (name, size, last change), opened,
 * renamed, duplicated or put in the trash from here; the trash keeps a design 30 days;
 * Export all / Import all move the whole library as one file. The space used and the
 * browser's promise to keep it are shown, because that is what decides whether a design
 * can be lost.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { Modal } from './ui/modal';
import { download } from './store/documents';
import { useDesigner } from './store/designer-context';
import { daysLeft, formatSize, formatWhen, purgeDate, TRASH_DAYS, type DesignSummary } from './store/storage/library';
import type { StorageEstimate } from './store/storage/session';
import { heldDesigns } from './store/storage/tab-lock';

type View = 'designs' | 'trash';

export function LibraryDialog({ onClose }: { onClose: () => void }) {
  const session = useDesigner((s) => s.autosave);
  const notify = useDesigner((s) => s.notify);
  const version = useStore(session.status, (s) => s.libraryVersion);
  const currentId = useStore(session.status, (s) => s.designId);
  const persisted = useStore(session.status, (s) => s.persisted);
  const [view, setView] = useState<View>('designs');
  const [designs, setDesigns] = useState<DesignSummary[] | undefined>();
  const [held, setHeld] = useState<Set<string>>(new Set());
  const [estimate, setEstimate] = useState<StorageEstimate | undefined>();
  const [renaming, setRenaming] = useState<string | undefined>();
  const [confirmPurge, setConfirmPurge] = useState<string | undefined>();
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | undefined>();
  const importInput = useRef<HTMLInputElement>(null);
  const now = Date.now();

  useEffect(() => {
    let live = true;
    void (async () => {
      const [list, locks, est] = await Promise.all([session.list(), heldDesigns(), session.estimate()]);
      if (!live) return;
      setDesigns(list);
      setHeld(locks);
      setEstimate(est);
    })();
    return () => {
      live = false;
    };
  }, [session, version]);

  const say = (tone: 'ok' | 'error', text: string) => setMessage({ tone, text });
  const shown = (designs ?? []).filter((d) => (view === 'trash' ? d.deletedAt !== undefined : d.deletedAt === undefined));
  const inTrash = (designs ?? []).filter((d) => d.deletedAt !== undefined);
  const libraryCount = (designs ?? []).length - inTrash.length;
  const trashBytes = inTrash.reduce((n, d) => n + d.chars, 0);

  const open = async (d: DesignSummary) => {
    const r = await session.open(d.id);
    if (r.ok) onClose();
    else say('error', `"${d.name}" could not be opened: ${r.message}. It stays in the library, untouched.`);
  };

  const exportAll = async () => {
    const { text, count } = await session.exportAll();
    download(`designs-${new Date().toISOString().slice(0, 10)}.sfb-library.json`, text, 'application/json');
    say('ok', `Exported ${count} design${count === 1 ? '' : 's'} in one file.`);
  };

  const importAll = async (file: File) => {
    const r = await session.importAll(await file.text());
    if (!r.ok) return say('error', `${file.name}: ${r.message}.`);
    const parts = [`Imported ${r.added} design${r.added === 1 ? '' : 's'} from ${file.name}`];
    if (r.skipped) parts.push(`${r.skipped} already in the library`);
    if (r.refused.length)
      parts.push(`${r.refused.length} left out: ${r.refused.slice(0, 3).join('; ')}${r.refused.length > 3 ? '; …' : ''}`);
    say(r.refused.length ? 'error' : 'ok', `${parts.join(' · ')}.`);
  };

  return (
    <Modal title="My designs" onClose={onClose} wide testId="dialog-library">
      <div className="lib-bar">
        <div role="tablist" aria-label="Library" className="lib-tabs">
          <button
            role="tab"
            aria-selected={view === 'designs'}
            className={`lib-tab ${view === 'designs' ? 'active' : ''}`}
            onClick={() => setView('designs')}
            data-testid="lib-tab-designs"
          >
            Designs <span className="lib-count">{libraryCount}</span>
          </button>
          <button
            role="tab"
            aria-selected={view === 'trash'}
            className={`lib-tab ${view === 'trash' ? 'active' : ''}`}
            onClick={() => setView('trash')}
            data-testid="lib-tab-trash"
          >
            Trash <span className="lib-count">{inTrash.length}</span>
          </button>
        </div>
        <div className="lib-actions">
          <button
            className="btn small"
            onClick={() => void exportAll()}
            disabled={libraryCount === 0}
            data-testid="lib-export"
            title="Every design of the library (not the trash) in one file"
          >
            Export all
          </button>
          <button
            className="btn small"
            onClick={() => importInput.current?.click()}
            data-testid="lib-import"
            title="Add the designs of a file written by Export all"
          >
            Import all…
          </button>
          <input
            ref={importInput}
            type="file"
            hidden
            accept=".json,application/json"
            data-testid="lib-import-input"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importAll(f);
              e.target.value = '';
            }}
          />
        </div>
      </div>

      {message && (
        <p
          className={`lib-message ${message.tone}`}
          role={message.tone === 'error' ? 'alert' : 'status'}
          data-testid="lib-message"
        >
          {message.text}
        </p>
      )}

      {designs === undefined ? (
        <p className="hint">Reading the library…</p>
      ) : shown.length === 0 ? (
        <p className="lib-empty" data-testid="lib-empty">
          {view === 'trash'
            ? `The trash is empty. A deleted design stays here ${TRASH_DAYS} days before it goes for good.`
            : 'No designs stored in this browser yet.'}
        </p>
      ) : (
        <table className="lib-table" data-testid={`lib-table-${view}`}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col" className="num">
                Sites · nodes
              </th>
              <th scope="col">{view === 'trash' ? 'Deleted' : 'Last change'}</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => {
              const here = d.id === currentId;
              const elsewhere = !here && held.has(d.id);
              return (
                <tr key={d.id} className={here ? 'current' : ''} data-testid={`lib-row-${d.id}`}>
                  <td className="lib-name">
                    {renaming === d.id ? (
                      <RenameField
                        initial={d.name}
                        onCancel={() => setRenaming(undefined)}
                        onSave={async (name) => {
                          setRenaming(undefined);
                          const r = await session.rename(d.id, name);
                          if (!r.ok) say('error', `"${d.name}" was not renamed: ${r.message}.`);
                        }}
                      />
                    ) : (
                      <>
                        <span className="lib-title" title={d.name}>
                          {d.name}
                        </span>
                        {here && <span className="lib-badge">this tab</span>}
                        {elsewhere && <span className="lib-badge other">open in another tab</span>}
                      </>
                    )}
                  </td>
                  <td className="num">{formatSize(d.chars)}</td>
                  <td className="num">
                    {d.sites} · {d.nodes}
                  </td>
                  <td title={new Date(view === 'trash' ? d.deletedAt! : d.updatedAt).toLocaleString()}>
                    {view === 'trash' ? (
                      <>
                        {formatWhen(d.deletedAt!, now)}
                        <span className="lib-sub">
                          goes for good in {daysLeft(d.deletedAt!, now)} days (
                          {new Date(purgeDate(d.deletedAt!)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })})
                        </span>
                      </>
                    ) : (
                      formatWhen(d.updatedAt, now)
                    )}
                  </td>
                  <td className="lib-row-actions">
                    {view === 'designs' ? (
                      <>
                        <button
                          className="btn small primary"
                          disabled={here}
                          onClick={() => void open(d)}
                          data-testid="lib-open"
                          aria-label={`Open ${d.name}`}
                        >
                          Open
                        </button>
                        <button
                          className="btn small"
                          onClick={() => setRenaming(d.id)}
                          disabled={elsewhere}
                          title={elsewhere ? 'Open in another tab: rename it there' : 'Rename'}
                          data-testid="lib-rename"
                          aria-label={`Rename ${d.name}`}
                        >
                          Rename
                        </button>
                        <button
                          className="btn small"
                          data-testid="lib-duplicate"
                          aria-label={`Duplicate ${d.name}`}
                          onClick={async () => {
                            const r = await session.duplicate(d.id);
                            say(
                              r.ok ? 'ok' : 'error',
                              r.ok ? `Duplicated "${d.name}".` : `"${d.name}" was not duplicated: ${r.message}.`,
                            );
                          }}
                        >
                          Duplicate
                        </button>
                        <button
                          className="btn small danger"
                          disabled={here || elsewhere}
                          title={
                            here
                              ? 'Open in this tab: open another design first'
                              : elsewhere
                                ? 'Open in another tab: close it there first'
                                : `Move to the trash (kept ${TRASH_DAYS} days)`
                          }
                          data-testid="lib-delete"
                          aria-label={`Delete ${d.name}`}
                          onClick={async () => {
                            const r = await session.trash(d.id);
                            say(
                              r.ok ? 'ok' : 'error',
                              r.ok
                                ? `"${d.name}" is in the trash for ${TRASH_DAYS} days.`
                                : `"${d.name}" was not deleted: ${r.message}.`,
                            );
                          }}
                        >
                          Delete
                        </button>
                      </>
                    ) : confirmPurge === d.id ? (
                      <>
                        <span className="lib-confirm">Delete for ever?</span>
                        <button
                          className="btn small danger"
                          data-testid="lib-purge-confirm"
                          onClick={async () => {
                            setConfirmPurge(undefined);
                            const r = await session.purge(d.id);
                            say(
                              r.ok ? 'ok' : 'error',
                              r.ok ? `"${d.name}" is deleted for good.` : `"${d.name}" was not deleted: ${r.message}.`,
                            );
                          }}
                        >
                          Delete
                        </button>
                        <button className="btn small" onClick={() => setConfirmPurge(undefined)}>
                          Keep
                        </button>
                      </>
                    ) : (
                      <>
                        <button
                          className="btn small primary"
                          data-testid="lib-restore"
                          onClick={async () => {
                            const r = await session.restore(d.id);
                            say(
                              r.ok ? 'ok' : 'error',
                              r.ok ? `"${d.name}" is back in the library.` : `"${d.name}" was not restored: ${r.message}.`,
                            );
                          }}
                        >
                          Restore
                        </button>
                        <button className="btn small danger" data-testid="lib-purge" onClick={() => setConfirmPurge(d.id)}>
                          Delete for ever…
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <footer className="lib-foot">
        <StorageMeter estimate={estimate} persisted={persisted} />
        {view === 'trash' && inTrash.length > 0 && (
          <button
            className="btn small danger"
            data-testid="lib-empty-trash"
            onClick={async () => {
              if (
                !window.confirm(
                  `Delete the ${inTrash.length} design${inTrash.length === 1 ? '' : 's'} in the trash for ever (${formatSize(trashBytes)})?`,
                )
              )
                return;
              const n = await session.emptyTrash();
              notify({ tone: 'success', text: `Emptied the trash: ${n} design${n === 1 ? '' : 's'} deleted for good.` });
            }}
          >
            Empty trash ({formatSize(trashBytes)})
          </button>
        )}
      </footer>
    </Modal>
  );
}

function RenameField({ initial, onSave, onCancel }: { initial: string; onSave: (name: string) => void; onCancel: () => void }) {
  const [value, setValue] = useState(initial);
  return (
    <input
      className="lib-rename"
      aria-label="New name"
      data-testid="lib-rename-input"
      data-autofocus
      autoFocus
      value={value}
      maxLength={200}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => (value.trim() && value !== initial ? onSave(value) : onCancel())}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    />
  );
}

function StorageMeter({ estimate, persisted }: { estimate: StorageEstimate | undefined; persisted: boolean | undefined }) {
  if (!estimate)
    return <p className="lib-storage">Designs are stored in this browser only; Export all keeps a copy elsewhere.</p>;
  const share = estimate.quota > 0 ? Math.min(1, estimate.usage / estimate.quota) : 0;
  return (
    <div className="lib-storage" data-testid="lib-storage">
      <div
        className="lib-meter"
        role="meter"
        aria-label="Browser storage used"
        aria-valuemin={0}
        aria-valuemax={estimate.quota}
        aria-valuenow={estimate.usage}
      >
        <span style={{ width: `${Math.max(share * 100, 0.5)}%` }} className={share > 0.9 ? 'high' : ''} />
      </div>
      <span>
        {formatSize(estimate.usage)} of {formatSize(estimate.quota)} used in this browser.{' '}
        {persisted
          ? 'The browser keeps it until you clear the site’s data.'
          : 'The browser may clear it when the disk runs low: Export all keeps a copy.'}
      </span>
    </div>
  );
}
