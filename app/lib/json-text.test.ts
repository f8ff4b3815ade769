import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonText } from './json-text';

const runs = Number(process.env.FUZZ_RUNS ?? 200);

describe('jsonText', () => {
  it('writes exactly what JSON.stringify writes, for any JSON-like value (undefined and functions too)', () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 2 }),
        fc.constantFrom(undefined, () => 1, Number.NaN, -0, Infinity),
        fc.array(tie('any'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 6 }), tie('any'), { maxKeys: 4 }),
      ),
    })).any;
    fc.assert(
      fc.property(value, (v) => {
        expect(jsonText(v)).toBe(JSON.stringify(v));
        // A second time (from the cache), the same.
        expect(jsonText(v)).toBe(JSON.stringify(v));
      }),
      { numRuns: runs },
    );
  });

  it('follows an edit that makes new objects: the changed element is written anew, the others reused', () => {
    const doc = {
      name: 'D',
      nodes: [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
      ],
      layout: { a: { x: 1, y: 2 } },
    };
    expect(jsonText(doc)).toBe(JSON.stringify(doc));
    const edited = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'b' ? { ...n, name: 'B renamed' } : n)) };
    expect(jsonText(edited)).toBe(JSON.stringify(edited));
    expect(jsonText(edited)).toContain('B renamed');
    const moved = { ...edited, layout: { ...edited.layout, a: { x: 5, y: 6 } } };
    expect(jsonText(moved)).toBe(JSON.stringify(moved));
  });
});
