/** Selection, panels, theme, notices: what the designer shows, not what the document says. */
import type { StateCreator } from 'zustand';
import type { Topology } from '../model/schema';
import type { Severity } from '../rules/types';
import type { Fragment } from './copy-fragment';

export type Selection = { type: 'node' | 'link' | 'site' | 'siteLink'; id: string } | { type: 'deployment' } | null;
export type BottomTab = 'findings' | 'steps' | 'simulation' | 'compare' | 'migration';
export type Theme = 'light' | 'dark' | 'system';

export interface Notice {
  id: number;
  tone: 'info' | 'success' | 'warning' | 'error';
  text: string;
  /** Optional action button. */
  action?: { label: string; run: () => void };
}

/** What the import summary dialog shows about the last Topology Builder file opened. */
export interface ImportSummary {
  file: string;
  warnings: string[];
  topology: Topology;
  /** Nodes read from ServiceVersion 8 (2019 or Subscription Edition: the document does not say which); the dialog asks. */
  serviceVersion8?: string[];
}

export interface UiSlice {
  selectedIds: string[];
  /** What the inspector edits. */
  inspected: Selection;
  /** Finding whose nodes are outlined on the canvas. */
  highlightedFinding: number | null;
  severityFilter: Record<Severity, boolean>;
  bottomTab: BottomTab;
  bottomOpen: boolean;
  paletteOpen: boolean;
  inspectorOpen: boolean;
  theme: Theme;
  notices: Notice[];
  dialog: null | 'shortcuts' | 'catalogue' | 'share' | 'new' | 'import-summary' | 'find' | 'library' | 'topology-builder';
  /** Simulation mode: the site (or pool) shown as failed; never changes the document. */
  simulatedFailure: { siteId: string } | { poolId: string } | null;
  /** Auto-layout is running (it loads elkjs on first use); how many runs have finished. */
  arranging: boolean;
  layoutRuns: number;
  /** Runs in progress (the import's and the button's may overlap). */
  layoutsRunning: number;
  /**
   * The designer's own clipboard: a copied fragment of the design (not the system
   * clipboard, which would need a permission prompt for every paste).
   */
  clipboard: Fragment | undefined;
  importSummary: ImportSummary | undefined;
  layoutStarted(): void;
  layoutFinished(): void;
  select(ids: string[], inspected?: Selection): void;
  setInspected(s: Selection): void;
  highlightFinding(i: number | null): void;
  toggleSeverity(s: Severity): void;
  setBottomTab(t: BottomTab): void;
  setBottomOpen(open: boolean): void;
  togglePalette(): void;
  toggleInspector(): void;
  setTheme(t: Theme): void;
  notify(n: Omit<Notice, 'id'>): void;
  dismiss(id: number): void;
  openDialog(d: UiSlice['dialog']): void;
  simulate(f: UiSlice['simulatedFailure']): void;
}

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set, get) => {
  // Per store: each designer (and each test's store) counts its own notices.
  let noticeSeq = 0;
  return {
    selectedIds: [],
    inspected: { type: 'deployment' },
    highlightedFinding: null,
    severityFilter: { error: true, warning: true, info: true },
    bottomTab: 'findings',
    bottomOpen: true,
    paletteOpen: true,
    inspectorOpen: true,
    theme: 'system',
    notices: [],
    dialog: null,
    simulatedFailure: null,
    arranging: false,
    layoutRuns: 0,
    layoutsRunning: 0,
    clipboard: undefined,
    importSummary: undefined,
    layoutStarted() {
      set({ layoutsRunning: get().layoutsRunning + 1, arranging: true });
    },
    layoutFinished() {
      const running = Math.max(0, get().layoutsRunning - 1);
      set({ layoutsRunning: running, arranging: running > 0, layoutRuns: get().layoutRuns + 1 });
    },
    select(ids, inspected) {
      set({ selectedIds: ids, ...(inspected !== undefined ? { inspected } : {}) });
    },
    setInspected(s) {
      set({ inspected: s });
    },
    highlightFinding(i) {
      set({ highlightedFinding: i });
    },
    toggleSeverity(s) {
      set({ severityFilter: { ...get().severityFilter, [s]: !get().severityFilter[s] } });
    },
    setBottomTab(t) {
      set({ bottomTab: t, bottomOpen: true });
    },
    setBottomOpen(open) {
      set({ bottomOpen: open });
    },
    togglePalette() {
      set({ paletteOpen: !get().paletteOpen });
    },
    toggleInspector() {
      set({ inspectorOpen: !get().inspectorOpen });
    },
    setTheme(t) {
      set({ theme: t });
    },
    notify(n) {
      noticeSeq += 1;
      set({ notices: [...get().notices.slice(-3), { ...n, id: noticeSeq }] });
    },
    dismiss(id) {
      set({ notices: get().notices.filter((n) => n.id !== id) });
    },
    openDialog(d) {
      set({ dialog: d });
    },
    simulate(f) {
      set({ simulatedFailure: f, ...(f ? { bottomTab: 'simulation' as const, bottomOpen: true } : {}) });
    },
  };
};
