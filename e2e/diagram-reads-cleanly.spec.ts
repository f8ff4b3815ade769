/**
 * Journey: an architect opens each reference design to put the diagram in a design
 * document. At the fit view and at 100%, every link label can be read whole (not clipped,
 * not under a card, not over another label) and no link runs through a card it does not join.
 */
import { expect, test, type Page } from '@playwright/test';
import { REFERENCE_DESIGNS } from '../app/model/samples/index';
import { REFERENCE_MIGRATIONS } from '../app/model/samples/migrations';
import type { Topology } from '../app/model/schema';
import { designOpened, node, openWith, savedDocument } from './helpers';

/** Every reference design a user can open: the four of New, and the targets of the two reference migrations. */
const DESIGNS: { id: string; build: () => Topology }[] = [
  ...REFERENCE_DESIGNS.map((d) => ({ id: d.id, build: d.build })),
  ...REFERENCE_MIGRATIONS.map((m) => ({ id: m.targetFile, build: m.target })),
];

interface Problem {
  what: string;
}

/** Label boxes against cards and each other; clipping; link paths against the cards they do not join. */
async function diagramProblems(page: Page, ends: Record<string, [string, string]>): Promise<Problem[]> {
  return page.evaluate((ends) => {
    const problems: { what: string }[] = [];
    const rect = (e: Element) => e.getBoundingClientRect();
    const overlap = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const cards = [...document.querySelectorAll('.react-flow__node-topology')].map((e) => ({
      id: e.getAttribute('data-id')!,
      box: rect(e),
    }));
    const labels = [...document.querySelectorAll<HTMLElement>('.edge-label')];
    for (const l of labels) {
      const b = rect(l);
      if (l.scrollWidth > l.clientWidth)
        problems.push({ what: `label "${l.textContent}" clipped (${l.scrollWidth} > ${l.clientWidth})` });
      for (const c of cards) if (overlap(b, c.box)) problems.push({ what: `label "${l.textContent}" over card ${c.id}` });
      for (const m of labels)
        if (m !== l && overlap(b, rect(m))) problems.push({ what: `label "${l.textContent}" over label "${m.textContent}"` });
    }
    for (const g of document.querySelectorAll('.react-flow__edge')) {
      const id = g.getAttribute('data-id') ?? '';
      const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path');
      if (!path) continue;
      const joined = new Set(ends[id] ?? []);
      const m = path.getScreenCTM();
      if (!m) continue;
      const len = path.getTotalLength();
      for (let s = 0; s <= len; s += 4) {
        const p = path.getPointAtLength(s);
        const x = m.a * p.x + m.c * p.y + m.e;
        const y = m.b * p.x + m.d * p.y + m.f;
        const hit = cards.find(
          (c) => !joined.has(c.id) && x > c.box.left + 1 && x < c.box.right - 1 && y > c.box.top + 1 && y < c.box.bottom - 1,
        );
        if (hit) {
          problems.push({ what: `link ${id} crosses card ${hit.id}` });
          break;
        }
      }
    }
    return problems;
  }, ends);
}

test.describe.configure({ timeout: 120_000 });

for (const design of DESIGNS) {
  test(`${design.id}: labels readable and links clear of cards, at the fit view and at 100%`, async ({ page }) => {
    const doc = design.build();
    const ends = Object.fromEntries(doc.links.map((l) => [l.id, [l.from, l.to] as [string, string]]));
    await openWith(page, doc);
    // The links are routed just after the first paint (the router loads on its own).
    await designOpened(page);
    await expect(page.locator('.edge-label').first()).toBeVisible();
    await page.waitForTimeout(400);
    expect(await diagramProblems(page, ends)).toEqual([]);
    expect(await overlappingFrames(page)).toEqual([]);
    if (process.env.H18A_SHOTS)
      await page.screenshot({ path: `reports/h18a/${design.id}-fit-${test.info().project.name || 'light'}.png` });
    // 100%: zoom in around the middle of the view.
    await setZoom(page, 1);
    expect(await diagramProblems(page, ends)).toEqual([]);
  });

  test(`${design.id}: a palette click adds inside an existing site, and no two site frames overlap afterwards`, async ({
    page,
  }) => {
    const doc = design.build();
    await openWith(page, doc);
    await designOpened(page);
    // With nothing selected the item goes to the site under the middle of the view (or the nearest);
    // with a card selected, to that card's site.
    for (const kind of ['fileStore', 'frontEndPool', 'sqlStore', 'officeOnlineServer'])
      await page.getByTestId(`palette-${kind}`).click();
    const saved = (await savedDocument(page)) as unknown as Topology;
    expect(saved.sites.map((s) => s.id)).toEqual(doc.sites.map((s) => s.id));
    expect(saved.nodes.length).toBe(doc.nodes.length + 4);
    const added = saved.nodes.filter((n) => !doc.nodes.some((m) => m.id === n.id));
    for (const n of added) expect(await insideItsSite(page, n.id, n.siteId), `${n.id} inside ${n.siteId}`).toBe(true);
    expect(await overlappingFrames(page)).toEqual([]);
  });
}

test('simulation mode: the failover labels read whole and clear of cards', async ({ page }) => {
  const doc = REFERENCE_DESIGNS.find((d) => d.id === 'pair-2019-ag')!.build();
  const ends = Object.fromEntries(doc.links.map((l) => [l.id, [l.from, l.to] as [string, string]]));
  await openWith(page, doc);
  await designOpened(page);
  await page.getByTestId('btn-simulate').click();
  await page.getByTestId('sim-site').selectOption('dc1');
  await expect(page.locator('.edge-label.is-failover').first()).toBeVisible();
  await page.waitForTimeout(400);
  expect(await diagramProblems(page, ends)).toEqual([]);
  await setZoom(page, 1);
  expect(await diagramProblems(page, ends)).toEqual([]);
});

test('no two site frames overlap after dragging a card to the edge of its site, pasting a site and undoing', async ({ page }) => {
  const doc = REFERENCE_DESIGNS.find((d) => d.id === 'pair-2019-ag')!.build();
  await openWith(page, doc);
  await designOpened(page);
  // A card dragged to the right edge of Amsterdam, towards Dublin: the site grows and pushes Dublin aside.
  const card = node(page, 'oos-a');
  const box = (await card.boundingBox())!;
  const dublin = (await page.getByTestId('site-dc2').boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + 80, box.y + 14, { steps: 4 });
  await page.mouse.move(dublin.x - 20, box.y + 16, { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(300);
  expect(await overlappingFrames(page)).toEqual([]);
  // A whole site copied and pasted goes beside the others.
  await page
    .getByTestId('site-dc1')
    .locator('.site-header')
    .click({ position: { x: 12, y: 10 } });
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect.poll(async () => ((await savedDocument(page)) as unknown as Topology).sites.length).toBe(3);
  await page.waitForTimeout(300);
  expect(await overlappingFrames(page)).toEqual([]);
  // Undo, step by step, never leaves frames overlapping either.
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(250);
    expect(await overlappingFrames(page)).toEqual([]);
  }
});

/** Pairs of site frames (as drawn) that overlap. */
async function overlappingFrames(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node-site').evaluateAll((els) => {
    const frames = els.map((e) => ({ id: e.getAttribute('data-id'), r: e.getBoundingClientRect() }));
    const out: string[] = [];
    for (let i = 0; i < frames.length; i++)
      for (let j = i + 1; j < frames.length; j++) {
        const a = frames[i]!.r;
        const b = frames[j]!.r;
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          out.push(`${frames[i]!.id} × ${frames[j]!.id}`);
      }
    return out;
  });
}

/** Whether a card is drawn inside its site's frame. */
async function insideItsSite(page: Page, nodeId: string, siteId: string): Promise<boolean> {
  const card = (await page.locator(`.react-flow__node-topology[data-id="${nodeId}"]`).boundingBox())!;
  const frame = (await page.locator(`.react-flow__node-site[data-id="${siteId}"]`).boundingBox())!;
  return (
    card.x >= frame.x - 0.5 &&
    card.y >= frame.y - 0.5 &&
    card.x + card.width <= frame.x + frame.width + 0.5 &&
    card.y + card.height <= frame.y + frame.height + 0.5
  );
}

async function setZoom(page: Page, zoom: number) {
  // React Flow's zoom buttons step by 1.2; the wheel is finer: scroll until the zoom reads `zoom`.
  for (let i = 0; i < 40; i++) {
    const z = await page.evaluate(() => {
      const t = getComputedStyle(document.querySelector('.react-flow__viewport')!).transform;
      return new DOMMatrix(t).a;
    });
    if (Math.abs(z - zoom) < 0.02) break;
    const box = (await page.getByTestId('canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, z < zoom ? -40 : 40);
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(300);
}
