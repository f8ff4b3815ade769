/**
 * Printed only: page 1 the whole diagram fitted to a landscape page (the same native
 * drawing as the SVG export), then the findings, the deployment steps and the failover
 * runbooks on portrait pages. The canvas itself is not printed.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Topology } from './model/schema';
import { buildScene } from './export/diagram-scene';
import { sceneToSvg } from './export/render-svg';
import { designFacts, findingsSummary, groupFindings, SEVERITY_HEADING } from './export/report';
import { docUrl } from './model/doc-url';
import { findingsNow } from './store/selectors';
import { selectSteps } from './store/plan-selectors';
import { useDesigner } from './store/designer-context';
import { printInProgress, subscribePrint } from './print-request';

/** The printed pages. The findings and steps are rendered only while printing (too much to keep in the page). */
export function PrintView() {
  // Known from the page's start (print-request.ts): a print may have begun before this part loaded.
  const printing = useSyncExternalStore(subscribePrint, printInProgress);
  const drawing = usePrintDrawing(printing);
  return (
    <div className="print-only print-report" aria-hidden="true" data-testid="print-report">
      {/* Always in the page, so the image is loaded and decoded when a print starts. */}
      <section className="print-diagram">
        {printing && <PrintHeading />}
        {drawing && <img className="print-drawing" src={drawing} alt="" />}
      </section>
      {printing && <PrintText />}
    </div>
  );
}

/**
 * The design drawn as an image (the SVG export's drawing, light), redrawn a moment after
 * the design last changed, and drawn at once in the render that starts a print (for a
 * large design, only then): an image is inert, and a data URL is there at once.
 */
function usePrintDrawing(printing: boolean): string | undefined {
  const doc = useDesigner((s) => s.doc);
  const [url, setUrl] = useState<{ doc: Topology; url: string }>();
  // Drawing takes the main thread for a while (the links routed again): not while a design
  // opens (often from a link, to be read), only once the user has clicked or typed.
  const [used, setUsed] = useState(false);
  useEffect(() => {
    if (used) return;
    const use = () => setUsed(true);
    window.addEventListener('pointerdown', use, { capture: true, once: true });
    window.addEventListener('keydown', use, { capture: true, once: true });
    return () => {
      window.removeEventListener('pointerdown', use, { capture: true });
      window.removeEventListener('keydown', use, { capture: true });
    };
  }, [used]);
  useEffect(() => {
    // A large design is drawn when a print starts, not after every change.
    if (printing || !used || doc.nodes.length > 150) return;
    const t = setTimeout(() => setUrl({ doc, url: drawingUrl(doc) }), 800);
    return () => clearTimeout(t);
  }, [doc, printing, used]);
  const fresh = url?.doc === doc ? url.url : undefined;
  const atPrint = useMemo(() => (printing && fresh === undefined ? drawingUrl(doc) : undefined), [printing, fresh, doc]);
  return atPrint ?? fresh ?? url?.url;
}

function drawingUrl(doc: Topology): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(sceneToSvg(buildScene(doc, { theme: 'light', findings: findingsNow(doc) })))}`;
}

function PrintHeading() {
  const doc = useDesigner((s) => s.doc);
  const findings = findingsNow(doc);
  return (
    <>
      <h1>{doc.name}</h1>
      <p className="print-facts">
        {designFacts(doc)} · {findingsSummary(findings)} · printed {new Date().toLocaleDateString()}
      </p>
    </>
  );
}

function PrintText() {
  const doc = useDesigner((s) => s.doc);
  const findings = findingsNow(doc);
  return (
    <>
      <section className="print-text">
        {doc.description && <p>{doc.description}</p>}
        <h2>Findings</h2>
        {findings.length === 0 ? (
          <p>No findings: the design meets every rule the designer checks.</p>
        ) : (
          groupFindings(findings).map((g) => (
            <div key={g.severity}>
              <h3>
                {SEVERITY_HEADING[g.severity]} ({g.items.length})
              </h3>
              <ol>
                {g.items.map((f, i) => (
                  <li key={i}>
                    <b>{f.ruleId}</b> {f.message} <i>Fix: {f.fix}</i>
                    {f.docs.length > 0 && <span className="print-source"> Source: {f.docs.map(docUrl).join(' ; ')}</span>}
                  </li>
                ))}
              </ol>
            </div>
          ))
        )}
        <PrintSteps />
      </section>
    </>
  );
}

function PrintSteps() {
  const doc = useDesigner((s) => s.doc);
  const plan = selectSteps(doc);
  if (!plan.steps.length) return null;
  return (
    <>
      <h2 className="print-break">Deployment steps</h2>
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
          <h2 className="print-break">{r.title}</h2>
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
