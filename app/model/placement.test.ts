import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { moveToSite, overlappingFrames } from './placement';
import { globalMultiSite, pair2015Mirroring, pair2019AlwaysOn } from './samples/index';
import { siteFrames } from './site-frames';
import { positionOf } from './layout';
import { NODE_HEIGHT, NODE_WIDTH } from './grid-layout';
import type { Topology } from './schema';

/** Whether the card lies inside its site's frame. */
function insideItsFrame(doc: Topology, nodeId: string): boolean {
  const node = doc.nodes.find((n) => n.id === nodeId)!;
  const f = siteFrames(doc).get(node.siteId)!;
  const p = positionOf(doc.layout, nodeId)!;
  return p.x >= f.x && p.y >= f.y && p.x + NODE_WIDTH <= f.x + f.width && p.y + NODE_HEIGHT <= f.y + f.height;
}

describe('moveToSite', () => {
  it("puts the card in a free slot of its new site's frame, the two frames apart, one site's card count less", () => {
    const doc = pair2019AlwaysOn();
    expect(overlappingFrames(doc)).toEqual([]);
    const card = doc.nodes.find((n) => n.siteId === doc.sites[0]!.id)!;
    const to = doc.sites[1]!.id;
    const next = moveToSite(doc, card.id, to);
    expect(next.nodes.find((n) => n.id === card.id)!.siteId).toBe(to);
    expect(insideItsFrame(next, card.id)).toBe(true);
    expect(overlappingFrames(next)).toEqual([]);
    // On no other card.
    const p = positionOf(next.layout, card.id)!;
    for (const n of next.nodes) {
      if (n.id === card.id) continue;
      const q = positionOf(next.layout, n.id)!;
      expect(p.x < q.x + NODE_WIDTH && q.x < p.x + NODE_WIDTH && p.y < q.y + NODE_HEIGHT && q.y < p.y + NODE_HEIGHT).toBe(false);
    }
  });

  it('the same site, an unknown site or an unknown card change nothing; a card off the canvas only changes site (near misses)', () => {
    const doc = pair2019AlwaysOn();
    const card = doc.nodes[0]!;
    expect(moveToSite(doc, card.id, card.siteId)).toBe(doc);
    expect(moveToSite(doc, card.id, 'no-such-site')).toBe(doc);
    expect(moveToSite(doc, 'no-such-card', doc.sites[1]!.id)).toBe(doc);
    const { [card.id]: _, ...layout } = doc.layout ?? {};
    const unplaced = { ...doc, layout };
    const other = doc.sites.find((s) => s.id !== card.siteId)!.id;
    const next = moveToSite(unplaced, card.id, other);
    expect(next.nodes.find((n) => n.id === card.id)!.siteId).toBe(other);
    expect(next.layout).toEqual(unplaced.layout);
  });

  it('property: any card to any site of the reference designs lands inside its new frame, with no frames overlapping', () => {
    const designs = [pair2019AlwaysOn(), pair2015Mirroring(), globalMultiSite()];
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), (d, c, s) => {
        const doc = designs[d % designs.length]!;
        const card = doc.nodes[c % doc.nodes.length]!;
        const site = doc.sites[s % doc.sites.length]!;
        const next = moveToSite(doc, card.id, site.id);
        expect(next.nodes.find((n) => n.id === card.id)!.siteId).toBe(site.id);
        if (overlappingFrames(doc).length === 0) expect(overlappingFrames(next)).toEqual([]);
        if (positionOf(doc.layout, card.id)) expect(insideItsFrame(next, card.id)).toBe(true);
        // Every other card keeps its site.
        for (const n of doc.nodes) if (n.id !== card.id) expect(next.nodes.find((m) => m.id === n.id)!.siteId).toBe(n.siteId);
      }),
      { numRuns: 200 },
    );
  });
});
