import { expect, test } from '@playwright/test';
import type { Topology } from '../app/model/schema';
import { designOpened, largeDesign, minimapCount, openDesigner, openSharedLink, openWith, savedDocument } from './helpers';

// Opening a 500-node design on a loaded 2-core runner may take a while (designOpened waits for it).
test.describe.configure({ timeout: 120_000 });

test('a 500-node design opens whole, as compact cards with every link drawn; zooming in shows the full cards', async ({
  page,
}) => {
  const doc = largeDesign(500);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openWith(page, doc);
  await designOpened(page);

  // The whole design is in view, zoomed out: compact cards, every link drawn.
  await expect(page.getByTestId('canvas')).toHaveClass(/detail-overview/);
  await expect(page.locator('.react-flow__node-topology')).toHaveCount(doc.nodes.length);
  await expect(page.locator('.topo-node.is-compact')).toHaveCount(doc.nodes.length);
  await expect(page.locator('.react-flow__edge-topology')).toHaveCount(doc.links.length);
  // The WAN links between its sites are drawn too.
  await expect(page.locator('.react-flow__edge-siteLink')).toHaveCount(doc.siteLinks?.length ?? 0);
  // The minimap shows the whole design, large or not.
  await expect(page.getByRole('img', { name: 'Minimap' })).toBeVisible();
  await expect.poll(() => minimapCount(page)).toBe(doc.nodes.length + doc.sites.length);
  // In the overview a card is a block of its kind's colour: its name is in its accessible
  // name and tooltip, not drawn two pixels high.
  await expect(page.locator('.topo-node.is-block')).toHaveCount(doc.nodes.length);
  const pool = doc.nodes.find((n) => n.kind === 'frontEndPool')!;
  const block = page.getByTestId(`node-${pool.id}`);
  await expect(block).toHaveAttribute('aria-label', new RegExp(`Front End pool ${pool.name}`));
  await expect(block).toHaveAttribute('title', new RegExp(pool.name));
  await expect(block).not.toContainText(pool.name);
  // Zoomed in to the compact level, the name is drawn large.
  await page.getByTestId('canvas').hover();
  for (let i = 0; i < 12 && !(await page.getByTestId('canvas').getAttribute('class'))?.includes('detail-compact'); i++) {
    await page.mouse.wheel(0, -200);
    await page.waitForTimeout(80);
  }
  await expect(page.getByTestId('canvas')).toHaveClass(/detail-compact/);
  await expect(page.locator('.topo-node.is-block')).toHaveCount(0);
  await expect(page.locator('.topo-node-compact-name').first()).toBeVisible();

  // A finding centres its node: zoomed in, the card is whole again, FQDN and facts included.
  // The generated design is a clean format v2 estate: advice only, no error or warning.
  await expect(page.getByTestId('count-error')).toContainText(/^\s*0 errors/);
  await expect(page.getByTestId('count-warning')).toContainText(/^\s*0 warnings/);
  // Advice is folded away at first: the list says there are no errors or warnings.
  await expect(page.getByTestId('findings-filtered-empty')).toContainText('No errors or warnings.');
  await page.getByTestId('advice-toggle').click();
  await page
    .getByRole('button', { name: /^advice BE-HA-TOOLING/ })
    .first()
    .click();
  await expect(page.getByTestId('canvas')).toHaveClass(/detail-full/);
  // The minimap shows the selection too.
  await expect(page.getByTestId('minimap').locator('path.is-selected')).not.toHaveCount(0);
  const store = doc.nodes.find((n) => n.kind === 'sqlStore')!;
  const card = page.getByTestId(`node-${store.id}`);
  await expect(card).not.toHaveClass(/is-compact/);
  await expect(card).toContainText(store.fqdn);
  // Handles appear where a connection can start: on hover.
  await card.hover();
  await expect(card.locator('.react-flow__handle-right')).toBeVisible();
  expect(errors).toEqual([]);
});

test('dragging a card of a large design moves it, as one undo step, and leaves its links attached', async ({ page }) => {
  const doc = largeDesign(500);
  await openWith(page, doc);
  await designOpened(page);
  await expect(page.locator('.react-flow__edge-topology')).toHaveCount(doc.links.length);
  const pool = doc.nodes.find((n) => n.kind === 'frontEndPool')!;
  const card = page.getByTestId(`node-${pool.id}`);
  const box = (await card.boundingBox())!;
  const zoom = await page.evaluate(() =>
    Number(/scale\(([\d.]+)\)/.exec((document.querySelector('.react-flow__viewport') as HTMLElement).style.transform)?.[1]),
  );
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 4, box.y + box.height / 2 + 1, { steps: 2 });
  await page.mouse.move(box.x + box.width / 2 + 12, box.y + box.height / 2 + 2, { steps: 4 });
  await page.mouse.up();
  await expect
    .poll(async () => ((await savedDocument(page)) as Topology | undefined)?.layout?.[pool.id]?.x)
    .toBeGreaterThan(doc.layout![pool.id]!.x + 6 / zoom);
  await expect(page.locator('.react-flow__edge-topology')).toHaveCount(doc.links.length);
  await page.keyboard.press('Control+z');
  await expect
    .poll(async () => ((await savedDocument(page)) as Topology | undefined)?.layout?.[pool.id]?.x)
    .toBe(doc.layout![pool.id]!.x);
});

test('the minimap shows where the view is, and a click in it moves the view there', async ({ page }) => {
  const doc = largeDesign(500);
  await openWith(page, doc);
  await designOpened(page);
  const map = page.getByTestId('minimap');
  await expect.poll(() => minimapCount(page)).toBe(doc.nodes.length + doc.sites.length);
  // Zoomed in, the view is a small rectangle of the map.
  await page.getByTestId('canvas').hover();
  for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -200);
  const viewBox = async () => (await map.locator('.design-map-view').boundingBox())!;
  const mapBox = (await map.boundingBox())!;
  await expect.poll(async () => (await viewBox()).width).toBeLessThan(mapBox.width / 2);
  // A click near the map's bottom-left corner brings the view there: the rectangle is centred on the click.
  const target = { x: mapBox.x + mapBox.width * 0.2, y: mapBox.y + mapBox.height * 0.8 };
  await page.mouse.click(target.x, target.y);
  await expect
    .poll(async () => {
      const v = await viewBox();
      return Math.hypot(v.x + v.width / 2 - target.x, v.y + v.height / 2 - target.y);
    })
    .toBeLessThan(3);
});

test('a 1,000-node design opens fitted, as one picture of all of it with the minimap; zooming in brings its cards back', async ({
  page,
}) => {
  const doc = largeDesign(1_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // From a link opened over the drawn reference design: the page replaces the design it shows.
  await openDesigner(page);
  await openSharedLink(page, doc);
  // Nothing is left waiting: the canvas says it is done although it routes no link of the picture.
  await designOpened(page);

  const picture = page.getByTestId('overview-picture');
  await expect(picture).toBeVisible();
  await expect(picture).toHaveAttribute('data-cards', String(doc.nodes.length));
  await expect(page.getByTestId('overview-hint')).toContainText('1,000 servers');
  await expect(page.locator('.react-flow__node-topology')).toHaveCount(0);
  await expect.poll(() => minimapCount(page)).toBe(doc.nodes.length + doc.sites.length);

  // Zoomed in on a part, that part is cards again: only some of them, and no picture.
  await page.getByTestId('canvas').hover();
  for (let i = 0; i < 20 && (await picture.count()) > 0; i++) {
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(150);
  }
  await expect(picture).toHaveCount(0);
  await expect(page.locator('.react-flow__node-topology').first()).toBeVisible();
  expect(await page.locator('.react-flow__node-topology').count()).toBeLessThan(doc.nodes.length);
  await designOpened(page);
  expect(errors).toEqual([]);
});

test('a large share link opened on a first visit draws nothing before it: Undo goes back to an empty design', async ({
  page,
}) => {
  const doc = largeDesign(1_000);
  // Notes whether the reference design a first visit starts with is ever drawn.
  await page.addInitScript(() => {
    const seen = { reference: false, progress: false, invitationMeanwhile: false };
    (window as unknown as { drawn: typeof seen }).drawn = seen;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="site-dc1"], [data-testid="node-pool-a"]')) seen.reference = true;
      if (!document.querySelector('[data-testid="open-progress"]')) return;
      seen.progress = true;
      // While the link opens, the empty design does not invite the user to start one.
      if (document.querySelector('[data-testid="empty-canvas"]')) seen.invitationMeanwhile = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await openSharedLink(page, doc);
  await designOpened(page);
  expect(await page.evaluate(() => (window as unknown as { drawn: object }).drawn)).toEqual({
    reference: false,
    progress: true,
    invitationMeanwhile: false,
  });
  // The address no longer holds the link (cleared in a task of its own for a link this long).
  expect(new URL(page.url()).hash).toBe('');
  // The design the link replaced is one undo away: an empty one, with the reference designs offered.
  await page.getByTestId('btn-undo').click();
  await expect(page.getByTestId('empty-canvas')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Reference designs' }).getByRole('button')).toHaveCount(4);
  // (A first visit without a link starts on the reference design: opens-with-reference-design.spec.ts.)
});
