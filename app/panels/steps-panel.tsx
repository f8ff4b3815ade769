/**
 * The deployment steps, live with the topology: grouped by phase, each with its
 * commands (copy button), preconditions, checks and Microsoft doc; the failover and
 * failback runbook of every pair; downloads as Markdown, PowerShell and JSON.
 */
import { useState } from 'react';
import { DEPLOYMENT_PHASES, PHASE_TITLES, toJson, toMarkdown, toPowerShell, type StepPlan } from '../steps/index';
import { download, fileNameFor } from '../store/documents';
import { selectSteps } from '../store/plan-selectors';
import { useDesigner } from '../store/designer-context';
import { MaintenanceRunbook } from './maintenance-runbook';
import { Rich, StepItem } from './step-item';

export { Rich, StepItem } from './step-item';

export function StepsPanel() {
  const doc = useDesigner((s) => s.doc);
  const plan = selectSteps(doc);
  const [view, setView] = useState<'deploy' | 'runbooks' | 'maintenance'>('deploy');
  const save = (kind: 'md' | 'ps1' | 'json') => {
    const text = kind === 'md' ? toMarkdown(plan) : kind === 'ps1' ? toPowerShell(plan) : toJson(plan);
    download(
      fileNameFor(doc, kind === 'md' ? 'runbook.md' : kind === 'ps1' ? 'deploy.ps1' : 'steps.json'),
      text,
      kind === 'json' ? 'application/json' : 'text/plain;charset=utf-8',
    );
  };
  return (
    <div className="steps-panel" data-testid="steps-panel">
      <div className="steps-bar">
        <div className="seg" role="tablist" aria-label="Which steps">
          <button
            role="tab"
            aria-selected={view === 'deploy'}
            className={view === 'deploy' ? 'on' : ''}
            onClick={() => setView('deploy')}
          >
            Deployment ({plan.steps.length})
          </button>
          <button
            role="tab"
            aria-selected={view === 'runbooks'}
            className={view === 'runbooks' ? 'on' : ''}
            onClick={() => setView('runbooks')}
            data-testid="steps-runbooks"
          >
            Failover runbooks ({plan.runbooks.length})
          </button>
          <button
            role="tab"
            aria-selected={view === 'maintenance'}
            className={view === 'maintenance' ? 'on' : ''}
            onClick={() => setView('maintenance')}
            data-testid="steps-maintenance"
          >
            Apply a cumulative update
          </button>
        </div>
        {view !== 'maintenance' && (
          <>
            <span className="hint">
              {plan.steps.filter((s) => s.mode === 'script').length} scripted ·{' '}
              {plan.steps.filter((s) => s.mode === 'manual').length} manual
            </span>
            <span className="steps-downloads">
              <button className="btn small" onClick={() => save('md')} data-testid="download-md">
                Download Markdown
              </button>
              <button className="btn small" onClick={() => save('ps1')} data-testid="download-ps1">
                Download .ps1
              </button>
              <button className="btn small" onClick={() => save('json')} data-testid="download-json">
                JSON
              </button>
            </span>
          </>
        )}
      </div>
      {view !== 'maintenance' && plan.notes.length > 0 && (
        <ul className="plan-notes">
          {plan.notes.map((n, i) => (
            <li key={i} className={`note-${n.severity}`}>
              <b>{n.severity === 'blocking' ? 'Blocking' : n.severity === 'warning' ? 'Warning' : 'Note'}:</b>{' '}
              <Rich text={n.message} />
              {n.ruleIds.length > 0 && <span className="note-rules"> ({n.ruleIds.join(', ')})</span>}
            </li>
          ))}
        </ul>
      )}
      {view === 'deploy' ? (
        <DeploymentSteps plan={plan} />
      ) : view === 'runbooks' ? (
        <Runbooks plan={plan} />
      ) : (
        <MaintenanceRunbook />
      )}
    </div>
  );
}

function DeploymentSteps({ plan }: { plan: StepPlan }) {
  if (!plan.steps.length) return <p className="panel-empty">No steps yet: add pools and stores to the design.</p>;
  let n = 0;
  return (
    <>
      {DEPLOYMENT_PHASES.map((phase) => {
        const steps = plan.steps.filter((s) => s.phase === phase);
        if (!steps.length) return null;
        return (
          <section key={phase} className="phase">
            <h3>{PHASE_TITLES[phase]}</h3>
            <ol className="steps" start={n + 1}>
              {steps.map((s) => {
                n += 1;
                return <StepItem key={s.id} step={s} />;
              })}
            </ol>
          </section>
        );
      })}
    </>
  );
}

function Runbooks({ plan }: { plan: StepPlan }) {
  if (!plan.runbooks.length)
    return (
      <p className="panel-empty">No paired pools: pair two pools (backup pool) to get their failover and failback runbooks.</p>
    );
  return (
    <>
      {plan.runbooks.map((r) => (
        <details key={r.poolId} className="runbook" open={plan.runbooks.length <= 2}>
          <summary>{r.title}</summary>
          <section className="phase">
            <h3>{PHASE_TITLES.failover}</h3>
            <ol className="steps">
              {r.failover.map((s) => (
                <StepItem key={s.id} step={s} />
              ))}
            </ol>
          </section>
          <section className="phase">
            <h3>{PHASE_TITLES.failback}</h3>
            <ol className="steps">
              {r.failback.map((s) => (
                <StepItem key={s.id} step={s} />
              ))}
            </ol>
          </section>
        </details>
      ))}
    </>
  );
}
