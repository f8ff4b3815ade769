import { expect, test } from '@playwright/test';

test('the legend explains every link style, the server colours, sites and badges', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('legend-toggle').click();
  const legend = page.getByTestId('legend');
  await expect(legend).toBeVisible();
  for (const text of [
    'pool pairing',
    'SQL mirroring',
    'mirroring witness',
    'Registrar',
    'data center',
    'branch site',
    'worst finding',
  ])
    await expect(legend).toContainText(text);
  await expect(legend.locator('svg.legend-link')).toHaveCount(12);
  // WAN links between sites: the three ways a line is drawn, and what its label says.
  await expect(legend.locator('svg.legend-wan')).toHaveCount(3);
  for (const text of ['WAN links between sites', 'fast, secured and resilient', 'slow or not secured', 'single path'])
    await expect(legend).toContainText(text);
  await page.getByTestId('legend-toggle').click();
  await expect(legend).toBeHidden();
});
