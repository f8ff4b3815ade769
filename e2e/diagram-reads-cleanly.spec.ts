/**
 * Journey: an architect opens each reference design to put the diagram in a design
 * document. At the fit view and at 100%, every link label can be read whole (not clipped,
 * not under a card, not over another label) and no link runs through a card it does not join.
 */
import { expect, test, type Page } from '@playwright/test';
import { REFERENCE_DESIGNS } from '../app/model/samples/index';
import { designOpened, openWith, savedDocument } from './helpers';

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

for (const design of REFERENCE_DESIGNS) {
  test(`${design.id}: labels readable and links clear of cards, at the fit view and at 100%`, async ({ page }) => {
    const doc = design.build();
    const ends = Object.fromEntries(doc.links.map((l) => [l.id, [l.from, l.to] as [string, string]]));
    await openWith(page, doc);
    // The links are routed just after the first paint (the router loads on its own).
    await designOpened(page);
    await page.waitForTimeout(400);
    expect(await page.locator('.edge-label').count()).toBeGreaterThan(0);
    expect(await diagramProblems(page, ends)).toEqual([]);
    if (process.env.H18A_SHOTS)
      await page.screenshot({ path: `reports/h18a/${design.id}-fit-${test.info().project.name || 'light'}.png` });
    // 100%: zoom in around the middle of the view.
    await setZoom(page, 1);
    expect(await diagramProblems(page, ends)).toEqual([]);
  });
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

test('a palette click adds inside an existing site, and no two site frames overlap afterwards', async ({ page }) => {
  const doc = REFERENCE_DESIGNS.find((d) => d.id === 'pair-2019-ag')!.build();
  await openWith(page, doc);
  for (const kind of ['fileStore', 'frontEndPool', 'sqlStore', 'officeOnlineServer'])
    await page.getByTestId(`palette-${kind}`).click();
  const saved = (await savedDocument(page)) as unknown as { sites: unknown[]; nodes: unknown[] };
  expect(saved.sites.length).toBe(doc.sites.length);
  expect(saved.nodes.length).toBe(doc.nodes.length + 4);
  const frames = await page
    .locator('.react-flow__node-site')
    .evaluateAll((els) =>
      els.map((e) => e.getBoundingClientRect()).map((r) => ({ l: r.left, t: r.top, r: r.right, b: r.bottom })),
    );
  for (let i = 0; i < frames.length; i++)
    for (let j = i + 1; j < frames.length; j++) {
      const a = frames[i]!;
      const b = frames[j]!;
      expect(a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b, 'site frames overlap').toBe(false);
    }
});
