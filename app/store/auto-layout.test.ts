import { describe, expect, it } from 'vitest';
import { globalMultiSite, pair2019AlwaysOn } from '../model/samples/index';
import { computeElkLayout } from './auto-layout';
import { siteFrames, frameContains, nodeCenter } from '../model/site-frames';

describe('auto-layout', () => {
  it('places every node inside its own site and no two site frames overlap', async () => {
    for (const doc of [pair2019AlwaysOn(), globalMultiSite()]) {
      const layout = await computeElkLayout(doc);
      const laid = { ...doc, layout };
      for (const n of doc.nodes) expect(layout[n.id], n.id).toBeDefined();
      const frames = siteFrames(laid);
      for (const n of doc.nodes) {
        const own = frames.get(n.siteId)!;
        expect(frameContains(own, nodeCenter(layout[n.id]!)), `${n.id} in ${n.siteId}`).toBe(true);
        for (const [sid, f] of frames)
          if (sid !== n.siteId) expect(frameContains(f, nodeCenter(layout[n.id]!)), `${n.id} not in ${sid}`).toBe(false);
      }
      const list = [...frames.values()];
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) {
          const a = list[i]!;
          const b = list[j]!;
          const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
          expect(overlap).toBe(false);
        }
    }
  });
});
