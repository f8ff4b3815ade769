import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { openDesigner } from './helpers';

const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../app/import/fixtures');
/** Importing lays the design out (elk), which takes seconds on a loaded machine. */
const LAYOUT_TIMEOUT = 30_000;

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
  ['My designs', (page) => page.getByTestId('btn-library').click()],
  [
    'Topology Builder export',
    async (page) => {
      await page.getByTestId('btn-export').click();
      await page.getByTestId('export-topology-builder').click();
    },
  ],
  ['import summary', (page) => page.getByTestId('file-input').setInputFiles(path.join(FIXTURES, 'builder-file.tbxml'))],
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
      await expect(page.getByRole('dialog')).toBeVisible({ timeout: LAYOUT_TIMEOUT });
      expect(await violations(page, '[role="dialog"]')).toEqual([]);
    });

  test(`accessibility: the Compare and Migration tabs, with the changes marked on the canvas (${theme} theme), have no serious or critical axe violation`, async ({
    page,
  }) => {
    await open(page, theme);
    await page.getByTestId('tab-compare').click();
    await page.getByTestId('baseline-this-design').click();
    await expect(page.getByTestId('compare-legend')).toBeVisible();
    await expect(page.getByTestId('change-list')).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await page.getByTestId('tab-migration').click();
    const panel = page.getByTestId('migration-panel');
    await panel.getByTestId('migration-current-file').setInputFiles(path.join(FIXTURES, 'published-standard-edition.utf16.xml'));
    await expect(panel.getByTestId('migration-changes')).toBeVisible({ timeout: LAYOUT_TIMEOUT });
    expect(await violations(page, '[role="tabpanel"], .bottom')).toEqual([]);
    // The runbook as a document, and the deployment after a step on the canvas with its banner.
    await panel.getByTestId('migration-view-markdown').click();
    await expect(panel.getByTestId('migration-markdown')).toBeVisible();
    expect(await violations(page, '[data-testid="migration-markdown"]')).toEqual([]);
    await panel.getByTestId('migration-view-during').click();
    await expect(page.getByTestId('phase-banner')).toBeVisible({ timeout: LAYOUT_TIMEOUT });
    expect(await violations(page, '[data-testid="phase-canvas"]')).toEqual([]);
  });

  test.describe(() => {
    // The script is held back by the test: a service worker would answer from its cache instead.
    test.use({ serviceWorkers: 'block' });
    test(`accessibility: a part's loading state (${theme} theme) has no serious or critical axe violation`, async ({ page }) => {
      // Hold the deployment steps' script back: the tab shows its loading state meanwhile.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(/steps-panel-[^/]*\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      await open(page, theme);
      await page.getByRole('tab', { name: 'Deployment steps' }).click();
      // The steps' own loading state: on a loaded machine the inspector may still be loading its part too.
      const loading = page.getByTestId('lazy-loading').filter({ hasText: 'deployment steps' });
      await expect(loading).toBeVisible();
      await expect(loading).toHaveAttribute('role', 'status');
      expect(await violations(page, '[data-testid="lazy-loading"]')).toEqual([]);
      release();
      await expect(loading).toHaveCount(0);
    });
  });
}
