import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canRedo, canUndo, emptyHistory, record, redo, seal, undo, type History, type HistoryOptions } from './history';

const OPTIONS: HistoryOptions = { limit: 5, coalesceMs: 1000 };

/** Applies edits to a number: each edit sets a new value, with a key and a clock reading. */
function edits(steps: { value: number; key?: string; at: number }[], options = OPTIONS) {
  let value = 0;
  let h: History<number> = emptyHistory();
  for (const s of steps) {
    h = record(h, value, { key: s.key, at: s.at }, options);
    value = s.value;
  }
  return { value, h };
}

describe('history: push, undo, redo', () => {
  it('undo returns the state before the last edit, redo the one undone', () => {
    const { value, h } = edits([
      { value: 1, at: 0 },
      { value: 2, at: 10 },
    ]);
    expect(value).toBe(2);
    const u = undo(h, value)!;
    expect(u.value).toBe(1);
    const u2 = undo(u.history, u.value)!;
    expect(u2.value).toBe(0);
    expect(undo(u2.history, u2.value)).toBeUndefined();
    const r = redo(u2.history, u2.value)!;
    expect(r.value).toBe(1);
    expect(redo(r.history, r.value)!.value).toBe(2);
  });

  it('an edit after an undo drops the redo stack', () => {
    const { value, h } = edits([
      { value: 1, at: 0 },
      { value: 2, at: 10 },
    ]);
    const u = undo(h, value)!;
    expect(canRedo(u.history)).toBe(true);
    const after = record(u.history, u.value, { at: 20 }, OPTIONS);
    expect(canRedo(after)).toBe(false);
    expect(redo(after, 3)).toBeUndefined();
  });

  it('an empty history can neither undo nor redo', () => {
    const h = emptyHistory<number>();
    expect(canUndo(h)).toBe(false);
    expect(canRedo(h)).toBe(false);
    expect(undo(h, 1)).toBeUndefined();
    expect(redo(h, 1)).toBeUndefined();
  });
});

describe('history: coalescing', () => {
  it('edits with the same key inside the window make one undo step', () => {
    const { value, h } = edits([
      { value: 1, key: 'name', at: 0 },
      { value: 2, key: 'name', at: 500 },
      { value: 3, key: 'name', at: 999 },
    ]);
    expect(value).toBe(3);
    expect(h.past).toEqual([0]);
    expect(undo(h, value)!.value).toBe(0);
  });

  it('the window slides: each edit restarts it', () => {
    const { h } = edits([
      { value: 1, key: 'name', at: 0 },
      { value: 2, key: 'name', at: 900 },
      { value: 3, key: 'name', at: 1800 },
    ]);
    expect(h.past).toEqual([0]);
  });

  it('the same key after the window is a new step', () => {
    const { value, h } = edits([
      { value: 1, key: 'name', at: 0 },
      { value: 2, key: 'name', at: 1000 },
    ]);
    expect(h.past).toEqual([0, 1]);
    expect(undo(h, value)!.value).toBe(1);
  });

  it('a different key, or no key, is a new step', () => {
    expect(
      edits([
        { value: 1, key: 'a', at: 0 },
        { value: 2, key: 'b', at: 10 },
      ]).h.past,
    ).toEqual([0, 1]);
    expect(
      edits([
        { value: 1, key: 'a', at: 0 },
        { value: 2, at: 10 },
      ]).h.past,
    ).toEqual([0, 1]);
    // An edit without a key ends the run: the same key after it starts a new step.
    expect(
      edits([
        { value: 1, key: 'a', at: 0 },
        { value: 2, at: 10 },
        { value: 3, key: 'a', at: 20 },
      ]).h.past,
    ).toEqual([0, 1, 2]);
  });

  it('undo and seal end the run: the next edit with the same key is its own step', () => {
    const { value, h } = edits([
      { value: 1, key: 'a', at: 0 },
      { value: 2, key: 'a', at: 10 },
    ]);
    const sealed = record(seal(h), value, { key: 'a', at: 20 }, OPTIONS);
    expect(sealed.past).toEqual([0, 2]);
    const u = undo(h, value)!;
    const afterUndo = record(u.history, u.value, { key: 'a', at: 20 }, OPTIONS);
    expect(afterUndo.past).toEqual([0]);
    expect(undo(afterUndo, 5)!.value).toBe(0);
  });
});

describe('history: limits', () => {
  it('keeps at most `limit` states to undo, dropping the oldest', () => {
    const { value, h } = edits(Array.from({ length: 8 }, (_, i) => ({ value: i + 1, at: i * 10 })));
    expect(h.past).toEqual([3, 4, 5, 6, 7]);
    let cur = { value, history: h };
    const seen: number[] = [];
    for (let step = undo(cur.history, cur.value); step; step = undo(cur.history, cur.value)) {
      seen.push(step.value);
      cur = step;
    }
    expect(seen).toEqual([7, 6, 5, 4, 3]);
  });

  it('a limit of 0 keeps nothing to undo', () => {
    expect(edits([{ value: 1, at: 0 }], { limit: 0, coalesceMs: 0 }).h.past).toEqual([]);
  });

  it('undo then redo of any sequence of edits gives back every state, in order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ key: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }), gap: fc.integer({ min: 0, max: 2000 }) }),
          { maxLength: 30 },
        ),
        (steps) => {
          let at = 0;
          const { value, h } = edits(
            steps.map((s, i) => ({ value: i + 1, key: s.key, at: (at += s.gap) })),
            { limit: 100, coalesceMs: 1000 },
          );
          const back: number[] = [value];
          let cur = { value, history: h };
          for (let u = undo(cur.history, cur.value); u; u = undo(cur.history, cur.value)) {
            back.push(u.value);
            cur = u;
          }
          // Undone states strictly decrease and end at the start.
          expect(back[back.length - 1]).toBe(0);
          for (let i = 1; i < back.length; i++) expect(back[i]!).toBeLessThan(back[i - 1]!);
          const forward: number[] = [cur.value];
          for (let r = redo(cur.history, cur.value); r; r = redo(cur.history, cur.value)) {
            forward.push(r.value);
            cur = r;
          }
          expect(forward).toEqual([...back].reverse());
        },
      ),
    );
  });
});
