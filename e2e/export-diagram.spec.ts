import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { extractFromPng } from '../app/export/png';
import { extractFromSvg } from '../app/export/svg';
import { node, openDesigner, savedDocument } from './helpers';

async function exportAs(page: Page, kind: 'png' | 'svg') {
  await page.getByTestId('btn-export').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${kind}`).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: new Uint8Array(fs.readFileSync(path!)) };
}

/** Non-background pixels of a PNG, counted in the browser. */
async function inkOf(page: Page, bytes: Uint8Array): Promise<number> {
  return page.evaluate(async (b64) => {
    const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
    const bmp = await createImageBitmap(blob);
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    // The background is the most common colour.
    const counts = new Map<number, number>();
    for (let i = 0; i < d.length; i += 4) {
      const key = (d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const bg = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const [r0, g0, b0] = [(bg >> 16) & 255, (bg >> 8) & 255, bg & 255];
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i]! - r0) + Math.abs(d[i + 1]! - g0) + Math.abs(d[i + 2]! - b0) > 60) ink++;
    return ink;
  }, Buffer.from(bytes).toString('base64'));
}

test('export PNG and SVG: valid files with the edges drawn, the design embedded, reopening it', async ({ page }) => {
  await openDesigner(page);
  const original = await savedDocument(page);
  const png = await exportAs(page, 'png');
  expect(png.name).toMatch(/\.png$/);
  expect([...png.bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const fromPng = extractFromPng(png.bytes);
  expect(fromPng.ok).toBe(true);

  const svg = await exportAs(page, 'svg');
  const svgText = new TextDecoder().decode(svg.bytes);
  expect(svgText).toMatch(/^<svg|^<\?xml/);
  expect(extractFromSvg(svgText).ok).toBe(true);
  const edgePaths = (svgText.match(/react-flow__edge-path/g) ?? []).length;
  expect(edgePaths).toBeGreaterThanOrEqual(original!.links.length);
  expect(svgText).toContain('Contoso 2019');

  // The edges are in the pixels: the same export without links has clearly less ink.
  const withLinks = await inkOf(page, png.bytes);
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<SVGElement>('.react-flow__edges')) el.style.visibility = 'hidden';
  });
  const bare = await exportAs(page, 'png');
  const withoutLinks = await inkOf(page, bare.bytes);
  expect(withLinks - withoutLinks).toBeGreaterThan(400);
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<SVGElement>('.react-flow__edges')) el.style.visibility = '';
  });

  // Reopen: a different design first, then the exported image brings this one back.
  await page.getByTestId('btn-new').click();
  await page.getByTestId('new-pair-se').click();
  await expect(node(page, 'se-hq')).toBeVisible();
  await page.getByTestId('file-input').setInputFiles({ name: png.name, mimeType: 'image/png', buffer: Buffer.from(png.bytes) });
  await expect(node(page, 'pool-a')).toBeVisible();
  const reopened = await savedDocument(page);
  expect(reopened?.nodes.map((n) => n.id).sort()).toEqual(original?.nodes.map((n) => n.id).sort());
  await page.getByTestId('file-input').setInputFiles({ name: svg.name, mimeType: 'image/svg+xml', buffer: Buffer.from(svg.bytes) });
  await expect(node(page, 'pool-a')).toBeVisible();
});
