/**
 * JSON.stringify for a large immutable document, kept fast across edits: the text of each
 * object two levels down (a node, a link, a site, one card's position) is written once
 * and reused while the object is the same, so autosave and the stored undo history of a
 * 10,000-node design write only what changed, not 8 MB of JSON per edit. The result is
 * exactly JSON.stringify's. Only for data that is never changed in place (the designer's
 * documents are immutable: an edit makes new objects).
 */
const cache = new WeakMap<object, string>();

export function jsonText(value: unknown): string | undefined {
  return encode(value, 0);
}

/** The objects whose text is kept (json-text-warm.ts fills it ahead of time, a slice at a time). */
export const CACHED_DEPTH = 2;

/** Writes and keeps the text of an object CACHED_DEPTH levels down; false when it was kept already. */
export function keepText(v: object): boolean {
  if (cache.has(v)) return false;
  const t = JSON.stringify(v);
  if (t !== undefined) cache.set(v, t);
  return true;
}

/**
 * How many objects CACHED_DEPTH levels down have no text kept yet, counted up to `atMost + 1`:
 * after an edit of a design whose text was written, only the changed nodes, links and
 * positions do (one look in the cache per object, a few ms for 10,000 nodes).
 */
export function coldTexts(value: unknown, atMost: number): number {
  let cold = 0;
  const walk = (v: unknown, depth: number): void => {
    if (cold > atMost || v === null || typeof v !== 'object') return;
    if (depth >= CACHED_DEPTH) {
      if (!cache.has(v)) cold++;
      return;
    }
    if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return;
    for (const child of Array.isArray(v) ? v : Object.values(v)) walk(child, depth + 1);
  };
  walk(value, 0);
  return cold;
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
