/**
 * The migration runbook as a document to read through, as the downloaded Markdown reads
 * once rendered: the title and the procedures, the blocking notes and the notes, then
 * each phase as a heading with its steps numbered through, each with its procedure step,
 * what to check before, the PowerShell in a code block to copy, what to verify after, and
 * Microsoft's pages. Built from the plan, not by parsing Markdown; the Markdown itself is
 * one button away.
 */
import { productVersionLabel } from '../model/product-versions';
import {
  migrationToMarkdown,
  MIGRATION_PHASE_TITLES,
  MIGRATION_PHASES,
  PROCEDURE_TITLES,
  procedureStep,
  type MigrationPlan,
  type MigrationStep,
} from '../migrate/index';
import { TOOL_TITLES } from '../steps/index';
import { CopyButton } from './copy-button';
import { docTitle, docUrl } from './doc-links';
import { Rich, StepChecklist } from './step-item';

const versions = (vs: MigrationPlan['currentVersions']) =>
  vs.length ? vs.map(productVersionLabel).join(', ') : 'no server roles';

export function RunbookDocument({ plan }: { plan: MigrationPlan }) {
  const blocking = plan.notes.filter((n) => n.severity === 'blocking');
  const others = plan.notes.filter((n) => n.severity !== 'blocking');
  let number = 0;
  return (
    <article className="runbook-doc" data-testid="migration-markdown">
      <header className="runbook-doc-head">
        <h2>{plan.title}</h2>
        <p className="hint">
          {plan.maintenance
            ? versions(plan.targetVersions)
            : `From ${versions(plan.currentVersions)} to ${versions(plan.targetVersions)}`}{' '}
          · {plan.steps.length} steps
        </p>
        <CopyButton text={migrationToMarkdown(plan)} label="Copy as Markdown" />
      </header>
      {plan.procedures.length > 0 && (
        <p>
          Procedures, in the order they run:{' '}
          {plan.procedures.map((p, i) => (
            <span key={p}>
              {i > 0 && ', then '}
              <b>{p}</b> {PROCEDURE_TITLES[p]}
            </span>
          ))}
          . Steps marked <i>manual</i> are done by a person; the others run from one Skype for Business Server Management Shell.
          Steps marked <i>inferred</i> are our reading of the documentation rather than a documented instruction.
        </p>
      )}
      {blocking.length > 0 && (
        <section className="runbook-doc-blocking">
          <h3>Blocking: fix the target design first</h3>
          <ul>
            {blocking.map((n, i) => (
              <li key={i}>
                <Rich text={n.message} />
                {n.ruleIds.length > 0 && <span className="hint"> ({n.ruleIds.join(', ')})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {others.length > 0 && (
        <section>
          <h3>Notes</h3>
          <ul className="runbook-doc-notes">
            {others.map((n, i) => (
              <li key={i} className={`note-${n.severity}`}>
                <b>{n.severity === 'warning' ? 'Warning' : 'Note'}:</b> <Rich text={n.message} />
                {n.ruleIds.length > 0 && <span className="hint"> ({n.ruleIds.join(', ')})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {MIGRATION_PHASES.map((phase) => {
        const steps = plan.steps.filter((s) => s.phase === phase);
        if (!steps.length) return null;
        return (
          <section key={phase} className="runbook-doc-phase">
            <h3>{MIGRATION_PHASE_TITLES[phase]}</h3>
            {steps.map((s) => (
              <DocStep key={s.id} step={s} n={++number} />
            ))}
          </section>
        );
      })}
    </article>
  );
}

function DocStep({ step, n }: { step: MigrationStep; n: number }) {
  const proc = procedureStep(step.procedureStep);
  const commands = step.commands.join('\n');
  return (
    <div className="runbook-doc-step" data-testid={`doc-step-${step.id}`}>
      <h4>
        <span className="runbook-doc-n">{n}.</span> {step.title}
        <span className="pill" title={TOOL_TITLES[step.tool]}>
          {step.tool}
        </span>
        {step.mode === 'manual' && <span className="pill">manual</span>}
        {step.inferred && <span className="pill pill-inferred">inferred</span>}
        {step.blockedBy.length > 0 && <span className="pill pill-blocked">blocked: {step.blockedBy.join(', ')}</span>}
      </h4>
      <p className="hint">
        Procedure {step.procedureStep}
        {proc ? `: ${proc.title}` : ''}
        {step.runOn ? ` · Run on: ${step.runOn}` : ''}
      </p>
      {step.detail.map((d, i) => (
        <p key={i}>
          <Rich text={d} />
        </p>
      ))}
      <StepChecklist step={step} kind="before" heading="Before you start" level="h5" />
      {commands && (
        <div className="code-block">
          <pre>{commands}</pre>
          <CopyButton text={commands} />
        </div>
      )}
      <StepChecklist step={step} kind="check" level="h5" />
      {step.docs.length > 0 && (
        <p className="finding-docs">
          {step.docs.slice(0, 4).map((d) => (
            <a key={d} href={docUrl(d)} target="_blank" rel="noreferrer noopener">
              {docTitle(d)} ↗
            </a>
          ))}
        </p>
      )}
    </div>
  );
}
