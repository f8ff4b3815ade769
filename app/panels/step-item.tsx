/**
 * One runbook step as every runbook view shows it (deployment, failover, migration,
 * maintenance): the tool, the procedure step, the title, blocked / manual / inferred
 * marks, the detail in rich text, the commands with a copy button, the preconditions and
 * checks on demand, and the Microsoft pages.
 */
import { useState } from 'react';
import { TOOL_TITLES, type RichText, type Step } from '../steps/index';
import { CopyButton } from './copy-button';
import { docTitle, docUrl } from './doc-links';

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
          <StepChecklist step={step} kind="before" />
          <StepChecklist step={step} kind="check" />
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

/**
 * A step's "Before" list (its preconditions) or its "Check" list (what to verify, with the
 * command that shows it), the same in the runbook steps and in the runbook document.
 */
export function StepChecklist({
  step,
  kind,
  heading = kind === 'before' ? 'Before' : 'Check',
  level: H = 'h4',
}: {
  step: Pick<Step, 'preconditions' | 'verify'>;
  kind: 'before' | 'check';
  heading?: string;
  level?: 'h4' | 'h5';
}) {
  const items = kind === 'before' ? step.preconditions.map((text) => ({ text, command: undefined })) : step.verify;
  if (items.length === 0) return null;
  return (
    <>
      <H>{heading}</H>
      <ul>
        {items.map((v, i) => (
          <li key={i}>
            <Rich text={v.text} />
            {v.command && (
              <>
                {' '}
                <code className="inline-code">{v.command}</code>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
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
