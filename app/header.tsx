/** Header: product name · document name (editable) · New Open Save · Share · Export · Simulate · ? */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { COMMAND, editBlockedBy, runCommand, titleOf, type CommandId } from './store/commands';
import { openFile } from './store/documents';
import { useDesigner, useDesignerStore } from './store/designer-context';
import { ExportMenu } from './export-menu';

export function Header() {
  const name = useDesigner((s) => s.doc.name);
  const setName = useDesigner((s) => s.setName);
  const canUndo = useDesigner((s) => COMMAND.undo.when(s, {}));
  const canRedo = useDesigner((s) => COMMAND.redo.when(s, {}));
  // While a migration step is on the canvas: why Undo, Redo and Auto-layout wait.
  const undoBlocked = useDesigner((s) => editBlockedBy(s, 'undo'));
  const redoBlocked = useDesigner((s) => editBlockedBy(s, 'redo'));
  const layoutBlocked = useDesigner((s) => editBlockedBy(s, 'auto-layout'));
  const dirty = useDesigner((s) => s.revision !== s.savedRevision);
  const theme = useDesigner((s) => s.theme);
  const simulating = useDesigner((s) => s.simulatedFailure !== null);
  const store = useDesignerStore();
  const { setTheme, simulate, setBottomTab } = store.getState();
  const run = (id: CommandId) => () => void runCommand(store, id, { flow });
  const fileInput = useRef<HTMLInputElement>(null);
  const flow = useReactFlow();
  const [draft, setDraft] = useState(name);
  const readOnly = useStore(useDesigner((s) => s.autosave).status, (s) => s.mode === 'readOnly');
  useEffect(() => setDraft(name), [name]);
  // Auto-layout loads elkjs on first use; the button says so while it works (and tests wait on its run count).
  const arranging = useDesigner((s) => s.arranging);
  const arranged = useDesigner((s) => s.layoutRuns);

  return (
    <header className="app-header">
      <div className="brand" aria-label="SfB HA/DR Designer">
        <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <rect x="2" y="2" width="20" height="20" rx="5" fill="var(--brand)" />
          <path d="M7 9.5h4M7 14.5h4M13 9.5h4M13 14.5h4" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
          <path d="M11 9.5l2 5M13 9.5l-2 5" stroke="#fff" strokeWidth="1.4" strokeLinecap="round" />
        </svg>
        <span className="brand-name">HA/DR Designer</span>
        <span className="brand-sub">Skype for Business Server</span>
      </div>
      <input
        className="doc-name"
        aria-label="Design name"
        data-testid="doc-name"
        value={draft}
        maxLength={200}
        readOnly={readOnly}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft !== name && setName(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          if (e.key === 'Escape') {
            setDraft(name);
            (e.target as HTMLInputElement).blur();
          }
        }}
      />
      <SaveState dirty={dirty} />
      <nav className="toolbar" aria-label="Document">
        <button className="btn" onClick={run('new')} title={titleOf('new')} data-testid="btn-new">
          New
        </button>
        <button
          className="btn"
          onClick={() => fileInput.current?.click()}
          data-testid="btn-open"
          title="Open a file: a design (.json), a Topology Builder document, an exported SVG or PNG"
        >
          Open
        </button>
        <button className="btn" onClick={run('library')} data-testid="btn-library" title={titleOf('library')}>
          My designs
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          data-testid="file-input"
          accept=".json,.xml,.tbxml,.svg,.png,application/json,text/xml,image/svg+xml,image/png"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void openFile(store, f);
            e.target.value = '';
          }}
        />
        <button className="btn" onClick={run('save')} data-testid="btn-save" title={titleOf('save')}>
          Save
        </button>
        <span className="sep" />
        <button
          className="btn icon"
          onClick={run('undo')}
          disabled={!canUndo}
          aria-label={titleOf('undo')}
          title={undoBlocked ?? titleOf('undo')}
          data-testid="btn-undo"
        >
          ↶
        </button>
        <button
          className="btn icon"
          onClick={run('redo')}
          disabled={!canRedo}
          aria-label={titleOf('redo')}
          title={redoBlocked ?? titleOf('redo')}
          data-testid="btn-redo"
        >
          ↷
        </button>
        <button
          className="btn icon"
          onClick={run('find')}
          aria-label={titleOf('find')}
          title={titleOf('find')}
          data-testid="btn-find"
        >
          <svg width="15" height="15" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
            <path d="M15.5 15.5L21 21" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
          </svg>
        </button>
        <button
          className="btn"
          onClick={run('auto-layout')}
          disabled={arranging || layoutBlocked !== undefined}
          aria-busy={arranging}
          title={layoutBlocked ?? 'Arrange sites and nodes'}
          data-testid="btn-layout"
          data-arranged={arranged}
        >
          {arranging ? 'Arranging…' : 'Auto-layout'}
        </button>
        <span className="sep" />
        <button className="btn" onClick={run('share')} title={titleOf('share')} data-testid="btn-share">
          Share
        </button>
        <ExportMenu />
        <button
          className={`btn ${simulating ? 'active' : ''}`}
          aria-pressed={simulating}
          data-testid="btn-simulate"
          onClick={() => {
            if (simulating) simulate(null);
            else setBottomTab('simulation');
          }}
        >
          {simulating ? 'Stop simulation' : 'Simulate'}
        </button>
        <span className="sep" />
        <button className="btn" onClick={run('catalogue')} title={titleOf('catalogue')} data-testid="btn-catalogue">
          Rules
        </button>
        <button
          className="btn icon"
          onClick={() => setTheme(theme === 'dark' ? 'light' : theme === 'light' ? 'system' : 'dark')}
          aria-label={`Theme: ${theme}`}
          title={`Theme: ${theme} (click to change)`}
          data-testid="btn-theme"
        >
          {theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐'}
        </button>
        <button className="btn icon" onClick={run('shortcuts')} aria-label={titleOf('shortcuts')} title={titleOf('shortcuts')}>
          ?
        </button>
      </nav>
    </header>
  );
}

/** What autosave did last: "autosaved", "saving…", "not autosaved" (storage full), "read-only". */
function SaveState({ dirty }: { dirty: boolean }) {
  const session = useDesigner((s) => s.autosave);
  const status = useStore(session.status);
  const { mode, lastSave, pending, designId } = status;
  let text: string;
  let title: string;
  let cls = '';
  if (mode === 'readOnly') {
    text = 'read-only';
    title = 'Another tab edits this design; this tab follows its changes';
  } else if (mode === 'noStorage') {
    text = dirty ? 'not autosaved' : 'saved';
    title = 'This browser does not let the designer store designs: save a file';
    cls = dirty ? 'failed' : '';
  } else if (lastSave && !lastSave.ok) {
    text = 'not autosaved';
    title = `The last autosave failed (${lastSave.reason === 'full' ? 'browser storage full' : lastSave.message}): save a file`;
    cls = 'failed';
  } else if (pending > 0) {
    text = 'saving…';
    title = 'Writing the design to this browser';
  } else {
    text = dirty ? 'autosaved' : 'saved';
    title = dirty ? 'Autosaved in this browser; not yet saved to a file' : 'Saved to a file';
  }
  return (
    <span
      className={`save-state ${dirty ? 'dirty' : ''} ${cls}`}
      title={title}
      data-testid="save-state"
      data-design-id={designId ?? ''}
      data-mode={mode}
      data-pending={pending}
    >
      {text}
    </span>
  );
}
