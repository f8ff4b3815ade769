import { expect, test } from '@playwright/test';
import { node, openDesigner, savedDocument } from './helpers';

type Doc = { nodes: { id: string; siteId: string }[]; layout: Record<string, { x: number; y: number }> };

test('dragging a node into another site moves it there; dragging a site moves its nodes; undo restores', async ({ page }) => {
  await openDesigner(page);
  const from = (await node(page, 'oos-a').boundingBox())!;
  const target = (await page.getByTestId('site-dc2').boundingBox())!;
  await page.mouse.move(from.x + 60, from.y + 30);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height - 30, { steps: 15 });
  await expect(page.getByTestId('site-dc2')).toHaveClass(/is-drop-target/);
  await page.mouse.up();
  await expect
    .poll(async () => ((await savedDocument(page)) as unknown as Doc).nodes.find((n) => n.id === 'oos-a')?.siteId)
    .toBe('dc2');

  const before = (await savedDocument(page)) as unknown as Doc;
  const header = page.getByTestId('site-dc1').locator('.site-header');
  const hb = (await header.boundingBox())!;
  await page.mouse.move(hb.x + 40, hb.y + hb.height / 2);
  await page.mouse.down();
  await page.mouse.move(hb.x + 40, hb.y + hb.height / 2 + 120, { steps: 10 });
  await page.mouse.up();
  const after = (await savedDocument(page)) as unknown as Doc;
  const dy = after.layout['pool-a']!.y - before.layout['pool-a']!.y;
  expect(dy).toBeGreaterThan(40);
  expect(after.layout['sql-a']!.y - before.layout['sql-a']!.y).toBe(dy);
  expect(after.layout['pool-b']!.y).toBe(before.layout['pool-b']!.y);

  await page.keyboard.press('Control+z');
  await expect
    .poll(async () => ((await savedDocument(page)) as unknown as Doc).layout['pool-a']!.y)
    .toBe(before.layout['pool-a']!.y);
  await page.keyboard.press('Control+z');
  await expect
    .poll(async () => ((await savedDocument(page)) as unknown as Doc).nodes.find((n) => n.id === 'oos-a')?.siteId)
    .toBe('dc1');
});
