/**
 * "What if a data center dies": pick a site (or a pool); the canvas greys out what is
 * lost, draws failover arrows, and shows each surviving pool's load; this panel lists
 * the consequences in order with the runbook. It never changes the document.
 */
import { useMemo, useState } from 'react';
import { failoverRunbook, siteLossRunbook, type Step } from '../steps/index';
import type { Topology } from '../model/schema';
import { selectSimulation } from '../store/plan-selectors';
import { StepItem } from './steps-panel';
import { useDesigner } from '../store/designer-context';
import { docTitle, docUrl } from './doc-links';
import { SelectOnDemand } from '../ui/select-on-demand';
import { CopyButton } from './copy-button';
import { num } from '../lib/text';

export function SimulationPanel() {
  const doc = useDesigner((s) => s.doc);
  const failure = useDesigner((s) => s.simulatedFailure);
  const simulate = useDesigner((s) => s.simulate);
  const [showSteps, setShowSteps] = useState(true);
  const result = selectSimulation(doc, failure);
  const failedSite = failure && 'siteId' in failure ? failure.siteId : '';
  const runbook = useMemo(() => runbookFor(doc, failure), [doc, failure]);
  const pools = useMemo(
    () => doc.nodes.filter((n) => n.kind === 'frontEndPool' || n.kind === 'standardEditionServer'),
    [doc.nodes],
  );
  return (
    <div className="sim" data-testid="simulation-panel">
      <div className="sim-bar">
        <label htmlFor="sim-site">Simulate the loss of</label>
        <SelectOnDemand
          id="sim-site"
          data-testid="sim-site"
          value={failedSite}
          onChange={(e) => simulate(e.target.value ? { siteId: e.target.value } : null)}
          first={<option value="">(choose a site)</option>}
          items={doc.sites}
          valueOf={(s) => s.id}
          labelOf={(s) => `${s.name} (${s.kind === 'branch' ? 'branch' : 'data center'})`}
          owner="site"
        />
        <span className="hint">or a single pool:</span>
        <SelectOnDemand
          aria-label="Simulate the loss of a pool"
          value={failure && 'poolId' in failure ? failure.poolId : ''}
          onChange={(e) => simulate(e.target.value ? { poolId: e.target.value } : null)}
          first={<option value="">(choose a pool)</option>}
          items={pools}
          valueOf={(n) => n.id}
          labelOf={(n) => n.name}
          owner="pool"
        />
        {failure && (
          <button className="btn" onClick={() => simulate(null)} data-testid="sim-stop">
            Back to the design
          </button>
        )}
      </div>
      {!failure && (
        <p className="panel-empty">
          Choose a data center to see what happens when it is lost: which pools fail over where, the load on the survivors, the
          CMS, the Edge, the users left without service and the runbook. The design itself is not changed.
        </p>
      )}
      {result && !result.ok && <p className="warn-text">{result.message}</p>}
      {result?.ok && (
        <div className="sim-body">
          <div className="sim-tiles">
            <Tile label="Users moved" value={num(result.outcome.users.moved)} />
            <Tile
              label="Without service"
              value={num(result.outcome.usersWithoutService)}
              tone={result.outcome.usersWithoutService > 0 ? 'bad' : 'good'}
              testId="sim-without-service"
            />
            <Tile
              label="Recovery time (RTO)"
              value={result.outcome.rto ? `${result.outcome.rto.minutes[0]}–${result.outcome.rto.minutes[1]} min` : '—'}
            />
            <Tile label="Data loss (RPO)" value={result.outcome.rpo ? `${result.outcome.rpo.minutes} min` : '—'} />
            <Tile
              label="CMS"
              value={
                result.outcome.cms
                  ? result.outcome.cms.to
                    ? `→ ${nameOf(doc, result.outcome.cms.to)}`
                    : 'rebuild'
                  : 'unaffected'
              }
              tone={result.outcome.cms && !result.outcome.cms.to ? 'bad' : undefined}
            />
            <Tile
              label="Pools over capacity"
              value={String(result.outcome.pools.filter((p) => p.overCapacity).length)}
              tone={result.outcome.pools.some((p) => p.overCapacity) ? 'bad' : 'good'}
              testId="sim-over"
            />
          </div>
          <div className="sim-cols">
            <section>
              <h3>Load on the surviving pools</h3>
              <ul className="sim-bars">
                {result.bars
                  .filter((b) => b.takesOver || b.over)
                  .concat(result.bars.filter((b) => !b.takesOver && !b.over))
                  .slice(0, 12)
                  .map((b) => (
                    <li key={b.id} className={b.over ? 'over' : ''} data-testid={`sim-bar-${b.id}`}>
                      <span className="sim-bar-name">
                        {nameOf(doc, b.id)}
                        {b.takesOver ? ' ← takes over' : ''}
                      </span>
                      <span
                        className="sim-bar-track"
                        role="meter"
                        aria-valuemin={0}
                        aria-valuemax={b.maxUsers}
                        aria-valuenow={b.users}
                        aria-label={`${nameOf(doc, b.id)} load`}
                      >
                        <span className="sim-bar-fill" style={{ width: `${Math.round(b.barFraction * 100)}%` }} />
                      </span>
                      <span className="sim-bar-text">{b.text}</span>
                    </li>
                  ))}
              </ul>
              <h3>Consequences, in the order to act</h3>
              <ol className="sim-notes" data-testid="sim-notes">
                {result.outcome.notes.map((n, i) => (
                  <li key={i}>{n}</li>
                ))}
              </ol>
            </section>
            <section>
              <h3>
                Runbook{' '}
                <button className="btn small" onClick={() => setShowSteps(!showSteps)}>
                  {showSteps ? 'Hide' : 'Show'}
                </button>
              </h3>
              {showSteps &&
                (runbook && runbook.failover.length > 0 ? (
                  <>
                    <p className="hint">
                      From the deployment runbook of the pairs in this site: failover now, failback once the site is back.
                    </p>
                    <ol className="steps" data-testid="sim-runbook">
                      {runbook.failover.map((step) => (
                        <StepItem key={step.id} step={step} />
                      ))}
                    </ol>
                    <details className="runbook">
                      <summary>Failback, when the site is back ({runbook.failback.length} steps)</summary>
                      <ol className="steps">
                        {runbook.failback.map((step) => (
                          <StepItem key={step.id} step={step} />
                        ))}
                      </ol>
                    </details>
                  </>
                ) : (
                  <ol className="sim-steps" data-testid="sim-runbook">
                    {result.outcome.steps.map((st) => (
                      <li key={st.order}>
                        <div className="sim-step-title">
                          <span className="pill">{st.tool}</span> {st.title}
                        </div>
                        {st.commands.length > 0 && (
                          <div className="code-block">
                            <pre>{st.commands.join('\n')}</pre>
                            <CopyButton text={st.commands.join('\n')} />
                          </div>
                        )}
                        <div className="finding-docs">
                          {st.docs.slice(0, 2).map((d) => (
                            <a key={d} href={docUrl(d)} target="_blank" rel="noreferrer noopener">
                              {docTitle(d)} ↗
                            </a>
                          ))}
                        </div>
                      </li>
                    ))}
                  </ol>
                ))}
            </section>
          </div>
        </div>
      )}
    </div>
  );
}

/** The steps generator's runbook for this failure (undefined when no paired pool is lost). */
function runbookFor(
  doc: Topology,
  failure: { siteId: string } | { poolId: string } | null,
): { failover: Step[]; failback: Step[] } | undefined {
  if (!failure) return undefined;
  const r = 'siteId' in failure ? siteLossRunbook(doc, failure.siteId) : failoverRunbook(doc, failure.poolId);
  return r.ok ? r.value : undefined;
}

function nameOf(doc: { nodes: { id: string; name: string }[] }, id: string) {
  return doc.nodes.find((n) => n.id === id)?.name ?? id;
}

function Tile({ label, value, tone, testId }: { label: string; value: string; tone?: 'good' | 'bad'; testId?: string }) {
  return (
    <div className={`tile ${tone ?? ''}`} data-testid={testId}>
      <div className="tile-value">{value}</div>
      <div className="tile-label">{label}</div>
    </div>
  );
}
