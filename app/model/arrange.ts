/**
 * Align and distribute, as in a drawing tool: for tidying a diagram before a design review.
 * Every card has the same size, so aligning edges or centres is aligning positions, and
 * equal gaps are equal steps between positions. Pure: positions in, the changed ones out.
 */
import { positionOf } from './layout';
import type { Position } from './schema';

export const ALIGN_MODES = ['left', 'hcenter', 'right', 'top', 'vcenter', 'bottom'] as const;
export type AlignMode = (typeof ALIGN_MODES)[number];
export const DISTRIBUTE_AXES = ['horizontal', 'vertical'] as const;
export type DistributeAxis = (typeof DISTRIBUTE_AXES)[number];

type Layout = Readonly<Record<string, Position>>;

/** The positions of `ids` that exist in `layout`, each id once, in the order given. */
function placed(layout: Layout, ids: readonly string[]): [string, Position][] {
  const seen = new Set<string>();
  const out: [string, Position][] = [];
  for (const id of ids) {
    const p = positionOf(layout, id);
    if (p && !seen.has(id)) {
      seen.add(id);
      out.push([id, p]);
    }
  }
  return out;
}

/**
 * Moves the cards `ids` onto one line: their left, centre or right edges (or top, middle,
 * bottom) where the outermost card's is. Returns only the positions that change; fewer
 * than two placed cards change nothing.
 */
export function alignPositions(layout: Layout, ids: readonly string[], mode: AlignMode): Record<string, Position> {
  const cards = placed(layout, ids);
  if (cards.length < 2) return {};
  const axis: 'x' | 'y' = mode === 'left' || mode === 'hcenter' || mode === 'right' ? 'x' : 'y';
  const values = cards.map(([, p]) => p[axis]);
  const min = Math.min(...values);
  const max = Math.max(...values);
  let target: number;
  switch (mode) {
    case 'left':
    case 'top':
      target = min;
      break;
    case 'right':
    case 'bottom':
      target = max;
      break;
    case 'hcenter':
    case 'vcenter':
      target = Math.round((min + max) / 2);
      break;
  }
  const out: Record<string, Position> = {};
  for (const [id, p] of cards) if (p[axis] !== target) out[id] = { ...p, [axis]: target };
  return out;
}

/**
 * Spaces the cards `ids` evenly along an axis between the two outermost, which stay where
 * they are; the order along the axis is kept (ties in the order given). Returns only the
 * positions that change; fewer than three placed cards change nothing.
 */
export function distributePositions(layout: Layout, ids: readonly string[], axis: DistributeAxis): Record<string, Position> {
  const cards = placed(layout, ids);
  if (cards.length < 3) return {};
  const k: 'x' | 'y' = axis === 'horizontal' ? 'x' : 'y';
  const sorted = cards.map((c, i) => ({ c, i })).sort((a, b) => a.c[1][k] - b.c[1][k] || a.i - b.i);
  const first = sorted[0]!.c[1][k];
  const last = sorted[sorted.length - 1]!.c[1][k];
  const step = (last - first) / (sorted.length - 1);
  const out: Record<string, Position> = {};
  sorted.forEach(({ c: [id, p] }, i) => {
    const v = i === sorted.length - 1 ? last : Math.round(first + step * i);
    if (p[k] !== v) out[id] = { ...p, [k]: v };
  });
  return out;
}
