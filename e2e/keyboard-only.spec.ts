import { expect, test } from '@playwright/test';
import { node, openDesigner, savedDocument } from './helpers';

test('keyboard only: add a pool and a store from the palette and link them', async ({ page }) => {
  await openDesigner(page);
  const before = (await savedDocument(page))?.nodes.length ?? (await page.locator('.react-flow__node-topology').count());
  await page.getByTestId('palette-frontEndPool').focus();
  await page.keyboard.press('Enter');
  await expect(node(page, 'pool-1')).toBeVisible();
  await page.getByTestId('palette-sqlStore').focus();
  await page.keyboard.press('Enter');
  await expect(node(page, 'sql-1')).toBeVisible();
  // Select both with the keyboard-friendly select-all of the new nodes: focus each and use the inspector-free L shortcut.
  await page.evaluate(() => document.body.focus());
  await page.locator('.react-flow__node[data-id="pool-1"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('.react-flow__node[data-id="sql-1"]').focus();
  await page.keyboard.down('Control');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Control');
  await page.keyboard.press('l');
  await expect
    .poll(async () =>
      (await savedDocument(page))?.links.some((l) => l.kind === 'backEnd' && l.from === 'pool-1' && l.to === 'sql-1'),
    )
    .toBe(true);
  expect((await savedDocument(page))!.nodes.length).toBe(before + 2);
});

test('? opens the shortcut list and Esc closes it', async ({ page }) => {
  await openDesigner(page);
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('?');
  await expect(page.getByTestId('dialog-shortcuts')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('dialog-shortcuts')).toHaveCount(0);
});
