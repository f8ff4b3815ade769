import { expect, test } from '@playwright/test';
import { count, openDesigner } from './helpers';

test('the designer opens with a reference design on the canvas', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openDesigner(page);
  await expect(page.getByTestId('node-pool-a')).toBeVisible();
  await expect(page.getByTestId('node-pool-b')).toBeVisible();
  await expect(page.getByTestId('site-dc1')).toBeVisible();
  await expect(page.getByTestId('doc-name')).toHaveValue(/2019/);
  await expect(page.getByTestId('edge-label-l11')).toContainText('backup pool'); // the pairing is labelled
  expect(await count(page, 'error')).toBe(0);
  expect(errors).toEqual([]);
});
