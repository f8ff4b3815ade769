/**
 * A migration or maintenance runbook as steps: its blocking notes first, the other notes
 * folded, then the steps phase by phase, numbered through, each with its procedure step.
 */
import { MIGRATION_PHASE_TITLES, MIGRATION_PHASES, type MigrationPlan, type MigrationStep } from '../migrate/index';
import { Rich, StepItem } from './step-item';

function NoteList({ notes }: { notes: MigrationPlan['notes'] }) {
  return (
    <ul className="plan-notes">
      {notes.map((note, i) => (
        <li key={i} className={`note-${note.severity}`}>
          <b>{note.severity === 'blocking' ? 'Blocking' : note.severity === 'warning' ? 'Warning' : 'Note'}:</b>{' '}
          <Rich text={note.message} />
          {note.ruleIds.length > 0 && <span className="note-rules"> ({note.ruleIds.join(', ')})</span>}
        </li>
      ))}
    </ul>
  );
}

export function RunbookSteps({ plan }: { plan: MigrationPlan }) {
  const blockingNotes = plan.notes.filter((x) => x.severity === 'blocking');
  const otherNotes = plan.notes.filter((x) => x.severity !== 'blocking');
  let n = 0;
  return (
    <>
      {blockingNotes.length > 0 && <NoteList notes={blockingNotes} />}
      {otherNotes.length > 0 && (
        <details className="migration-notes">
          <summary>
            Notes before you start ({otherNotes.length}: lifecycle, coexistence, what is not confirmed for Subscription Edition)
          </summary>
          <NoteList notes={otherNotes} />
        </details>
      )}
      {MIGRATION_PHASES.map((phase) => {
        const steps = plan.steps.filter((s) => s.phase === phase);
        if (!steps.length) return null;
        const start = n + 1;
        n += steps.length;
        return (
          <section key={phase} className="phase">
            <h3>{MIGRATION_PHASE_TITLES[phase]}</h3>
            <ol className="steps" start={start}>
              {steps.map((s) => (
                <MigrationStepItem key={s.id} step={s} />
              ))}
            </ol>
          </section>
        );
      })}
    </>
  );
}

function MigrationStepItem({ step }: { step: MigrationStep }) {
  return <StepItem step={step} badge={step.procedureStep} />;
}
