import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { autosaveSettled, node, openDesigner } from './helpers';

/** The service worker has installed every file and controls the page. */
async function cachedForOffline(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
}

async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
}

test('after one visit the designer opens, edits, checks and exports with no network', async ({ page, context }) => {
  await openDesigner(page);
  await cachedForOffline(page);
  // The web app manifest (installable) with its icons.
  const manifest = await page.evaluate(async () =>
    (await fetch(document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href)).json(),
  );
  expect(manifest.start_url).toBe('./');
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));

  await page.getByTestId('doc-name').fill('Data centre visit');
  await page.getByTestId('doc-name').press('Enter');
  await autosaveSettled(page);

  await context.setOffline(true);
  // Really offline: nothing outside the page's own cache answers.
  expect(
    await page.evaluate(() =>
      fetch('https://example.com/', { mode: 'no-cors' }).then(
        () => true,
        () => false,
      ),
    ),
  ).toBe(false);

  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect(page.getByTestId('doc-name')).toHaveValue('Data centre visit');

  // Edits and validates: the rule engine (loaded after the first paint) comes from the cache too.
  await node(page, 'pool-a').click();
  await page.getByTestId('field-frontEndServers').fill('2');
  await page.getByTestId('field-frontEndServers').press('Enter');
  await expect(node(page, 'pool-a')).toContainText('2 Front Ends');
  await expect(page.getByTestId('finding-FE-2019-NOT-TWO')).toBeVisible();

  // Exports a PNG (the renderer is a lazy chunk) …
  await page.getByTestId('btn-export').click();
  const png = await download(page, () => page.getByTestId('export-png').click());
  expect(png.name).toMatch(/\.png$/);
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  // … and a failover runbook (the steps panel is another).
  await page.getByTestId('tab-steps').click();
  await page.getByTestId('steps-runbooks').click();
  await expect(page.getByTestId('steps-panel')).toContainText('Invoke-CsPoolFailOver');
  const runbook = await download(page, () => page.getByTestId('download-md').click());
  expect(runbook.name).toMatch(/\.md$/);
  expect(runbook.bytes.toString('utf8')).toContain('Invoke-CsPoolFailOver');

  // Nothing failed to load on the way.
  await expect(page.getByTestId('lazy-failed')).toHaveCount(0);
  await context.setOffline(false);
});
