import { expect, test } from '@playwright/test';
import { node, openDesigner, savedDocument } from './helpers';

test('copy a share link, open it in a fresh browser, and see the same design', async ({ page, browser }) => {
  await openDesigner(page);
  await node(page, 'edge-b').click();
  await page.keyboard.press('Delete');
  const original = await savedDocument(page);
  await page.getByTestId('btn-share').click();
  await expect(page.getByTestId('link-size')).toContainText('characters');
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toContainText('Copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#t\d+\./);
  expect(link.length).toBeLessThan(2000);

  const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(node(other, 'pool-a')).toBeVisible();
  await expect(node(other, 'edge-b')).toHaveCount(0);
  await expect(other.getByTestId('doc-name')).toHaveValue(original!.name);
  // The link has done its job: the address no longer holds it, so a reload shows the autosaved design.
  expect(new URL(other.url()).hash).toBe('');
  const opened = await savedDocument(other);
  expect(opened?.nodes.map((n) => n.id).sort()).toEqual(original?.nodes.map((n) => n.id).sort());
  expect(opened?.links.length).toBe(original?.links.length);
  await fresh.close();
});

test('a broken link says what is wrong and keeps the current work', async ({ page }) => {
  await openDesigner(page);
  const name = page.getByTestId('doc-name');
  await name.fill('My own work');
  await name.press('Enter');
  await page.goto('./#t1.AAAAthis-is-not-a-real-link');
  await expect(page.getByTestId('notice-error')).toContainText('could not be opened');
  await expect(page.getByTestId('doc-name')).toHaveValue('My own work');
  await expect(node(page, 'pool-a')).toBeVisible();
});

test('opening a good link keeps the previous design one undo away', async ({ page }) => {
  await openDesigner(page);
  await page.getByTestId('btn-share').click();
  const link = await page.getByTestId('share-link').inputValue();
  await page.keyboard.press('Escape');
  await page.getByTestId('btn-new').click();
  await page.getByTestId('new-pair-2015-mirror').click();
  await expect(node(page, 'pool-ny')).toBeVisible();
  await page.goto(link);
  await expect(node(page, 'pool-a')).toBeVisible();
  await expect(page.getByTestId('notice-info').filter({ hasText: 'Opened shared design' })).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Control+z');
  await expect(node(page, 'pool-ny')).toBeVisible();
});
