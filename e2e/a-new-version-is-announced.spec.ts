/**
 * Journey: an architect has the designer open (installed by its service worker) and is in
 * the middle of an edit when a new version is published. The page says so and waits:
 * nothing reloads by itself. "Later" keeps working on the open design; "Reload" brings the
 * new version, with the design as it was.
 *
 * The build is served from a copy here (its own server on a free port), so that the test
 * can publish a "new version" of it: another index.html and a service worker whose bytes
 * differ, as a new deployment would.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { autosaveSettled } from './helpers';

const DIST = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

/** A static server for `root`, on a free port of 127.0.0.1 (a secure context: service workers run). */
async function serve(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Publishes a new version of the copy: a marked index.html and a service worker of another version. */
function publishNewVersion(root: string): void {
  const index = path.join(root, 'index.html');
  fs.writeFileSync(
    index,
    fs
      .readFileSync(index, 'utf8')
      .replace('<meta charset="UTF-8" />', '<meta charset="UTF-8" />\n    <meta name="designer-build" content="next" />'),
  );
  const sw = path.join(root, 'sw.js');
  const text = fs.readFileSync(sw, 'utf8');
  const next = text.replace(/const VERSION = "([0-9a-f]+)";/, (_, v: string) => `const VERSION = "${v}-next";`);
  expect(next, 'the service worker names its version').not.toBe(text);
  fs.writeFileSync(sw, next);
}

async function controlled(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
}

/** What the periodic update check does (hourly in the page): ask the server for the service worker again. */
async function checkForUpdate(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
}

const build = (page: Page) =>
  page.evaluate(() => document.querySelector('meta[name="designer-build"]')?.getAttribute('content') ?? 'first');

test('a new version is announced and waits: Later keeps the edit, Reload brings the new version with the design', async ({
  page,
}) => {
  test.slow();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'designer-update-'));
  fs.cpSync(DIST, root, { recursive: true });
  const server = await serve(root);
  try {
    await page.goto(server.url);
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await controlled(page);
    expect(await build(page)).toBe('first');

    // Mid-edit: the design renamed, and this page marked to tell a reload apart.
    await page.getByTestId('doc-name').fill('Edited before the update');
    await page.getByTestId('doc-name').press('Enter');
    await autosaveSettled(page);
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    publishNewVersion(root);
    await checkForUpdate(page);
    const prompt = page.getByTestId('update-prompt');
    await expect(prompt).toBeVisible({ timeout: 30_000 });
    await expect(prompt).toContainText('A new version of the designer is ready');
    await expect(prompt.getByRole('button', { name: 'Reload' })).toBeVisible();
    await expect(prompt.getByRole('button', { name: 'Later' })).toBeVisible();
    const axe = await new AxeBuilder({ page }).include('[data-testid="update-prompt"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    // Nothing reloads by itself: the edit goes on in the same document.
    await page.waitForTimeout(1_500);
    await page.getByTestId('doc-name').fill('Still editing');
    await page.getByTestId('doc-name').press('Enter');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await build(page)).toBe('first');

    // Later: the notice goes, the edit stays, still the same document.
    await prompt.getByRole('button', { name: 'Later' }).click();
    await expect(prompt).toBeHidden();
    await expect(page.getByTestId('doc-name')).toHaveValue('Still editing');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await autosaveSettled(page);

    // The user reloads later on: the new version still waits, and says so again.
    await page.reload();
    await expect(page.getByTestId('doc-name')).toHaveValue('Still editing');
    expect(await build(page)).toBe('first');
    await expect(prompt).toBeVisible({ timeout: 30_000 });

    // Reload: the new version takes over, with the design as it was.
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => build(page).catch(() => 'reloading'), { timeout: 30_000 }).toBe('next');
    await expect(page.getByTestId('doc-name')).toHaveValue('Still editing');
    await expect(page.getByTestId('update-prompt')).toHaveCount(0);
  } finally {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
