import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/grid-layout';
import type { Topology } from '../model/schema';
import {
  MAX_WINDOW_CARDS,
  elementsInWindow,
  MAX_WINDOW_SITES,
  MAX_HELD,
  mapItemsOf,
  sameWindow,
  viewRectOf,
  windowAround,
  windowServes,
  lineCrossesRect,
} from './canvas-window';
import { WINDOW_ABOVE_CARDS, windowed } from './fit';

const NO_FRAMES = new Map<string, { x: number; y: number; width: number; height: number }>();

/** A row of cards 300 units apart, each linked to the next. */
function row(n: number, spacing = 300): Topology {
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `n${i}`,
    kind: 'frontEndPool',
    name: `pool ${i}`,
    fqdn: `pool${i}.contoso.com`,
    siteId: 's1',
  }));
  const layout = Object.fromEntries(nodes.map((x, i) => [x.id, { x: i * spacing, y: 0 }]));
  const links = nodes.slice(1).map((x, i) => ({ id: `l${i}`, kind: 'pairing', from: nodes[i]!.id, to: x.id }));
  return { name: 'row', nodes, links, sites: [{ id: 's1', name: 'Site', kind: 'central' }], layout } as unknown as Topology;
}

describe('the canvas window', () => {
  it('windows only designs above the threshold', () => {
    expect(windowed(WINDOW_ABOVE_CARDS)).toBe(false);
    expect(windowed(WINDOW_ABOVE_CARDS + 1)).toBe(true);
  });

  it('sees what React Flow shows at a transform', () => {
    // Translated by (-200, -100) at zoom 0.5: the view starts at canvas (400, 200), 2000 × 1200.
    expect(viewRectOf([-200, -100, 0.5], 1000, 600)).toEqual({ x: 400, y: 200, width: 2000, height: 1200 });
  });

  it('holds the cards in the window and the far end of a link leaving it, not the rest', () => {
    const doc = row(20);
    // The window covers cards 3 to 5 (x 900 to 1500).
    const w = elementsInWindow(doc, NO_FRAMES, { x: 900, y: 0, width: 600, height: 50 }, new Set());
    expect(w.picture).toBe(false);
    // n2 and n6 are the far ends of the links from n3 and n5.
    expect([...w.ids].sort()).toEqual(['n2', 'n3', 'n4', 'n5', 'n6']);
  });

  it('a card just outside the window is not in it (near miss)', () => {
    const doc = row(3, 1000);
    const w = elementsInWindow(doc, NO_FRAMES, { x: 1000 + NODE_WIDTH + 1, y: 0, width: 500, height: 50 }, new Set());
    expect(w.ids.has('n1')).toBe(false);
  });

  it('holds both ends of a link that only crosses the window', () => {
    const doc = row(2, 5000);
    const w = elementsInWindow(doc, NO_FRAMES, { x: 2000, y: 0, width: 500, height: NODE_HEIGHT }, new Set());
    expect([...w.ids].sort()).toEqual(['n0', 'n1']);
  });

  it('keeps the selection out of view', () => {
    const doc = row(20);
    const w = elementsInWindow(doc, NO_FRAMES, { x: 0, y: 0, width: 10, height: 10 }, new Set(['n19', 'not-a-card']));
    expect(w.ids.has('n19')).toBe(true);
    expect(w.ids.has('not-a-card')).toBe(false);
  });

  it('draws a picture when the window holds too many cards, keeping the selection', () => {
    const doc = row(MAX_WINDOW_CARDS + 1, 10);
    const all = { x: -1e6, y: -1e6, width: 2e6, height: 2e6 };
    const w = elementsInWindow(doc, NO_FRAMES, all, new Set(['n7']));
    expect(w.picture).toBe(true);
    expect([...w.ids]).toEqual(['n7']);
    // Long links crossing a window with few cards in it never make a picture, and bring in at most MAX_HELD ends.
    const crossed = row(2 * MAX_HELD, 10);
    crossed.layout = Object.fromEntries(crossed.nodes.map((n, i) => [n.id, { x: i % 2 ? 10_000 : -10_000, y: i }]));
    crossed.links = crossed.nodes
      .slice(1)
      .map((x, i) => ({ id: `l${i}`, kind: 'pairing', from: crossed.nodes[i]!.id, to: x.id }));
    const thin = elementsInWindow(crossed, NO_FRAMES, { x: -10, y: -10, width: 20, height: 5_000 }, new Set());
    expect(thin.picture).toBe(false);
    expect(thin.ids.size).toBeLessThanOrEqual(MAX_HELD);
    expect(thin.ids.size).toBeGreaterThan(MAX_HELD - 2);
    // One card fewer: cards, not a picture.
    const fewer = elementsInWindow(row(MAX_WINDOW_CARDS, 10), NO_FRAMES, all, new Set());
    expect(fewer.picture).toBe(false);
    expect(fewer.ids.size).toBe(MAX_WINDOW_CARDS);
  });

  it('holds the site frames in the window and both ends of a WAN link crossing it; too many frames make a picture', () => {
    const doc = { ...row(0), siteLinks: [{ id: 'w1', from: 'a', to: 'c' }] } as unknown as Topology;
    const frames = new Map([
      ['a', { x: 0, y: 0, width: 100, height: 100 }],
      ['b', { x: 1000, y: 0, width: 100, height: 100 }],
      ['c', { x: 5000, y: 0, width: 100, height: 100 }],
      ['d', { x: 9000, y: 0, width: 100, height: 100 }],
    ]);
    // b is inside; the WAN link a–c crosses the window; d is far away.
    const w = elementsInWindow(doc, frames, { x: 900, y: 0, width: 300, height: 100 }, new Set());
    expect([...w.ids].sort()).toEqual(['a', 'b', 'c']);
    const many = new Map(
      Array.from({ length: MAX_WINDOW_SITES + 1 }, (_, i) => [`s${i}`, { x: i * 10, y: 0, width: 5, height: 5 }]),
    );
    const frameView = elementsInWindow(row(0), many, { x: 0, y: 0, width: 1e5, height: 10 }, new Set(['s3']));
    expect(frameView.picture).toBe(true);
    expect([...frameView.ids]).toEqual(['s3']);
    many.delete('s0');
    expect(elementsInWindow(row(0), many, { x: 0, y: 0, width: 1e5, height: 10 }, new Set()).picture).toBe(false);
  });

  it('a window serves the views inside it, until zoomed far into it', () => {
    const view = { x: 0, y: 0, width: 1000, height: 600 };
    const win = windowAround(view);
    expect(windowServes(win, view)).toBe(true);
    expect(windowServes(win, { ...view, x: 200 })).toBe(true);
    // Panned past the margin.
    expect(windowServes(win, { ...view, x: 600 })).toBe(false);
    // Zoomed in to a sixth of it.
    expect(windowServes(win, { x: 100, y: 100, width: 250, height: 150 })).toBe(false);
  });

  it('property: every card overlapping the view is in the window around it, and the window serves the view', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }) }), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.record({
          x: fc.integer({ min: -4000, max: 4000 }),
          y: fc.integer({ min: -4000, max: 4000 }),
          width: fc.integer({ min: 100, max: 4000 }),
          height: fc.integer({ min: 100, max: 4000 }),
        }),
        (points, view) => {
          const doc = row(points.length);
          doc.layout = Object.fromEntries(points.map((p, i) => [`n${i}`, p]));
          const win = windowAround(view);
          expect(windowServes(win, view)).toBe(true);
          const w = elementsInWindow(doc, NO_FRAMES, win, new Set());
          const inView = new Set<string>();
          points.forEach((p, i) => {
            const overlaps =
              p.x + NODE_WIDTH >= view.x &&
              p.x <= view.x + view.width &&
              p.y + NODE_HEIGHT >= view.y &&
              p.y <= view.y + view.height;
            if (overlaps) inView.add(`n${i}`);
          });
          for (const id of inView) expect(w.ids.has(id)).toBe(true);
          // Every link from a card in view is drawn whole: its other end is held too.
          for (const l of doc.links)
            if ((inView.has(l.from) || inView.has(l.to)) && !(w.ids.has(l.from) && w.ids.has(l.to)))
              expect.fail(`link ${l.id} has one end only`);
        },
      ),
    );
  });

  it('a long diagonal link is kept only where its line crosses the window', () => {
    const r = { x: 0, y: 0, width: 10, height: 10 };
    expect(lineCrossesRect(-100, -100, 100, 100, r)).toBe(true);
    // Its bounding box holds the window, its line misses it (near miss).
    expect(lineCrossesRect(-100, 30, 30, -100, r)).toBe(false);
    expect(lineCrossesRect(5, 5, 6, 6, r)).toBe(true);
  });

  it('property: a line with a point inside the rectangle crosses it; one wholly to a side does not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: -50, max: 50 }),
        (ax, ay, bx, by) => {
          const r = { x: -10, y: -5, width: 20, height: 10 };
          const inside = (x: number, y: number) => x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height;
          let sampled = false;
          for (let i = 0; i <= 400; i++) if (inside(ax + ((bx - ax) * i) / 400, ay + ((by - ay) * i) / 400)) sampled = true;
          // Sampling can miss a corner graze; a crossing it finds must be found exactly.
          if (sampled) expect(lineCrossesRect(ax, ay, bx, by, r)).toBe(true);
          // And a line with both ends on one side of it never crosses it.
          if (Math.max(ax, bx) < r.x || Math.min(ay, by) > r.y + r.height) expect(lineCrossesRect(ax, ay, bx, by, r)).toBe(false);
        },
      ),
    );
  });

  it('says two windows are the same only when they hold the same cards', () => {
    const a = { ids: new Set(['a', 'b']), picture: false };
    expect(sameWindow(a, { ids: new Set(['b', 'a']), picture: false })).toBe(true);
    expect(sameWindow(a, { ids: new Set(['a', 'c']), picture: false })).toBe(false);
    expect(sameWindow(a, { ids: new Set(['a', 'b']), picture: true })).toBe(false);
    expect(sameWindow(undefined, a)).toBe(false);
  });

  it('gives the minimap every frame and placed card, the selection marked', () => {
    const doc = row(4);
    const frames = new Map([['s1', { x: -10, y: -10, width: 1000, height: 100 }]]);
    const items = mapItemsOf(doc, frames, new Set(['n2']));
    expect(items.filter((i) => i.type === 'site')).toHaveLength(1);
    expect(items.filter((i) => i.type === 'topology')).toHaveLength(4);
    expect(items.filter((i) => i.selected).length).toBe(1);
  });
});
