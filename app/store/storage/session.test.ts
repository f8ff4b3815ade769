import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { arbTopology } from '../../model/arbitrary-test-kit';
import { pair2015Mirroring, pair2019AlwaysOn, REFERENCE_DESIGNS } from '../../model/samples/index';
import { loadDocument } from '../documents';
import { createDesignerStore, type DesignerStore } from '../store';
import { DB_NAME, DesignDb } from './design-db';
import { DesignSession } from './session';
import { readLibraryBundle } from './library-bundle';
import { readHistory } from './read-history';
import { historyText } from './stored-history';
import { warmHistoryText } from './warm-history';
import { SliceClock } from '../../lib/json-text-warm';

const runs = Number(process.env.FUZZ_RUNS ?? 30);
const stores: DesignerStore[] = [];

/** A page load: a fresh store and session over the same browser database. */
async function pageLoad(storage?: Storage): Promise<DesignerStore> {
  const store = createDesignerStore();
  stores.push(store);
  await store.getState().autosave.start(store, pair2019AlwaysOn, storage);
  return store;
}

async function settled(store: DesignerStore): Promise<void> {
  await store.getState().autosave.whenIdle();
}

afterEach(async () => {
  for (const s of stores.splice(0)) s.getState().autosave.stop();
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(DB_NAME);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
});

/**
 * The saves asked for, by design name, the first of them slow to end (released by `release`):
 * an edit made meanwhile comes while a write is going.
 */
function holdFirstSave() {
  const save = DesignDb.prototype.save;
  const started: string[] = [];
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const spy = vi.spyOn(DesignDb.prototype, 'save').mockImplementation(async function (this: DesignDb, id, text, ...rest) {
    started.push(JSON.parse(text).name);
    const outcome = save.call(this, id, text, ...rest);
    if (started.length === 1) await held;
    return outcome;
  });
  return { started, release: () => release(), spy };
}

async function library(): Promise<{ id: string; name: string; deletedAt?: number }[]> {
  const db = (await DesignDb.open())!;
  const list = await db.list();
  db.close();
  return list;
}

describe('autosave in the browser database', () => {
  it('a first start stores the reference design; ten reloads find the same design, no copy, no warning', async () => {
    const first = await pageLoad();
    await settled(first);
    const id = first.getState().autosave.designId;
    first.getState().setName('Reload survivor');
    await settled(first);
    first.getState().autosave.stop();
    for (let i = 0; i < 10; i++) {
      const again = await pageLoad();
      expect(again.getState().autosave.designId).toBe(id);
      expect(again.getState().doc.name).toBe('Reload survivor');
      expect(again.getState().notices.filter((n) => n.tone !== 'info')).toEqual([]);
      again.getState().autosave.stop();
    }
    expect((await library()).map((d) => d.name)).toEqual(['Reload survivor']);
  });

  it('a page that goes right after an edit writes the design at once, not after its text is warmed', async () => {
    const page = new EventTarget();
    vi.stubGlobal('window', page);
    // Every design is warmed before its write here (the page does it above 1,000 nodes).
    DesignSession.warmAbove = 0;
    try {
      const store = await pageLoad();
      await settled(store);
      const save = vi.spyOn(DesignDb.prototype, 'save');
      store.getState().setName('Written as the page goes');
      // The autosave waits for its text to be warmed (at least a microtask): nothing is written yet.
      expect(save).not.toHaveBeenCalled();
      page.dispatchEvent(new Event('pagehide'));
      expect(save).toHaveBeenCalledTimes(1);
      expect(save.mock.calls[0]![1]).toContain('Written as the page goes');
      await settled(store);
      // The autosave that was warming does not write the same version again.
      expect(save).toHaveBeenCalledTimes(1);
      expect(store.getState().autosave.status.getState().pending).toBe(0);
      save.mockRestore();
      store.getState().autosave.stop();
      const again = await pageLoad();
      expect(again.getState().doc.name).toBe('Written as the page goes');
    } finally {
      DesignSession.warmAbove = 1_000;
      vi.unstubAllGlobals();
    }
  });

  it('keeps the undo history across a reload', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const store = await pageLoad();
      const node = store.getState().doc.nodes[0]!;
      store.getState().updateNode(node.id, { name: 'First rename' });
      store.getState().removeElements([store.getState().doc.nodes[1]!.id]);
      await settled(store);
      vi.runAllTimers(); // the history is written shortly after the design
      store.getState().autosave.stop();
      await new Promise((r) => queueMicrotask(() => r(undefined)));
      vi.useRealTimers();
      await new Promise((r) => setTimeout(r, 50));
      const again = await pageLoad();
      expect(again.getState().history.past.length).toBe(2);
      again.getState().undo();
      expect(again.getState().doc.nodes).toHaveLength(store.getState().doc.nodes.length + 1);
      again.getState().undo();
      expect(again.getState().doc.nodes.find((n) => n.id === node.id)?.name).toBe(node.name);
    } finally {
      vi.useRealTimers();
    }
  });

  it('opening another design keeps the previous one in the library, and the last one is what the next start opens', async () => {
    const store = await pageLoad();
    store.getState().setName('Mine');
    loadDocument(store, REFERENCE_DESIGNS[1]!.build(), 'Opened');
    await settled(store);
    const names = (await library()).map((d) => d.name).sort();
    expect(names).toEqual(['Mine', REFERENCE_DESIGNS[1]!.build().name].sort());
    store.getState().autosave.stop();
    const again = await pageLoad();
    expect(again.getState().doc.name).toBe(REFERENCE_DESIGNS[1]!.build().name);
  });

  it('an edit made while another write is going opens its own write in the edit’s task (a reload at once keeps it)', async () => {
    const store = await pageLoad();
    await settled(store);
    const { started, release, spy } = holdFirstSave();
    try {
      store.getState().setName('First edit');
      store.getState().markSaved();
      store.getState().setName('Second edit');
      // Asked for in the same task as the edit, not once the first write ends.
      expect(started).toEqual(['First edit', 'Second edit']);
      release();
      await settled(store);
    } finally {
      spy.mockRestore();
    }
    store.getState().autosave.stop();
    expect((await pageLoad()).getState().doc.name).toBe('Second edit');
  });

  it('a large design edited while another write is going opens its write in the edit’s task once its text is written (near miss: a design not yet written waits)', async () => {
    // Every design counts as large here (the page warms above 1,000 nodes).
    DesignSession.warmAbove = 0;
    const store = await pageLoad();
    await settled(store);
    const { started, release, spy } = holdFirstSave();
    try {
      store.getState().setName('First edit');
      // A large design's text is warmed first: its write starts a few microtasks later.
      await vi.waitFor(() => expect(started).toEqual(['First edit']));
      store.getState().markSaved();
      store.getState().setName('Second edit');
      // Its text was written but for the new name: asked for at once.
      expect(started).toEqual(['First edit', 'Second edit']);
      // A design whose text was never written (every node new) waits for the write going on.
      const fresh = pair2015Mirroring();
      const many = {
        ...fresh,
        name: 'Not yet written',
        nodes: Array.from({ length: 70 }, (_, i) => ({ ...fresh.nodes[i % fresh.nodes.length]!, id: `n${i}` })),
      };
      store.setState({ doc: many, revision: store.getState().revision + 1 }); // an edit that makes every node new
      expect(started).toEqual(['First edit', 'Second edit']);
      release();
      await settled(store);
      expect(started.at(-1)).toBe('Not yet written');
    } finally {
      spy.mockRestore();
      DesignSession.warmAbove = 1_000;
    }
    store.getState().autosave.stop();
  });

  it('a large design longer than one stored part is joined in one task and written in the next; an edit between the two is what gets written (near miss: a shorter text is written at once)', async () => {
    // Every design counts as large here (the page warms above 1,000 nodes).
    DesignSession.warmAbove = 0;
    const store = await pageLoad();
    await settled(store);
    const save = vi.spyOn(DesignDb.prototype, 'save');
    const realSetTimeout = globalThis.setTimeout;
    let between: (() => void) | undefined;
    // The pause between the join and the write: a zero-delay timer. The edit lands there.
    const timer = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      if (ms === 0 && between) {
        const edit = between;
        between = undefined;
        edit();
      }
      return realSetTimeout(fn, ms);
    }) as typeof setTimeout);
    try {
      const fresh = pair2015Mirroring();
      const nodes = Array.from({ length: 3_000 }, (_, i) => ({ ...fresh.nodes[i % fresh.nodes.length]!, id: `n${i}` }));
      between = () => store.getState().setName('Renamed between join and write');
      store.setState({ doc: { ...fresh, name: 'Joined first', nodes }, revision: store.getState().revision + 1 });
      await settled(store);
      expect(between).toBeUndefined();
      const texts = save.mock.calls.map((c) => c[1]);
      expect(texts.length).toBeGreaterThan(0);
      expect(texts[0]!.length).toBeGreaterThan(500_000);
      // The version joined before the edit is never written: the edit's is.
      expect(texts.some((t) => t.includes('"Joined first"'))).toBe(false);
      expect(texts.at(-1)).toContain('Renamed between join and write');
      // Near miss: a design whose text fits one part is written without that pause.
      save.mockClear();
      between = () => store.getState().setName('Never made');
      store.getState().setName('Short');
      store.setState({ doc: { ...store.getState().doc, nodes: fresh.nodes }, revision: store.getState().revision + 1 });
      await settled(store);
      expect(between).toBeDefined();
      expect(save.mock.calls.at(-1)![1]).toContain('"Short"');
    } finally {
      timer.mockRestore();
      save.mockRestore();
      DesignSession.warmAbove = 1_000;
    }
    store.getState().autosave.stop();
  });

  it('storage full: every failed save says so with what to do, and nothing stored is deleted', async () => {
    const store = await pageLoad();
    loadDocument(store, REFERENCE_DESIGNS[1]!.build(), 'Opened'); // two designs stored
    await settled(store);
    const before = await library();
    const spy = vi
      .spyOn(DesignDb.prototype, 'save')
      .mockResolvedValue({ ok: false, reason: 'full', message: 'QuotaExceededError' });
    try {
      for (let i = 1; i <= 3; i++) {
        store.getState().setName(`Edit ${i}`);
        store.getState().markSaved(); // (so a rename does not coalesce away a save)
        await settled(store);
        const last = store.getState().notices.at(-1)!;
        expect(last.tone).toBe('error');
        expect(last.text).toMatch(/Autosave failed/);
        expect(last.text).toMatch(/storage for the designer is full/);
        expect(last.text).toMatch(/nothing stored was deleted/);
        expect(last.action?.label).toBe('My designs');
        if (i > 1) expect(last.text).toContain(`${i} times`);
        // One storage notice at a time: the newest replaces the one before.
        expect(store.getState().notices.filter((n) => /Autosave failed/.test(n.text))).toHaveLength(1);
        store.getState().dismiss(last.id); // dismissed: the next failure still tells
      }
    } finally {
      spy.mockRestore();
    }
    expect((await library()).map((d) => d.id).sort()).toEqual(before.map((d) => d.id).sort());
    store.getState().setName('Space again');
    await settled(store);
    expect(store.getState().notices.at(-1)?.text).toMatch(/Autosave works again/);
  });

  it('an unreadable stored design is reported, kept, and the tab starts a new design', async () => {
    const db = (await DesignDb.open())!;
    await db.add('{"format":"sfb-topology","version":1,"name":"Broken","nodes":[1]}', { id: 'broken' });
    await db.setSetting('lastDesign', 'broken');
    db.close();
    const store = await pageLoad();
    const error = store.getState().notices.find((n) => n.tone === 'error');
    expect(error?.text).toMatch(/"Broken" could not be opened/);
    expect(error?.text).toMatch(/kept in My designs/);
    expect(store.getState().autosave.designId).not.toBe('broken');
    await settled(store);
    expect((await library()).some((d) => d.id === 'broken')).toBe(true);
  });

  it('localStorage designs of the earlier version appear in the library on first start', async () => {
    const doc = { ...pair2019AlwaysOn(), name: 'From localStorage' };
    const entries = new Map([
      ['sfb-designer:v1:doc:old', JSON.stringify({ slot: 'old', savedAt: 1_700_000_000_000, doc })],
      ['sfb-designer:v1:last', 'old'],
    ]);
    const storage = {
      getItem: (k: string) => entries.get(k) ?? null,
      key: (i: number) => [...entries.keys()][i] ?? null,
      get length() {
        return entries.size;
      },
    } as unknown as Storage;
    const store = await pageLoad(storage);
    expect(store.getState().doc.name).toBe('From localStorage');
    expect(store.getState().autosave.designId).toBe('old');
    expect(store.getState().notices.some((n) => /earlier version are now in My designs/.test(n.text))).toBe(true);
  });
});

describe('the library', () => {
  it('rename, duplicate, trash, restore; delete for ever only from the trash', async () => {
    const store = await pageLoad();
    const session = store.getState().autosave;
    loadDocument(store, REFERENCE_DESIGNS[1]!.build(), 'Opened');
    await settled(store);
    const other = (await library()).find((d) => d.id !== session.designId)!;
    expect((await session.rename(other.id, 'Renamed')).ok).toBe(true);
    expect((await library()).find((d) => d.id === other.id)?.name).toBe('Renamed');
    const dup = await session.duplicate(other.id);
    expect(dup.ok).toBe(true);
    expect((await library()).map((d) => d.name)).toContain('Renamed (copy)');
    // The design open in this tab cannot be deleted from under it.
    expect((await session.trash(session.designId!)).ok).toBe(false);
    expect((await session.purge(other.id)).ok).toBe(false);
    expect((await session.trash(other.id)).ok).toBe(true);
    expect((await library()).find((d) => d.id === other.id)?.deletedAt).toBeGreaterThan(0);
    expect((await session.restore(other.id)).ok).toBe(true);
    await session.trash(other.id);
    expect((await session.purge(other.id)).ok).toBe(true);
    expect((await library()).some((d) => d.id === other.id)).toBe(false);
  });

  it('export all, then import all into an empty browser, gives the same designs; importing twice adds nothing', async () => {
    const store = await pageLoad();
    const session = store.getState().autosave;
    loadDocument(store, REFERENCE_DESIGNS[1]!.build(), 'Opened');
    await settled(store);
    const { text, count } = await session.exportAll();
    expect(count).toBe(2);
    const before = (await library()).map((d) => d.name).sort();
    session.stop();
    await new Promise<void>((resolve) => {
      const r = indexedDB.deleteDatabase(DB_NAME);
      r.onsuccess = r.onerror = () => resolve();
    });
    const fresh = await pageLoad(); // a new browser: the reference design only
    await settled(fresh);
    const r = await fresh.getState().autosave.importAll(text);
    expect(r).toMatchObject({ ok: true, refused: [] });
    expect((await library()).map((d) => d.name).sort()).toEqual([...new Set([...before, pair2019AlwaysOn().name])].sort());
    const twice = await fresh.getState().autosave.importAll(text);
    expect(twice).toMatchObject({ ok: true, added: 0 });
  });

  it('a library file is checked before parsing and each design like any file', () => {
    expect(readLibraryBundle('['.repeat(100))).toMatchObject({ ok: false, error: expect.stringMatching(/nests more than/) });
    expect(readLibraryBundle(JSON.stringify(pair2019AlwaysOn()))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/one design, not a library file/),
    });
    const r = readLibraryBundle(
      JSON.stringify({
        format: 'sfb-designer-library',
        version: 1,
        designs: [
          { name: 'bad', design: { format: 'sfb-topology', version: 1 } },
          { name: 'good', design: pair2019AlwaysOn() },
        ],
      }),
    );
    expect(r.ok && r.value.designs.map((d) => d.name)).toEqual([pair2019AlwaysOn().name]);
    expect(r.ok && r.value.refused[0]).toMatch(/^Design 1 \(bad\): /);
  });

  it('fuzz: any valid design survives the library file; damaged library files never throw', () => {
    fc.assert(
      fc.property(arbTopology(), (doc) => {
        const text = JSON.stringify({
          format: 'sfb-designer-library',
          version: 1,
          designs: [{ name: doc.name, createdAt: 1, updatedAt: 2, design: doc }],
        });
        const r = readLibraryBundle(text);
        expect(r.ok && r.value.designs.length + r.value.refused.length).toBe(1);
      }),
      { numRuns: runs },
    );
    fc.assert(
      fc.property(fc.string(), (junk) => {
        const r = readLibraryBundle(junk);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: runs * 10 },
    );
  });
});

describe('the stored undo history', () => {
  it('keeps the nearest steps within its budget, and reads back what it wrote', () => {
    const a = pair2019AlwaysOn();
    const b = { ...a, name: 'b' };
    const c = { ...a, name: 'c' };
    const text = historyText([a, b], [c]);
    const back = readHistory(text)!;
    expect(back.past.map((d) => d.name)).toEqual([a.name, 'b']);
    expect(back.future.map((d) => d.name)).toEqual(['c']);
    const small = readHistory(historyText([a, b], [c], { steps: 2, chars: 10_000_000 }))!;
    expect(small.past.map((d) => d.name)).toEqual([a.name, 'b']);
    expect(small.future).toEqual([]);
    const budget = readHistory(historyText([a, b], [c], { steps: 100, chars: JSON.stringify(b).length + 10 }))!;
    expect(budget.past.map((d) => d.name)).toEqual(['b']);
  });

  it('warming the steps a slice at a time never changes the history written', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbTopology(), { maxLength: 4 }),
        fc.array(arbTopology(), { maxLength: 3 }),
        fc.record({ steps: fc.integer({ min: 0, max: 5 }), chars: fc.integer({ min: 0, max: 40_000 }) }),
        async (past, future, limits) => {
          // Copies: what the history has written before (its cache) does not count.
          const expected = historyText(structuredClone(past), structuredClone(future), limits);
          await warmHistoryText(past, future, limits, new SliceClock(0));
          expect(historyText(past, future, limits)).toBe(expected);
        },
      ),
      { numRuns: runs },
    );
  });

  it('fuzz: damaged history text never throws and never yields an invalid step', () => {
    const good = historyText([pair2019AlwaysOn()], []);
    fc.assert(
      fc.property(fc.nat(good.length), fc.string({ maxLength: 5 }), (at, junk) => {
        const r = readHistory(good.slice(0, at) + junk + good.slice(at + junk.length));
        if (r) for (const d of [...r.past, ...r.future]) expect(d.format).toBe('sfb-topology');
      }),
      { numRuns: runs * 10 },
    );
  });
});

describe('a design that does not parse is never replaced', () => {
  it('keeps the text of a design it cannot read', async () => {
    const db = (await DesignDb.open())!;
    await db.add('not json at all', { id: 'junk' });
    await db.setSetting('lastDesign', 'junk');
    db.close();
    const store = await pageLoad();
    await settled(store);
    const again = (await DesignDb.open())!;
    expect(await again.text('junk')).toBe('not json at all');
    again.close();
  });
});

describe('the comparison with the current deployment is kept with the design', () => {
  it('a reload keeps the current deployment and the comparison; stopping to compare is kept too', async () => {
    const store = await pageLoad();
    await settled(store);
    const current = pair2015Mirroring();
    store.getState().setBaseline({ topology: current, source: 'DefaultTopology.xml' });
    store.getState().updateNode(store.getState().doc.nodes[0]!.id, { name: 'Edited target' });
    await settled(store);
    store.getState().autosave.stop();

    const again = await pageLoad();
    const kept = again.getState().baseline;
    expect(kept?.source).toBe('DefaultTopology.xml');
    expect(kept?.topology.nodes.map((n) => n.id)).toEqual(current.nodes.map((n) => n.id));
    expect(kept?.topology.name).toBe(current.name);
    expect(again.getState().notices.filter((n) => n.tone !== 'info')).toEqual([]);

    again.getState().setBaseline(undefined);
    await settled(again);
    again.getState().autosave.stop();
    const third = await pageLoad();
    expect(third.getState().baseline).toBeUndefined();
  });

  it("export all keeps each design's comparison, and import all restores it (a reload of the imported design compares again)", async () => {
    const store = await pageLoad();
    await settled(store);
    const current = pair2015Mirroring();
    store.getState().setBaseline({ topology: current, source: 'DefaultTopology.xml' });
    await settled(store);
    const compared = store.getState().doc.name;
    loadDocument(store, pair2015Mirroring(), 'Opened'); // a second design, compared with nothing
    await settled(store);
    store.getState().setBaseline(undefined);
    await settled(store);
    const { text } = await store.getState().autosave.exportAll();
    const bundle = readLibraryBundle(text);
    expect(bundle.ok).toBe(true);
    if (!bundle.ok) return;
    const withBaseline = bundle.value.designs.filter((d) => d.baseline);
    expect(withBaseline.map((d) => d.name)).toEqual([compared]);
    expect(withBaseline[0]!.baseline!.source).toBe('DefaultTopology.xml');
    expect(withBaseline[0]!.baseline!.topology.nodes.map((n) => n.id)).toEqual(current.nodes.map((n) => n.id));

    store.getState().autosave.stop();
    await new Promise<void>((resolve) => {
      const r = indexedDB.deleteDatabase(DB_NAME);
      r.onsuccess = r.onerror = () => resolve();
    });
    const fresh = await pageLoad();
    await settled(fresh);
    expect(await fresh.getState().autosave.importAll(text)).toMatchObject({ ok: true, refused: [] });
    const db = (await DesignDb.open())!;
    const stored = await Promise.all((await db.list()).map(async (d) => ({ name: d.name, baseline: await db.baseline(d.id) })));
    expect(stored.map((d) => d.name).sort()).toEqual([compared, pair2015Mirroring().name].sort());
    expect(stored.filter((d) => d.baseline !== undefined).map((d) => d.name)).toEqual([compared]);
    db.close();

    // A comparison that cannot be read is named; its design still comes in.
    const broken = text.replace(
      '"comparedWith":{"source":"DefaultTopology.xml","design":',
      '"comparedWith":{"source":"x","design":7,"was":',
    );
    expect(broken).not.toBe(text);
    const r = readLibraryBundle(broken);
    expect(r.ok && r.value.designs.map((d) => d.name).sort()).toEqual(bundle.value.designs.map((d) => d.name).sort());
    expect(r.ok && r.value.refused).toEqual([expect.stringMatching(/could not be read.*came in without it/)]);
  });

  it('each design keeps its own comparison: opening another shows its own (or none)', async () => {
    const store = await pageLoad();
    await settled(store);
    const first = store.getState().autosave.designId!;
    store.getState().setBaseline({ topology: pair2015Mirroring(), source: 'first' });
    await settled(store);
    loadDocument(store, REFERENCE_DESIGNS[1]!.build(), 'Opened');
    // Opened while comparing: the new design is compared with the same deployment, and keeps it.
    await settled(store);
    store.getState().setBaseline(undefined);
    await settled(store);
    expect((await store.getState().autosave.open(first)).ok).toBe(true);
    expect(store.getState().baseline?.source).toBe('first');
  });

  it('a stored comparison that cannot be read is said and kept: nothing stored is lost', async () => {
    const store = await pageLoad();
    await settled(store);
    const id = store.getState().autosave.designId!;
    store.getState().autosave.stop();
    const db = (await DesignDb.open())!;
    const bad = { v: 1, source: 'x.xml', text: '{"format":"nonsense"}' };
    await db.saveBaseline(id, bad);
    db.close();

    const again = await pageLoad();
    expect(again.getState().baseline).toBeUndefined();
    expect(again.getState().notices.some((n) => n.tone === 'warning' && /could not be read/.test(n.text))).toBe(true);
    again.getState().updateNode(again.getState().doc.nodes[0]!.id, { name: 'An edit after it' });
    await settled(again);
    const db2 = (await DesignDb.open())!;
    expect(await db2.baseline(id)).toEqual(bad);
    db2.close();
  });
});
