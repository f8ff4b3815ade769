/**
 * The deployment steps, live with the topology: grouped by phase, each with its
 * commands (copy button), preconditions, checks and Microsoft doc; the failover and
 * failback runbook of every pair; downloads as Markdown, PowerShell and JSON.
 */
import { useState } from 'react';
import {
  DEPLOYMENT_PHASES,
  PHASE_TITLES,
  TOOL_TITLES,
  toJson,
  toMarkdown,
  toPowerShell,
  type RichText,
  type Step,
  type StepPlan,
} from '../steps/index';
import { download, fileNameFor } from '../store/documents';
import { selectSteps } from '../store/plan-selectors';
import { useDesigner } from '../store/designer-context';
import { CopyButton } from './copy-button';
import { docTitle, docUrl } from './doc-links';

export function StepsPanel() {
  const doc = useDesigner((s) => s.doc);
  const plan = selectSteps(doc);
  const [view, setView] = useState<'deploy' | 'runbooks'>('deploy');
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
        </div>
        <span className="hint">
          {plan.steps.filter((s) => s.mode === 'script').length} scripted · {plan.steps.filter((s) => s.mode === 'manual').length}{' '}
          manual
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
      </div>
      {plan.notes.length > 0 && (
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
      {view === 'deploy' ? <DeploymentSteps plan={plan} /> : <Runbooks plan={plan} />}
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

export function StepItem({ step, badge }: { step: Omit<Step, 'phase'>; badge?: string }) {
  const [open, setOpen] = useState(false);
  const commands = step.commands.join('\n');
  return (
    <li className="step" data-testid={`step-${step.id}`}>
      <button className="step-head" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span className="pill" title={TOOL_TITLES[step.tool]}>
          {step.tool}
        </span>
        {badge && (
          <span className="pill pill-procedure" title={`Procedure step ${badge}`}>
            {badge}
          </span>
        )}
        <span className="step-title">{step.title}</span>
        {step.blockedBy.length > 0 && (
          <span
            className="pill pill-blocked"
            title={`The validator reports an error on what this step builds: ${step.blockedBy.join(', ')}`}
            data-testid="step-blocked"
          >
            blocked: {step.blockedBy.join(', ')}
          </span>
        )}
        {step.mode === 'manual' && <span className="pill">manual</span>}
        {step.inferred && <span className="pill pill-inferred">inferred</span>}
      </button>
      {step.detail.length > 0 && (
        <div className="step-detail">
          {step.detail.map((d, i) => (
            <p key={i}>
              <Rich text={d} />
            </p>
          ))}
        </div>
      )}
      {commands && (
        <div className="code-block">
          <pre>{commands}</pre>
          <CopyButton text={commands} />
        </div>
      )}
      {open && (
        <div className="step-more">
          {step.runOn && <p>Run on: {step.runOn}</p>}
          {step.preconditions.length > 0 && (
            <>
              <h4>Before</h4>
              <ul>
                {step.preconditions.map((p, i) => (
                  <li key={i}>
                    <Rich text={p} />
                  </li>
                ))}
              </ul>
            </>
          )}
          {step.verify.length > 0 && (
            <>
              <h4>Check</h4>
              <ul>
                {step.verify.map((v, i) => (
                  <li key={i}>
                    <Rich text={v.text} />
                    {v.command && <code className="inline-code">{v.command}</code>}
                  </li>
                ))}
              </ul>
            </>
          )}
          {step.ruleIds.length > 0 && <p className="hint">Carries out: {step.ruleIds.join(', ')}</p>}
        </div>
      )}
      <div className="finding-docs">
        {step.docs.slice(0, 3).map((d) => (
          <a key={d} href={docUrl(d)} target="_blank" rel="noreferrer noopener">
            {docTitle(d)} ↗
          </a>
        ))}
        <button className="linklike small" onClick={() => setOpen(!open)}>
          {open ? 'less' : 'preconditions and checks'}
        </button>
      </div>
    </li>
  );
}

export function Rich({ text }: { text: RichText }) {
  return (
    <>
      {text.map((s, i) => {
        switch (s.kind) {
          case 'text':
            return <span key={i}>{s.value}</span>;
          case 'ui':
            return <b key={i}>{s.value}</b>;
          case 'code':
            return (
              <code key={i} className="inline-code">
                {s.value}
              </code>
            );
        }
      })}
    </>
  );
}
