/**
 * The deployment as it is today (the "current" design) that the open design (the target)
 * is compared with. It is a second document held beside the design, never part of it:
 * choosing, replacing or clearing it changes nothing in the design and has no undo.
 * The diff itself is derived (`selectComparison`), once per pair of documents.
 */
import type { StateCreator } from 'zustand';
import { diffTopologies, type TopologyDiff } from '../migrate/diff';
import type { Topology } from '../model/schema';

export interface CompareBaseline {
  topology: Topology;
  /** Where it came from, in words: "My designs: Fabrikam 2015", "DefaultTopology.xml". */
  source: string;
}

export interface CompareSlice {
  /** The current deployment; undefined = no comparison. */
  baseline: CompareBaseline | undefined;
  /** Changes marked on the canvas (outline and badge per node, a legend). */
  compareMarks: boolean;
  /** Node of the open design the change list points at (highlighted on the canvas). */
  focusedChange: string | null;
  setBaseline(b: CompareBaseline | undefined): void;
  setCompareMarks(on: boolean): void;
  focusChange(targetNodeId: string | null): void;
}

type WithDoc = CompareSlice & { doc: Topology };

export const createCompareSlice: StateCreator<WithDoc, [], [], CompareSlice> = (set) => ({
  baseline: undefined,
  compareMarks: true,
  focusedChange: null,
  setBaseline(b) {
    set({ baseline: b, compareMarks: true, focusedChange: null });
  },
  setCompareMarks(on) {
    set({ compareMarks: on });
  },
  focusChange(id) {
    set({ focusedChange: id });
  },
});

let lastPair: [Topology, Topology] | undefined;
let lastDiff: TopologyDiff | undefined;
let lastKey: unknown[] | undefined;

/** The diff of the baseline (current) against the open design (target); undefined without a baseline. Layout moves do not recompute it. */
export function selectComparison(state: { baseline: CompareBaseline | undefined; doc: Topology }): TopologyDiff | undefined {
  const current = state.baseline?.topology;
  if (!current) return undefined;
  const target = state.doc;
  if (lastPair && lastPair[0] === current && lastPair[1] === target) return lastDiff;
  const key = [current, target.nodes, target.links, target.sites, target.siteLinks, target.deployment];
  if (lastKey && key.every((k, i) => k === lastKey![i])) {
    lastPair = [current, target];
    return lastDiff;
  }
  lastPair = [current, target];
  lastKey = key;
  lastDiff = diffTopologies(current, target);
  return lastDiff;
}

/** How each node of the open design is marked: added or changed (removed nodes are not on it). */
export type CompareMark = 'added' | 'changed' | 'version';

export function compareMarks(diff: TopologyDiff | undefined): Map<string, CompareMark> {
  const marks = new Map<string, CompareMark>();
  if (!diff) return marks;
  for (const n of diff.nodes) {
    if (n.targetId === undefined) continue;
    if (n.status === 'added') marks.set(n.targetId, 'added');
    else if (n.classes.length) marks.set(n.targetId, n.version ? 'version' : 'changed');
  }
  return marks;
}
