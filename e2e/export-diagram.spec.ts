import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { strFromU8, unzipSync } from 'fflate';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractFromPng } from '../app/export/png';
import { extractFromSvg } from '../app/export/svg';
import { parseXml, type XmlElement } from '../app/import/xml';
import { node, openDesigner, savedDocument } from './helpers';

async function exportAs(page: Page, kind: 'png' | 'svg' | 'pdf' | 'pptx') {
  await page.getByTestId('btn-export').click();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByTestId(`export-${kind}`).click(),
  ]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: new Uint8Array(fs.readFileSync(file!)) };
}

/** Non-background pixels of a PNG, counted in the browser, and its size. */
async function inkOf(page: Page, bytes: Uint8Array): Promise<{ ink: number; width: number; height: number }> {
  return page.evaluate(async (b64) => {
    const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
    const bmp = await createImageBitmap(blob);
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < d.length; i += 4) {
      const key = (d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const bg = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const [r0, g0, b0] = [(bg >> 16) & 255, (bg >> 8) & 255, bg & 255];
    let ink = 0;
    for (let i = 0; i < d.length; i += 4)
      if (Math.abs(d[i]! - r0) + Math.abs(d[i + 1]! - g0) + Math.abs(d[i + 2]! - b0) > 60) ink++;
    return { ink, width: bmp.width, height: bmp.height };
  }, Buffer.from(bytes).toString('base64'));
}

function walk(el: XmlElement, visit: (e: XmlElement) => void): void {
  visit(el);
  for (const c of el.children) walk(c, visit);
}

test('export SVG, PNG, the PDF report and PowerPoint slides: native drawing, the design embedded, the same bytes as topo render, reopening it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openDesigner(page);
  const original = await savedDocument(page);

  const svg = await exportAs(page, 'svg');
  expect(svg.name).toMatch(/\.svg$/);
  const svgText = new TextDecoder().decode(svg.bytes);
  expect(svgText).toMatch(/^<\?xml/);
  expect(svgText).not.toMatch(/foreignObject/i);
  expect(svg.bytes.length).toBeLessThan(300_000);
  const tree = parseXml(svgText);
  if (!tree.ok) throw new Error(tree.error.message);
  const elements = new Map<string, number>();
  walk(tree.value, (e) => elements.set(e.local, (elements.get(e.local) ?? 0) + 1));
  expect(elements.get('text')).toBeGreaterThan(original!.nodes.length * 3);
  expect((svgText.match(/class="link /g) ?? []).length).toBe(original!.links.length);
  expect(svgText).toContain('Contoso 2019');

  // The command line draws the same bytes for the same design and date.
  const embedded = extractFromSvg(svgText);
  expect(embedded.ok).toBe(true);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-render-'));
  try {
    const file = path.join(dir, 'design.json');
    fs.writeFileSync(file, JSON.stringify(embedded.ok && embedded.value));
    const date = /(\d{4}-\d{2}-\d{2}) · Skype for Business HA\/DR designer/.exec(svgText)![1]!;
    const theme = (await page.evaluate(() => document.documentElement.dataset.theme)) === 'dark' ? 'dark' : 'light';
    const cli = spawnSync('node', ['scripts/topo.mjs', 'render', file, '--format', 'svg', '--theme', theme, '--date', date], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toBe(svgText);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const png = await exportAs(page, 'png');
  expect(png.name).toMatch(/\.png$/);
  expect([...png.bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(extractFromPng(png.bytes).ok).toBe(true);
  // The PNG is the SVG drawn at twice its size: cards, text and links are ink.
  const svgWidth = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svgText)![1]);
  const pixels = await inkOf(page, png.bytes);
  expect(pixels.width).toBe(svgWidth * 2);
  expect(pixels.ink).toBeGreaterThan(pixels.width * pixels.height * 0.03);

  const pdf = await exportAs(page, 'pdf');
  expect(pdf.name).toMatch(/\.pdf$/);
  const pdfText = Buffer.from(pdf.bytes).toString('latin1');
  expect(pdfText.startsWith('%PDF-')).toBe(true);
  expect(Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(pdfText)?.[1])).toBeGreaterThanOrEqual(4);

  const pptx = await exportAs(page, 'pptx');
  expect(pptx.name).toMatch(/\.pptx$/);
  const zip = unzipSync(pptx.bytes);
  const slides = Object.keys(zip).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
  // The diagram, the findings, and one slide per paired pool's runbook.
  expect(slides.length).toBeGreaterThanOrEqual(3);
  const slide1 = strFromU8(zip['ppt/slides/slide1.xml']!);
  // Every link a connector glued to its cards (or, for a route PowerPoint has no connector for, a freeform line).
  expect((slide1.match(/<p:cxnSp>/g) ?? []).length + (slide1.match(/name="route:/g) ?? []).length).toBe(original!.links.length);
  for (const n of original!.nodes) expect(slide1).toContain(`name="node:${n.id}"`);

  // Reopen: a different design first, then each exported image brings this one back.
  await page.getByTestId('btn-new').click();
  await page.getByTestId('new-pair-se').click();
  await expect(node(page, 'se-hq')).toBeVisible();
  await page.getByTestId('file-input').setInputFiles({ name: png.name, mimeType: 'image/png', buffer: Buffer.from(png.bytes) });
  await expect(node(page, 'pool-a')).toBeVisible();
  const reopened = await savedDocument(page);
  expect(reopened?.nodes.map((n) => n.id).sort()).toEqual(original?.nodes.map((n) => n.id).sort());
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: svg.name, mimeType: 'image/svg+xml', buffer: Buffer.from(svg.bytes) });
  await expect(node(page, 'pool-a')).toBeVisible();
});

test('a print started before the print report has loaded still prints the report', async ({ page }) => {
  // The report loads on first use: hold its script back so the print starts first.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/print-view-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await openDesigner(page);
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  release();
  await expect(page.getByTestId('print-report').locator('h1')).toHaveText(/Contoso 2019/, { timeout: 20_000 });
});

test('print: the whole drawing on the first page, then the findings and the steps', async ({ page }) => {
  await openDesigner(page);
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const report = page.getByTestId('print-report');
  // The printed copy is hidden from assistive technology (it repeats the page): found by tag.
  await expect(report.locator('h1')).toHaveText(/Contoso 2019/);
  // The drawing is an image of the native SVG, loaded, as wide as the page allows.
  const drawing = report.locator('img.print-drawing');
  await expect.poll(() => drawing.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(1000);
  const box = (await drawing.boundingBox())!;
  expect(box.width).toBeGreaterThan(page.viewportSize()!.width * 0.9);
  await expect(report.locator('h2', { hasText: 'Findings' })).toBeVisible();
  await expect(report.locator('h2', { hasText: 'Deployment steps' })).toBeVisible();
  // The canvas itself is not printed.
  await expect(page.locator('.react-flow')).toBeHidden();
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const text = Buffer.from(pdf).toString('latin1');
  expect(Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(3);
});
