import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withPatch } from './patch';

interface Mirror {
  kind: 'mirror';
  port?: number;
  synchronous?: boolean;
}

describe('withPatch', () => {
  it('sets the given fields and leaves the others', () => {
    const m: Mirror = { kind: 'mirror', synchronous: false };
    expect(withPatch(m, { port: 5023 })).toEqual({ kind: 'mirror', synchronous: false, port: 5023 });
  });

  it('removes a field given as undefined (no key left behind)', () => {
    const next = withPatch<Mirror>({ kind: 'mirror', port: 5023 }, { port: undefined });
    expect(next).toEqual({ kind: 'mirror' });
    expect(Object.keys(next)).toEqual(['kind']);
  });

  it('never changes the original object', () => {
    const m: Mirror = { kind: 'mirror', port: 1 };
    withPatch(m, { port: undefined, synchronous: true });
    expect(m).toEqual({ kind: 'mirror', port: 1 });
  });

  it('any patch: the keys given with a value hold it, the keys given undefined are gone, the rest are as before', () => {
    const key = fc.stringMatching(/^[a-z]{1,3}$/);
    const value = fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(undefined));
    fc.assert(
      fc.property(fc.dictionary(key, fc.integer()), fc.dictionary(key, value), (o, patch) => {
        const next: Record<string, unknown> = withPatch<Record<string, unknown>>(o, patch);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined) expect(k in next).toBe(false);
          else expect(next[k]).toBe(v);
        }
        for (const [k, v] of Object.entries(o)) if (!(k in patch)) expect(next[k]).toBe(v);
      }),
    );
  });
});
