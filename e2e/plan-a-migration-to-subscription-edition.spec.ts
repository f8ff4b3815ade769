import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { openDesigner } from './helpers';

const here = path.dirname(new URL(import.meta.url).pathname);
/** The target: a Subscription Edition design (paired pools on AlwaysOn), as a file a user would open. */
const TARGET = path.resolve(here, '../app/model/samples/fabrikam-subscription-edition.json');
/** The current deployment: a published 2015 topology (Get-CsTopology -AsXml piped to Out-File: UTF-16). */
const CURRENT = path.resolve(here, '../app/import/fixtures/published-standard-edition.utf16.xml');

test('plan a migration from a 2015 deployment to Subscription Edition: see what changes, read and download the runbook', async ({
  page,
}) => {
  await openDesigner(page);
  await page.getByTestId('file-input').setInputFiles(TARGET);
  await expect(page.getByTestId('doc-name')).toHaveValue(/Subscription Edition/);

  await page.getByTestId('tab-migration').click();
  const panel = page.getByTestId('migration-panel');
  await expect(panel.getByRole('heading', { name: 'Plan a migration to Subscription Edition' })).toBeVisible();
  await panel.getByTestId('migration-current-file').setInputFiles(CURRENT);

  // What changes: the 2015 server retired, the Subscription Edition pools new.
  const changes = panel.getByTestId('migration-changes');
  await expect(changes.locator('.mig-change-removed').first()).toBeVisible();
  await expect(changes.locator('.mig-change-added', { hasText: 'Pool NY (Subscription Edition)' })).toBeVisible();
  await expect(panel.getByText('Skype for Business Server 2015', { exact: true })).toBeVisible();

  // The runbook: side by side (2015 has no in-place path), the CMS moved after the users.
  await expect(panel.getByTestId('migration-summary')).toContainText('M1 Side-by-side migration');
  await expect(panel.getByRole('heading', { name: 'Move the Central Management store' })).toBeVisible();
  const titles = await panel.locator('.step-title').allTextContents();
  const moveUsers = titles.findIndex((t) => t.startsWith('Move the remaining'));
  const moveCms = titles.findIndex((t) => t.startsWith('Move the Central Management Server'));
  expect(moveUsers).toBeGreaterThanOrEqual(0);
  expect(moveCms).toBeGreaterThan(moveUsers);
  await expect(panel.locator('.pill-procedure', { hasText: 'M1.12' }).first()).toBeVisible();

  // The Markdown view, then the downloads.
  await panel.getByTestId('migration-view-markdown').click();
  await expect(panel.getByTestId('migration-markdown')).toContainText('Move-CsManagementServer');
  const [md] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('migration-download-md').click()]);
  expect(md.suggestedFilename()).toMatch(/migration-runbook\.md$/);
  const text = fs.readFileSync((await md.path())!, 'utf8');
  expect(text).toMatch(/^# Migration runbook: /);
  expect(text.indexOf('Enable-CsTopology')).toBeLessThan(text.indexOf('Uninstall-CsDatabase -CentralManagementDatabase'));
  const [ps1] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('migration-download-ps1').click()]);
  const script = fs.readFileSync((await ps1.path())!, 'utf8');
  expect(script).toContain('function Invoke-PartCentralManagementStore {');
  expect(/^[\x00-\x7f]*$/.test(script)).toBe(true);
});

test('a reference migration starts in one click and upgrades 2019 in place', async ({ page }) => {
  await openDesigner(page);
  await page.getByTestId('tab-migration').click();
  const panel = page.getByTestId('migration-panel');
  await panel.getByTestId('migration-reference-northwind-2019-to-subscription-edition').click();
  await expect(page.getByTestId('doc-name')).toHaveValue(/Northwind Subscription Edition/);
  await expect(panel.getByTestId('migration-summary')).toContainText('M2 In-place upgrade');
  await expect(panel.locator('.mig-change-version').first()).toBeVisible();
  await panel.getByTestId('migration-procedure').selectOption('M3');
  // Nothing is patched in this change: M3 alone is the maintenance runbook, a cumulative update for every server role.
  await expect(panel.getByTestId('migration-summary')).toContainText('M3 Rolling cumulative update');
});

test('keep HA/DR during the move: the deployment after any step, and a data center lost while half the users are still on 2015', async ({
  page,
}) => {
  await openDesigner(page);
  await page.getByTestId('tab-migration').click();
  const panel = page.getByTestId('migration-panel');
  await panel.getByTestId('migration-reference-fabrikam-2015-to-subscription-edition').click();
  await panel.getByTestId('migration-view-during').click();
  const during = panel.getByTestId('migration-during');
  // It opens right after the first pool's users moved: one pool on each version.
  await expect(during.getByTestId('during-where')).toContainText('Move the remaining 8,000 users of Pool NY');
  const homes = during.getByTestId('during-homes');
  await expect(homes.locator('li', { hasText: 'Pool CH' }).filter({ hasText: '2015' })).toBeVisible();
  await expect(homes.locator('li', { hasText: 'Pool NY (Subscription Edition)' })).toContainText('8,000 users');
  await expect(during.getByTestId('during-pairs').locator('li.pair-valid')).toHaveCount(2);
  await expect(during.getByTestId('during-cms')).toContainText('Pool NY (Skype for Business Server 2015)');
  // The rule engine on the deployment at this step, errors first: Chicago's users are still
  // homed on a 2015 pool that the plan decommissions.
  const findings = during.getByTestId('during-findings');
  await expect(findings.locator('li').first()).toHaveClass(/sev-error/);
  await expect(findings.locator('li[data-rule="MIG-USERS-ON-DECOMMISSION"]').first()).toBeVisible();
  // New York lost now: the new pool fails over to its Subscription Edition partner, the CMS to the 2015 pool in Chicago.
  await during.getByTestId('during-site').selectOption({ label: 'New York' });
  await expect(during.getByTestId('during-without-service')).toContainText('0');
  await expect(during.getByTestId('during-cms-outcome')).toContainText('Pool CH');
  await expect(during.getByTestId('during-failovers')).toContainText(
    'Pool NY (Subscription Edition) → Pool CH (Subscription Edition): 8,000 users',
  );
  // Today, before the first step: only the 2015 pair, the CMS on the 2015 pool.
  await during.getByTestId('during-phase').selectOption({ index: 0 });
  await expect(during.getByTestId('during-where')).toContainText('Today');
  await expect(during.getByTestId('during-pairs').locator('li')).toHaveCount(1);
  // After the CMS move it is on the Subscription Edition pool; the exposure table has a row per phase.
  await during.getByTestId('during-exposure').getByRole('button', { name: 'Move the Central Management store' }).click();
  await expect(during.getByTestId('during-cms')).toContainText(
    'Pool NY (Subscription Edition) (Skype for Business Server Subscription Edition)',
  );
  await expect(during.getByTestId('during-exposure').locator('tbody tr')).toHaveCount(7);
  // At the end of the plan no error is left.
  const phases = during.getByTestId('during-phase');
  await phases.selectOption({ index: (await phases.locator('option').count()) - 1 });
  await expect(during.getByTestId('during-findings')).toContainText('0 errors');
  await expect(during.getByTestId('during-findings').locator('li.sev-error')).toHaveCount(0);
});
