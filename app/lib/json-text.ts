/**
 * JSON.stringify for a large immutable document, kept fast across edits: the text of each
 * object two levels down (a node, a link, a site, one card's position) is written once
 * and reused while the object is the same, so autosave and the stored undo history of a
 * 10,000-node design write only what changed, not 8 MB of JSON per edit. The result is
 * exactly JSON.stringify's. Only for data that is never changed in place (the designer's
 * documents are immutable: an edit makes new objects).
 */
const cache = new WeakMap<object, string>();

const CACHED_DEPTH = 2;

export function jsonText(value: unknown): string | undefined {
  return encode(value, 0);
}

function encode(v: unknown, depth: number): string | undefined {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (depth >= CACHED_DEPTH) {
    let t = cache.get(v);
    if (t === undefined) {
      t = JSON.stringify(v);
      cache.set(v, t);
    }
    return t;
  }
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(v);
  // Concatenated, not joined: `+=` links the cached texts (no copy), where join copies all of
  // them (about 20 ms for 5 MB); the one copy is made by whoever reads the text.
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i > 0 ? ',' : '') + (encode(v[i], depth + 1) ?? 'null');
    return `${out}]`;
  }
  let out = '{';
  let first = true;
  for (const k of Object.keys(v)) {
    const t = encode((v as Record<string, unknown>)[k], depth + 1);
    if (t === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${t}`;
    first = false;
  }
  return `${out}}`;
}

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

  async pause(): Promise<void> {
    if (!this.due) return;
    await nextTask();
    this.start = now();
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
      if (cache.has(v)) continue;
      const t = JSON.stringify(v);
      if (t !== undefined) cache.set(v, t);
      if (++written % CHECK_EVERY === 0 && clock.due) await clock.pause();
      continue;
    }
    if (typeof (v as { toJSON?: unknown }).toJSON === 'function') continue;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (let i = children.length - 1; i >= 0; i--) pending.push({ v: children[i], depth: depth + 1 });
  }
}
