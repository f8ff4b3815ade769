import { expect, test } from '@playwright/test';
import { node, openDesigner, savedDocument } from './helpers';

type Doc = {
  name: string;
  sites: { id: string; name: string }[];
  nodes: { id: string; siteId: string; name: string; fqdn: string }[];
  links: { from: string; to: string; kind: string }[];
};

test('copy a pool and its Back End in one tab, paste them into another design in a second tab', async ({ context, page }) => {
  await openDesigner(page);
  await node(page, 'pool-a').click({ position: { x: 30, y: 20 } });
  await node(page, 'sql-a').click({ position: { x: 30, y: 20 }, modifiers: ['Control'] });
  await page.keyboard.press('Control+c');
  await expect(page.getByTestId('notice-info').last()).toContainText('Copied 2 nodes');

  // A second tab on another design: the Global multi-site reference.
  const second = await context.newPage();
  await second.goto('./');
  await second.getByTestId('btn-new').click();
  await second.getByTestId('new-global').click();
  await expect(second.getByTestId('doc-name')).toHaveValue(/Tailspin|global|Global/i);
  const before = (await savedDocument(second)) as unknown as Doc;
  await second.getByTestId('canvas').click({ position: { x: 20, y: 20 } }); // focus the canvas, nothing selected
  await second.keyboard.press('Control+v');

  await expect.poll(async () => ((await savedDocument(second)) as unknown as Doc).nodes.length).toBe(before.nodes.length + 2);
  const after = (await savedDocument(second)) as unknown as Doc;
  const added = after.nodes.filter((n) => !before.nodes.some((b) => b.id === n.id));
  expect(added.map((n) => n.name).sort()).toEqual(['Back End A (copy)', 'Pool A (copy)']);
  // They brought their data center along, under its own name, and the Back End link between them.
  const site = after.sites.find((s) => !before.sites.some((b) => b.id === s.id))!;
  expect(site.name).toBe('Amsterdam');
  expect(added.every((n) => n.siteId === site.id)).toBe(true);
  expect(
    after.links.some((l) => l.kind === 'backEnd' && added.some((n) => n.id === l.from) && added.some((n) => n.id === l.to)),
  ).toBe(true);
  // One undo takes the paste back.
  await second.keyboard.press('Control+z');
  await expect.poll(async () => ((await savedDocument(second)) as unknown as Doc).nodes.length).toBe(before.nodes.length);
});

test('pasting ordinary text does nothing to the design and says why', async ({ page }) => {
  await openDesigner(page);
  const before = (await savedDocument(page))!.nodes.length;
  await page.evaluate(() => navigator.clipboard.writeText('just a sentence'));
  await page.getByTestId('canvas').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('notice-info').last()).toContainText('Nothing to paste');
  expect((await savedDocument(page))!.nodes.length).toBe(before);
});

test('copy and paste an AlwaysOn Back End in the same design: the copy reaches its store by its own listener and lands in free space', async ({
  page,
}) => {
  await openDesigner(page);
  await expect(page.getByTestId('count-error')).toContainText(/^\s*0 errors/);
  await node(page, 'sql-a').click({ position: { x: 30, y: 20 } });
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await page.keyboard.press('Control+v');
  await expect.poll(async () => ((await savedDocument(page)) as unknown as Doc).nodes.length).toBe(14);
  const after = (await savedDocument(page)) as unknown as {
    nodes: { id: string; name: string; siteId: string; fqdn: string; ag?: { listenerFqdn: string } }[];
  };
  const copies = after.nodes.filter((n) => n.name === 'Back End A (copy)');
  expect(copies).toHaveLength(2);
  for (const c of copies) expect(c.ag?.listenerFqdn).toBe(c.fqdn);
  // No new error; the copies are cards of Amsterdam that cover no other card.
  await expect(page.getByTestId('finding-BE-AG-LISTENER-FQDN')).toHaveCount(0);
  const boxes = await page.locator('.react-flow__node-topology').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { id: e.getAttribute('data-id'), x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
  for (const c of copies) {
    expect(c.siteId).toBe('dc1');
    const a = boxes.find((b) => b.id === c.id)!;
    for (const b of boxes)
      if (b.id !== a.id)
        expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y, `${a.id} on ${b.id}`).toBe(true);
  }
});
