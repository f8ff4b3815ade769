import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { openDesigner } from './helpers';

test('apply a cumulative update to a design that is not migrating: pool by pool, the pair one at a time, downloads', async ({
  page,
}) => {
  await openDesigner(page);
  await page.getByTestId('tab-steps').click();
  await page.getByTestId('steps-maintenance').click();
  const runbook = page.getByTestId('maintenance-runbook');
  await expect(runbook.getByTestId('maintenance-summary')).toContainText('one pool at a time');
  await expect(runbook.getByRole('heading', { name: 'Cumulative updates' })).toBeVisible();
  const titles = await runbook.locator('.step-title').allTextContents();
  const firstPool = titles.findIndex((t) => /^Install the cumulative update on the \d+ Front End servers of /.test(t));
  const settle = titles.findIndex((t) => t.startsWith('Let the Backup Service settle between'));
  const secondPool = titles.findIndex(
    (t, i) => i > firstPool && /^Install the cumulative update on the \d+ Front End servers/.test(t),
  );
  expect(firstPool).toBeGreaterThanOrEqual(0);
  expect(settle).toBeGreaterThan(firstPool);
  expect(secondPool).toBeGreaterThan(settle);
  await expect(runbook.locator('.pill-procedure', { hasText: 'M3.4' })).toBeVisible();

  const [md] = await Promise.all([page.waitForEvent('download'), runbook.getByTestId('maintenance-download-md').click()]);
  expect(md.suggestedFilename()).toMatch(/cumulative-update\.md$/);
  expect(fs.readFileSync((await md.path())!, 'utf8')).toMatch(/^# Cumulative update runbook: /);
  const [ps1] = await Promise.all([page.waitForEvent('download'), runbook.getByTestId('maintenance-download-ps1').click()]);
  const script = fs.readFileSync((await ps1.path())!, 'utf8');
  expect(script).toContain('function Invoke-PartCumulativeUpdates {');
  expect(script).toContain('Invoke-CsComputerFailOver');
});
