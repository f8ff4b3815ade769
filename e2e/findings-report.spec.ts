import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { count, node, openDesigner } from './helpers';

test('download the findings for a design review, as Markdown and as CSV', async ({ page }) => {
  await openDesigner(page);
  // Make an error to report: a 2019 Back End switched to mirroring.
  await node(page, 'sql-a').click({ position: { x: 30, y: 20 } });
  await page.getByTestId('field-haMode').selectOption('mirroring');
  await expect(page.getByTestId('finding-BE-MIRROR-2019')).toHaveCount(1);

  const errors = await count(page, 'error');
  const total = errors + (await count(page, 'warning')) + (await count(page, 'info'));
  const downloads = page.getByRole('group', { name: 'Download the findings' });
  const [md] = await Promise.all([
    page.waitForEvent('download'),
    downloads.getByRole('button', { name: 'Download the findings as Markdown' }).click(),
  ]);
  expect(md.suggestedFilename()).toMatch(/findings\.md$/);
  const mdText = fs.readFileSync((await md.path())!, 'utf8');
  expect(mdText).toMatch(/^# Findings: Contoso 2019/m);
  expect(mdText).toContain(`## Errors (${errors})`);
  expect(mdText).toContain('### `BE-MIRROR-2019`');
  expect(mdText).toContain('Back End A (sql-a)');

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    downloads.getByRole('button', { name: 'Download the findings as CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/findings\.csv$/);
  const csvText = fs.readFileSync((await csv.path())!, 'utf8');
  const lines = csvText.trimEnd().split('\r\n');
  expect(lines[0]).toBe('"Severity","Rule","Message","Concerns","Fix","Sources"');
  expect(lines.slice(1, errors + 1).every((l) => l.startsWith('"error",'))).toBe(true);
  expect(lines.some((l) => l.startsWith('"error","BE-MIRROR-2019",'))).toBe(true);
  expect(lines).toHaveLength(total + 1);
});
