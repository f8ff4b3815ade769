import { expect, test } from '@playwright/test';
import { count, node, openDesigner, savedDocument } from './helpers';

test('switching a 2019 Back End to mirroring raises BE-MIRROR-2019; clicking it selects the store', async ({ page }) => {
  await openDesigner(page);
  await node(page, 'sql-a').click();
  await expect(page.getByTestId('inspector')).toContainText('Back End A');
  await page.getByTestId('field-haMode').selectOption('mirroring');
  const finding = page.getByTestId('finding-BE-MIRROR-2019').first();
  await expect(finding).toBeVisible();
  expect(await count(page, 'error')).toBeGreaterThan(0);
  await page.getByTestId('node-pool-b').click(); // select something else first
  await finding.locator('.finding-main').click();
  await expect(page.getByTestId('inspector')).toContainText('Back End A');
  await expect(node(page, 'sql-a')).toHaveClass(/is-selected/);
});

test('undo brings the previous state back, redo re-applies it', async ({ page }) => {
  await openDesigner(page);
  await node(page, 'sql-a').click();
  await page.getByTestId('field-haMode').selectOption('mirroring');
  await expect(page.getByTestId('finding-BE-MIRROR-2019').first()).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('finding-BE-MIRROR-2019')).toHaveCount(0);
  expect(await count(page, 'error')).toBe(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('finding-BE-MIRROR-2019').first()).toBeVisible();
});

test('a reload keeps the work', async ({ page }) => {
  await openDesigner(page);
  const name = page.getByTestId('doc-name');
  await name.fill('Reload survivor design');
  await name.press('Enter');
  await node(page, 'edge-b').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'edge-b')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect(page.getByTestId('doc-name')).toHaveValue('Reload survivor design');
  await expect(node(page, 'edge-b')).toHaveCount(0);
  await expect(node(page, 'pool-a')).toBeVisible();
  const saved = await savedDocument(page);
  expect(saved?.nodes.some((n) => n.id === 'edge-b')).toBe(false);
});

test('the inspector refuses invalid values with an inline message and keeps the last valid one', async ({ page }) => {
  await openDesigner(page);
  await node(page, 'pool-a').click();
  const fqdn = page.getByTestId('field-fqdn');
  await fqdn.fill('pool a..contoso');
  await expect(page.getByRole('alert')).toContainText('DNS name');
  await expect(node(page, 'pool-a')).toContainText('pool-a.contoso.com');
  const servers = page.getByTestId('field-frontEndServers');
  await servers.fill('0');
  await expect(page.getByRole('alert').last()).toContainText('1 or more');
  await servers.fill('8');
  await expect(node(page, 'pool-a')).toContainText('8 Front Ends');
  await expect(page.getByTestId('capacity-hint')).toContainText('Front End server');
  // Fields that do not apply are hidden: no cluster nodes for an availability group.
  await node(page, 'sql-a').click();
  await expect(page.getByTestId('field-clusterNodes')).toHaveCount(0);
  await page.getByTestId('field-haMode').selectOption('sqlFailoverCluster');
  await expect(page.getByTestId('field-clusterNodes')).toBeVisible();
  await expect(page.getByTestId('field-ag-listener')).toHaveCount(0);
});
