import { expect, type Locator, type Page } from '@playwright/test';
import { generateTopology } from '../app/model/generate';
import type { Topology } from '../app/model/schema';
import { shareLink } from '../app/share/index';

/** Opens the designer on a fresh profile (empty storage): the reference design loads. */
export async function openDesigner(page: Page, path = '') {
  await page.goto(path || './');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
}

/** New → empty canvas. */
export async function startEmpty(page: Page) {
  await page.getByTestId('btn-new').click();
  await page.getByTestId('new-empty').click();
  await expect(page.getByTestId('empty-canvas')).toBeVisible();
}

/** Drag a palette item onto the canvas at a position relative to the canvas. */
export async function dropFromPalette(page: Page, kind: string, x: number, y: number) {
  await page.getByTestId(`palette-${kind}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

export function node(page: Page, id: string): Locator {
  return page.getByTestId(`node-${id}`);
}

/**
 * Hovers a card until its handles show (they exist only on hover or selection), and gives
 * the box of one. Hovering again covers a card still moving after a layout or a fit.
 */
export async function handleBox(card: Locator, side: 'top' | 'right' | 'bottom' | 'left') {
  const handle = card.locator(`.react-flow__handle-${side}`);
  await expect(async () => {
    await card.hover({ position: { x: 20, y: 20 } });
    await expect(handle).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  return (await handle.boundingBox())!;
}

/** Drag from the handle of a node that faces another node, to the centre of that node. */
export async function connect(page: Page, fromId: string, toId: string) {
  const from = node(page, fromId);
  const fb = (await from.boundingBox())!;
  const tb = (await node(page, toId).boundingBox())!;
  const dx = tb.x + tb.width / 2 - (fb.x + fb.width / 2);
  const dy = tb.y + tb.height / 2 - (fb.y + fb.height / 2);
  const side = Math.abs(dx) / fb.width > Math.abs(dy) / fb.height ? (dx > 0 ? 'right' : 'left') : dy > 0 ? 'bottom' : 'top';
  const hb = await handleBox(from, side);
  await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
  await page.mouse.down();
  await page.mouse.move(hb.x + 40, hb.y + 10, { steps: 5 });
  await page.mouse.move(tb.x + tb.width / 2, tb.y + tb.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** The document as autosaved (what a reload restores): the stored text of the design this page shows, once its writes are done. */
export async function savedDocument(
  page: Page,
): Promise<
  { name: string; nodes: { id: string; kind: string }[]; links: { kind: string; from: string; to: string }[] } | undefined
> {
  await autosaveSettled(page);
  const id = await page.getByTestId('save-state').getAttribute('data-design-id');
  if (!id) return undefined;
  const text = await storedText(page, 'bodies', id);
  return text ? JSON.parse(text) : undefined;
}

/** Waits until the page has no autosave write in flight. */
export async function autosaveSettled(page: Page) {
  // Two frames: a change made just before shows as pending once React has rendered it.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-pending', '0');
}

/** A text of the designer's IndexedDB database (with its parts, when long), read from inside the page. */
export async function storedText(page: Page, store: 'bodies' | 'history', id: string): Promise<string | undefined> {
  return page.evaluate(
    ([storeName, key]) =>
      new Promise<string | undefined>((resolve) => {
        const open = indexedDB.open('sfb-hadr-designer');
        open.onerror = () => resolve(undefined);
        open.onsuccess = () => {
          const db = open.result;
          try {
            const store = db.transaction(storeName!, 'readonly').objectStore(storeName!);
            const get = store.get(key!);
            get.onsuccess = () => {
              const record = get.result as { text?: string; parts?: number } | undefined;
              if (!record?.parts) {
                resolve(record?.text);
                db.close();
                return;
              }
              // A long text is stored in parts (app/store/storage/design-db.ts): the others follow its id.
              const rest = store.getAll(IDBKeyRange.bound(`${key}\u0000`, `${key}\u0001`, false, true));
              rest.onsuccess = () => {
                resolve(record.text! + (rest.result as { text: string }[]).map((p) => p.text).join(''));
                db.close();
              };
            };
            get.onerror = () => {
              resolve(undefined);
              db.close();
            };
          } catch {
            resolve(undefined);
            db.close();
          }
        };
      }),
    [store, id] as const,
  );
}

/** Summaries of every design the browser keeps (library and trash). */
export async function storedDesigns(page: Page): Promise<{ id: string; name: string; deletedAt?: number }[]> {
  return page.evaluate(
    () =>
      new Promise<{ id: string; name: string; deletedAt?: number }[]>((resolve) => {
        const open = indexedDB.open('sfb-hadr-designer');
        open.onerror = () => resolve([]);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('designs', 'readonly').objectStore('designs').getAll();
          all.onsuccess = () => {
            resolve(all.result as { id: string; name: string; deletedAt?: number }[]);
            db.close();
          };
        };
      }),
  );
}

export async function count(page: Page, severity: 'error' | 'warning' | 'info'): Promise<number> {
  const text = await page.getByTestId(`count-${severity}`).innerText();
  return Number(/\d+/.exec(text)?.[0] ?? NaN);
}

/** A generated design of `nodes` nodes (seed 42, as the bench uses). */
export function largeDesign(nodes: number): Topology {
  const r = generateTopology({ nodes }, 42);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/**
 * Waits until the designer shows the design opened by `openWith` with every link routed:
 * the canvas is drawn (cards and links in one render) and the background routing of a
 * large design is done (the canvas's `data-routing`). On a loaded CI runner, starting the
 * page and parsing, checking and drawing a 500-node design can take longer than one
 * assertion's timeout; this is the one wait that may, and it waits for that event only.
 */
export async function designOpened(page: Page, timeout = 60_000) {
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-routing', 'done', { timeout });
}

/** Starts the designer on a design, as if it had been autosaved there. */
export async function openWith(page: Page, doc: Topology) {
  await page.addInitScript(
    (text) => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('sfb-designer:v1:last', 'large');
      localStorage.setItem('sfb-designer:v1:doc:large', text);
    },
    JSON.stringify({ slot: 'large', savedAt: Date.now(), doc }),
  );
  await page.goto('./');
}

/** Opens a share link of `doc` in the page and waits for the design to be there (minutes for 10,000 nodes on a loaded runner). */
export async function openSharedLink(page: Page, doc: Topology) {
  const link = shareLink(doc, 'http://127.0.0.1/');
  await page.goto(`./${link.slice(link.indexOf('#'))}`);
  await expect(page.getByTestId('doc-name')).toHaveValue(doc.name, { timeout: 300_000 });
}

/** How many cards and frames the minimap draws: one path per look, each saying how many it holds. */
export const minimapCount = async (page: Page): Promise<number> =>
  (
    await page
      .getByTestId('minimap')
      .locator('path[data-count]:not(.mini-wan)')
      .evaluateAll((paths) => paths.map((p) => Number(p.getAttribute('data-count'))))
  ).reduce((a, b) => a + b, 0);
