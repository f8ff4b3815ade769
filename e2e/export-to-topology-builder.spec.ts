import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { openDesigner, savedDocument } from './helpers';

test('export the design as a Topology Builder document, review what to check, and open the file again', async ({ page }) => {
  await openDesigner(page);
  const before = await savedDocument(page);
  await page.getByTestId('btn-export').click();
  await page.getByTestId('export-topology-builder').click();
  const dialog = page.getByTestId('dialog-topology-builder');
  await expect(dialog).toBeVisible();
  // The reference design has no error: nothing to override, the notes say what to check.
  await expect(page.getByTestId('tb-errors')).toHaveCount(0);
  await expect(page.getByTestId('tb-notes')).toContainText('SIP domain');
  await expect(page.getByTestId('tb-notes')).toContainText('placeholders');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tb-download').click()]);
  expect(download.suggestedFilename()).toMatch(/\.xml$/);
  const file = await download.path();
  const xml = fs.readFileSync(file!, 'utf8');
  expect(xml).toContain('<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"');

  // Open the exported document: the same pools, stores and links come back.
  await page.getByTestId('file-input').setInputFiles({ name: 'topology.xml', mimeType: 'text/xml', buffer: Buffer.from(xml) });
  // The importer loads on first use and reads the file off the page: on a loaded runner that
  // took over 8 s once (the dialog came, complete, just after); the wait is for that event only.
  await expect(page.getByTestId('dialog-import')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(async () => {
    const after = await savedDocument(page);
    // Reverse proxies, Video Interop and Persistent Chat pools are not part of a topology document (the export says so).
    const written = (n: { kind: string }) => !['reverseProxy', 'videoInteropPool', 'persistentChatPool'].includes(n.kind);
    const fqdns = (d: typeof before) =>
      (d?.nodes ?? [])
        .filter(written)
        .map((n) => `${n.kind}|${String((n as { fqdn?: string }).fqdn).toLowerCase()}`)
        .sort();
    expect(fqdns(after)).toEqual(fqdns(before));
    const links = (d: typeof before) => (d?.links ?? []).filter((l) => l.kind !== 'logShipping').length;
    expect(links(after)).toBe(links(before));
  }).toPass({ timeout: 10_000 });
});

test('a design with errors exports to Topology Builder only when the architect says so', async ({ page }) => {
  await openDesigner(page);
  // Two Front End servers: Topology Builder will not publish such an Enterprise pool.
  await page.getByTestId('node-pool-a').click();
  const field = page.getByLabel('Front End servers', { exact: false }).first();
  await field.fill('2');
  await field.press('Tab');
  await page.getByTestId('btn-export').click();
  await page.getByTestId('export-topology-builder').click();
  await expect(page.getByTestId('tb-errors')).toBeVisible();
  await expect(page.getByTestId('tb-download')).toBeDisabled();
  await page.getByTestId('tb-override').check();
  await page.getByTestId('tb-shape-tbxml').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tb-download').click()]);
  expect(download.suggestedFilename()).toMatch(/\.tbxml$/);
  const xml = fs.readFileSync((await download.path())!, 'utf8');
  expect(xml.slice(0, xml.indexOf('-->'))).toContain('WARNING: the design has');
  expect(xml).toContain('<TopologyBuilder ');
});
