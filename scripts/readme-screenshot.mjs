#!/usr/bin/env node
// The README's screenshot: the designer with the global reference design and a finding
// selected. Needs the built app served at the URL given (default vite preview).
import { chromium } from '@playwright/test';

const url = process.argv[2] ?? 'http://127.0.0.1:4173/';
const out = process.argv[3] ?? 'public/screenshot.png';
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
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
await page.goto(url);
await page.waitForSelector('.react-flow__node');
await page.getByTestId('btn-new').click();
await page.getByTestId('new-pair-2015-mirror').click();
await page.waitForTimeout(400);
// A design mistake to show the findings: a 2019 pool on a mirrored Back End.
await page.getByTestId('node-pool-ny').click();
await page.getByTestId('field-productVersion').selectOption('2019');
await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
await page.keyboard.press('f');
await page.waitForTimeout(600);
await page.getByTestId('finding-BE-MIRROR-2019').first().locator('.finding-main').click();
await page.waitForTimeout(700);
for (const b of await page.locator('.notice .btn-icon').all()) await b.click();
await page.screenshot({ path: out });
await browser.close();
console.log(`wrote ${out}`);
