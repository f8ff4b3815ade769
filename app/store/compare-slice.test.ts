import { describe, expect, it } from 'vitest';
import { pair2019AlwaysOn } from '../model/samples/index';
import type { TopologyNode } from '../model/schema';
import { compareCanvas, compareMarks, selectComparison } from './comparison';
import { diffTopologies } from '../migrate/diff';
import { ghostId } from './compare-slice';
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

describe('the comparison on the canvas: removed nodes and links as ghosts, links marked', () => {
  it('draws a removed node where the current deployment had it, its links as ghosts, and marks new and retargeted links', () => {
    const current = pair2019AlwaysOn();
    const target = pair2019AlwaysOn();
    // The target drops Office Online Server of pool B and points pool A's next hop Edge at Edge B.
    target.nodes = target.nodes.filter((n) => n.id !== 'oos-b');
    target.links = target.links.filter((l) => l.id !== 'l10').map((l) => (l.id === 'l2' ? { ...l, from: 'edge-b' } : l));
    target.links.push({ id: 'l-new', kind: 'officeOnline', from: 'pool-b', to: 'oos-a' });
    const view = compareCanvas(diffTopologies(current, target), current);

    expect(view.ghostNodes.map((g) => g.currentId)).toEqual(['oos-b']);
    const ghost = view.ghostNodes[0]!;
    expect(ghost.id).toBe(ghostId('oos-b'));
    expect(ghost.position).toEqual(current.layout!['oos-b']);
    expect(target.nodes.some((n) => n.id === ghost.id)).toBe(false);

    const removed = view.ghostLinks.find((g) => g.link.id === 'l10');
    expect(removed).toMatchObject({ from: 'pool-b', to: ghostId('oos-b') });
    // Pool B's Office Online Server moved to another server: one retarget, the old end a ghost.
    expect(view.links.get('l-new')).toBe('changed');
    // Edge B now hands pool A its traffic: a new link; Edge A's is gone, drawn as a ghost between cards of the design.
    expect(view.links.get('l2')).toBe('added');
    expect(view.ghostLinks.find((g) => g.link.id === 'l2')).toMatchObject({ from: 'edge-a', to: 'pool-a' });
    expect(view.links.has('l1')).toBe(false);
  });

  it('marks nothing and draws no ghost when the design is the current deployment', () => {
    const d = pair2019AlwaysOn();
    const view = compareCanvas(diffTopologies(d, pair2019AlwaysOn()), d);
    expect(view.ghostNodes).toEqual([]);
    expect(view.ghostLinks).toEqual([]);
    expect(view.links.size).toBe(0);
    expect(view.nodes.size).toBe(0);
  });
});
