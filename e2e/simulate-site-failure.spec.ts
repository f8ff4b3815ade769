import { expect, test } from '@playwright/test';
import { node, openDesigner, savedDocument } from './helpers';

test('simulate the loss of a data center, then leave the mode with the design unchanged', async ({ page }) => {
  await openDesigner(page);
  const before = JSON.stringify(await savedDocument(page));
  await page.getByTestId('btn-simulate').click();
  await page.getByTestId('sim-site').selectOption('dc1');
  await expect(node(page, 'pool-a')).toHaveClass(/is-lost/);
  await expect(node(page, 'pool-b')).not.toHaveClass(/is-lost/);
  await expect(page.getByTestId('site-dc1')).toContainText('failed');
  await expect(page.getByTestId('load-pool-b')).toContainText('30,000');
  await expect(page.getByTestId('sim-bar-pool-b')).toContainText('30,000');
  await expect(page.getByTestId('sim-without-service')).toContainText('0');
  await expect(page.getByTestId('sim-notes')).toContainText('Central Management store');
  await expect(page.locator('.edge-label.is-failover')).toContainText('15,000 users');
  await page.getByTestId('btn-simulate').click(); // stop
  await expect(node(page, 'pool-a')).not.toHaveClass(/is-lost/);
  await expect(page.locator('.edge-label.is-failover')).toHaveCount(0);
  expect(JSON.stringify(await savedDocument(page))).toBe(before);
});

test('an overloaded survivor shows red', async ({ page }) => {
  await openDesigner(page);
  await node(page, 'pool-b').click();
  const users = page.getByTestId('field-users');
  await users.fill('38000');
  await page.getByTestId('tab-simulation').click();
  await page.getByTestId('sim-site').selectOption('dc1');
  await expect(page.getByTestId('sim-bar-pool-b')).toHaveClass(/over/);
  await expect(page.getByTestId('sim-over')).toContainText('1');
});
