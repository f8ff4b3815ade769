/**
 * The diff engine (store/comparison.ts) is not part of the first load: it is fetched the
 * first time a baseline is chosen, or earlier when the page is idle (app/lazy.tsx's
 * LOADERS, which the service worker's precache covers too). One loader for every user.
 */
import { useEffect, useSyncExternalStore } from 'react';

export type ComparisonModule = typeof import('./comparison');
let loaded: ComparisonModule | undefined;
let loading: Promise<ComparisonModule> | undefined;
const waiting = new Set<() => void>();

/** Fetches the diff engine once; every component that uses it re-renders when it arrives. */
export function loadComparison(): Promise<ComparisonModule> {
  loading ??= import('./comparison').then(
    (m) => {
      loaded = m;
      for (const f of waiting) f();
      return m;
    },
    (e: unknown) => {
      // Not there (offline before the first visit was cached): the next call tries again.
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

/** The diff engine once loaded; asks for it when `needed`. */
export function useComparisonModule(needed: boolean): ComparisonModule | undefined {
  const mod = useSyncExternalStore(
    (f) => {
      waiting.add(f);
      return () => waiting.delete(f);
    },
    () => loaded,
  );
  useEffect(() => {
    if (needed && !mod) void loadComparison().catch(() => undefined);
  }, [needed, mod]);
  return mod;
}
