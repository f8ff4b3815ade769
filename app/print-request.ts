/**
 * Whether a print is under way, known from the page's start: the one place that listens
 * for beforeprint and afterprint. The print report loads on first use (app/lazy.tsx) and
 * reads this with useSyncExternalStore, so a print started before it arrived is not missed.
 * Subscribers are told inside the beforeprint event, in a synchronous React render
 * (flushSync), so the printed pages are in the document before the browser lays them out.
 */
import { flushSync } from 'react-dom';

let printing = false;
const listeners = new Set<() => void>();

function set(now: boolean): void {
  if (printing === now) return;
  printing = now;
  // A listener may be React's (useSyncExternalStore): render now, not after the print.
  flushSync(() => listeners.forEach((l) => l()));
}

if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => set(true));
  window.addEventListener('afterprint', () => set(false));
}

/** True between a beforeprint and its afterprint. */
export function printInProgress(): boolean {
  return printing;
}

/** Calls `listener` when a print starts or ends; returns the unsubscribe (useSyncExternalStore's shape). */
export function subscribePrint(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
