import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { node, openDesigner } from './helpers';

test('the steps follow the design, and download as Markdown and PowerShell', async ({ page }) => {
  await openDesigner(page);
  await page.getByTestId('tab-steps').click();
  const panel = page.getByTestId('steps-panel');
  await expect(panel).toContainText('listener');
  await expect(panel).toContainText('Publish');
  await expect(panel).not.toContainText('mirroring endpoint');

  const [md] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-md').click()]);
  const mdText = fs.readFileSync((await md.path())!, 'utf8');
  expect(md.suggestedFilename()).toMatch(/\.md$/);
  expect(mdText).toMatch(/^# /m);
  expect(mdText).toContain('- [ ]');
  expect(mdText).toContain('Invoke-CsBackupServiceSync');

  const [ps1] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-ps1').click()]);
  const psText = fs.readFileSync((await ps1.path())!, 'utf8');
  expect(ps1.suggestedFilename()).toMatch(/\.ps1$/);
  expect(psText).toContain('SupportsShouldProcess');
  expect(psText).toContain("'pool-a.contoso.com'");

  // Runbooks for the pair.
  await page.getByTestId('steps-runbooks').click();
  await expect(panel).toContainText('Invoke-CsPoolFailOver');

  // A hostile name never breaks out of its PowerShell string.
  await node(page, 'pool-a').click();
  await page.getByTestId('field-name').fill("Pool'; Remove-Item C:\\ -Recurse; $(evil) `n <script>");
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-ps1').click()]);
  const hostile = fs.readFileSync((await again.path())!, 'utf8');
  for (const line of hostile.split(/\r?\n/)) expect(line.trimStart().startsWith('Remove-Item C:')).toBe(false);
  // Outside comments, the quote is always doubled inside a single-quoted string.
  const code = hostile.split(/\r?\n/).filter((l) => !l.trimStart().startsWith('#'));
  expect(code.some((l) => l.includes("Pool''; Remove-Item"))).toBe(true);
  expect(code.some((l) => /Pool'; Remove-Item/.test(l.replace(/''/g, '')))).toBe(false);
});

test('a design error blocks the steps that would build it, and the script refuses to run without -Force', async ({ page }) => {
  await openDesigner(page);
  await node(page, 'pool-a').click();
  const servers = page.getByTestId('field-frontEndServers');
  await servers.fill('2');
  await servers.press('Enter');
  await page.getByTestId('tab-steps').click();
  const panel = page.getByTestId('steps-panel');
  await expect(panel.locator('.plan-notes .note-blocking')).toContainText('FE-2019-NOT-TWO');
  await expect(page.getByTestId('step-tb-pool:pool-a').getByTestId('step-blocked')).toContainText('FE-2019-NOT-TWO');
  await expect(page.getByTestId('step-tb-pool:pool-b').getByTestId('step-blocked')).toHaveCount(0);
  const [ps1] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-ps1').click()]);
  const psText = fs.readFileSync((await ps1.path())!, 'utf8');
  expect(psText).toContain('[switch]$Force');
  expect(psText.indexOf('if (-not $Force) {')).toBeLessThan(psText.indexOf('function Invoke-PartPrepare'));
  await page.screenshot({ path: 'test-results/steps-blocked.png' });
});
