import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { pair2019AlwaysOn } from '../../model/samples/index';
import { DesignDb, isQuotaError, PART_CHARS } from './design-db';
import { expiredInTrash, TRASH_DAYS } from './library';
import { LAST_DESIGN_SETTING, migrateLocalStorage, MIGRATED_SETTING } from './migrate-local-storage';

let dbSeq = 0;
async function freshDb(): Promise<DesignDb> {
  const db = await DesignDb.open(`test-${++dbSeq}`);
  if (!db) throw new Error('fake IndexedDB did not open');
  return db;
}

/** A Storage stand-in over a Map, in insertion order. */
function mapStorage(entries: Record<string, string>): Pick<Storage, 'getItem' | 'key' | 'length'> {
  const m = new Map(Object.entries(entries));
  return {
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
  };
}

describe('DesignDb', () => {
  it('asks for the text in the task that saves: a page that runs no later task (a reload right after an edit) keeps the edit', async () => {
    const db = await freshDb();
    await db.save('a', 'before');
    // The transaction the save opens is committed before any later task: as when the page goes
    // at once, nothing asked for after the first await is written.
    const transaction = IDBDatabase.prototype.transaction;
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...a) {
      const tx = transaction.apply(this, a);
      queueMicrotask(() => {
        try {
          tx.commit();
        } catch {
          // Committing already: the save asked for it in its own task.
        }
      });
      return tx;
    });
    try {
      await db.save('a', 'after the edit');
    } finally {
      spy.mockRestore();
    }
    expect(await db.text('a')).toBe('after the edit');
    db.close();
  });

  it('commits the save of a design it knows in the task that saves, its summary read in the same transaction', async () => {
    const db = await freshDb();
    const doc = pair2019AlwaysOn();
    await db.save('a', 'before', doc, 1000);
    const commit = vi.spyOn(IDBTransaction.prototype, 'commit');
    try {
      // Known here (saved by this page): nothing of the write waits for a later task, where a
      // page reloaded at once on a busy machine would never get.
      const saving = db.save('a', 'after the edit', doc, 2000);
      expect(commit).toHaveBeenCalledTimes(1);
      expect(await saving).toEqual({ ok: true });
      // Near miss: another tab's first save of it reads the summary first, then commits.
      const other = await DesignDb.open(`test-${dbSeq}`);
      const saved = other!.save('a', 'from the other tab', doc, 3000);
      expect(commit).toHaveBeenCalledTimes(1);
      expect(await saved).toEqual({ ok: true });
      other!.close();
    } finally {
      commit.mockRestore();
    }
    expect(await db.text('a')).toBe('from the other tab');
    expect(await db.summary('a')).toMatchObject({ createdAt: 1000, updatedAt: 3000 });
    db.close();
  });

  it('a design another tab moved to the trash, or back, stays where that tab put it when this one saves it', async () => {
    const db = await freshDb();
    const other = (await DesignDb.open(`test-${dbSeq}`))!;
    await db.save('a', 'first', undefined, 1000);
    await other.trash('a', 1500);
    expect(await db.save('a', 'second', undefined, 2000)).toEqual({ ok: true });
    expect(await other.summary('a')).toMatchObject({ deletedAt: 1500, updatedAt: 2000 });
    expect(await db.text('a')).toBe('second');
    await other.restore('a');
    expect(await db.save('a', 'third', undefined, 3000)).toEqual({ ok: true });
    expect((await other.summary('a'))?.deletedAt).toBeUndefined();
    // Near miss: nothing changed elsewhere, and the summary is written as it was.
    expect(await db.save('a', 'fourth', undefined, 4000)).toEqual({ ok: true });
    expect(await db.summary('a')).toMatchObject({ createdAt: 1000, updatedAt: 4000 });
    expect((await db.summary('a'))?.deletedAt).toBeUndefined();
    other.close();
    db.close();
  });

  it('saves a design and lists its summary without reading its text', async () => {
    const db = await freshDb();
    const doc = pair2019AlwaysOn();
    const text = JSON.stringify(doc);
    expect(await db.save('a', text, doc, 1000)).toEqual({ ok: true });
    const [s] = await db.list();
    expect(s).toMatchObject({
      id: 'a',
      name: doc.name,
      chars: text.length,
      nodes: doc.nodes.length,
      sites: doc.sites.length,
      createdAt: 1000,
      updatedAt: 1000,
    });
    expect(await db.text('a')).toBe(text);
    // A later save keeps the creation time.
    await db.save('a', text, doc, 5000);
    expect(await db.summary('a')).toMatchObject({ createdAt: 1000, updatedAt: 5000 });
  });

  it('trash hides nothing from storage; purge refuses a design that is not in the trash', async () => {
    const db = await freshDb();
    await db.save('a', '{"name":"A","nodes":[],"sites":[],"links":[]}', undefined, 1);
    const refused = await db.purge('a');
    expect(refused.ok).toBe(false);
    expect(await db.text('a')).toBeDefined();
    await db.trash('a', 10);
    expect((await db.summary('a'))?.deletedAt).toBe(10);
    // Saving a trashed design (another tab still shows it) keeps it in the trash.
    await db.save('a', '{"name":"A2","nodes":[],"sites":[],"links":[]}', undefined, 20);
    expect(await db.summary('a')).toMatchObject({ deletedAt: 10, name: 'A2' });
    await db.restore('a');
    expect((await db.summary('a'))?.deletedAt).toBeUndefined();
    await db.trash('a', 30);
    expect(await db.purge('a')).toEqual({ ok: true });
    expect(await db.summary('a')).toBeUndefined();
    expect(await db.text('a')).toBeUndefined();
  });

  it('the trash keeps a design 30 days, then it is due', () => {
    const day = 86_400_000;
    const designs = [{ id: 'x', name: 'x', chars: 1, nodes: 0, sites: 0, links: 0, createdAt: 0, updatedAt: 0, deletedAt: 0 }];
    expect(expiredInTrash(designs, TRASH_DAYS * day - 1)).toEqual([]);
    expect(expiredInTrash(designs, TRASH_DAYS * day).map((d) => d.id)).toEqual(['x']);
  });

  it('keeps the undo history and settings', async () => {
    const db = await freshDb();
    await db.saveHistory('a', '{"past":[],"future":[]}');
    expect(await db.history('a')).toBe('{"past":[],"future":[]}');
    await db.setSetting('theme', 'dark');
    expect(await db.setting('theme')).toBe('dark');
  });

  it('recognises the quota errors of Chromium, Firefox and Safari', () => {
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
  });
});

describe('migration of localStorage designs', () => {
  const doc = pair2019AlwaysOn();
  const old = {
    'sfb-designer:v1:doc:old-1': JSON.stringify({ slot: 'old-1', savedAt: 1_700_000_000_000, doc }),
    'sfb-designer:v1:doc:old-2': JSON.stringify({ slot: 'old-2', savedAt: 1_700_000_500_000, doc: { ...doc, name: 'Second' } }),
    'sfb-designer:v1:doc:broken': '{ not json',
    'sfb-designer:v1:lock:old-1': 'tab|1',
    'sfb-designer:v1:last': 'old-2',
    'other-app': 'x',
  };

  it('moves every old design into the library with its time, opens the last one, keeps the old copies', async () => {
    const db = await freshDb();
    const storage = mapStorage(old);
    const report = await migrateLocalStorage(db, storage);
    expect(report.moved.sort()).toEqual(['old-1', 'old-2']);
    expect(report.unreadable).toEqual(['broken']);
    const list = await db.list();
    expect(list.map((d) => d.name).sort()).toEqual([doc.name, 'Second', 'Untitled design'].sort());
    expect((await db.summary('old-1'))?.updatedAt).toBe(1_700_000_000_000);
    expect(JSON.parse((await db.text('old-2'))!)).toMatchObject({ name: 'Second' });
    expect(await db.text('broken')).toBe('{ not json'); // kept as it was
    expect(await db.setting(LAST_DESIGN_SETTING)).toBe('old-2');
    expect(storage.getItem('sfb-designer:v1:doc:old-1')).not.toBeNull();
  });

  it('runs once per design: a second start adds nothing, and a design deleted for ever stays deleted', async () => {
    const db = await freshDb();
    await migrateLocalStorage(db, mapStorage(old));
    await db.trash('old-1');
    await db.purge('old-1');
    const again = await migrateLocalStorage(db, mapStorage(old));
    expect(again.moved).toEqual([]);
    expect(await db.summary('old-1')).toBeUndefined();
    expect((await db.list()).length).toBe(2);
    expect((await db.setting<string[]>(MIGRATED_SETTING))?.sort()).toEqual(['broken', 'old-1', 'old-2']);
  });

  it('does nothing without localStorage', async () => {
    const db = await freshDb();
    expect(await migrateLocalStorage(db, undefined)).toEqual({ moved: [], unreadable: [], failed: [] });
  });
});

describe('a long text stored in parts', () => {
  /** Every key of an object store, read directly (what the browser holds). */
  async function keys(name: string, store: 'bodies' | 'history'): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => {
        const q = r.result.transaction(store).objectStore(store).getAllKeys();
        q.onsuccess = () => {
          r.result.close();
          resolve(q.result as string[]);
        };
        q.onerror = () => reject(q.error);
      };
      r.onerror = () => reject(r.error);
    });
  }
  /** A text of `n` characters with a surrogate pair and a line break across every part boundary. */
  const longText = (n: number, seed: string): string => {
    let t = '';
    while (t.length < n) t += `${seed} — 😀 "quoted"\n`;
    return t.slice(0, n);
  };

  it('reads back exactly what was written, over several parts, and a shorter text leaves no part behind', async () => {
    const name = `test-${++dbSeq}`;
    const db = (await DesignDb.open(name))!;
    const long = longText(PART_CHARS * 2 + 12_345, 'first');
    expect(await db.save('a', long)).toEqual({ ok: true });
    expect(await db.text('a')).toBe(long);
    expect((await keys(name, 'bodies')).length).toBe(3);
    expect((await db.list())[0]!.chars).toBe(long.length);
    const longer = longText(PART_CHARS * 3 + 1, 'second');
    await db.save('a', longer);
    expect(await db.text('a')).toBe(longer);
    await db.save('a', 'short');
    expect(await db.text('a')).toBe('short');
    expect(await keys(name, 'bodies')).toEqual(['a']);
    // A design beside it keeps its own parts.
    await db.save('b', long);
    await db.save('a', longer);
    expect(await db.text('b')).toBe(long);
    expect(await db.text('a')).toBe(longer);
    db.close();
  });

  it('the undo history too; delete for ever removes every part of both', async () => {
    const name = `test-${++dbSeq}`;
    const db = (await DesignDb.open(name))!;
    const history = longText(PART_CHARS + 7, 'history');
    await db.save('a', longText(PART_CHARS + 3, 'design'));
    expect(await db.saveHistory('a', history)).toEqual({ ok: true });
    expect(await db.history('a')).toBe(history);
    await db.trash('a');
    expect(await db.purge('a')).toEqual({ ok: true });
    expect(await keys(name, 'bodies')).toEqual([]);
    expect(await keys(name, 'history')).toEqual([]);
    expect(await db.text('a')).toBeUndefined();
    db.close();
  });

  it('a text refused at once (storage full) is reported as full, and the text stored before stays', async () => {
    const db = await freshDb();
    await db.save('a', 'before');
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    try {
      expect(await db.save('a', 'after')).toMatchObject({ ok: false, reason: 'full' });
    } finally {
      spy.mockRestore();
    }
    expect(await db.text('a')).toBe('before');
    db.close();
  });

  it('a write that fails part way leaves the text stored before, whole', async () => {
    const db = await freshDb();
    const before = longText(PART_CHARS + 99, 'before');
    await db.save('a', before);
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...a) {
      // The third part does not fit.
      if (this.name === 'bodies' && ++calls === 3) throw new DOMException('full', 'QuotaExceededError');
      return put.apply(this, a);
    });
    try {
      const r = await db.save('a', longText(PART_CHARS * 3, 'after'));
      expect(r).toMatchObject({ ok: false, reason: 'full' });
    } finally {
      spy.mockRestore();
    }
    expect(await db.text('a')).toBe(before);
  });
});
