import { describe, expect, it } from 'vitest';
import type { FlowNode } from './flow-types';
import type { Topology } from '../model/schema';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/grid-layout';
import {
  EMPTY_VIEWPORT,
  OPEN_AT_SITE_ABOVE,
  OPEN_AT_SITE_ZOOM,
  designBounds,
  fittedViewport,
  fittedViewportOf,
  openingViewport,
  openingViewportOf,
} from './fit';

/** A windowed design's document, reduced to its extent: one site frame at the origin and one card far from it. */
function siteAndFarCard(
  x: number,
  y: number,
): { doc: Topology; frames: Map<string, { x: number; y: number; width: number; height: number }> } {
  const doc = {
    sites: [{ id: 'a' }],
    nodes: [{ id: 'far', siteId: 'a' }],
    links: [],
    layout: { far: { x, y } },
  } as unknown as Topology;
  return { doc, frames: new Map([['a', { x: 0, y: 0, width: 500, height: 300 }]]) };
}

const card = (i: number): FlowNode =>
  ({
    id: `n${i}`,
    type: 'topology',
    position: { x: 300 + (i % 100) * 220, y: 200 + Math.floor(i / 100) * 120 },
    width: 200,
    height: 100,
    data: {},
  }) as unknown as FlowNode;
const site = {
  id: 's1',
  type: 'site',
  position: { x: 260, y: 160 },
  width: 22_100,
  height: 4_000,
  data: {},
} as unknown as FlowNode;

describe('the view a design opens at', () => {
  it('fits a design of up to the threshold of cards', () => {
    const nodes = [site, ...Array.from({ length: OPEN_AT_SITE_ABOVE }, (_, i) => card(i))];
    expect(openingViewport(nodes, 1440, 900)).toEqual(fittedViewport(nodes, 1440, 900));
  });

  it('opens a larger design on its first site at a readable zoom, not fitted', () => {
    const nodes = [site, ...Array.from({ length: OPEN_AT_SITE_ABOVE + 1 }, (_, i) => card(i))];
    const vp = openingViewport(nodes, 1440, 900);
    expect(fittedViewport(nodes, 1440, 900).zoom).toBeLessThan(0.2);
    expect(vp.zoom).toBeGreaterThanOrEqual(OPEN_AT_SITE_ZOOM);
    // The site's top left corner is near the view's top left corner.
    expect(site.position.x * vp.zoom + vp.x).toBeCloseTo(40);
    expect(site.position.y * vp.zoom + vp.y).toBeCloseTo(40);
  });

  it('opens a windowed design on its first site taken from the document, the canvas holding none of it yet', () => {
    // More cards than a design that opens fitted; none of them placed yet.
    const nodes = Array.from({ length: OPEN_AT_SITE_ABOVE + 1 }, (_, i) => ({ id: `n${i}` }));
    const doc = { sites: [{ id: 'b' }, { id: 'a' }], nodes, links: [], layout: {} } as unknown as Topology;
    const frames = new Map([
      ['a', { x: 0, y: 0, width: 500, height: 300 }],
      ['b', { x: 5_000, y: 1_000, width: 800, height: 400 }],
    ]);
    const vp = openingViewportOf(doc, frames, 1440, 900);
    // The document's first site is b: its top left corner is near the view's.
    expect(5_000 * vp.zoom + vp.x).toBeCloseTo(40);
    expect(1_000 * vp.zoom + vp.y).toBeCloseTo(40);
    // Nothing to open on, or no pane: the empty view, never a throw.
    expect(openingViewportOf({ ...doc, sites: [] }, new Map(), 1440, 900)).toEqual(EMPTY_VIEWPORT);
    expect(openingViewport([], 1440, 900, OPEN_AT_SITE_ABOVE + 1)).toEqual(EMPTY_VIEWPORT);
  });

  it('fits a windowed design of up to OPEN_AT_SITE_ABOVE cards by the document, frames and cards, whatever the canvas holds', () => {
    const { doc, frames } = siteAndFarCard(9_000, 3_000);
    const vp = openingViewportOf(doc, frames, 1440, 900);
    const onScreen = (x: number, y: number) => ({ x: x * vp.zoom + vp.x, y: y * vp.zoom + vp.y });
    // The frame's top left corner and the far card's bottom right corner are both in the pane.
    for (const p of [onScreen(0, 0), onScreen(9_000 + NODE_WIDTH, 3_000 + NODE_HEIGHT)]) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(1440);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(900);
    }
    // Not opened on the site at a readable zoom: the whole design is in view.
    expect(vp.zoom).toBeLessThan(0.2);
    // A tall design fills the pane's height, but for a band along the top: the picture's note is there.
    const t = openingViewportOf(siteAndFarCard(300, 9_000).doc, frames, 1440, 900);
    expect(t.y).toBeGreaterThanOrEqual(64);
    expect(t.y).toBeLessThan(80);
    expect(openingViewportOf({ ...doc, nodes: [], layout: {} }, new Map(), 1440, 900)).toEqual(EMPTY_VIEWPORT);
  });

  it('fits the whole of a design as large as the 10,000-node limit draws it, not the part a 5% zoom leaves in view', () => {
    // The generated 10,000-node design spans about 35,700 × 37,300 canvas units.
    const { doc, frames } = siteAndFarCard(35_500, 37_200);
    const vp = fittedViewportOf(doc, 855, 545, frames);
    for (const [x, y] of [
      [0, 0],
      [35_500 + NODE_WIDTH, 37_200 + NODE_HEIGHT],
    ] as const) {
      expect(x * vp.zoom + vp.x).toBeGreaterThanOrEqual(0);
      expect(x * vp.zoom + vp.x).toBeLessThanOrEqual(855);
      expect(y * vp.zoom + vp.y).toBeGreaterThanOrEqual(0);
      expect(y * vp.zoom + vp.y).toBeLessThanOrEqual(545);
    }
  });

  it('bounds a whole design by its frames and every placed card', () => {
    const doc = {
      sites: [{ id: 's' }],
      nodes: [
        { id: 'n1', siteId: 's' },
        { id: 'n2', siteId: 's' },
      ],
      links: [],
      layout: { n1: { x: -100, y: 0 }, n2: { x: 900, y: 700 } },
    } as unknown as Topology;
    const b = designBounds(doc)!;
    expect(b.x).toBeLessThanOrEqual(-100);
    expect(b.y).toBeLessThanOrEqual(0);
    expect(b.x + b.width).toBeGreaterThanOrEqual(900 + 100);
    expect(b.y + b.height).toBeGreaterThanOrEqual(700 + 50);
    expect(designBounds({ ...doc, nodes: [], sites: [], layout: {} })).toBeUndefined();
  });
});
