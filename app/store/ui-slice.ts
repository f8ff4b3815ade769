/** Selection, panels, theme, notices: what the designer shows, not what the document says. */
import type { StateCreator } from 'zustand';
import type { Severity } from '../rules/types';

export type Selection = { type: 'node' | 'link' | 'site'; id: string } | { type: 'deployment' } | null;
export type BottomTab = 'findings' | 'steps' | 'simulation';
export type Theme = 'light' | 'dark' | 'system';

export interface Notice {
  id: number;
  tone: 'info' | 'success' | 'warning' | 'error';
  text: string;
  /** Optional action button. */
  action?: { label: string; run: () => void };
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
  dialog: null | 'shortcuts' | 'catalogue' | 'share' | 'new' | 'import-summary' | 'find' | 'topology-builder';
  /** Simulation mode: the site (or pool) shown as failed; never changes the document. */
  simulatedFailure: { siteId: string } | { poolId: string } | null;
  /** Auto-layout is running (it loads elkjs on first use); how many runs have finished. */
  arranging: boolean;
  layoutRuns: number;
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

let noticeSeq = 0;

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set, get) => ({
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
    const id = noticeSeq;
    set({ notices: [...get().notices.slice(-3), { ...n, id }] });
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
});
