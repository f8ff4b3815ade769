import { describe, expect, it } from 'vitest';
import { pair2019AlwaysOn } from '../model/samples/index';
import type { TopologyNode } from '../model/schema';
import { compareMarks, selectComparison } from './comparison';
import { createDesignerStore } from './store';

describe('compare slice: the current deployment beside the design', () => {
  it('holds a baseline apart from the design: no undo entry, the document untouched', () => {
    const store = createDesignerStore();
    store.getState().replaceDocument(pair2019AlwaysOn());
    const doc = store.getState().doc;
    const past = store.getState().history.past.length;
    expect(selectComparison(store.getState())).toBeUndefined();
    store.getState().setBaseline({ topology: pair2019AlwaysOn(), source: 'My designs: Contoso' });
    expect(store.getState().doc).toBe(doc);
    expect(store.getState().history.past).toHaveLength(past);
    expect(selectComparison(store.getState())?.nodes).toEqual([]);
    store.getState().setBaseline(undefined);
    expect(selectComparison(store.getState())).toBeUndefined();
  });

  it('marks what the design adds and changes, recomputing only when the content changes', () => {
    const store = createDesignerStore();
    store.getState().replaceDocument(pair2019AlwaysOn());
    store.getState().setBaseline({ topology: pair2019AlwaysOn(), source: 'file' });
    store.getState().updateNode('pool-a', { productVersion: 'SE' } as Partial<TopologyNode>);
    store.getState().updateNode('pool-b', { users: 20_000 } as Partial<TopologyNode>);
    const first = selectComparison(store.getState());
    expect(selectComparison(store.getState())).toBe(first);
    const marks = compareMarks(first);
    expect(marks.get('pool-a')).toBe('version');
    expect(marks.get('pool-b')).toBe('changed');
    expect(marks.has('edge-a')).toBe(false);
    expect(first?.nodes.find((n) => n.targetId === 'pool-a')?.version?.path).toBe('in-place');
  });

  it('two designers comparing at once keep their own diff: neither evicts the other', () => {
    const a = createDesignerStore();
    const b = createDesignerStore();
    a.getState().replaceDocument(pair2019AlwaysOn());
    b.getState().replaceDocument(pair2019AlwaysOn());
    a.getState().setBaseline({ topology: pair2019AlwaysOn(), source: 'a' });
    b.getState().setBaseline({ topology: pair2019AlwaysOn(), source: 'b' });
    b.getState().updateNode('pool-a', { users: 1 } as Partial<TopologyNode>);
    const da = selectComparison(a.getState());
    const db = selectComparison(b.getState());
    expect(da?.nodes).toEqual([]);
    expect(db?.nodes.map((n) => n.targetId)).toEqual(['pool-a']);
    // Asking one designer does not recompute the other's.
    expect(selectComparison(a.getState())).toBe(da);
    expect(selectComparison(b.getState())).toBe(db);
    expect(selectComparison(a.getState())).toBe(da);
  });
});
