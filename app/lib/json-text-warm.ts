/**
 * jsonText's cache filled ahead of time, a slice at a time (json-text.ts), and the slicing
 * of long work into tasks. Loaded when first used (not part of the first load).
 */
import { CACHED_DEPTH, keepText } from './json-text';

/**
 * A budget of main-thread time: `pause()` yields to the page (a new task, so input and
 * painting run in between) once `sliceMs` have passed since the last yield. One clock can
 * be shared by several pieces of work so that together they stay within a slice.
 */
export class SliceClock {
  private start = now();
  constructor(readonly sliceMs = 20) {}

  get due(): boolean {
    return now() - this.start >= this.sliceMs;
  }

  /** A new slice starts (after a yield). */
  restart(): void {
    this.start = now();
  }

  async pause(): Promise<void> {
    if (!this.due) return;
    await nextTask();
    this.restart();
  }
}

const now = (): number => (typeof performance === 'undefined' ? Date.now() : performance.now());

/** Resolves in a new task (a message to itself: not clamped to 4 ms as nested timeouts are). */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/** How many objects are written between two looks at the clock. */
const CHECK_EVERY = 64;

/**
 * Fills jsonText's cache for `value` a slice at a time, yielding to the page between
 * slices, so that the first jsonText of a 10,000-node design (about 100 ms of writing)
 * never runs as one task; jsonText(value) after it only joins cached texts. It changes
 * nothing jsonText returns. A value already written costs one walk over its objects.
 */
export async function warmJsonText(value: unknown, clock: SliceClock = new SliceClock()): Promise<void> {
  let written = 0;
  // The same walk as encode: containers above CACHED_DEPTH are gone through, objects at it are written.
  const pending: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (pending.length > 0) {
    const { v, depth } = pending.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= CACHED_DEPTH) {
      if (keepText(v) && ++written % CHECK_EVERY === 0 && clock.due) await clock.pause();
      continue;
    }
    if (typeof (v as { toJSON?: unknown }).toJSON === 'function') continue;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (let i = children.length - 1; i >= 0; i--) pending.push({ v: children[i], depth: depth + 1 });
  }
}
