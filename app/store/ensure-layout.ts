import { gridLayout } from '../model/grid-layout';
import { positionOf } from '../model/layout';
import type { Topology } from '../model/schema';

/** Nodes without a position get one, so nothing lands on top of something else. */
export function ensureLayout(doc: Topology): Topology {
  const missing = doc.nodes.some((n) => !positionOf(doc.layout, n.id));
  if (!missing) return doc;
  const grid = gridLayout(doc);
  return { ...doc, layout: { ...grid, ...doc.layout } };
}
