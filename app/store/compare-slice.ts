/**
 * The deployment as it is today (the "current" design) that the open design (the target)
 * is compared with. It is a second document held beside the design, never part of it:
 * choosing, replacing or clearing it changes nothing in the design and has no undo.
 * The diff itself is derived (`selectComparison` in comparison.ts, loaded on first use: the
 * diff is not part of the first load), once per pair of documents.
 */
import type { StateCreator } from 'zustand';
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
  /** Node of the open design the change list points at (highlighted on the canvas), or a removed node's `ghostId`. */
  focusedChange: string | null;
  setBaseline(b: CompareBaseline | undefined): void;
  setCompareMarks(on: boolean): void;
  focusChange(targetNodeId: string | null): void;
}

/** The canvas id of a removed node (a ghost), and the key of its entry in the change list. */
export const ghostId = (currentId: string): string => `removed:${currentId}`;

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
