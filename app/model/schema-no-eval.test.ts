import { afterEach, describe, expect, it } from 'vitest';

/**
 * The page's Content-Security-Policy has no 'unsafe-eval'. A parser that tries `Function('')`
 * to see whether it may compile code makes Chromium report a violation on every load
 * (schema.ts). This file imports the model only after the stand-in for `Function` is in
 * place, so the first check any schema makes is seen.
 */
const realFunction = globalThis.Function;
afterEach(() => {
  globalThis.Function = realFunction;
});

/** Replaces the global `Function` with one that records each call (and still works). */
function recordFunctionCalls(): unknown[][] {
  const calls: unknown[][] = [];
  globalThis.Function = new Proxy(realFunction, {
    apply(target, self, args: unknown[]) {
      calls.push(args);
      return Reflect.apply(target, self, args);
    },
    construct(target, args: unknown[]) {
      calls.push(args);
      return Reflect.construct(target, args);
    },
  });
  return calls;
}

describe('parsing a design compiles no code', () => {
  it('opens every reference design, and a design with errors, without calling Function', async () => {
    const calls = recordFunctionCalls();
    const { parseTopology } = await import('./parse');
    const { REFERENCE_DESIGNS } = await import('./samples/index');
    expect(REFERENCE_DESIGNS.length).toBeGreaterThan(0);
    for (const design of REFERENCE_DESIGNS) {
      const parsed = parseTopology(JSON.stringify(design.build()));
      expect(parsed.ok).toBe(true);
    }
    // A design that fails its schema takes the same parser through its error paths.
    const broken = parseTopology(JSON.stringify({ ...REFERENCE_DESIGNS[0]!.build(), nodes: [{ id: 'x', kind: 'nope' }] }));
    expect(broken.ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('the stand-in sees a call when one is made (near miss: it would catch the check)', () => {
    const calls = recordFunctionCalls();
    // What a parser's "may I compile?" check does.
    new globalThis.Function('');
    expect(calls).toEqual([['']]);
  });
});
