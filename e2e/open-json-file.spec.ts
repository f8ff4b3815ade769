import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { node, openDesigner } from './helpers';

const SAMPLE = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../app/model/samples/pair-2015-mirror.json');

test('open a JSON file with the picker', async ({ page }) => {
  await openDesigner(page);
  await page.getByTestId('file-input').setInputFiles(SAMPLE);
  await expect(node(page, 'pool-ny')).toBeVisible();
  await expect(page.getByTestId('doc-name')).toHaveValue(/2015/);
  await expect(node(page, 'pool-a')).toHaveCount(0);
});

test('a broken file says what is wrong and leaves the current design untouched', async ({ page }) => {
  await openDesigner(page);
  const broken = JSON.parse(fs.readFileSync(SAMPLE, 'utf8'));
  broken.nodes[0].frontEndServers = 0;
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(page.getByTestId('notice-error')).toContainText('nodes[0].frontEndServers');
  await expect(node(page, 'pool-a')).toBeVisible();
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'garbage.json', mimeType: 'application/json', buffer: Buffer.from('{ nope') });
  await expect(page.getByTestId('notice-error').last()).toContainText('not valid JSON');
  await expect(node(page, 'pool-a')).toBeVisible();
});
