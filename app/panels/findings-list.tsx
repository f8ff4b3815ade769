/** The findings list of the bottom panel: loaded with the rule engine, just after the first paint. */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { plainWords } from '../model/plain-words';
import { findingsPending, selectFindings, useRulesReady } from '../store/selectors';
import { useDesigner, useDesignerStore } from '../store/designer-context';
import { SeverityIcon } from '../ui/kinds';
import { docTitle, docUrl } from './doc-links';
import type { Finding, Severity } from '../rules/types';
import { viewMoveMs } from '../lib/view-move';
import { noun, num, plural } from '../lib/text';

/** Findings rendered at first; more as the list is scrolled (a 500-node design has thousands). */
const PAGE = 40;

export function FindingsPanel() {
  const ready = useRulesReady();
  const store = useDesignerStore();
  const findings = useDesigner((s) => selectFindings(s.doc));
  // A large design is checked in a worker: until its first check is done there is nothing to list.
  const pending = useDesigner((s) => findingsPending(s.doc));
  const nodes = useDesigner((s) => s.doc.nodes);
  const sites = useDesigner((s) => s.doc.sites);
  const filter = useDesigner((s) => s.severityFilter);
  const highlighted = useDesigner((s) => s.highlightedFinding);
  const flow = useReactFlow();
  const [limit, setLimit] = useState(PAGE);
  const names = useMemo(
    () => new Map([...nodes.map((n) => [n.id, n.name] as const), ...sites.map((s) => [s.id, s.name] as const)]),
    [nodes, sites],
  );
  const [adviceOpen, setAdviceOpen] = useState(false);
  const [adviceLimit, setAdviceLimit] = useState(PAGE);
  // Errors and warnings first, each one listed; info is advice, grouped and folded away at first.
  const indexed = useMemo(() => findings.map((f, i) => ({ f, i })), [findings]);
  const serious = indexed.filter(({ f }) => f.severity !== 'info' && filter[f.severity]);
  const advice = filter.info ? indexed.filter(({ f }) => f.severity === 'info') : [];
  const adviceShown = adviceOpen || (highlighted !== null && findings[highlighted]?.severity === 'info');
  // A large design can have thousands of findings: render a page at a time.
  const shown = serious.slice(0, limit);

  const focus = (i: number) => {
    const f = findings[i];
    if (!f) return;
    const state = store.getState();
    state.highlightFinding(i);
    const ids = [...f.nodeIds, ...f.siteIds, ...f.linkIds];
    const first = f.nodeIds[0];
    state.select(
      ids,
      first
        ? { type: 'node', id: first }
        : f.siteIds[0]
          ? { type: 'site', id: f.siteIds[0] }
          : f.linkIds[0]
            ? { type: state.doc.siteLinks?.some((l) => l.id === f.linkIds[0]) ? 'siteLink' : 'link', id: f.linkIds[0] }
            : state.inspected,
    );
    const nodeIds = [...f.nodeIds, ...f.siteIds];
    if (nodeIds.length)
      void flow.fitView({
        nodes: nodeIds.map((id) => ({ id })),
        padding: 0.6,
        duration: viewMoveMs(state.doc.nodes.length, 300),
        maxZoom: 1.2,
      });
  };

  if (!ready || (pending && findings.length === 0))
    return (
      <div className="lazy-loading" role="status" data-testid="findings-loading">
        <span className="lazy-spinner" aria-hidden="true" />
        Checking the design against the rule catalogue…
      </div>
    );
  if (findings.length === 0)
    return (
      <div className="findings-empty" data-testid="findings-empty">
        <span className="ok-mark" aria-hidden="true">
          ✓
        </span>{' '}
        No findings: every rule of the catalogue passes for this design.
      </div>
    );
  const item = ({ f, i }: { f: Finding; i: number }) => (
    <FindingItem key={`${f.ruleId}-${i}`} f={f} active={highlighted === i} names={names} onFocus={() => focus(i)} />
  );
  return (
    <div className="findings-wrap">
      {serious.length === 0 && <NothingSerious findings={findings} filter={filter} />}
      {serious.length > 0 && (
        <ol className="findings" aria-label="Errors and warnings" data-testid="findings">
          {shown.map(item)}
          {serious.length > shown.length && (
            <ShowMore onMore={() => setLimit((l) => l + PAGE * 4)} hidden={serious.length - shown.length} />
          )}
        </ol>
      )}
      {advice.length > 0 && (
        <section className="advice" data-testid="advice">
          <button
            className="advice-toggle"
            aria-expanded={adviceShown}
            aria-controls="advice-list"
            data-testid="advice-toggle"
            onClick={() => setAdviceOpen(!adviceShown)}
          >
            <span className="advice-caret" aria-hidden="true">
              {adviceShown ? '▾' : '▸'}
            </span>
            <SeverityIcon severity="info" size={13} />
            <b>Advice</b> ({num(advice.length)})
            <span className="hint">good practice and notes from Microsoft&apos;s guidance; nothing here stops the design</span>
          </button>
          {adviceShown && (
            <ol className="findings" id="advice-list" aria-label="Advice" data-testid="advice-list">
              {advice.slice(0, adviceLimit).map(item)}
              {advice.length > adviceLimit && (
                <ShowMore onMore={() => setAdviceLimit((l) => l + PAGE * 4)} hidden={advice.length - adviceLimit} />
              )}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}

/** What an empty list of errors and warnings means: none at all, or some hidden by the filter. */
function NothingSerious({ findings, filter }: { findings: readonly Finding[]; filter: Record<Severity, boolean> }) {
  const toggle = useDesigner((s) => s.toggleSeverity);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  const hidden = (['error', 'warning', 'info'] as const).filter((s) => !filter[s] && counts[s] > 0);
  const hiddenWords = hidden.map((s) => HIDDEN_WORDS[s](counts[s]));
  const some = counts.error + counts.warning > 0;
  return (
    <div className="findings-empty" role="status" data-testid="findings-filtered-empty">
      {!some && (
        <span className="ok-mark" aria-hidden="true">
          ✓{' '}
        </span>
      )}
      {some ? 'No errors or warnings shown.' : 'No errors or warnings.'}{' '}
      {hiddenWords.length > 0 && (
        <>
          {sentenceList(hiddenWords)} {hidden.length === 1 && counts[hidden[0]!] === 1 ? 'is' : 'are'} hidden by the filter.{' '}
          <button className="linklike" onClick={() => hidden.forEach((s) => toggle(s))} data-testid="findings-show-hidden">
            Show {hidden.length === 1 ? 'them' : 'all'}
          </button>
        </>
      )}
    </div>
  );
}

const HIDDEN_WORDS: Record<Severity, (n: number) => string> = {
  error: (n) => plural(n, 'error'),
  warning: (n) => plural(n, 'warning'),
  info: (n) => `${num(n)} advice ${noun(n, 'item')}`,
};

function sentenceList(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function FindingItem({
  f,
  active,
  names,
  onFocus,
}: {
  f: Finding;
  active: boolean;
  names: Map<string, string>;
  onFocus: () => void;
}) {
  return (
    <li className={`finding sev-${f.severity} ${active ? 'is-active' : ''}`} data-testid={`finding-${f.ruleId}`}>
      <button className="finding-main" onClick={onFocus}>
        {/* The name is the visible text, led by the severity for screen readers. */}
        <span className="sr-only">{f.severity === 'info' ? 'advice' : f.severity} </span>
        <span className={`sev-icon sev-${f.severity}`} aria-hidden="true">
          <SeverityIcon severity={f.severity} size={14} />
        </span>
        <span className="finding-id">{f.ruleId}</span>
        {f.inferred && (
          <span className="pill pill-inferred" title="Our reading of the documentation, not a statement it makes">
            inferred
          </span>
        )}
        <span className="finding-msg">{plainWords(f.message)}</span>
      </button>
      <div className="finding-detail">
        {[...f.nodeIds, ...f.siteIds].length > 0 && (
          <span className="finding-nodes">
            {[...f.nodeIds, ...f.siteIds].map((id) => (
              <span key={id} className="chip">
                {names.get(id) ?? id}
              </span>
            ))}
          </span>
        )}
        <span className="finding-fix">
          <b>Fix:</b> {plainWords(f.fix)}
        </span>
        <span className="finding-docs">
          {f.docs.slice(0, 3).map((d) => (
            <a key={d} href={docUrl(d)} target="_blank" rel="noreferrer noopener" title={docUrl(d)}>
              {docTitle(d)} ↗
            </a>
          ))}
        </span>
      </div>
    </li>
  );
}

/** The next page: loaded when scrolled into view, or by the button (keyboard users). */
function ShowMore({ onMore, hidden }: { onMore: () => void; hidden: number }) {
  const ref = useRef<HTMLLIElement>(null);
  const more = useRef(onMore);
  more.current = onMore;
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && more.current(), {
      rootMargin: '200px',
    });
    io.observe(el);
    return () => io.disconnect();
  }, [hidden]);
  return (
    <li className="finding more" ref={ref}>
      <button className="btn small" onClick={onMore}>
        Show more ({num(hidden)} not shown)
      </button>
    </li>
  );
}
