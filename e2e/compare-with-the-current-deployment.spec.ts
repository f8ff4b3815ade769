import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { openDesigner } from './helpers';

/** The project's own Topology Builder documents (app/import/fixtures/README.md). */
const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../app/import/fixtures');
/** Importing lays the design out (elk), which takes seconds on a loaded machine. */
const LAYOUT_TIMEOUT = 30_000;

test('import a 2015 topology, keep it as the current deployment, move a pool to Subscription Edition: the change is marked, listed and downloadable', async ({
  page,
}) => {
  await openDesigner(page);
  // Today's deployment: a Skype for Business Server 2015 topology saved by Topology Builder.
  await page.getByTestId('file-input').setInputFiles(path.join(FIXTURES, 'builder-file.tbxml'));
  await expect(page.getByTestId('dialog-import')).toBeVisible({ timeout: LAYOUT_TIMEOUT });
  await page.getByRole('button', { name: 'OK', exact: true }).click();

  await page.getByTestId('tab-compare').click();
  await expect(page.getByTestId('baseline-picker')).toBeVisible();
  await page.getByTestId('baseline-this-design').click();
  await expect(page.getByTestId('compare-legend')).toContainText('0 new');
  await expect(page.getByTestId('change-list')).toContainText('The open design describes the same deployment');

  // The target: the Front End pool on Subscription Edition.
  const pool = page.locator('.topo-node[aria-label^="Front End pool"]').first();
  await pool.click();
  await page.getByLabel('Product version').selectOption('SE');
  await expect(pool).toHaveClass(/diff-version/);
  await expect(pool.locator('.diff-tag')).toHaveText('new version');
  await expect(page.getByTestId('compare-legend')).toContainText('1 new version');

  // The target drops the Edge pool: it stays on the canvas as a ghost where it was, struck
  // through, with its two links as dashed ghosts; it is no longer a card of the design.
  const cards = await page.locator('.react-flow__node-topology').count();
  await page.locator('.topo-node[aria-label^="Edge pool"]').first().click();
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node-topology')).toHaveCount(cards - 1);
  const ghost = page.getByRole('button', { name: /^Removed: Edge pool edgepool/ });
  await expect(ghost).toBeVisible();
  await expect(ghost.locator('s').first()).toHaveText('edgepool');
  // Counted by link: a dashed link is drawn by one path per segment besides its own.
  await expect(page.locator('.topo-edge.diff-removed:not(.topo-edge-dash)')).toHaveCount(2);
  await expect(page.getByTestId('compare-legend')).toContainText('1 removed');
  await expect(page.getByTestId('compare-legend').getByLabel('Links')).toContainText('2 removed');
  // Clicking the ghost shows its entry in the change list; it selects nothing of the design.
  await ghost.click();
  const ghostEntry = page.getByTestId('change-list').getByRole('button', { name: /^Removed: .*edgepool/ });
  await expect(ghostEntry.locator('xpath=..')).toHaveClass(/is-active/);
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(0);

  // A reload keeps the comparison: the current deployment is stored with the design.
  await page.reload();
  await expect(page.getByTestId('compare-legend')).toContainText('1 new version');
  await expect(page.getByTestId('compare-legend')).toContainText('1 removed');
  await expect(page.getByRole('button', { name: /^Removed: Edge pool edgepool/ })).toBeVisible();
  await page.getByTestId('tab-compare').click();
  await expect(page.getByTestId('compare-panel')).toContainText('Imported: litware.com');

  const change = page
    .getByTestId('change-list')
    .getByRole('button', { name: /Skype for Business Server 2015 → Skype for Business Server Subscription Edition/ });
  await expect(change).toBeVisible();
  await expect(change).toContainText('side by side');
  await expect(page.getByTestId('change-list')).not.toContainText(/\bSE\b/);

  // Clicking the change goes to the pool.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await change.click();
  await expect(page.getByLabel('Product version')).toHaveValue('SE');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-download-md').click()]);
  const markdown = fs.readFileSync((await download.path())!, 'utf8');
  expect(markdown).toMatch(/^# Changes from /);
  expect(markdown).toContain('→ Skype for Business Server Subscription Edition (no in-place upgrade exists');

  // Stopping the comparison takes the marks away and leaves the design as edited.
  await page.getByTestId('compare-stop').click();
  await expect(page.locator('.diff-tag')).toHaveCount(0);
  await expect(page.locator('.ghost-node')).toHaveCount(0);
  await expect(page.locator('.topo-edge.diff-removed')).toHaveCount(0);
  await expect(page.getByTestId('compare-legend')).toHaveCount(0);
  await expect(page.getByTestId('baseline-picker')).toBeVisible();
});

test('compare the reference design with a published Topology Builder document: what it removes is listed, what it adds is marked', async ({
  page,
}) => {
  await openDesigner(page);
  const before = await page.locator('.react-flow__node-topology').count();
  await page.getByTestId('tab-compare').click();
  await page.getByTestId('baseline-file-input').setInputFiles(path.join(FIXTURES, 'published-enterprise-ag.xml'));
  await expect(page.getByTestId('compare-panel')).toBeVisible({ timeout: LAYOUT_TIMEOUT });
  // Nothing of the open design changed: the current deployment sits beside it.
  await expect(page.locator('.react-flow__node-topology')).toHaveCount(before);
  await expect(page.getByTestId('compare-panel')).toContainText('published-enterprise-ag.xml');
  await expect(page.locator('.topo-node.diff-added').first()).toBeVisible();

  await page.getByTestId('change-filter-removed').click();
  const items = page.getByTestId('change-list').locator('.change');
  await expect(items.first()).toBeVisible();
  const texts = await items.allTextContents();
  expect(texts.length).toBeGreaterThan(0);
  expect(texts.every((t) => t.includes('removed from'))).toBe(true);

  await page.getByTestId('compare-legend').getByLabel('Mark changes').uncheck();
  await expect(page.locator('.diff-tag')).toHaveCount(0);
});
