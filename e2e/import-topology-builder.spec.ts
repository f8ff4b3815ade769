import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { openDesigner, savedDocument } from './helpers';

/** The project's own Topology Builder documents (app/import/fixtures/README.md). */
/** The summary opens once the imported design is laid out (elk), which takes seconds on a loaded machine. */
const LAYOUT_TIMEOUT = 30_000;
const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../app/import/fixtures');

test('import a saved Topology Builder file: laid out, with a summary of what to confirm', async ({ page }) => {
  await openDesigner(page);
  await page.getByTestId('file-input').setInputFiles(path.join(FIXTURES, 'builder-file.tbxml'));
  await expect(page.getByTestId('dialog-import')).toBeVisible({ timeout: LAYOUT_TIMEOUT });
  await expect(page.getByTestId('dialog-import')).toContainText('Please confirm');
  await page.getByRole('button', { name: 'OK', exact: true }).click();
  const doc = await savedDocument(page);
  expect(doc?.nodes.some((n) => n.kind === 'frontEndPool')).toBe(true);
  expect(doc?.nodes.some((n) => n.kind === 'edgePool')).toBe(true);
  await expect(page.locator('.react-flow__node-topology')).toHaveCount(doc!.nodes.length);
});

test('import the UTF-16 published topology by dropping it on the page', async ({ page }) => {
  await openDesigner(page);
  const bytes = fs.readFileSync(path.join(FIXTURES, 'published-standard-edition.utf16.xml'));
  const dt = await page.evaluateHandle((b64) => {
    const bin = atob(b64);
    const arr = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    const d = new DataTransfer();
    d.items.add(new File([arr], 'DefaultTopology.xml', { type: 'text/xml' }));
    return d;
  }, bytes.toString('base64'));
  await page.dispatchEvent('.app', 'drop', { dataTransfer: dt });
  await expect(page.getByTestId('dialog-import')).toBeVisible({ timeout: LAYOUT_TIMEOUT });
  await page.getByRole('button', { name: 'OK', exact: true }).click();
  const doc = await savedDocument(page);
  expect(doc?.nodes.some((n) => n.kind === 'standardEditionServer')).toBe(true);
});

test('a 2019-era document asks "2019 or Subscription Edition?" and applies the answer to every server role', async ({ page }) => {
  await openDesigner(page);
  await page.getByTestId('file-input').setInputFiles(path.join(FIXTURES, 'published-enterprise-ag.xml'));
  const dialog = page.getByTestId('dialog-import');
  await expect(dialog).toBeVisible({ timeout: LAYOUT_TIMEOUT });
  const question = dialog.getByTestId('import-version-question');
  await expect(question).toContainText('Skype for Business Server 2019 or Subscription Edition?');
  await expect(question).toContainText('does not say which one runs here');
  // The importer's reading is chosen; the question replaces its warning line.
  await expect(question.getByTestId('import-version-2019')).toBeChecked();
  await expect(dialog).not.toContainText('ServiceVersion 8 is');
  await question.getByTestId('import-version-se').check();
  await expect(question.getByTestId('import-version-se')).toBeChecked();
  await page.getByRole('button', { name: 'OK', exact: true }).click();
  await expect
    .poll(async () => {
      const doc = await savedDocument(page);
      return [...new Set(doc?.nodes.flatMap((n) => (n as { productVersion?: string }).productVersion ?? []))];
    })
    .toEqual(['SE']);
  // One undoable edit: Ctrl+Z brings the 2019 reading back.
  await page.keyboard.press('Control+z');
  await expect
    .poll(async () => {
      const doc = await savedDocument(page);
      return [...new Set(doc?.nodes.flatMap((n) => (n as { productVersion?: string }).productVersion ?? []))];
    })
    .toEqual(['2019']);
});
