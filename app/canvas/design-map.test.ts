import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAP_HEIGHT,
  MAP_WIDTH,
  canvasPointAt,
  itemsBounds,
  mapGeometry,
  mapShapes,
  viewRectInMap,
  type MapItem,
} from './design-map';

describe('the minimap geometry', () => {
  it('fits the whole design inside the map, centred', () => {
    const bounds = { x: -500, y: 200, width: 10_000, height: 3_000 };
    const g = mapGeometry(bounds);
    const left = g.offsetX + bounds.x * g.scale;
    const right = g.offsetX + (bounds.x + bounds.width) * g.scale;
    const top = g.offsetY + bounds.y * g.scale;
    const bottom = g.offsetY + (bounds.y + bounds.height) * g.scale;
    expect(left).toBeGreaterThanOrEqual(0);
    expect(right).toBeLessThanOrEqual(MAP_WIDTH);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(bottom).toBeLessThanOrEqual(MAP_HEIGHT);
    expect(left + right).toBeCloseTo(MAP_WIDTH);
    expect(top + bottom).toBeCloseTo(MAP_HEIGHT);
  });

  it('draws the view where React Flow shows it, and maps a click back to the canvas point under it', () => {
    const g = mapGeometry({ x: 0, y: 0, width: 4_000, height: 2_000 });
    // At zoom 0.5, translated by (-200, -100): the view starts at canvas (400, 200) and is 2000 × 1200 wide.
    const r = viewRectInMap(g, [-200, -100, 0.5], 1_000, 600);
    expect(canvasPointAt(g, r.x, r.y)).toEqual({ x: expect.closeTo(400, 6), y: expect.closeTo(200, 6) });
    expect(r.width / g.scale).toBeCloseTo(2_000);
    expect(r.height / g.scale).toBeCloseTo(1_200);
  });

  it('never gives a non-finite geometry, whatever the bounds (an empty or one-point design included)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (x, y, width, height) => {
          const g = mapGeometry({ x, y, width, height });
          return Number.isFinite(g.scale) && g.scale > 0 && Number.isFinite(g.offsetX) && Number.isFinite(g.offsetY);
        },
      ),
    );
  });
});

describe('the minimap shapes', () => {
  const card = (id: string, kind: 'frontEndPool' | 'sqlStore', x: number, selected = false) =>
    ({
      id,
      type: 'topology',
      position: { x, y: 0 },
      width: 100,
      height: 50,
      selected,
      data: { node: { kind } },
    }) as MapItem;

  it('draws every card once, one path per look, the selection apart', () => {
    const nodes = [
      card('a', 'frontEndPool', 0),
      card('b', 'sqlStore', 200),
      card('c', 'frontEndPool', 400, true),
      card('d', 'frontEndPool', 600),
    ];
    const shapes = mapShapes(nodes, mapGeometry({ x: 0, y: 0, width: 700, height: 50 }));
    expect(shapes.reduce((n, s) => n + s.count, 0)).toBe(nodes.length);
    expect(new Set(shapes.map((s) => s.className)).size).toBe(shapes.length);
    expect(shapes.find((s) => s.className.includes('is-selected'))?.count).toBe(1);
    for (const s of shapes) expect(s.d.match(/M/g)?.length).toBe(s.count);
  });

  it('places a card where the geometry puts it', () => {
    const g = mapGeometry({ x: 0, y: 0, width: 700, height: 50 });
    const [only] = mapShapes([card('a', 'frontEndPool', 400)], g);
    const [x, y] = only!.d.slice(1).split(/[ h]/).map(Number);
    expect(x).toBeCloseTo(g.offsetX + 400 * g.scale, 1);
    expect(y).toBeCloseTo(g.offsetY, 1);
  });
});

describe('the minimap bounds', () => {
  it('hold every item, and nothing more', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: -1e5, max: 1e5 }),
            y: fc.integer({ min: -1e5, max: 1e5 }),
            w: fc.integer({ min: 0, max: 1e4 }),
            h: fc.integer({ min: 0, max: 1e4 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (boxes) => {
          const items: MapItem[] = boxes.map((b) => ({ type: 'site', position: { x: b.x, y: b.y }, width: b.w, height: b.h }));
          const r = itemsBounds(items);
          for (const b of boxes) {
            expect(b.x).toBeGreaterThanOrEqual(r.x);
            expect(b.y).toBeGreaterThanOrEqual(r.y);
            expect(b.x + b.w).toBeLessThanOrEqual(r.x + r.width);
            expect(b.y + b.h).toBeLessThanOrEqual(r.y + r.height);
          }
          expect(Math.min(...boxes.map((b) => b.x))).toBe(r.x);
          expect(Math.max(...boxes.map((b) => b.y + b.h))).toBe(r.y + r.height);
        },
      ),
    );
  });
});
