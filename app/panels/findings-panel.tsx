/**
 * Live findings: counts per severity (the filters) and the downloads, in the bottom bar.
 * The list itself (findings-list.tsx: each finding with rule id, message, the nodes
 * concerned, the fix and the Microsoft doc) is loaded with the rule engine.
 */
import { download, fileNameFor } from '../store/documents';
import { findingsNow, findingsPending, loadRuleEngine, selectFindingIndex, useRulesReady } from '../store/selectors';
import { useDesigner, useDesignerStore } from '../store/designer-context';
import { SeverityIcon } from '../ui/kinds';
import type { Severity } from '../rules/types';

const SEV_LABEL: Record<Severity, [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['advice', 'advice'],
};

export function SeverityCounts() {
  const ready = useRulesReady();
  const { summary } = useDesigner((s) => selectFindingIndex(s.doc));
  // A large design is checked in a worker: its counts show when the check is done.
  const pending = useDesigner((s) => findingsPending(s.doc));
  const filter = useDesigner((s) => s.severityFilter);
  const toggle = useDesigner((s) => s.toggleSeverity);
  if (!ready || pending)
    return (
      <div className="sev-counts" role="status" data-testid="rules-loading">
        <span className="lazy-spinner" aria-hidden="true" /> Checking the design…
      </div>
    );
  return (
    <div className="sev-counts" role="group" aria-label="Filter findings by severity">
      {(['error', 'warning', 'info'] as const).map((s) => (
        <button
          key={s}
          className={`sev-toggle sev-${s} ${filter[s] ? 'on' : 'off'}`}
          aria-pressed={filter[s]}
          onClick={() => toggle(s)}
          data-testid={`count-${s}`}
          title={filter[s] ? `Hide ${SEV_LABEL[s][1]}` : `Show ${SEV_LABEL[s][1]}`}
        >
          <SeverityIcon severity={s} size={13} />
          <b>{summary[s]}</b> {SEV_LABEL[s][summary[s] === 1 ? 0 : 1]}
        </button>
      ))}
    </div>
  );
}

/** The findings as a file for a design review: Markdown to paste into a report, CSV for a spreadsheet. */
export function FindingsDownloads() {
  const store = useDesignerStore();
  const save = async (kind: 'md' | 'csv') => {
    const { doc } = store.getState();
    // The report writers come with the rule engine, which the page loads as it starts.
    const [{ findingsCsv, findingsMarkdown }] = await Promise.all([import('../rules/findings-report'), loadRuleEngine()]);
    const findings = findingsNow(doc);
    if (kind === 'md') download(fileNameFor(doc, 'findings.md'), findingsMarkdown(doc, findings), 'text/markdown;charset=utf-8');
    else download(fileNameFor(doc, 'findings.csv'), findingsCsv(doc, findings), 'text/csv;charset=utf-8');
  };
  return (
    <div className="findings-downloads" role="group" aria-label="Download the findings">
      <span className="hint">Download</span>
      <button
        className="btn small"
        onClick={() => void save('md')}
        aria-label="Download the findings as Markdown"
        data-testid="findings-download-md"
      >
        Markdown
      </button>
      <button
        className="btn small"
        onClick={() => void save('csv')}
        aria-label="Download the findings as CSV"
        data-testid="findings-download-csv"
      >
        CSV
      </button>
    </div>
  );
}
