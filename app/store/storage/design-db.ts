/**
 * The browser database of designs (IndexedDB through `idb`): each design's summary, its
 * text, its undo history, and the designer's settings. Summaries and texts live in
 * separate stores so that listing the library never reads a multi-megabyte design.
 *
 * Nothing here deletes a design on its own: `trash` only marks one, and `purge` (delete
 * for ever) is called for a design the user put in the trash, by the user or once its
 * 30 days there are over. A write that does not fit reports `full` and leaves every
 * stored design as it was (an IndexedDB transaction is all or nothing).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { summarizeDesign, type DesignCounts, type DesignSummary } from './library';

export const DB_NAME = 'sfb-hadr-designer';
const DB_VERSION = 1;

/**
 * A design's text (JSON as Save writes it, without indentation), or its undo history (JSON
 * text of `{ past, future }`). A long text is stored in parts (`putText`): this record
 * holds the first, and says how many there are.
 */
interface TextRecord {
  id: string;
  text: string;
  parts?: number;
}

/**
 * Characters per part of a long text. One put of a 10,000-node design (5.5 MB) was one
 * task of 200 ms, the browser copying it; each part is put in its own task.
 */
export const PART_CHARS = 500_000;

/** The keys of a text's other parts: after its own id, before any other (ids never hold U+0000). */
const partKey = (id: string, i: number): string => `${id}\u0000${String(i).padStart(5, '0')}`;
const partRange = (id: string): IDBKeyRange => IDBKeyRange.bound(`${id}\u0000`, `${id}\u0001`, false, true);

/** The object store a text goes in, in a readwrite transaction. */
interface TextStore {
  put(record: TextRecord): Promise<unknown>;
  delete(range: IDBKeyRange): Promise<unknown>;
  transaction: { abort(): void; done: Promise<void> };
}

/**
 * Writes a text in parts, each put in the success of the one before (so in its own task),
 * within the caller's transaction: all of it is written, or none.
 */
async function putText(store: TextStore, id: string, text: string): Promise<void> {
  try {
    // The parts of a longer text stored before go, and the first part (a short text whole)
    // is put in the same task: requests run in order, and a page closed right after an edit
    // (a reload) has then asked for the whole write of a short text before it went.
    const parts = Math.ceil(text.length / PART_CHARS) || 1;
    const cleared = store.delete(partRange(id));
    // A put refused at once (storage full) throws before this is awaited; the abort below then rejects it.
    cleared.catch(() => undefined);
    await Promise.all([cleared, store.put(parts > 1 ? { id, text: text.slice(0, PART_CHARS), parts } : { id, text })]);
    for (let i = 1; i < parts; i++)
      await store.put({ id: partKey(id, i), text: text.slice(i * PART_CHARS, (i + 1) * PART_CHARS) });
  } catch (e) {
    // A put refused at once (not at commit) would leave the parts written so far: undo them all.
    try {
      abort(store.transaction);
    } catch {
      // Already over (the browser aborted it).
    }
    throw e;
  }
}

interface DesignerDb extends DBSchema {
  designs: { key: string; value: DesignSummary; indexes: { updatedAt: number } };
  bodies: { key: string; value: TextRecord };
  history: { key: string; value: TextRecord };
  settings: { key: string; value: { key: string; value: unknown } };
}

export type WriteOutcome = { ok: true } | { ok: false; reason: 'full' | 'unavailable'; message: string };

/** A design's comparison lives beside its settings, keyed by the design (no new object store, so no database upgrade). */
const baselineKey = (id: string): string => `compare-baseline:${id}`;

export const newDesignId = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** True for the errors a browser raises when the origin's storage quota is used up. */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown })?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || (e as { code?: unknown })?.code === 22;
}

function failure(e: unknown): WriteOutcome {
  const message = e instanceof Error ? e.message : String(e);
  return { ok: false, reason: isQuotaError(e) ? 'full' : 'unavailable', message };
}

/** Gives up a transaction without an unhandled rejection from its `done` promise. */
function abort(tx: { abort(): void; done: Promise<void> }): void {
  tx.done.catch(() => undefined);
  tx.abort();
}

export class DesignDb {
  /**
   * When each design this page has read or written was created, and whether it is in the
   * trash: a save of a design known here writes its summary without reading it first.
   */
  private readonly known = new Map<string, { createdAt: number; deletedAt?: number }>();

  private constructor(private readonly db: IDBPDatabase<DesignerDb>) {}

  private remember(s: DesignSummary | undefined): void {
    if (s) this.known.set(s.id, { createdAt: s.createdAt, deletedAt: s.deletedAt });
  }

  /** Opens (or creates) the database; undefined when the browser refuses IndexedDB (some private modes). */
  static async open(name = DB_NAME): Promise<DesignDb | undefined> {
    try {
      if (typeof indexedDB === 'undefined') return undefined;
      const db = await openDB<DesignerDb>(name, DB_VERSION, {
        upgrade(d) {
          const designs = d.createObjectStore('designs', { keyPath: 'id' });
          designs.createIndex('updatedAt', 'updatedAt');
          d.createObjectStore('bodies', { keyPath: 'id' });
          d.createObjectStore('history', { keyPath: 'id' });
          d.createObjectStore('settings', { keyPath: 'key' });
        },
        // Another tab of a newer designer wants to upgrade: step aside rather than block it.
        blocking() {
          db.close();
        },
      });
      return new DesignDb(db);
    } catch {
      return undefined;
    }
  }

  close(): void {
    this.db.close();
  }

  /** Every design, newest change first (trash included; `deletedAt` tells). */
  async list(): Promise<DesignSummary[]> {
    const all = await this.db.getAll('designs');
    return all.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async summary(id: string): Promise<DesignSummary | undefined> {
    const s = await this.db.get('designs', id);
    this.remember(s);
    return s;
  }

  async text(id: string): Promise<string | undefined> {
    return this.readText('bodies', id);
  }

  /** A text and its parts, read in one transaction. A part missing makes it unreadable, never shorter. */
  private async readText(name: 'bodies' | 'history', id: string): Promise<string | undefined> {
    const store = this.db.transaction(name).store;
    const r = await store.get(id);
    if (!r?.parts) return r?.text;
    const rest = await store.getAll(partRange(id));
    return rest.length === r.parts - 1 ? r.text + rest.map((p) => p.text).join('') : undefined;
  }

  /**
   * Writes a design's text and summary together. An existing design keeps its creation
   * time; one in the trash stays there (the tab that still shows it keeps saving it).
   *
   * A page reloaded right after an edit may run no later task: Chromium then drops a
   * transaction still open. The text is asked for in the task that saves; and for a design
   * this page knows (`known`), in one part, the summary too, and the transaction is committed
   * there and then. Reading the summary first kept the transaction open for one more task, and
   * a reload on a busy machine lost the edit.
   */
  async save(id: string, text: string, doc?: DesignCounts, now = Date.now()): Promise<WriteOutcome> {
    const known = this.known.get(id);
    try {
      const tx = this.db.transaction(['designs', 'bodies'], 'readwrite');
      const designs = tx.objectStore('designs');
      // Asked for before the writes: the summary as this save found it.
      const stored = designs.get(id);
      const early =
        known && text.length <= PART_CHARS
          ? designs.put(summarizeDesign(id, text, { ...known, updatedAt: now }, doc))
          : undefined;
      const body = putText(tx.objectStore('bodies'), id, text);
      // All awaited below. When the text is refused at once (storage full), the transaction is
      // over: that refusal is the error to report, not the read's or the transaction's.
      for (const p of [stored, early, body, tx.done]) p?.catch(() => undefined);
      try {
        if (early) tx.commit();
      } catch {
        // Over already (the text refused at once): `body` says why.
      }
      await body;
      const before = await stored;
      const times = { createdAt: before?.createdAt ?? now, deletedAt: before?.deletedAt };
      if (!early) await designs.put(summarizeDesign(id, text, { ...times, updatedAt: now }, doc));
      await Promise.all([early, tx.done]);
      this.known.set(id, times);
      // Another tab moved the design to the trash, or back, since this page read it: the summary follows.
      if (early && before && (before.deletedAt !== known?.deletedAt || before.createdAt !== known?.createdAt))
        return this.update(id, ({ deletedAt: _was, ...rest }) =>
          before.deletedAt === undefined ? { ...rest, createdAt: before.createdAt } : { ...rest, ...times },
        );
      return { ok: true };
    } catch (e) {
      return failure(e);
    }
  }

  /** Adds a design under a new id (duplicate, import, migration); the summary says when it was last changed. */
  async add(
    text: string,
    opts: { id?: string; createdAt?: number; updatedAt?: number; name?: string } = {},
  ): Promise<{ ok: true; id: string } | Extract<WriteOutcome, { ok: false }>> {
    const id = opts.id ?? newDesignId();
    const now = Date.now();
    try {
      const tx = this.db.transaction(['designs', 'bodies'], 'readwrite');
      const summary = summarizeDesign(id, text, {
        createdAt: opts.createdAt ?? now,
        updatedAt: opts.updatedAt ?? now,
        name: opts.name,
      });
      await Promise.all([tx.objectStore('designs').put(summary), putText(tx.objectStore('bodies'), id, text), tx.done]);
      return { ok: true, id };
    } catch (e) {
      return failure(e) as Extract<WriteOutcome, { ok: false }>;
    }
  }

  /** Renames in the summary only; the design's own name changes when it is next opened (the caller writes the text). */
  async setSummaryName(id: string, name: string): Promise<WriteOutcome> {
    return this.update(id, (s) => ({ ...s, name }));
  }

  /** Into the trash: hidden from the library list, kept for `TRASH_DAYS`. */
  async trash(id: string, now = Date.now()): Promise<WriteOutcome> {
    return this.update(id, (s) => ({ ...s, deletedAt: now }));
  }

  async restore(id: string): Promise<WriteOutcome> {
    return this.update(id, ({ deletedAt: _gone, ...s }) => s);
  }

  /** Deletes a design, its text, its history and its comparison for ever. Only for a design in the trash. */
  async purge(id: string): Promise<WriteOutcome> {
    try {
      const tx = this.db.transaction(['designs', 'bodies', 'history', 'settings'], 'readwrite');
      const s = await tx.objectStore('designs').get(id);
      if (s && s.deletedAt === undefined) {
        abort(tx);
        return { ok: false, reason: 'unavailable', message: 'only a design in the trash can be deleted for ever' };
      }
      await Promise.all([
        tx.objectStore('designs').delete(id),
        tx.objectStore('bodies').delete(id),
        tx.objectStore('bodies').delete(partRange(id)),
        tx.objectStore('history').delete(id),
        tx.objectStore('history').delete(partRange(id)),
        tx.objectStore('settings').delete(baselineKey(id)),
        tx.done,
      ]);
      return { ok: true };
    } catch (e) {
      return failure(e);
    }
  }

  async history(id: string): Promise<string | undefined> {
    try {
      return await this.readText('history', id);
    } catch {
      return undefined;
    }
  }

  async saveHistory(id: string, text: string): Promise<WriteOutcome> {
    try {
      const tx = this.db.transaction('history', 'readwrite');
      await Promise.all([putText(tx.store, id, text), tx.done]);
      return { ok: true };
    } catch (e) {
      return failure(e);
    }
  }

  /** The stored record of the current deployment the design is compared with (stored-baseline.ts reads it). */
  async baseline(id: string): Promise<unknown> {
    return this.setting<unknown>(baselineKey(id));
  }

  /** Keeps (or, when the user stopped comparing, forgets) the design's current deployment. */
  async saveBaseline(id: string, record: unknown): Promise<WriteOutcome> {
    if (record !== undefined) return this.setSetting(baselineKey(id), record);
    try {
      await this.db.delete('settings', baselineKey(id));
      return { ok: true };
    } catch (e) {
      return failure(e);
    }
  }

  async setting<T>(key: string): Promise<T | undefined> {
    try {
      return (await this.db.get('settings', key))?.value as T | undefined;
    } catch {
      return undefined;
    }
  }

  async setSetting(key: string, value: unknown): Promise<WriteOutcome> {
    try {
      await this.db.put('settings', { key, value });
      return { ok: true };
    } catch (e) {
      return failure(e);
    }
  }

  private async update(id: string, change: (s: DesignSummary) => DesignSummary): Promise<WriteOutcome> {
    try {
      const tx = this.db.transaction('designs', 'readwrite');
      const s = await tx.store.get(id);
      if (!s) {
        abort(tx);
        return { ok: false, reason: 'unavailable', message: 'this design is no longer in the library' };
      }
      const changed = change(s);
      await Promise.all([tx.store.put(changed), tx.done]);
      this.remember(changed);
      return { ok: true };
    } catch (e) {
      return failure(e);
    }
  }
}
