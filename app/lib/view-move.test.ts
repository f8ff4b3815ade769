import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GLIDE_UP_TO_NODES, viewMoveMs } from './view-move';

describe('viewMoveMs', () => {
  it('lets a design of up to GLIDE_UP_TO_NODES nodes glide for the time asked', () => {
    expect(viewMoveMs(GLIDE_UP_TO_NODES, 300)).toBe(300);
    expect(viewMoveMs(0, 200)).toBe(200);
  });

  it('makes a larger design jump, one node over the limit too', () => {
    expect(viewMoveMs(GLIDE_UP_TO_NODES + 1, 300)).toBe(0);
    expect(viewMoveMs(10_000, 200)).toBe(0);
  });

  it('never lengthens a move and never gives a negative time', () => {
    fc.assert(
      fc.property(fc.nat(20_000), fc.nat(2_000), (n, ms) => {
        const d = viewMoveMs(n, ms);
        expect(d === 0 || d === ms).toBe(true);
        expect(d).toBeLessThanOrEqual(ms);
      }),
    );
  });
});
