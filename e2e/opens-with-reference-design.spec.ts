import { expect, test } from '@playwright/test';
import { count, openDesigner, startEmpty } from './helpers';

test('the designer opens with a reference design on the canvas', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Nothing the page does is refused by its own Content-Security-Policy.
  await page.addInitScript(() => {
    const refused: string[] = [];
    (window as unknown as { refusedByPolicy: string[] }).refusedByPolicy = refused;
    document.addEventListener('securitypolicyviolation', (e) =>
      refused.push(`${e.effectiveDirective} refused ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  await openDesigner(page);
  await expect(page.getByTestId('node-pool-a')).toBeVisible();
  await expect(page.getByTestId('node-pool-b')).toBeVisible();
  await expect(page.getByTestId('site-dc1')).toBeVisible();
  await expect(page.getByTestId('doc-name')).toHaveValue(/2019/);
  await expect(page.getByTestId('edge-label-l11')).toContainText('backup pool'); // the pairing is labelled
  expect(await count(page, 'error')).toBe(0);
  expect(errors).toEqual([]);
  // The findings are shown: the design has been parsed and checked by now.
  await expect(page.getByTestId('findings').or(page.getByTestId('findings-empty'))).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { refusedByPolicy: string[] }).refusedByPolicy)).toEqual([]);
});

test('an empty canvas is never blank: it offers the reference designs as one-click starts', async ({ page }) => {
  await openDesigner(page);
  await startEmpty(page);
  const starts = page.getByRole('list', { name: 'Reference designs' });
  await expect(starts.getByRole('button')).toHaveCount(4);
  await expect(page.getByTestId('minimap')).toHaveCount(0); // no empty minimap
  await starts.getByRole('button', { name: /2015 paired pools, SQL mirroring/ }).click();
  await expect(page.getByTestId('empty-canvas')).toHaveCount(0);
  await expect(page.getByTestId('doc-name')).toHaveValue(/2015/);
  await expect(page.getByTestId('minimap')).toHaveCount(1);
  // The empty design it replaced is one undo away, as with New.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('empty-canvas')).toBeVisible();
});
