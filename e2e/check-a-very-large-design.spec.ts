import { expect, test, type Page } from '@playwright/test';
import { largeDesign, openSharedLink } from './helpers';

/** Goes to a node through Find, as an architect does on a design too large to read at fit view. */
async function findNode(page: Page, text: string) {
  await page.keyboard.press('Control+k');
  const input = page.getByTestId('find-input');
  await input.fill(text);
  await expect(page.getByTestId('find-results').getByRole('option').first()).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('dialog-find')).toHaveCount(0);
}

test('a 10,000-node design opens from a link and is checked in the background: the page answers meanwhile, and an edit shows its finding', async ({
  page,
}) => {
  // 10,000 nodes: decoding, drawing and checking take minutes on a loaded CI machine.
  test.setTimeout(900_000);
  const doc = largeDesign(10_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The rule worker's script is held back until the page has been used: the check is
  // still running when the click below happens, whatever the machine's speed.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.context().route(/rules-worker[^/]*\.js/, async (route) => {
    await held;
    await route.continue();
  });
  await openSharedLink(page, doc);

  // Being checked: the counts say so, and the list does not claim the design is clean.
  await expect(page.getByTestId('rules-loading')).toContainText('Checking the design', { timeout: 120_000 });
  await expect(page.getByTestId('findings-empty')).toHaveCount(0);
  // The page answers while the design is checked: the legend opens on a click.
  await page.getByTestId('legend-toggle').click();
  await expect(page.getByTestId('legend')).toBeVisible();
  await expect(page.getByTestId('rules-loading')).toBeVisible();
  await page.getByTestId('legend-toggle').click();
  await expect(page.getByTestId('legend')).toHaveCount(0);

  // The findings arrive: the generated estate is clean of errors, with advice.
  release();
  await expect(page.getByTestId('count-error')).toContainText(/^\s*0 errors/, { timeout: 300_000 });
  await expect(page.getByTestId('count-info')).not.toContainText(/^\s*0 /);

  // An edit: the Back End of a pool is deleted. The pool's error appears in the counts and its to-do in its inspector.
  const pool = doc.nodes.find((n) => n.kind === 'frontEndPool')!;
  const backEnd = doc.links.find((l) => l.kind === 'backEnd' && l.from === pool.id);
  const storeId = backEnd?.to;
  const store = doc.nodes.find((n) => n.id === storeId)!;
  expect(store.kind).toBe('sqlStore');
  // Only this pool uses the store (the generator gives each pool its own).
  expect(doc.links.filter((l) => l.kind === 'backEnd' && l.to === store.id)).toHaveLength(1);
  await findNode(page, store.fqdn);
  await expect(page.getByTestId('inspector').getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(store.name);
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('count-error')).toContainText(/^\s*[1-9]\d* errors?/, { timeout: 300_000 });
  await findNode(page, pool.fqdn);
  // The pool's inspector lists what is left to do, from the new findings.
  await expect(page.getByTestId('inspector')).toContainText('Connect a Back End SQL store', { timeout: 120_000 });
  expect(errors).toEqual([]);
});
