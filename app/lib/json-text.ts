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
  if (Array.isArray(v)) {
    const parts = new Array<string>(v.length);
    for (let i = 0; i < v.length; i++) parts[i] = encode(v[i], depth + 1) ?? 'null';
    return `[${parts.join(',')}]`;
  }
  const parts: string[] = [];
  for (const k of Object.keys(v)) {
    const t = encode((v as Record<string, unknown>)[k], depth + 1);
    if (t !== undefined) parts.push(`${JSON.stringify(k)}:${t}`);
  }
  return `{${parts.join(',')}}`;
}
