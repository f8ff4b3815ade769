import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openDesigner } from './helpers';

/** Serious and critical WCAG 2.1 A/AA violations in `scope` (the whole page by default), as readable lines. */
async function violations(page: Page, scope?: string): Promise<string[]> {
  let axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (scope) axe = axe.include(scope);
  const r = await axe.analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''}`,
    );
}

async function open(page: Page, theme: 'light' | 'dark') {
  // axe walks the page's whole tree: slow on a loaded two-core machine.
  test.slow();
  await page.emulateMedia({ colorScheme: theme });
  await openDesigner(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

const DIALOGS: [name: string, openIt: (page: Page) => Promise<unknown>][] = [
  ['New design', (page) => page.getByTestId('btn-new').click()],
  ['Share', (page) => page.getByTestId('btn-share').click()],
  ['Rules', (page) => page.getByTestId('btn-catalogue').click()],
  ['Find', (page) => page.getByTestId('btn-find').click()],
  ['Keyboard shortcuts', (page) => page.keyboard.press('?')],
];

for (const theme of ['light', 'dark'] as const) {
  test(`accessibility: the designer with a reference design and its findings (${theme} theme) has no serious or critical axe violation`, async ({
    page,
  }) => {
    await open(page, theme);
    expect(await violations(page)).toEqual([]);
  });

  test(`accessibility: the deployment steps and the simulation (${theme} theme) have no serious or critical axe violation`, async ({
    page,
  }) => {
    await open(page, theme);
    await page.getByRole('tab', { name: 'Deployment steps' }).click();
    expect(await violations(page, '[role="tabpanel"], .bottom')).toEqual([]);
    await page.getByRole('button', { name: 'Simulate' }).click();
    expect(await violations(page)).toEqual([]);
  });

  for (const [name, openIt] of DIALOGS)
    test(`accessibility: the ${name} dialog (${theme} theme) has no serious or critical axe violation`, async ({ page }) => {
      await open(page, theme);
      await openIt(page);
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await violations(page, '[role="dialog"]')).toEqual([]);
    });
}
