/**
 * No design is ever lost: the browser database keeps every design, reloads find the same
 * one, tabs know about each other, a full disk is told every time, and what a link opens
 * autosave keeps and Save/Open round-trips.
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
  autosaveSettled,
  largeDesign,
  node,
  openDesigner,
  openSharedLink,
  savedDocument,
  storedDesigns,
  storedText,
} from './helpers';

const live = <T extends { deletedAt?: number }>(designs: T[]): T[] => designs.filter((d) => d.deletedAt === undefined);

async function rename(page: Page, name: string) {
  const field = page.getByTestId('doc-name');
  await field.fill(name);
  await field.press('Enter');
  await expect(field).toHaveValue(name);
  await autosaveSettled(page);
}

test('ten reloads keep one design and warn of nothing', async ({ page }) => {
  test.setTimeout(240_000);
  await openDesigner(page);
  await rename(page, 'Reloaded ten times');
  const id = await page.getByTestId('save-state').getAttribute('data-design-id');
  for (let i = 0; i < 10; i++) {
    await page.reload();
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await expect(page.getByTestId('doc-name')).toHaveValue('Reloaded ten times');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-mode', 'owner');
  }
  expect(await page.getByTestId('save-state').getAttribute('data-design-id')).toBe(id);
  await expect(page.getByTestId('notice-warning')).toHaveCount(0);
  await expect(page.getByTestId('notice-error')).toHaveCount(0);
  await expect(page.getByTestId('readonly-bar')).toHaveCount(0);
  expect(live(await storedDesigns(page)).map((d) => d.name)).toEqual(['Reloaded ten times']);
});

test('undo works after a reload', async ({ page }) => {
  await openDesigner(page);
  await node(page, 'edge-b').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'edge-b')).toHaveCount(0);
  await autosaveSettled(page);
  // The history is written just after the design.
  await expect
    .poll(
      async () =>
        (await storedText(page, 'history', (await page.getByTestId('save-state').getAttribute('data-design-id'))!))?.length ?? 0,
    )
    .toBeGreaterThan(100);
  await page.reload();
  await expect(node(page, 'pool-a')).toBeVisible();
  await expect(node(page, 'edge-b')).toHaveCount(0);
  await page.getByTestId('btn-undo').click();
  await expect(node(page, 'edge-b')).toBeVisible();
});

test('two tabs opened in the same instant: one edits, one shows the design read-only and can take over', async ({
  context,
  page,
}) => {
  test.setTimeout(180_000);
  await openDesigner(page);
  await rename(page, 'Opened twice');
  await page.close();
  const [a, b] = [await context.newPage(), await context.newPage()];
  await Promise.all([a.goto('./'), b.goto('./')]);
  for (const p of [a, b]) await expect(p.getByTestId('doc-name')).toHaveValue('Opened twice');
  await expect
    .poll(async () =>
      [
        await a.getByTestId('save-state').getAttribute('data-mode'),
        await b.getByTestId('save-state').getAttribute('data-mode'),
      ].sort(),
    )
    .toEqual(['owner', 'readOnly']);
  const owner = (await a.getByTestId('save-state').getAttribute('data-mode')) === 'owner' ? a : b;
  const viewer = owner === a ? b : a;
  await expect(viewer.getByTestId('readonly-bar')).toBeVisible();
  await expect(owner.getByTestId('readonly-bar')).toHaveCount(0);

  // The read-only tab refuses edits and says why; the design stays as it is.
  await node(viewer, 'edge-b').click();
  await viewer.keyboard.press('Delete');
  await expect(node(viewer, 'edge-b')).toBeVisible();
  await expect(viewer.getByTestId('notice-warning').last()).toContainText('read-only');

  // It follows the owner's changes.
  await rename(owner, 'Edited in the owner tab');
  await expect(viewer.getByTestId('doc-name')).toHaveValue('Edited in the owner tab');

  // Take over here: the roles swap, and nothing is copied.
  await viewer.getByTestId('take-over').click();
  await expect(viewer.getByTestId('save-state')).toHaveAttribute('data-mode', 'owner');
  await expect(owner.getByTestId('save-state')).toHaveAttribute('data-mode', 'readOnly');
  await node(viewer, 'edge-b').click();
  await viewer.keyboard.press('Delete');
  await expect(node(viewer, 'edge-b')).toHaveCount(0);
  await expect(node(owner, 'edge-b')).toHaveCount(0);
  expect(live(await storedDesigns(viewer))).toHaveLength(1);

  // Or work on a copy: the read-only tab gets a design of its own.
  await owner.getByTestId('work-on-copy').click();
  await expect(owner.getByTestId('save-state')).toHaveAttribute('data-mode', 'owner');
  await expect(owner.getByTestId('doc-name')).toHaveValue('Edited in the owner tab (copy)');
  await autosaveSettled(owner);
  expect(live(await storedDesigns(owner))).toHaveLength(2);
});

test('full storage: every failed save says so and offers a way out; no design is deleted', async ({ page }) => {
  // Emulates a full disk: once switched on, every IndexedDB write fails as Chromium's do when the quota is used up.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args: Parameters<IDBObjectStore['put']>) {
      if (sessionStorage.getItem('storage-full') === '1')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await openDesigner(page);
  await page.getByTestId('btn-new').click();
  await page.getByTestId('new-global').click(); // a second design in the library
  await autosaveSettled(page);
  const before = live(await storedDesigns(page));
  expect(before).toHaveLength(2);

  await page.evaluate(() => sessionStorage.setItem('storage-full', '1'));
  for (let i = 1; i <= 3; i++) {
    await page.getByTestId('doc-name').fill(`Edit ${i} on a full disk`);
    await page.getByTestId('doc-name').press('Enter');
    const notice = page.getByTestId('notice-error').last();
    await expect(notice).toContainText(i === 1 ? 'Autosave failed' : `${i} times`);
    await expect(notice).toContainText('nothing stored was deleted');
    await expect(notice).toContainText('Save a file');
    await expect(page.getByTestId('save-state')).toHaveText('not autosaved');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
  }
  // The way out: My designs, from the notice.
  await page.getByTestId('doc-name').fill('Edit 4 on a full disk');
  await page.getByTestId('doc-name').press('Enter');
  await page.getByTestId('notice-error').last().getByRole('button', { name: 'My designs' }).click();
  await expect(page.getByTestId('dialog-library')).toBeVisible();
  await expect(page.getByTestId('lib-storage')).toContainText('used in this browser');
  await page.keyboard.press('Escape');

  await page.evaluate(() => sessionStorage.removeItem('storage-full'));
  await page.getByTestId('doc-name').fill('Space again');
  await page.getByTestId('doc-name').press('Enter');
  await expect(page.getByTestId('notice-success').last()).toContainText('Autosave works again');
  const after = live(await storedDesigns(page));
  expect(after.map((d) => d.id).sort()).toEqual(before.map((d) => d.id).sort());
  expect((await savedDocument(page))?.name).toBe('Space again');
});

test('designs autosaved by the earlier version appear in My designs after the upgrade', async ({ page }) => {
  await page.addInitScript(() => {
    if (localStorage.getItem('sfb-designer:v1:last')) return;
    const doc = (name: string) => ({
      format: 'sfb-topology',
      version: 1,
      name,
      deployment: { cmsHost: null, mode: 'greenfield' },
      sites: [{ id: 'dc1', name: 'Amsterdam', kind: 'central' }],
      nodes: [],
      links: [],
    });
    localStorage.setItem(
      'sfb-designer:v1:doc:old-a',
      JSON.stringify({ slot: 'old-a', savedAt: Date.now() - 86_400_000, doc: doc('Old design A') }),
    );
    localStorage.setItem(
      'sfb-designer:v1:doc:old-b',
      JSON.stringify({ slot: 'old-b', savedAt: Date.now() - 3_600_000, doc: doc('Old design B') }),
    );
    localStorage.setItem('sfb-designer:v1:last', 'old-b');
  });
  await page.goto('./');
  await expect(page.getByTestId('doc-name')).toHaveValue('Old design B');
  await expect(page.getByTestId('notice-info').first()).toContainText('2 designs autosaved by the earlier version');
  await page.getByTestId('btn-library').click();
  await expect(page.getByTestId('lib-row-old-a')).toContainText('Old design A');
  await expect(page.getByTestId('lib-row-old-b')).toContainText('this tab');
  // A reload does not bring them in twice.
  await page.reload();
  await expect(page.getByTestId('doc-name')).toHaveValue('Old design B');
  expect(live(await storedDesigns(page))).toHaveLength(2);
});

test('My designs: rename, duplicate, delete to the trash, restore, and export all / import all', async ({ page }) => {
  await openDesigner(page);
  await rename(page, 'Library design');
  await page.getByTestId('btn-new').click();
  await page.getByTestId('new-empty').click();
  await autosaveSettled(page);
  await page.getByTestId('btn-library').click();
  const dialog = page.getByTestId('dialog-library');
  const row = dialog.locator('tr', { hasText: 'Library design' });
  await row.getByTestId('lib-rename').click();
  await dialog.getByTestId('lib-rename-input').fill('Amsterdam and Dublin');
  await dialog.getByTestId('lib-rename-input').press('Enter');
  const renamed = dialog.locator('tr', { hasText: 'Amsterdam and Dublin' });
  await expect(renamed).toBeVisible();
  await renamed.getByTestId('lib-duplicate').click();
  await expect(dialog.locator('tr', { hasText: 'Amsterdam and Dublin (copy)' })).toBeVisible();
  await dialog.locator('tr', { hasText: 'Amsterdam and Dublin (copy)' }).getByTestId('lib-delete').click();
  await expect(dialog.getByTestId('lib-message')).toContainText('in the trash for 30 days');
  await dialog.getByTestId('lib-tab-trash').click();
  const trashed = dialog.locator('tr', { hasText: 'Amsterdam and Dublin (copy)' });
  await expect(trashed).toContainText('goes for good in 30 days');
  await trashed.getByTestId('lib-restore').click();
  await expect(dialog.getByTestId('lib-empty')).toBeVisible();
  await dialog.getByTestId('lib-tab-designs').click();
  await expect(dialog.locator('tbody tr')).toHaveCount(3);

  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('lib-export').click()]);
  const file = await download.path();
  const bundle = JSON.parse(fs.readFileSync(file!, 'utf8')) as { designs: { name: string }[] };
  expect(bundle.designs.map((d) => d.name).sort()).toEqual(
    ['Amsterdam and Dublin', 'Amsterdam and Dublin (copy)', 'Untitled design'].sort(),
  );
  // Import into the same library: nothing twice.
  await dialog.getByTestId('lib-import-input').setInputFiles(file!);
  await expect(dialog.getByTestId('lib-message')).toContainText('Imported 0 designs');
  await expect(dialog.getByTestId('lib-message')).toContainText('3 already in the library');

  // Open a design from the list.
  await dialog.locator('tr', { hasText: 'Amsterdam and Dublin (copy)' }).getByTestId('lib-open').click();
  await expect(page.getByTestId('doc-name')).toHaveValue('Amsterdam and Dublin (copy)');
});

test('a crash during an edit loses nothing: the last change is there on reopening', async ({ browser, context, page }) => {
  await openDesigner(page);
  await node(page, 'pool-a').click();
  await page.getByTestId('field-name').fill('Pool A renamed');
  await expect(node(page, 'pool-a')).toContainText('Pool A renamed');
  await autosaveSettled(page);
  // What the browser holds at this instant, with no unload handler given a chance to run:
  const persisted = await context.storageState({ indexedDB: true });
  await context.close();
  const reopened = await browser.newContext({ storageState: persisted, viewport: { width: 1440, height: 900 } });
  const again = await reopened.newPage();
  await again.goto('./');
  await expect(node(again, 'pool-a')).toContainText('Pool A renamed');
  await reopened.close();
});

test('an 8 MB design opened from a link survives a reload and round-trips through Save and Open', async ({ page }) => {
  // 10,000 nodes: the rules and the canvas take minutes on a loaded CI machine (decoding runs in a worker).
  test.setTimeout(900_000);
  const doc = largeDesign(10_000);
  await openSharedLink(page, doc);
  await autosaveSettled(page);
  const stored = await savedDocument(page);
  expect(stored?.nodes).toHaveLength(10_000);

  await page.reload();
  await expect(page.getByTestId('doc-name')).toHaveValue(doc.name, { timeout: 300_000 });
  expect(await page.getByTestId('save-state').getAttribute('data-mode')).toBe('owner');
  await expect(page.getByTestId('notice-error')).toHaveCount(0);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('btn-save').click()]);
  const file = await download.path();
  const size = fs.statSync(file!).size;
  expect(size).toBeGreaterThan(7_000_000);
  // Open the saved file: it is accepted (the one limit holds for both) and becomes a new design.
  const designId = await page.getByTestId('save-state').getAttribute('data-design-id');
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: fs.readFileSync(file!) });
  await expect(page.getByTestId('save-state')).not.toHaveAttribute('data-design-id', designId!, { timeout: 300_000 });
  await expect(page.getByTestId('doc-name')).toHaveValue(doc.name);
  await expect(page.getByTestId('notice-error')).toHaveCount(0);
  await autosaveSettled(page);
  expect((await savedDocument(page))?.nodes).toHaveLength(10_000);
});
