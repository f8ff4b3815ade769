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

/**
 * The deployment after a step of the migration runbook, shown on the canvas in the design's
 * place (read-only) while the architect looks at that point of the move. A view, never an edit.
 */
export interface PhaseView {
  /** The transition document cut at the step, laid out for the canvas. */
  doc: Topology;
  /** Steps carried out (0 = today), of `total`. */
  step: number;
  total: number;
  /** What the step or phase is, in words: "Move the Central Management store". */
  label: string;
  /** The design it was cut from: a different open design ends the view. */
  of: Topology;
}

export interface CompareSlice {
  /** The current deployment; undefined = no comparison. */
  baseline: CompareBaseline | undefined;
  /** Changes marked on the canvas (outline and badge per node, a legend). */
  compareMarks: boolean;
  /** Node of the open design the change list points at (highlighted on the canvas), or a removed node's `ghostId`. */
  focusedChange: string | null;
  /** The migration phase the canvas shows instead of the design; null = the design. */
  phaseView: PhaseView | null;
  /** Whether the Migration tab's "HA/DR during the move" puts its step on the canvas ("Back to the design" turns it off). */
  phaseOnCanvas: boolean;
  setBaseline(b: CompareBaseline | undefined): void;
  showPhase(v: PhaseView | null): void;
  setPhaseOnCanvas(on: boolean): void;
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
  phaseView: null,
  phaseOnCanvas: true,
  setBaseline(b) {
    set({ baseline: b, compareMarks: true, focusedChange: null, phaseView: null });
  },
  showPhase(v) {
    set({ phaseView: v });
  },
  setPhaseOnCanvas(on) {
    set(on ? { phaseOnCanvas: true } : { phaseOnCanvas: false, phaseView: null });
  },
  setCompareMarks(on) {
    set({ compareMarks: on });
  },
  focusChange(id) {
    set({ focusedChange: id });
  },
});
