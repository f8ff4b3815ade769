import { expect, test } from '@playwright/test';
import { connect, count, handleBox, dropFromPalette, node, openDesigner, savedDocument, startEmpty } from './helpers';

test('build a 2019 pair from an empty canvas by dragging, and see no errors', async ({ page }) => {
  test.slow(); // a long journey (eight drops, a layout, five connections) on a shared CI machine
  await openDesigner(page);
  await startEmpty(page);
  // Two data centers.
  await dropFromPalette(page, 'site:central', 40, 60);
  await dropFromPalette(page, 'site:central', 460, 60);
  await expect(page.getByTestId('site-site-1')).toBeVisible();
  await expect(page.getByTestId('site-site-2')).toBeVisible();
  // A pool and an AG store in each (dropped inside the site frames).
  const s1 = (await page.getByTestId('site-site-1').boundingBox())!;
  const s2 = (await page.getByTestId('site-site-2').boundingBox())!;
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const inside = (b: { x: number; y: number; width: number; height: number }, fx: number, fy: number) => ({
    x: b.x - canvas.x + b.width * fx,
    y: b.y - canvas.y + b.height * fy,
  });
  let p = inside(s1, 0.5, 0.55);
  await dropFromPalette(page, 'frontEndPool', p.x, p.y);
  p = inside(s2, 0.5, 0.55);
  await dropFromPalette(page, 'frontEndPool', p.x, p.y);
  await expect(node(page, 'pool-1')).toBeVisible();
  await expect(node(page, 'pool-2')).toBeVisible();
  const s1b = (await page.getByTestId('site-site-1').boundingBox())!;
  const s2b = (await page.getByTestId('site-site-2').boundingBox())!;
  p = inside(s1b, 0.5, 0.93);
  await dropFromPalette(page, 'sqlStore', p.x, p.y);
  p = inside(s2b, 0.5, 0.93);
  await dropFromPalette(page, 'sqlStore', p.x, p.y);
  await expect(node(page, 'sql-1')).toBeVisible();
  await expect(node(page, 'sql-2')).toBeVisible();
  // A file store in each site (every pool needs one).
  const s1c = (await page.getByTestId('site-site-1').boundingBox())!;
  const s2c = (await page.getByTestId('site-site-2').boundingBox())!;
  p = inside(s1c, 0.5, 0.95);
  await dropFromPalette(page, 'fileStore', p.x, p.y);
  p = inside(s2c, 0.5, 0.95);
  await dropFromPalette(page, 'fileStore', p.x, p.y);
  await expect(node(page, 'fs-1')).toBeVisible();
  await expect(node(page, 'fs-2')).toBeVisible();
  await page.getByTestId('btn-layout').click(); // tidy up so every node is in view
  // Wait for the layout and its fit-view animation to finish before reading node positions.
  await expect(page.getByTestId('btn-layout')).toHaveAttribute('data-arranged', '1', { timeout: 20_000 });
  // Back Ends (a pool and a store can also be joined by a store link: the menu asks), file stores, the pairing.
  for (const [pool, sql] of [
    ['pool-1', 'sql-1'],
    ['pool-2', 'sql-2'],
  ] as const) {
    await connect(page, pool, sql);
    await page.getByRole('menuitem', { name: 'Back End' }).click();
  }
  await connect(page, 'pool-1', 'fs-1');
  await connect(page, 'pool-2', 'fs-2');
  await connect(page, 'pool-1', 'pool-2');
  let doc = await savedDocument(page);
  expect(doc?.links.map((l) => l.kind).sort()).toEqual(['backEnd', 'backEnd', 'fileStore', 'fileStore', 'pairing']);
  const sites = Object.fromEntries((doc?.nodes ?? []).map((n) => [n.id, (n as unknown as { siteId: string }).siteId]));
  expect(sites['pool-1']).toBe(sites['sql-1']);
  expect(sites['pool-1']).not.toBe(sites['pool-2']);
  // The CMS goes on the first pool.
  await node(page, 'pool-1').click();
  await page.getByRole('button', { name: 'Host the CMS here' }).click();
  doc = await savedDocument(page);
  await expect.poll(() => count(page, 'error')).toBe(0);
  await expect(page.getByTestId('count-error')).toContainText('0');
});

test('an impossible connection is refused with the reason while dragging', async ({ page }) => {
  await openDesigner(page);
  const from = node(page, 'fs-a');
  const hb = await handleBox(from, 'right');
  const tb = (await node(page, 'oos-a').boundingBox())!;
  await page.mouse.move(hb.x + 4, hb.y + 4);
  await page.mouse.down();
  await page.mouse.move(tb.x + tb.width / 2, tb.y + tb.height / 2, { steps: 12 });
  await expect(page.getByTestId('connection-hint')).toContainText('cannot be linked');
  await page.mouse.up();
  const links = (await savedDocument(page))?.links.length ?? 0;
  expect(links).toBe(11);
});

test("a card's handle starts a connection from the moment it shows, however busy the page", async ({ page }) => {
  await openDesigner(page);
  const from = node(page, 'fs-a');
  const target = (await node(page, 'oos-a').boundingBox())!;
  // Press the handle in the first task after it appears (before the next frame): what a
  // quick hand, or any press on a loaded machine, does.
  await from.evaluate(
    (card, to) => {
      const observer = new MutationObserver(() => {
        const handle = card.querySelector<HTMLElement>('.react-flow__handle-right');
        if (!handle) return;
        observer.disconnect();
        setTimeout(() => {
          const h = handle.getBoundingClientRect();
          const at = (x: number, y: number) => ({
            clientX: x,
            clientY: y,
            bubbles: true,
            cancelable: true,
            buttons: 1,
            button: 0,
          });
          handle.dispatchEvent(new MouseEvent('mousedown', at(h.x + h.width / 2, h.y + h.height / 2)));
          for (let i = 1; i <= 8; i++) {
            const x = h.x + ((to.x - h.x) * i) / 8;
            const y = h.y + ((to.y - h.y) * i) / 8;
            document.dispatchEvent(new MouseEvent('mousemove', at(x, y)));
          }
        }, 0);
      });
      observer.observe(card, { childList: true, subtree: true });
    },
    { x: target.x + target.width / 2, y: target.y + target.height / 2 },
  );
  await from.hover({ position: { x: 20, y: 20 } });
  await expect(page.getByTestId('connection-hint')).toContainText('cannot be linked');
  await page.evaluate(() => document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true })));
  await expect(page.getByTestId('connection-hint')).toHaveCount(0);
  expect((await savedDocument(page))?.links.length).toBe(11);
});

test('a selected card connects from its handle like any other', async ({ page }) => {
  await openDesigner(page);
  const from = node(page, 'fs-a');
  // Selecting the card gives React Flow a new node: its handles must still start a connection.
  await from.click({ position: { x: 20, y: 20 } });
  await expect(from).toHaveClass(/is-selected|selected/);
  const hb = await handleBox(from, 'right');
  const tb = (await node(page, 'oos-a').boundingBox())!;
  await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
  await page.mouse.down();
  await page.mouse.move(tb.x + tb.width / 2, tb.y + tb.height / 2, { steps: 12 });
  await expect(page.getByTestId('connection-hint')).toContainText('cannot be linked');
  await page.mouse.up();
  await expect(page.getByTestId('connection-hint')).toHaveCount(0);
  expect((await savedDocument(page))?.links.length).toBe(11);
});
