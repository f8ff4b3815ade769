/**
 * A typed change to some fields of an object, as the editor's store actions take it: a
 * field given as `undefined` is removed (an optional field emptied in the inspector), so
 * the document never carries `"port": undefined` keys and panels never rebuild an object
 * through `Record<string, unknown>`.
 */
export type Patch<T> = { [K in keyof T]?: T[K] | undefined };

/** `o` with `patch` applied: fields set, and fields given as `undefined` removed. */
export function withPatch<T extends object>(o: T, patch: Patch<T>): T {
  const next = { ...o, ...patch };
  for (const key of Object.keys(patch) as (keyof T)[]) if (patch[key] === undefined) delete next[key];
  return next;
}
