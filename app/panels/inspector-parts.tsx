/** What every inspector shows: its head, titled sections, the findings on the item, and Delete. */
import type { ReactNode } from 'react';
import { shortcutOf } from '../store/commands';
import { useDesigner } from '../store/designer-context';
import { plainWords } from '../model/plain-words';
import { checklistItem } from '../rules/checklist';
import type { Finding, Severity } from '../rules/types';
import { severityCounts } from '../store/selectors';
import { SeverityIcon } from '../ui/kinds';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="insp-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** The inspector's head: an icon, what the item is, and its name. */
export function InspectorHead({
  icon,
  iconClass = '',
  kind,
  title,
}: {
  icon: ReactNode;
  iconClass?: string;
  kind: string;
  title: string;
}) {
  return (
    <header className="insp-head">
      <span className={`insp-icon ${iconClass}`.trim()} aria-hidden={typeof icon === 'string' ? true : undefined}>
        {icon}
      </span>
      <div>
        <div className="insp-kind">{kind}</div>
        <div className="insp-title">{title}</div>
      </div>
    </header>
  );
}

/**
 * The findings on one item. An item still being built (a pool with no Back End yet, an empty
 * site) shows what is missing as a checklist, its other findings folded away; otherwise its
 * errors and warnings are listed and its advice folded away.
 */
export function FindingList({
  findings,
  id,
  kind,
  onPick,
}: {
  findings: readonly Finding[];
  id: string;
  kind?: string;
  /** When given, each finding is a button that calls it (the WAN link inspector shows what a finding is about). */
  onPick?: (f: Finding) => void;
}) {
  const todo = [...new Set(findings.map((f) => checklistItem(f, id)).filter((t): t is string => t !== undefined))];
  const rest = findings.filter((f) => checklistItem(f, id) === undefined);
  const serious = rest.filter((f) => f.severity !== 'info');
  const advice = rest.filter((f) => f.severity === 'info');
  if (!findings.length) return null;
  if (todo.length)
    return (
      <div className="insp-todo" data-testid="insp-checklist">
        <div className="insp-todo-title">To finish this {kind ?? 'item'}</div>
        <ul>
          {todo.map((t) => (
            <li key={t}>
              <span className="todo-box" aria-hidden="true" />
              {t}
            </li>
          ))}
        </ul>
        {rest.length > 0 && (
          <details className="insp-more" data-testid="insp-other-findings">
            <summary>Other findings ({severityCounts(countBySeverity(rest))})</summary>
            <FindingItems findings={rest} onPick={onPick} />
          </details>
        )}
      </div>
    );
  return (
    <div className="insp-findings-wrap">
      {serious.length > 0 && <FindingItems findings={serious} limit={5} onPick={onPick} />}
      {advice.length > 0 && (
        <details className="insp-more" data-testid="insp-advice">
          <summary>{severityCounts({ error: 0, warning: 0, info: advice.length })}</summary>
          <FindingItems findings={advice} onPick={onPick} />
        </details>
      )}
    </div>
  );
}

function FindingItems({
  findings,
  limit = 8,
  onPick,
}: {
  findings: readonly Finding[];
  limit?: number;
  onPick?: (f: Finding) => void;
}) {
  return (
    <ul className="insp-findings" data-testid="insp-findings">
      {findings.slice(0, limit).map((f, i) => {
        const body = (
          <>
            <SeverityIcon severity={f.severity} size={13} />
            <span>
              <b>{f.ruleId}</b> {plainWords(f.message)}
            </span>
          </>
        );
        return (
          <li key={i} className={`sev-${f.severity}`}>
            {onPick ? (
              <button
                type="button"
                className="insp-finding-pick"
                onClick={() => onPick(f)}
                data-testid={`insp-finding-${f.ruleId}`}
              >
                {body}
              </button>
            ) : (
              body
            )}
          </li>
        );
      })}
      {findings.length > limit && (
        <li className="insp-findings-more">{findings.length - limit} more in the Findings panel below.</li>
      )}
    </ul>
  );
}

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

export function DeleteButton({ ids, label }: { ids: string[]; label: string }) {
  const removeElements = useDesigner((s) => s.removeElements);
  const select = useDesigner((s) => s.select);
  return (
    <div className="insp-danger">
      <button
        className="btn danger"
        onClick={() => {
          removeElements(ids);
          select([], { type: 'deployment' });
        }}
      >
        {label}
      </button>
      <span className="hint">{shortcutOf('undo')} brings it back.</span>
    </div>
  );
}
