/**
 * The Migration tab: the deployment as it is today (the current design, held beside the
 * open design) and the open design as the target, the changes between them, and the
 * migration runbook (procedures M1 side by side, M2 in place, M3 cumulative update) as
 * steps or as Markdown, with downloads as Markdown, PowerShell and JSON. Without a current
 * design it offers to import one (a Topology Builder document or a design file) or to
 * start from a reference migration.
 */
import { useMemo, useRef, useState } from 'react';
import {
  matchingFromDiff,
  migrationToJson,
  migrationToMarkdown,
  migrationToPowerShell,
  planMigration,
  PROCEDURE_TITLES,
  transitionDocument,
  type MigrationProcedure,
} from '../migrate/index';
import { productVersionLabel } from '../model/product-versions';
import { REFERENCE_MIGRATIONS } from '../model/samples/migrations';
import { selectComparison } from '../store/comparison';
import { useDesigner, useDesignerStore } from '../store/designer-context';
import { download, fileNameFor, loadDocument } from '../store/documents';
import { readDocumentBytes } from '../store/open-work';
import { runOpen } from '../store/open-job';
import { DuringTheMove } from './migration-during';
import { RunbookDocument } from './migration-runbook-document';
import { RunbookSteps } from './migration-runbook-steps';

/** The runbook as steps to follow (folded details), as a document to read through, or the HA/DR exposure step by step. */
type View = 'steps' | 'markdown' | 'during';

export function MigrationPanel() {
  const baseline = useDesigner((s) => s.baseline);
  const doc = useDesigner((s) => s.doc);
  const diff = useDesigner(selectComparison);
  const [procedure, setProcedure] = useState<MigrationProcedure | 'all'>('all');
  const [view, setView] = useState<View>('steps');
  const plan = useMemo(
    () =>
      baseline && diff
        ? planMigration(baseline.topology, doc, matchingFromDiff(diff), procedure === 'all' ? {} : { procedure })
        : undefined,
    [baseline, doc, diff, procedure],
  );
  const td = useMemo(
    () => (baseline && diff ? transitionDocument(baseline.topology, doc, matchingFromDiff(diff)) : undefined),
    [baseline, doc, diff],
  );
  if (!baseline || !plan || !td) return <ChooseCurrent />;
  const save = (kind: 'md' | 'ps1' | 'json') => {
    const text = kind === 'md' ? migrationToMarkdown(plan) : kind === 'ps1' ? migrationToPowerShell(plan) : migrationToJson(plan);
    download(
      fileNameFor(
        doc,
        kind === 'md' ? 'migration-runbook.md' : kind === 'ps1' ? 'migration-runbook.ps1' : 'migration-runbook.json',
      ),
      text,
      kind === 'json' ? 'application/json' : 'text/plain;charset=utf-8',
    );
  };
  const blocking = plan.notes.filter((n) => n.severity === 'blocking').length;
  return (
    <div className="steps-panel migration-panel" data-testid="migration-panel">
      <div className="migration-head">
        <div className="migration-pair">
          <span className="migration-end">
            <span className="migration-label">Current</span>
            <b title={baseline.source}>{baseline.topology.name || 'Current deployment'}</b>
            <span className="migration-versions">
              {plan.currentVersions.map(productVersionLabel).join(', ') || 'no server roles'}
            </span>
          </span>
          <span className="migration-arrow" aria-hidden="true">
            →
          </span>
          <span className="migration-end">
            <span className="migration-label">Target (the open design)</span>
            <b>{doc.name || 'Untitled design'}</b>
            <span className="migration-versions">
              {plan.targetVersions.map(productVersionLabel).join(', ') || 'no server roles'}
            </span>
          </span>
        </div>
        <ChangeCurrent />
      </div>
      <div className="migration-cols">
        <section className="migration-changes" aria-label="Changes">
          <ChangeList />
        </section>
        <section className="migration-runbook" aria-label="Migration runbook">
          <div className="steps-bar">
            <div className="seg" role="tablist" aria-label="Runbook view">
              <button
                role="tab"
                aria-selected={view === 'steps'}
                className={view === 'steps' ? 'on' : ''}
                onClick={() => setView('steps')}
              >
                Steps ({plan.steps.length})
              </button>
              <button
                role="tab"
                aria-selected={view === 'markdown'}
                className={view === 'markdown' ? 'on' : ''}
                onClick={() => setView('markdown')}
                data-testid="migration-view-markdown"
              >
                Document
              </button>
              <button
                role="tab"
                aria-selected={view === 'during'}
                className={view === 'during' ? 'on' : ''}
                onClick={() => setView('during')}
                data-testid="migration-view-during"
              >
                HA/DR during the move
              </button>
            </div>
            <label className="hint">
              Procedure{' '}
              <select
                value={procedure}
                onChange={(e) => setProcedure(e.target.value as MigrationProcedure | 'all')}
                data-testid="migration-procedure"
              >
                <option value="all">All that apply</option>
                <option value="M1">M1 {PROCEDURE_TITLES.M1}</option>
                <option value="M2">M2 in-place upgrade 2019 → Subscription Edition</option>
                <option value="M3">M3 {PROCEDURE_TITLES.M3}</option>
              </select>
            </label>
            <span className="steps-downloads">
              <button className="btn small" onClick={() => save('md')} data-testid="migration-download-md">
                Download Markdown
              </button>
              <button className="btn small" onClick={() => save('ps1')} data-testid="migration-download-ps1">
                Download .ps1
              </button>
              <button className="btn small" onClick={() => save('json')} data-testid="migration-download-json">
                JSON
              </button>
            </span>
          </div>
          <p className="migration-summary" data-testid="migration-summary">
            {plan.procedures.length
              ? plan.procedures.map((p) => `${p} ${PROCEDURE_TITLES[p]}`).join(' · ')
              : 'No procedure applies'}{' '}
            · {plan.steps.filter((s) => s.mode === 'script').length} scripted,{' '}
            {plan.steps.filter((s) => s.mode === 'manual').length} manual
            {blocking > 0 && <b className="migration-blocking"> · {blocking} blocking</b>}
          </p>
          <div className="migration-scroll">
            {view === 'steps' ? (
              <RunbookSteps plan={plan} />
            ) : view === 'during' ? (
              <DuringTheMove plan={plan} current={baseline.topology} target={doc} td={td} />
            ) : (
              <RunbookDocument plan={plan} />
            )}
          </div>
        </section>
      </div>
    </div>
  );
}

/** What changes, in the diff's words; a click selects the node on the canvas. */
function ChangeList() {
  const diff = useDesigner(selectComparison);
  const select = useDesigner((s) => s.select);
  const focusChange = useDesigner((s) => s.focusChange);
  if (!diff) return null;
  const changes = diff.nodes.filter((n) => n.status !== 'changed' || n.classes.length > 0);
  const order = { removed: 0, changed: 1, added: 2 } as const;
  const sorted = [...changes].sort((a, b) => order[a.status] - order[b.status]);
  return (
    <>
      <h3>What changes</h3>
      <ul className="migration-headline" data-testid="migration-headline">
        {diff.headline.map((h, i) => (
          <li key={i}>{h}</li>
        ))}
      </ul>
      {sorted.length === 0 ? (
        <p className="panel-empty">The two designs describe the same deployment.</p>
      ) : (
        <ul className="mig-change-list" data-testid="migration-changes">
          {sorted.map((c, i) => (
            <li key={i} className={`mig-change mig-change-${c.status}${c.version ? ' mig-change-version' : ''}`}>
              <span className="mig-change-status">
                {c.status === 'added' ? 'New' : c.status === 'removed' ? 'Retired' : c.version ? 'Upgraded' : 'Changed'}
              </span>
              {c.targetId ? (
                <button
                  className="linklike mig-change-name"
                  onClick={() => {
                    select([c.targetId!]);
                    focusChange(c.targetId!);
                  }}
                >
                  {c.name}
                </button>
              ) : (
                <span className="mig-change-name">{c.name}</span>
              )}
              <span className="mig-change-summary">{c.summary}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Read a file as the current deployment: a Topology Builder document, a design file, an exported image. */
function useImportCurrent(): [React.RefObject<HTMLInputElement | null>, (file: File) => Promise<void>] {
  const store = useDesignerStore();
  const input = useRef<HTMLInputElement>(null);
  const load = async (file: File) => {
    const state = store.getState();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const opened = file.size > 1_000_000 ? await runOpen({ kind: 'file', name: file.name, bytes }) : undefined;
    const r = opened
      ? opened.ok
        ? { ok: true as const, topology: opened.topology }
        : { ok: false as const, message: opened.message }
      : readDocumentBytes(file.name, bytes);
    if (!r.ok) {
      state.notify({ tone: 'error', text: `${file.name}: ${r.message} The current deployment is unchanged.` });
      return;
    }
    state.setBaseline({ topology: r.topology, source: file.name });
    const warnings = 'warnings' in r ? r.warnings.length : opened?.ok ? opened.warnings.length : 0;
    state.notify({
      tone: warnings ? 'warning' : 'success',
      text: `Current deployment: ${file.name}${warnings ? ` (${warnings} import ${warnings === 1 ? 'warning' : 'warnings'}: open the file as a design to read them)` : ''}. The open design is the target.`,
    });
  };
  return [input, load];
}

function FileInput({
  inputRef,
  onFile,
}: {
  inputRef: React.RefObject<HTMLInputElement | null>;
  onFile: (f: File) => Promise<void>;
}) {
  return (
    <input
      ref={inputRef}
      type="file"
      accept=".xml,.tbxml,.json,.svg,.png,application/json,text/xml"
      hidden
      data-testid="migration-current-file"
      onChange={(e) => {
        const f = e.target.files?.[0];
        e.target.value = '';
        if (f) void onFile(f);
      }}
    />
  );
}

function ChangeCurrent() {
  const setBaseline = useDesigner((s) => s.setBaseline);
  const [input, load] = useImportCurrent();
  return (
    <span className="migration-actions">
      <FileInput inputRef={input} onFile={load} />
      <button className="btn small" onClick={() => input.current?.click()}>
        Another current deployment…
      </button>
      <button className="btn small" onClick={() => setBaseline(undefined)}>
        Stop comparing
      </button>
    </span>
  );
}

function ChooseCurrent() {
  const store = useDesignerStore();
  const doc = useDesigner((s) => s.doc);
  const [input, load] = useImportCurrent();
  return (
    <div className="steps-panel migration-empty" data-testid="migration-panel">
      <div className="migration-intro">
        <h3>Plan a migration to Subscription Edition</h3>
        <p>
          Skype for Business Server 2015 and 2019 went out of support on 14 October 2025. Give the deployment as it is today, and
          the open design (<b>{doc.name || 'Untitled design'}</b>) becomes the target: the tab shows what changes and the
          migration runbook, side by side from 2015, in place or side by side from 2019, with high availability and disaster
          recovery kept at every step.
        </p>
        <FileInput inputRef={input} onFile={load} />
        <button className="btn primary" onClick={() => input.current?.click()} data-testid="migration-import-current">
          Import the current deployment…
        </button>
        <p className="hint">
          A Topology Builder document (Get-CsTopology -AsXml output, or a .tbxml saved by Topology Builder) or a design file. It
          is held beside the design, never replaces it.
        </p>
      </div>
      <div className="migration-refs">
        <h3>Or start from a reference migration</h3>
        <div className="design-grid">
          {REFERENCE_MIGRATIONS.map((m) => (
            <button
              key={m.id}
              className="design-card"
              data-testid={`migration-reference-${m.id}`}
              onClick={() => {
                const current = m.current();
                loadDocument(store, m.target(), 'Opened reference migration');
                store.getState().setBaseline({ topology: current, source: `Reference: ${current.name}` });
              }}
            >
              <b>{m.title}</b>
              <span>{m.summary}</span>
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
