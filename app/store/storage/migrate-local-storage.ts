/**
 * First start after the upgrade: the designs the earlier designer autosaved in
 * localStorage (`sfb-designer:v1:doc:<id>`) move into the library, each under its old id
 * with its last-change time. Each is taken once (their ids are remembered, so a design the
 * user later deletes for ever does not come back); the localStorage copies are left as
 * they were, so nothing is lost if this browser is ever rolled back to the old designer.
 * A record that cannot be read is kept as it is: the library says so when it is opened.
 */
import type { DesignDb } from './design-db';

import { LAST_DESIGN_SETTING, OLD_DOC_PREFIX as DOC_PREFIX, OLD_PREFIX as PREFIX } from './settings';

export { LAST_DESIGN_SETTING } from './settings';
export const MIGRATED_SETTING = 'migratedFromLocalStorage';

export interface MigrationReport {
  moved: string[];
  /** Records whose text was not a readable autosave record: moved as they were. */
  unreadable: string[];
  /** The save failed (storage full): tried again on the next start. */
  failed: string[];
}

/** The parts of `Storage` read here (a Map-backed stand-in in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'key' | 'length'>;

export async function migrateLocalStorage(db: DesignDb, storage: KeyValueStorage | undefined): Promise<MigrationReport> {
  const report: MigrationReport = { moved: [], unreadable: [], failed: [] };
  const records = readRecords(storage);
  if (records.length === 0) return report;
  const done = new Set((await db.setting<string[]>(MIGRATED_SETTING)) ?? []);
  for (const r of records) {
    if (done.has(r.id) || (await db.summary(r.id))) {
      done.add(r.id);
      continue;
    }
    const added = await db.add(r.text, { id: r.id, createdAt: r.savedAt, updatedAt: r.savedAt });
    if (!added.ok) {
      report.failed.push(r.id);
      continue;
    }
    done.add(r.id);
    (r.readable ? report.moved : report.unreadable).push(r.id);
  }
  await db.setSetting(MIGRATED_SETTING, [...done]);
  // The design the old designer would have opened is the one this one opens.
  if ((await db.setting(LAST_DESIGN_SETTING)) === undefined && records.some((r) => r.last) && report.failed.length === 0) {
    const last = records.find((r) => r.last)!;
    await db.setSetting(LAST_DESIGN_SETTING, last.id);
  }
  return report;
}

interface OldRecord {
  id: string;
  text: string;
  savedAt: number;
  readable: boolean;
  last: boolean;
}

function readRecords(storage: KeyValueStorage | undefined): OldRecord[] {
  const out: OldRecord[] = [];
  if (!storage) return out;
  try {
    const last = storage.getItem(`${PREFIX}last`);
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(DOC_PREFIX)) continue;
      const raw = storage.getItem(key);
      if (raw === null) continue;
      const id = key.slice(DOC_PREFIX.length);
      out.push({ id, ...unwrap(raw), last: id === last });
    }
  } catch {
    // Storage blocked: nothing to migrate from.
  }
  return out.sort((a, b) => a.savedAt - b.savedAt);
}

/** `{ slot, savedAt, doc }` → the document's text and time; anything else is kept as it was. */
function unwrap(raw: string): { text: string; savedAt: number; readable: boolean } {
  try {
    const rec = JSON.parse(raw) as { savedAt?: unknown; doc?: unknown };
    if (rec && typeof rec === 'object' && 'doc' in rec && rec.doc && typeof rec.doc === 'object') {
      const savedAt = typeof rec.savedAt === 'number' && Number.isFinite(rec.savedAt) ? rec.savedAt : Date.now();
      return { text: JSON.stringify(rec.doc), savedAt, readable: true };
    }
  } catch {
    // falls through: kept as it was
  }
  return { text: raw, savedAt: Date.now(), readable: false };
}
