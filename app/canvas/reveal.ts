/**
 * Cards and site frames handed to React Flow a batch at a time. React Flow renders a node
 * the moment it gets it, through its store, which React cannot split into short tasks: 1,000
 * cards and their links arriving at once (a design opened, a zoom in from the overview
 * picture, an undo of a large deletion) were a second of one task. Here what is already on
 * the canvas stays, what is selected or highlighted comes at once (Find and a finding go to
 * it), and the rest comes REVEAL_BATCH per task, in the order given (the frames first); a link
 * or WAN link shows once both its ends do. Frames count too: the 245 frames and 207 WAN links
 * of a 1,000-node design arriving in one task made it the longest of the open.
 */
import type { Edge, Node } from '@xyflow/react';

/**
 * New cards and frames per task. Each batch is React Flow's work for the new cards and links
 * (and some for all it holds), and then the browser's style, layout and paint of the whole
 * canvas. Opening a 1,000-card link, batches of 100 were tasks of 80–190 ms; of 50, mostly
 * 50–100 ms, and under 50 ms once React Flow stopped measuring cards of a declared size
 * (scripts/xyflow-declared-sizes.ts; `npm run bench -- --only freeze/open-1000`).
 */
export const REVEAL_BATCH = 50;

/** What comes a batch at a time: cards and site frames (a comparison's ghosts come at once). */
const revealable = (n: Pick<Node, 'type'>): boolean => n.type === 'topology' || n.type === 'site';

/**
 * The batch of the next step. A design coming whole onto an empty canvas (opened, or the
 * first cards of a zoom in) gets no card or frame in the task that brings it: that task already maps
 * and routes the whole design, and the first cards follow in the next one. So does a windowed
 * design's new window (`newWindow`, canvas-window.ts): placing it is a pass over every card and
 * link of the design, and mapping it another, so its new cards, even a few, come in the next task.
 * Only once per such arrival (`heldAlready`), so a canvas that keeps changing still fills.
 */
export function revealBatchFor(
  nodes: readonly Pick<Node, 'id' | 'type'>[],
  shown: ReadonlySet<string>,
  keep: ReadonlySet<string>,
  heldAlready: boolean,
  batch = REVEAL_BATCH,
  newWindow = false,
): number {
  if (heldAlready) return batch;
  let fresh = 0;
  for (const n of nodes) {
    if (!revealable(n)) continue;
    if (!shown.has(n.id) && !keep.has(n.id)) {
      if (newWindow) return 0;
      fresh++;
    } else if (!newWindow) return batch;
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
 * The next step: every node that is neither card nor frame, the cards and frames already
 * shown, the kept ones, and up to `batch` more, in the order given. One no longer in `nodes`
 * is dropped.
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
    if (!revealable(n) || shown.has(n.id) || keep.has(n.id)) {
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

/**
 * Whether a design arriving whole (opened, a share link, an auto-layout) reaches the canvas a
 * task after the rest of the page. The task that brings a large design already renders the
 * page round it (its name, findings, autosave); mapping its cards, routing its WAN links and
 * drawing its site frames in that same task made it the longest of the open (about 150 ms
 * for 1,000 cards). The canvas keeps what it drew until the next task. A small design, or a
 * change that is not an arrival (an edit), is drawn at once.
 */
export function arrivalWaits(arriving: boolean, drawnCards: number, arrivingCards: number, batch = REVEAL_BATCH): boolean {
  return arriving && (drawnCards > batch || arrivingCards > batch);
}
