import { expect, test } from '@playwright/test';
import { node, openDesigner, savedDocument } from './helpers';

type Store = { id: string; haMode?: string; sqlUpdateLevel?: string };

test('select both Back Ends and switch them to mirroring at once: both are flagged, and one undo restores both', async ({
  page,
}) => {
  await openDesigner(page);
  await node(page, 'sql-a').click({ position: { x: 30, y: 20 } });
  await node(page, 'sql-b').click({ position: { x: 30, y: 20 }, modifiers: ['Control'] });
  const editor = page.getByTestId('bulk-editor');
  await expect(editor).toContainText('2 SQL stores');
  const ha = editor.getByRole('combobox', { name: 'High availability', exact: true });
  await expect(ha).toHaveValue('alwaysOnAg'); // both agree
  await ha.selectOption('mirroring');
  const stores = async () => ((await savedDocument(page))?.nodes as Store[]).filter((n) => n.id === 'sql-a' || n.id === 'sql-b');
  await expect.poll(async () => (await stores()).map((n) => n.haMode)).toEqual(['mirroring', 'mirroring']);
  await expect(page.getByTestId('finding-BE-MIRROR-2019')).toHaveCount(2);

  // A typed value applies to both on Enter.
  const level = editor.getByRole('textbox', { name: 'Update level' });
  await level.fill('CU20');
  await level.press('Enter');
  await expect.poll(async () => (await stores()).map((n) => n.sqlUpdateLevel)).toEqual(['CU20', 'CU20']);

  await page.getByTestId('btn-undo').click();
  await page.getByTestId('btn-undo').click();
  await expect.poll(async () => (await stores()).map((n) => n.haMode)).toEqual(['alwaysOnAg', 'alwaysOnAg']);
  await expect(page.getByTestId('finding-BE-MIRROR-2019')).toHaveCount(0);
});
