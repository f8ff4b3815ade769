import { describe, expect, it } from 'vitest';
import type { FlowNode } from './flow-types';
import { OPEN_AT_SITE_ABOVE, OPEN_AT_SITE_ZOOM, fittedViewport, openingViewport } from './fit';

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
});
