import { expect, test } from '@playwright/test';
import { node, openDesigner } from './helpers';

test('a crash during an edit loses nothing: the last change is there on reopening', async ({ browser, context, page }) => {
  await openDesigner(page);
  await node(page, 'pool-a').click();
  await page.getByTestId('field-name').fill('Pool A renamed');
  await expect(node(page, 'pool-a')).toContainText('Pool A renamed');
  // What the browser holds at this instant, with no unload handler given a chance to run:
  const persisted = await context.storageState();
  await context.close(); // the session ends here; nothing more is written
  const reopened = await browser.newContext({ storageState: persisted, viewport: { width: 1440, height: 900 } });
  const again = await reopened.newPage();
  await again.goto('./');
  await expect(node(again, 'pool-a')).toContainText('Pool A renamed');
  await reopened.close();
});

test('two tabs on the designer do not overwrite each other', async ({ context, page }) => {
  await openDesigner(page);
  const name1 = page.getByTestId('doc-name');
  await name1.fill('Tab one design');
  await name1.press('Enter');
  const second = await context.newPage();
  await second.goto('./');
  await expect(second.getByTestId('notice-warning')).toContainText('another tab');
  const name2 = second.getByTestId('doc-name');
  await expect(name2).toHaveValue('Tab one design');
  await name2.fill('Tab two design');
  await name2.press('Enter');
  await name1.fill('Tab one design, edited');
  await name1.press('Enter');
  const names = await page.evaluate(() => {
    const out: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      if (k.startsWith('sfb-designer:v1:doc:')) out.push(JSON.parse(localStorage.getItem(k)!).doc.name);
    }
    return out.sort();
  });
  expect(names).toContain('Tab one design, edited');
  expect(names).toContain('Tab two design');
});

test('full storage shows a warning and the designer keeps working', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await openDesigner(page);
  await expect(page.getByTestId('notice-warning')).toContainText('storage is full');
  await node(page, 'edge-b').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'edge-b')).toHaveCount(0);
});

test('blocked storage (private mode) shows a warning and the designer keeps working', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await openDesigner(page);
  await expect(page.getByTestId('notice-warning')).toContainText('blocks local storage');
  await node(page, 'pool-a').click();
  await page.getByTestId('field-name').fill('Still editable');
  await expect(node(page, 'pool-a')).toContainText('Still editable');
});
