// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { diffTopologies } from '../migrate/diff';
import { referenceMigration } from '../model/samples/migrations';
import { compareCanvas } from '../store/comparison';
import { ghostElements, ghostLanes, LANE_GAP } from './compare-ghosts';
import { borderPoint } from './topology-edge';

describe('removed links between the same two cards', () => {
  it('run side by side, LANE_GAP apart, whichever way they point; a link alone stays on the line', () => {
    const lanes = ghostLanes([
      { id: 'a', from: 'pool', to: 'edge' },
      { id: 'b', from: 'edge', to: 'pool' },
      { id: 'c', from: 'pool', to: 'sql' },
    ]);
    expect(lanes.get('c')).toBe(0);
    // Drawn: the two lines between pool and edge are LANE_GAP apart and do not cross.
    const pool = { x: 0, y: 0, w: 140, h: 64 };
    const edge = { x: 400, y: 0, w: 140, h: 64 };
    const line = (from: typeof pool, to: typeof pool, lane: number) => [
      borderPoint(from, to, lane),
      borderPoint(to, from, -lane),
    ];
    const [a1, a2] = line(pool, edge, lanes.get('a')!);
    const [b1, b2] = line(edge, pool, lanes.get('b')!);
    expect(Math.abs(a1!.y - a2!.y)).toBeLessThan(1e-9);
    expect(Math.abs(b1!.y - b2!.y)).toBeLessThan(1e-9);
    expect(Math.abs(a1!.y - b1!.y)).toBeCloseTo(LANE_GAP);
  });

  it('Fabrikam 2015 → Subscription Edition: every pair of cards joined by several removed links gets distinct lanes', () => {
    const m = referenceMigration('fabrikam-2015-to-subscription-edition')!;
    const current = m.current();
    const target = m.target();
    const view = compareCanvas(diffTopologies(current, target), current);
    const { edges } = ghostElements(view, null, target);
    const byPair = new Map<string, number[]>();
    for (const e of edges) {
      const key = [e.source, e.target].sort().join('|');
      const lane = e.data!.lane!;
      // Offsets as seen from the sorted pair's first card.
      byPair.set(key, [...(byPair.get(key) ?? []), e.source < e.target ? lane : -lane]);
    }
    const shared = [...byPair.values()].filter((l) => l.length > 1);
    expect(shared.length).toBeGreaterThan(0); // the 2015 pool and its Edge: next hop and media Edge
    for (const l of shared) expect(new Set(l).size).toBe(l.length);
  });
});
