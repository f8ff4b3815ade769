import { expect, test } from '@playwright/test';
import { node, openDesigner, savedDocument } from './helpers';

test('right-click: a pool offers its commands, the canvas offers to add a site, and Esc closes without changing anything', async ({
  page,
}) => {
  await openDesigner(page);
  // A pool: selected by the right-click, with its commands.
  await node(page, 'pool-b').click({ button: 'right', position: { x: 40, y: 30 } });
  const menu = page.getByRole('menu', { name: 'Actions' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await expect(page.getByTestId('inspector').getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Pool B');
  await expect(menu.getByRole('menuitem', { name: /Host the Central Management store here/ })).toBeVisible();
  // Keyboard inside the menu: End goes to the last item (delete), Esc closes and keeps the selection.
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: /Delete/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  expect((await savedDocument(page))?.nodes.some((n) => n.id === 'pool-b')).toBe(true);
  await expect(node(page, 'pool-b')).toHaveClass(/selected/);

  // Simulating the loss of the pool from its menu.
  await node(page, 'pool-b').click({ button: 'right', position: { x: 40, y: 30 } });
  await menu.getByRole('menuitem', { name: 'Simulate the loss of this pool' }).click();
  await expect(page.getByRole('tab', { name: 'Failover simulation' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('btn-simulate')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('btn-simulate').click();

  // The empty part of the canvas: add a branch site where the pointer is.
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const sitesBefore = (await savedDocument(page))!.nodes.length;
  await page.mouse.click(canvas.x + 120, canvas.y + canvas.height - 60, { button: 'right' });
  await menu.getByRole('menuitem', { name: 'Add a branch site here' }).click();
  await expect
    .poll(
      async () =>
        ((await savedDocument(page)) as unknown as { sites: { kind: string }[] }).sites.filter((s) => s.kind === 'branch').length,
    )
    .toBe(1);
  expect((await savedDocument(page))!.nodes.length).toBe(sitesBefore);
  await page.keyboard.press('Control+z');
  await expect
    .poll(
      async () =>
        ((await savedDocument(page)) as unknown as { sites: { kind: string }[] }).sites.filter((s) => s.kind === 'branch').length,
    )
    .toBe(0);
});

test('keyboard only: Shift+F10 on a focused card opens its menu, and Delete from it removes the card with its links', async ({
  page,
}) => {
  await openDesigner(page);
  const card = page.locator('.react-flow__node[data-id="oos-b"]');
  await card.focus();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Actions' });
  await expect(menu).toBeVisible();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect.poll(async () => (await savedDocument(page))?.nodes.some((n) => n.id === 'oos-b')).toBe(false);
  expect((await savedDocument(page))!.links.some((l) => l.from === 'oos-b' || l.to === 'oos-b')).toBe(false);
});
