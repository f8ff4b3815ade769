import { describe, expect, it } from 'vitest';
import { positionOf } from './layout';
import { pair2019AlwaysOn } from './samples';
import { siteFrames } from './site-frames';

const PROTOTYPE_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', '__defineGetter__'];

describe('positionOf', () => {
  it('finds own positions only: ids named like Object.prototype members have none until given one', () => {
    const layout = { a: { x: 1, y: 2 } };
    expect(positionOf(layout, 'a')).toEqual({ x: 1, y: 2 });
    expect(positionOf(layout, 'b')).toBeUndefined();
    expect(positionOf(undefined, 'a')).toBeUndefined();
    for (const id of PROTOTYPE_NAMES) expect(positionOf(layout, id)).toBeUndefined();
    expect(positionOf({ toString: { x: 5, y: 6 } }, 'toString')).toEqual({ x: 5, y: 6 });
  });

  it('a site frame is computed from real positions, whatever the nodes are called', () => {
    const doc = pair2019AlwaysOn();
    // Renamed nodes keep no layout: their site's frame comes from the others, with finite numbers.
    doc.nodes = doc.nodes.map((n) =>
      n.id === 'oos-a' ? { ...n, id: 'constructor' } : n.id === 'fs-a' ? { ...n, id: 'toString' } : n,
    );
    const frame = siteFrames(doc).get('dc1')!;
    for (const v of Object.values(frame)) expect(Number.isFinite(v)).toBe(true);
  });
});
