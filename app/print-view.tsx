/** Printed only: the findings and the steps after the diagram, in black and white. */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { selectFindings, selectSteps } from './store/selectors';
import { useDesigner } from './store/designer-context';

/** Rendered only while printing: it holds every finding and step, too much to keep in the page. */
export function PrintView() {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  return printing ? <PrintReport /> : null;
}

function PrintReport() {
  const doc = useDesigner((s) => s.doc);
  const findings = selectFindings(doc);
  return (
    <div className="print-only print-report" aria-hidden="true">
      <h1>{doc.name}</h1>
      <p>
        Printed {new Date().toLocaleDateString()} · {doc.sites.length} sites · {doc.nodes.length} nodes · {findings.filter((f) => f.severity === 'error').length} errors, {findings.filter((f) => f.severity === 'warning').length} warnings, {findings.filter((f) => f.severity === 'info').length} info
      </p>
      {doc.description && <p>{doc.description}</p>}
      <h2>Findings</h2>
      {findings.length === 0 ? (
        <p>No findings.</p>
      ) : (
        <ol>
          {findings.map((f, i) => (
            <li key={i}>
              <b>
                [{f.severity.toUpperCase()}] {f.ruleId}
              </b>{' '}
              {f.message} <i>Fix: {f.fix}</i>
            </li>
          ))}
        </ol>
      )}
      <PrintSteps />
    </div>
  );
}

function PrintSteps() {
  const doc = useDesigner((s) => s.doc);
  const plan = selectSteps(doc);
  if (!plan.steps.length) return null;
  return (
    <>
      <h2>Deployment steps</h2>
      <ol>
        {plan.steps.map((s) => (
          <li key={s.id}>
            <b>[{s.tool}]</b> {s.title}
            {s.commands.length > 0 && <pre>{s.commands.join('\n')}</pre>}
          </li>
        ))}
      </ol>
      {plan.runbooks.map((r) => (
        <section key={r.poolId}>
          <h2>{r.title}</h2>
          <ol>
            {[...r.failover, ...r.failback].map((s) => (
              <li key={s.id}>
                <b>{s.phase === 'failback' ? 'Failback' : 'Failover'}:</b> {s.title}
                {s.commands.length > 0 && <pre>{s.commands.join('\n')}</pre>}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}
