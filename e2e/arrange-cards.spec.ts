import { expect, test } from '@playwright/test';
import { pair2019AlwaysOn } from '../app/model/samples';
import { node, openDesigner, savedDocument } from './helpers';

type Saved = { layout?: Record<string, { x: number; y: number }> };

test('tidy a diagram: align several cards on one line, space them evenly, and undo it', async ({ page }) => {
  await openDesigner(page);
  const ids = ['oos-a', 'fs-a', 'sql-b']; // three rows and columns apart, in both sites
  const before = pair2019AlwaysOn().layout!; // the reference design the designer opens with
  await node(page, ids[0]!).click({ position: { x: 30, y: 20 } });
  for (const id of ids.slice(1)) await node(page, id).click({ position: { x: 30, y: 20 }, modifiers: ['Control'] });
  const bar = page.getByRole('toolbar', { name: 'Arrange the selected cards' });
  await expect(bar).toBeVisible();

  // A toolbar in the ARIA sense: arrows move along it, and do not nudge the cards.
  await bar.getByRole('button', { name: 'Align left edges' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(bar.getByRole('button', { name: 'Align centres (vertical line)' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(bar.getByRole('button', { name: 'Distribute vertically (equal gaps)' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(bar.getByRole('button', { name: 'Align left edges' })).toBeFocused();
  const saved = ((await savedDocument(page)) as Saved | undefined)?.layout ?? before;
  expect(ids.map((id) => saved[id])).toEqual(ids.map((id) => before[id])); // nothing moved

  await bar.getByRole('button', { name: 'Align bottom edges' }).click();
  const layoutNow = async () => ((await savedDocument(page)) as Saved | undefined)?.layout ?? {};
  const lowest = Math.max(...ids.map((id) => before[id]!.y));
  const ysNow = async () => {
    const l = await layoutNow();
    return ids.map((id) => l[id]?.y);
  };
  await expect.poll(ysNow).toEqual(ids.map(() => lowest));
  const layout = ((await savedDocument(page)) as Saved).layout!;
  for (const id of ids) expect(layout[id]!.x).toBe(before[id]!.x); // only the vertical position moved

  await bar.getByRole('button', { name: 'Distribute horizontally (equal gaps)' }).click();
  await expect
    .poll(async () => {
      const l = ((await savedDocument(page)) as Saved).layout!;
      return ids.map((id) => l[id]!.x);
    })
    .toEqual(evenlySpaced(ids.map((id) => before[id]!.x)));

  // Two undo steps take it back to where it was.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  const positionsNow = async () => {
    const l = await layoutNow();
    return ids.map((id) => l[id]);
  };
  await expect.poll(positionsNow).toEqual(ids.map((id) => before[id]));
});

/** Distribute keeps the leftmost and rightmost cards and puts the middle one halfway (the cards are as wide as each other). */
function evenlySpaced(xs: number[]): number[] {
  const sorted = [...xs].sort((a, b) => a - b);
  const [lo, hi] = [sorted[0]!, sorted[2]!];
  return xs.map((x) => (x === lo || x === hi ? x : Math.round((lo + hi) / 2)));
}
