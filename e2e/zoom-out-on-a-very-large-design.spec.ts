import { expect, test, type Page } from '@playwright/test';
import { largeDesign, minimapCount, openSharedLink } from './helpers';

const cardsOnCanvas = (page: Page) => page.locator('.react-flow__node-topology');

test('a 10,000-node design: the canvas holds the part in view, zoomed far out it is one picture, zooming in brings the cards back', async ({
  page,
}) => {
  // Decoding and drawing 10,000 nodes takes a while on a loaded CI machine.
  test.setTimeout(600_000);
  const doc = largeDesign(10_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openSharedLink(page, doc);

  // It opens on its first site, with full cards: only the cards near the view are on the canvas.
  await expect(cardsOnCanvas(page).first()).toBeVisible({ timeout: 120_000 });
  const held = await page.locator('.react-flow__node').count();
  expect(held).toBeGreaterThan(0);
  expect(held).toBeLessThan(1_000);
  // The minimap still shows the whole design.
  await expect.poll(() => minimapCount(page), { timeout: 60_000 }).toBe(doc.nodes.length + doc.sites.length);

  // Fitted, the whole design is one picture, and the canvas says how to get the cards back.
  await page.getByRole('button', { name: 'Fit view' }).click();
  const picture = page.getByTestId('overview-picture');
  await expect(picture).toBeVisible({ timeout: 60_000 });
  await expect(picture).toHaveAttribute('data-cards', String(doc.nodes.length));
  await expect(page.getByTestId('overview-hint')).toContainText('10,000 servers');
  await expect(page.getByTestId('overview-hint')).toContainText('zoom in');
  await expect(cardsOnCanvas(page)).toHaveCount(0);

  // Zooming in on a part brings its cards back, as cards.
  const zoom = () =>
    page.evaluate(() => {
      const m = /scale\(([\d.]+)\)/.exec(document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '');
      return m ? Number(m[1]) : NaN;
    });
  const zoomIn = page.getByRole('button', { name: 'Zoom In' });
  for (let i = 0; i < 30 && (await zoom()) < 0.3; i++) {
    const before = await zoom();
    await zoomIn.click();
    await expect.poll(zoom, { timeout: 30_000 }).toBeGreaterThan(before * 1.1);
  }
  await expect(picture).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('overview-hint')).toHaveCount(0);
  await expect(cardsOnCanvas(page).first()).toBeVisible({ timeout: 60_000 });
  expect(await page.locator('.react-flow__node').count()).toBeLessThan(1_500);
  expect(errors).toEqual([]);
});
