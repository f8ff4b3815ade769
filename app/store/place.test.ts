/**
 * Placing from the palette: every kind of the format can be added by a click (or Enter),
 * into the selected site, in a free slot, as one undo step; a site only for a site item.
 */
import { describe, expect, it } from 'vitest';
import { pair2019AlwaysOn } from '../model/samples/index';
import { NODE_KINDS } from '../model/schema';
import { placeFromPalette } from './place';
import { createDesignerStore } from './store';

function setup() {
  const store = createDesignerStore();
  store.getState().replaceDocument(pair2019AlwaysOn());
  store.getState().clearHistory();
  return store;
}

describe('placeFromPalette', () => {
  it.each(NODE_KINDS)('adds a %s to the selected site, selected, as one undo step', (kind) => {
    const store = setup();
    const before = store.getState().doc;
    store.getState().select(['dc2'], { type: 'site', id: 'dc2' });
    const id = placeFromPalette(store, kind, { x: 0, y: 0 }, 'click');
    expect(id).toBeDefined();
    const added = store.getState().doc.nodes.find((n) => n.id === id)!;
    expect(added).toMatchObject({ kind, siteId: 'dc2' });
    expect(store.getState().doc.sites).toHaveLength(before.sites.length);
    expect(store.getState().selectedIds).toEqual([id]);
    store.getState().undo();
    expect(store.getState().doc.nodes).toEqual(before.nodes);
  });

  it('refuses what is not a kind of the format', () => {
    const store = setup();
    expect(placeFromPalette(store, 'teapot', { x: 0, y: 0 }, 'click')).toBeUndefined();
    expect(store.getState().doc.nodes).toHaveLength(pair2019AlwaysOn().nodes.length);
  });
});
