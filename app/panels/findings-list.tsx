/** The findings list of the bottom panel: loaded with the rule engine, just after the first paint. */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { plainWords } from '../model/plain-words';
import { findingsPending, selectFindings, useRulesReady } from '../store/selectors';
import { useDesigner, useDesignerStore } from '../store/designer-context';
import { SeverityIcon } from '../ui/kinds';
import { docTitle, docUrl } from './doc-links';

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
  const all = findings.map((f, i) => ({ f, i })).filter(({ f }) => filter[f.severity]);
  // A large design can have thousands of findings: render a page at a time.
  const shown = all.slice(0, limit);

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
            ? { type: 'link', id: f.linkIds[0] }
            : state.inspected,
    );
    const nodeIds = [...f.nodeIds, ...f.siteIds];
    if (nodeIds.length) void flow.fitView({ nodes: nodeIds.map((id) => ({ id })), padding: 0.6, duration: 300, maxZoom: 1.2 });
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
  return (
    <ol className="findings" aria-label="Findings" data-testid="findings">
      {shown.map(({ f, i }) => (
        <li
          key={`${f.ruleId}-${i}`}
          className={`finding sev-${f.severity} ${highlighted === i ? 'is-active' : ''}`}
          data-testid={`finding-${f.ruleId}`}
        >
          <button className="finding-main" onClick={() => focus(i)}>
            {/* The name is the visible text, led by the severity for screen readers. */}
            <span className="sr-only">{f.severity} </span>
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
                <a key={d} href={docUrl(d)} target="_blank" rel="noreferrer noopener" title={d}>
                  {docTitle(d)} ↗
                </a>
              ))}
            </span>
          </div>
        </li>
      ))}
      {all.length > shown.length && <ShowMore onMore={() => setLimit((l) => l + PAGE * 4)} hidden={all.length - shown.length} />}
    </ol>
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
        Show more ({hidden.toLocaleString('en-US')} not shown)
      </button>
    </li>
  );
}
