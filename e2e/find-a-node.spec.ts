import { expect, test } from '@playwright/test';
import type { Topology } from '../app/model/schema';
import { designOpened, largeDesign, openDesigner, openWith } from './helpers';

test('in a large design, Ctrl+K finds a card that is out of view and the keyboard lands on it', async ({ page }) => {
  const doc = largeDesign(500);
  test.setTimeout(120_000);
  await openWith(page, doc);
  await designOpened(page);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  // Zoom in on one corner: far-away cards leave the page (culling above 300 nodes).
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.move(canvas.x + 40, canvas.y + 40);
  for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -400);
  const target = [...doc.nodes].reverse().find((n) => n.kind === 'frontEndPool')! as Extract<
    Topology['nodes'][number],
    { kind: 'frontEndPool' }
  >;
  await expect(page.getByTestId(`node-${target.id}`)).toHaveCount(0);

  await page.keyboard.press('Control+k');
  const input = page.getByRole('combobox', { name: 'Name, FQDN, id or site' });
  await expect(input).toBeFocused();
  await expect(page.getByTestId('find-status')).toContainText('500 nodes');
  await input.fill(target.fqdn.split('.')[0]!);
  await expect(page.getByTestId('find-results').getByRole('option').first()).toContainText(target.name);
  await expect(page.getByTestId('find-results').getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('dialog-find')).toHaveCount(0);
  const card = page.getByTestId(`node-${target.id}`);
  await expect(card).toBeInViewport();
  await expect(page.locator(`.react-flow__node[data-id="${target.id}"]`)).toBeFocused();
  await expect(page.getByTestId('inspector').getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(target.name);
});

test('/ opens Find; arrows choose among matches, a site can be found, and Esc closes without moving', async ({ page }) => {
  await openDesigner(page);
  const before = await page.evaluate(() => (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform);
  await page.locator('body').press('/');
  const input = page.getByTestId('find-input');
  await expect(input).toBeFocused();
  await expect(input).toHaveValue(''); // the slash is not typed into it
  await input.fill('zzzz-nothing');
  await expect(page.getByTestId('find-status')).toContainText('Nothing matches');
  await input.fill('edge');
  await expect(page.getByTestId('find-results').getByRole('option')).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('find-results').getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown'); // wraps round
  await expect(page.getByTestId('find-results').getByRole('option').nth(0)).toHaveAttribute('aria-selected', 'true');
  await input.fill('Dublin');
  await expect(page.getByTestId('find-results').getByRole('option').first()).toContainText('Central site');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('dialog-find')).toHaveCount(0);
  expect(await page.evaluate(() => (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform)).toBe(
    before,
  );
  // A click on a match goes there too: the site is selected and shown in the inspector.
  await page.getByTestId('btn-find').click();
  await page.getByTestId('find-input').fill('Dublin');
  await page.getByTestId('find-results').getByRole('option').first().click();
  await expect(page.getByTestId('dialog-find')).toHaveCount(0);
  await expect(page.getByTestId('inspector').getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Dublin');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
});
