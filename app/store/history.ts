/**
 * Undo/redo as a value (after tldraw's HistoryManager): the states before the current one
 * (`past`, oldest first), the states undone (`future`, next first), and the last edit's
 * coalescing key and time. Pure: the caller passes the clock's reading, so the coalescing
 * window is tested without waiting.
 */

export interface History<T> {
  readonly past: readonly T[];
  readonly future: readonly T[];
  /** The last recorded edit that may absorb the next one (typing in one field). */
  readonly lastEdit?: { readonly key: string; readonly at: number };
}

export interface HistoryOptions {
  /** States kept to undo; the oldest go first. */
  limit: number;
  /** Edits with the same key closer than this (ms) make one undo step. */
  coalesceMs: number;
}

export const HISTORY_DEFAULTS: HistoryOptions = { limit: 200, coalesceMs: 1200 };

export const emptyHistory = <T>(): History<T> => ({ past: [], future: [] });

export interface Edit {
  /** Same key within the window: one undo step (e.g. `node:pool-1:name`). */
  key?: string;
  /** The clock's reading, ms. */
  at: number;
}

/**
 * Records that the state `previous` was replaced by an edit. The redo stack is dropped.
 * An edit with the key of the previous one, within the window, joins it: `previous` is not
 * pushed, so one undo goes back to before the first of them.
 */
export function record<T>(h: History<T>, previous: T, edit: Edit, options: HistoryOptions = HISTORY_DEFAULTS): History<T> {
  const joins = edit.key !== undefined && h.lastEdit?.key === edit.key && edit.at - h.lastEdit.at < options.coalesceMs;
  const lastEdit = edit.key !== undefined ? { key: edit.key, at: edit.at } : undefined;
  if (joins) return { past: h.past, future: [], lastEdit };
  const keep = Math.max(0, options.limit - 1);
  const past = h.past.length > keep ? h.past.slice(h.past.length - keep) : h.past;
  return { past: options.limit > 0 ? [...past, previous] : [], future: [], lastEdit };
}

/** The state to go back to, and the history after it; undefined when there is nothing to undo. */
export function undo<T>(h: History<T>, current: T): { value: T; history: History<T> } | undefined {
  if (h.past.length === 0) return undefined;
  const value = h.past[h.past.length - 1] as T;
  return { value, history: { past: h.past.slice(0, -1), future: [current, ...h.future] } };
}

/** The state undone last, and the history after redoing it; undefined when there is nothing to redo. */
export function redo<T>(h: History<T>, current: T): { value: T; history: History<T> } | undefined {
  if (h.future.length === 0) return undefined;
  const value = h.future[0] as T;
  return { value, history: { past: [...h.past, current], future: h.future.slice(1) } };
}

/** Ends the current coalescing run: the next edit is its own undo step whatever its key. */
export function seal<T>(h: History<T>): History<T> {
  return h.lastEdit ? { past: h.past, future: h.future } : h;
}

export const canUndo = (h: History<unknown>): boolean => h.past.length > 0;
export const canRedo = (h: History<unknown>): boolean => h.future.length > 0;
