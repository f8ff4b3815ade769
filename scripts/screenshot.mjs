#!/usr/bin/env node
// Screenshots of the built designer for people to look at: node scripts/screenshot.mjs [url] [out-dir]
import { chromium } from '@playwright/test';
import fs from 'node:fs';

const url = process.argv[2] ?? 'http://127.0.0.1:4173/';
const out = process.argv[3] ?? 'reports/screens';
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});
for (const [name, scheme, size] of [
  ['light-1440', 'light', { width: 1440, height: 900 }],
  ['dark-1440', 'dark', { width: 1440, height: 900 }],
  ['light-1280', 'light', { width: 1280, height: 800 }],
]) {
  const page = await browser.newPage({ viewport: size, colorScheme: scheme });
  page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  await page.goto(url);
  await page.waitForSelector('.react-flow__node');
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${out}/${name}.png` });
  await page.close();
}
await browser.close();
console.log(`screenshots in ${out}`);
