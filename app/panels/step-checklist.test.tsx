// @vitest-environment happy-dom
/**
 * The "Before" and "Check" lists of a step: one component for the runbook steps and the
 * migration runbook document, so both read the same.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { referenceMigration } from '../model/samples/migrations';
import { planMigrationOf } from '../migrate/index';
import { rt } from '../steps/text';
import { RunbookDocument } from './migration-runbook-document';
import { StepChecklist, StepItem } from './step-item';

afterEach(cleanup);

const step = {
  preconditions: [rt`The pool is paired with ${'Pool CH'}`],
  verify: [{ text: rt`Replication is complete`, command: 'Get-CsManagementStoreReplicationStatus' }, { text: rt`Users sign in` }],
};

describe('StepChecklist', () => {
  it('lists the preconditions under "Before" and the checks under "Check", each check with its command', () => {
    render(
      <div>
        <StepChecklist step={step} kind="before" />
        <StepChecklist step={step} kind="check" level="h5" />
      </div>,
    );
    const [before, check] = screen.getAllByRole('list');
    expect(screen.getByRole('heading', { level: 4, name: 'Before' })).toBeTruthy();
    expect(within(before!).getByRole('listitem').textContent).toBe('The pool is paired with Pool CH');
    expect(screen.getByRole('heading', { level: 5, name: 'Check' })).toBeTruthy();
    expect(
      within(check!)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Replication is complete Get-CsManagementStoreReplicationStatus', 'Users sign in']);
  });

  it('shows nothing for an empty list', () => {
    const { container } = render(<StepChecklist step={{ preconditions: [], verify: [] }} kind="check" />);
    expect(container.innerHTML).toBe('');
  });

  it('is what both the runbook steps and the runbook document show for a step', () => {
    const r = referenceMigration('fabrikam-2015-to-subscription-edition')!;
    const plan = planMigrationOf(r.current(), r.target());
    const s = plan.steps.find((x) => x.preconditions.length > 0 && x.verify.length > 0)!;
    const { container: doc } = render(<RunbookDocument plan={plan} />);
    const inDoc = doc.querySelector(`[data-testid="doc-step-${s.id}"]`)!;
    const docLists = [...inDoc.querySelectorAll('ul')].map((ul) => ul.textContent);
    cleanup();
    render(
      <ul>
        <StepItem step={s} />
      </ul>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'preconditions and checks' }));
    const itemLists = [...document.querySelectorAll('.step-more ul')].map((ul) => ul.textContent);
    expect(itemLists).toEqual(docLists);
    expect(itemLists).toHaveLength(2);
  });
});
