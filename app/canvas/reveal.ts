/**
 * Cards handed to React Flow a batch at a time. React Flow renders a node the moment it
 * gets it, through its store, which React cannot split into short tasks: 1,000 cards and
 * their links arriving at once (a design opened, a zoom in from the overview picture, an
 * undo of a large deletion) were a second of one task. Here the cards already on the
 * canvas stay, what is selected or highlighted comes at once (Find and a finding go to it),
 * and the other new cards come REVEAL_BATCH per task; a link shows once both its ends do.
 */
import type { Edge, Node } from '@xyflow/react';

/**
 * New cards per task. Each batch is React Flow's work for the new cards and links, and then the
 * browser's style, layout and paint of the whole canvas: at 150 a batch, a traced 1,000-card
 * open had tasks of 150–300 ms.
 */
export const REVEAL_BATCH = 100;

/**
 * The batch of the next step. A design coming whole onto an empty canvas (opened, or the
 * first cards of a zoom in) gets none in the task that brings it: that task already maps
 * and routes the whole design, and the first cards follow in the next one. Only once per
 * such arrival (`heldAlready`), so a canvas that keeps changing still fills.
 */
export function revealBatchFor(
  nodes: readonly Pick<Node, 'id' | 'type'>[],
  shown: ReadonlySet<string>,
  keep: ReadonlySet<string>,
  heldAlready: boolean,
  batch = REVEAL_BATCH,
): number {
  if (heldAlready) return batch;
  let fresh = 0;
  for (const n of nodes) {
    if (n.type !== 'topology') continue;
    if (shown.has(n.id) || keep.has(n.id)) return batch;
    fresh++;
  }
  return fresh > batch ? 0 : batch;
}

export interface Reveal<N> {
  nodes: N[];
  /** The cards now handed to React Flow: the next step starts from them. */
  shown: ReadonlySet<string>;
  /** Cards still to come in a later task. */
  pending: number;
}

/**
 * The next step: every site frame and non-card node, the cards already shown, the kept
 * ones, and up to `batch` more, in the order given. A card no longer in `nodes` is dropped.
 */
export function revealStep<N extends Pick<Node, 'id' | 'type'>>(
  nodes: readonly N[],
  shown: ReadonlySet<string>,
  keep: ReadonlySet<string>,
  batch = REVEAL_BATCH,
): Reveal<N> {
  const out: N[] = [];
  const next = new Set<string>();
  let added = 0;
  let pending = 0;
  for (const n of nodes) {
    if (n.type !== 'topology' || shown.has(n.id) || keep.has(n.id)) {
      out.push(n);
      next.add(n.id);
    } else if (added < batch) {
      added++;
      out.push(n);
      next.add(n.id);
    } else pending++;
  }
  if (pending === 0 && out.length === nodes.length) return { nodes: nodes as N[], shown: next, pending };
  return { nodes: out, shown: next, pending };
}

/** The links between two shown nodes (the same array when all are). */
export function revealedEdges<E extends Pick<Edge, 'source' | 'target'>>(edges: readonly E[], shown: ReadonlySet<string>): E[] {
  const out = edges.filter((e) => shown.has(e.source) && shown.has(e.target));
  return out.length === edges.length ? (edges as E[]) : out;
}
