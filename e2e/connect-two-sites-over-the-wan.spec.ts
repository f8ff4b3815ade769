import { expect, test, type Page } from '@playwright/test';
import { openDesigner, savedDocument } from './helpers';

type Doc = { siteLinks?: { id: string; from: string; to: string; fast: boolean; secured: boolean; resilient: boolean }[] };
const siteLinks = async (page: Page) => ((await savedDocument(page)) as unknown as Doc).siteLinks ?? [];

test('an architect joins two data centers over the WAN on the canvas, states what the link offers, and the checks follow', async ({
  page,
}) => {
  await openDesigner(page);
  const wanLabels = page.locator('[data-testid^="wan-label-"]');
  // The reference design joins its two data centers over a fast, secured, resilient WAN: remove it to draw one anew.
  await expect(wanLabels).toHaveCount(1);
  await expect(wanLabels.first()).toHaveText('WAN · fast, secured, resilient');
  await wanLabels.first().click();
  await page.keyboard.press('Delete');
  await expect(wanLabels).toHaveCount(0);

  // Drag from the first site's WAN handle onto the second site.
  const handle = (await page.getByTestId('wan-handle-dc1').boundingBox())!;
  const target = (await page.getByTestId('site-dc2').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height - 20, { steps: 12 });
  await expect(page.getByTestId('connection-hint')).toContainText('over the WAN');
  await page.mouse.up();

  // The new link is drawn, selected, and the inspector edits it.
  await expect(wanLabels).toHaveCount(1);
  await expect(wanLabels.first()).toHaveText(/WAN · fast, secured, single path/);
  // The minimap shows it too.
  await expect(page.getByTestId('minimap').locator('path.mini-wan')).toHaveAttribute('data-count', '1');
  const inspector = page.getByTestId('site-link-inspector');
  await expect(inspector).toBeVisible();
  await expect(inspector.locator('.insp-title')).toContainText('⟷');
  expect(await siteLinks(page)).toEqual([expect.objectContaining({ from: 'dc1', to: 'dc2', fast: true, secured: true })]);
  // The paired pools fail voice over across this WAN: not resilient is a warning, live.
  await expect(page.getByTestId('finding-VOICE-RESILIENT-WAN')).toBeVisible();

  // Not secured: the label says so and the pairing check speaks.
  await expect(page.getByTestId('finding-PAIR-LINK-SECURED')).toHaveCount(0);
  await inspector.getByLabel('Secured (private or encrypted)').uncheck();
  await expect(wanLabels.first()).toHaveText(/not secured/);
  await expect(page.getByTestId('finding-PAIR-LINK-SECURED')).toBeVisible();
  // The line carries the findings badge, and its inspector lists the findings on it; picking one
  // selects the paired pools it is about and highlights it in the findings list, the inspector staying on the link.
  await expect(wanLabels.first().locator('.finding-badge.sev-warning')).toHaveText('2');
  await inspector.getByTestId('insp-finding-PAIR-LINK-SECURED').click();
  await expect(page.getByTestId('node-pool-a')).toHaveClass(/is-selected|selected/);
  await expect(page.getByTestId('node-pool-b')).toHaveClass(/is-selected|selected/);
  await expect(page.getByTestId('finding-PAIR-LINK-SECURED')).toHaveClass(/is-active/);
  await expect(inspector).toBeVisible();
  await inspector.getByLabel('Resilient (redundant path)').check();
  await expect(page.getByTestId('finding-VOICE-RESILIENT-WAN')).toHaveCount(0);

  // Delete removes it in one step; Ctrl+Z brings it back as it was.
  await page.keyboard.press('Escape');
  await wanLabels.first().click();
  await expect(inspector).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(wanLabels).toHaveCount(0);
  await expect.poll(() => siteLinks(page)).toEqual([]);
  await page.keyboard.press('Control+z');
  await expect(wanLabels).toHaveCount(1);
  await expect.poll(() => siteLinks(page)).toEqual([expect.objectContaining({ secured: false, resilient: true })]);
});

test('from the keyboard: the site inspector connects another site, the WAN link takes the focus and Delete removes it', async ({
  page,
}) => {
  await openDesigner(page);
  await page.locator('[data-testid^="wan-label-"]').first().click();
  await page.keyboard.press('Delete');
  await page.getByTestId('site-dc1').locator('.site-header').click();
  await page.getByTestId('wan-connect').selectOption({ label: (await siteName(page, 'dc2')) ?? '' });
  await expect(page.locator('[data-testid^="wan-label-"]')).toHaveCount(1);

  // The line on the canvas is reachable by the keyboard, with a name saying what it is.
  const edge = page.getByRole('group', { name: /^WAN link between .+ and .+: fast, secured, single path$/ });
  await edge.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('site-link-inspector')).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(page.locator('[data-testid^="wan-label-"]')).toHaveCount(0);
});

async function siteName(page: Page, id: string): Promise<string | null> {
  return page.getByTestId(`site-${id}`).locator('.site-name').textContent();
}
