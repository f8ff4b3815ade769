/**
 * Cards handed to React Flow a batch at a time. React Flow renders a node the moment it
 * gets it, through its store, which React cannot split into short tasks: 1,000 cards and
 * their links arriving at once (a design opened, a zoom in from the overview picture, an
 * undo of a large deletion) were a second of one task. Here the cards already on the
 * canvas stay, what is selected or highlighted comes at once (Find and a finding go to it),
 * and the other new cards come REVEAL_BATCH per task; a link shows once both its ends do.
 */
import type { Edge, Node } from '@xyflow/react';

/** New cards per task: about 30 ms of React Flow's and the browser's work on a quiet machine. */
export const REVEAL_BATCH = 150;

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
