import { describe, expect, it } from 'vitest';
import { pair2019AlwaysOn, REFERENCE_DESIGNS } from '../model/samples/index';
import { decodeShareLink, shareLink } from '../share/index';
import { loadDocument, startDocument } from './documents';
import { readDocumentBytes } from './open-work';
import { copySelection, pasteClipboard, selectAll } from './edit-commands';
import { createDesignerStore } from './store';

/** A store with a clock the test moves by hand. */
function storeWithClock() {
  let t = 0;
  const store = createDesignerStore({ now: () => t });
  return { store, tick: (ms: number) => (t += ms) };
}

const firstNode = (store: ReturnType<typeof createDesignerStore>) => store.getState().doc.nodes[0]!;

describe('designer store: one per instance', () => {
  it('two stores never share a document, a history, notices or a clipboard', () => {
    const a = createDesignerStore();
    const b = createDesignerStore();
    a.getState().replaceDocument(pair2019AlwaysOn());
    a.getState().notify({ tone: 'info', text: 'only in a' });
    selectAll(a);
    copySelection(a);
    expect(b.getState().doc.nodes).toHaveLength(0);
    expect(b.getState().history.past).toHaveLength(0);
    expect(b.getState().notices).toHaveLength(0);
    expect(b.getState().clipboard).toBeUndefined();
    expect(pasteClipboard(b)).toBe(false);
    expect(pasteClipboard(a)).toBe(true);
  });

  it('numbers notices per store', () => {
    const a = createDesignerStore();
    const b = createDesignerStore();
    a.getState().notify({ tone: 'info', text: 'one' });
    a.getState().notify({ tone: 'info', text: 'two' });
    b.getState().notify({ tone: 'info', text: 'first of b' });
    expect(a.getState().notices.map((n) => n.id)).toEqual([1, 2]);
    expect(b.getState().notices.map((n) => n.id)).toEqual([1]);
  });

  it('says "arranging" while any auto-layout run is in progress', () => {
    const s = createDesignerStore();
    s.getState().layoutStarted();
    s.getState().layoutStarted();
    s.getState().layoutFinished();
    expect(s.getState().arranging).toBe(true);
    s.getState().layoutFinished();
    expect(s.getState()).toMatchObject({ arranging: false, layoutRuns: 2, layoutsRunning: 0 });
  });
});

describe('designer store: undo and coalescing through the store', () => {
  it('typing in one field within the window is one undo step; after the window, another', () => {
    const { store, tick } = storeWithClock();
    store.getState().replaceDocument(pair2019AlwaysOn());
    store.getState().clearHistory();
    const id = firstNode(store).id;
    const original = firstNode(store).name;
    for (const name of ['P', 'Po', 'Poo', 'Pool']) {
      store.getState().updateNode(id, { name });
      tick(300);
    }
    tick(2000);
    store.getState().updateNode(id, { name: 'Pool A' });
    expect(firstNode(store).name).toBe('Pool A');
    store.getState().undo();
    expect(firstNode(store).name).toBe('Pool');
    store.getState().undo();
    expect(firstNode(store).name).toBe(original);
    expect(store.getState().history.past).toHaveLength(0);
    store.getState().redo();
    store.getState().redo();
    expect(firstNode(store).name).toBe('Pool A');
  });

  it('edits of different fields are separate steps even inside the window', () => {
    const { store } = storeWithClock();
    store.getState().replaceDocument(pair2019AlwaysOn());
    store.getState().clearHistory();
    const id = firstNode(store).id;
    store.getState().updateNode(id, { name: 'x' });
    store.getState().updateNode(id, { fqdn: 'x.contoso.com' });
    expect(store.getState().history.past).toHaveLength(2);
  });

  it('a drag is one undo step, and a drag that moves nothing adds none', () => {
    const { store } = storeWithClock();
    store.getState().replaceDocument(pair2019AlwaysOn());
    store.getState().clearHistory();
    const id = firstNode(store).id;
    const before = store.getState().doc.layout?.[id];
    store.getState().previewLayout({ [id]: { x: 1, y: 1 } });
    store.getState().previewLayout({ [id]: { x: 2, y: 2 } });
    expect(store.getState().doc.layout?.[id]).toEqual(before);
    store.getState().commitPreview();
    expect(store.getState().doc.layout?.[id]).toEqual({ x: 2, y: 2 });
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().commitPreview();
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().doc.layout?.[id]).toEqual(before);
  });

  it('undo goes back across a document replacement (a share link), and redo returns to it', async () => {
    const { store } = storeWithClock();
    await startDocument(store, pair2019AlwaysOn);
    const mine = store.getState().doc;
    const id = mine.nodes[0]!.id;
    store.getState().updateNode(id, { name: 'My pool' });
    const edited = store.getState().doc;
    const decoded = decodeShareLink(shareLink(REFERENCE_DESIGNS[1]!.build()));
    if (!decoded.ok) throw new Error(decoded.error.message);
    const shared = decoded.value;
    loadDocument(store, shared, 'Opened shared design');
    expect(store.getState().doc.name).toBe(shared.name);
    expect(store.getState().loadSeq).toBeGreaterThan(0);
    // The notice offers the way back.
    expect(store.getState().notices.at(-1)?.action?.label).toBe('Undo');
    store.getState().undo();
    expect(store.getState().doc).toBe(edited);
    store.getState().undo();
    expect(store.getState().doc).toBe(mine);
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().doc.name).toBe(shared.name);
  });

  it("the notice's Undo, pressed while a migration step is on the canvas, goes back to the design and undoes there", async () => {
    const { store } = storeWithClock();
    await startDocument(store, pair2019AlwaysOn);
    const mine = store.getState().doc;
    store.getState().updateNode(mine.nodes[0]!.id, { name: 'My pool' });
    const edited = store.getState().doc;
    loadDocument(store, REFERENCE_DESIGNS[1]!.build(), 'Opened shared design');
    const opened = store.getState().doc;
    store.getState().showPhase({ doc: opened, step: 2, total: 5, label: 'Move the users', of: opened });
    store.getState().notices.at(-1)!.action!.run();
    expect(store.getState().phaseView).toBeNull();
    expect(store.getState().doc).toBe(edited);
  });

  it('an edit just before an import does not coalesce with the first edit after it', async () => {
    const { store, tick } = storeWithClock();
    await startDocument(store, pair2019AlwaysOn);
    const read = readDocumentBytes('design.json', new TextEncoder().encode(JSON.stringify(REFERENCE_DESIGNS[1]!.build())));
    if (!read.ok) throw new Error(read.message);
    store.getState().setName('Before');
    tick(10);
    loadDocument(store, read.topology, 'Opened design.json');
    tick(10);
    store.getState().setName('After');
    store.getState().undo();
    expect(store.getState().doc.name).toBe(read.topology.name);
    store.getState().undo();
    expect(store.getState().doc.name).toBe('Before');
  });

  it('starts with nothing to undo', async () => {
    const store = createDesignerStore();
    await startDocument(store, pair2019AlwaysOn);
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().doc.nodes.length).toBeGreaterThan(0);
  });
});
