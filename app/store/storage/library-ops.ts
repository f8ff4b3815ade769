/**
 * The design library's operations on stored designs other than the open one (rename, import
 * of a library file), loaded when the user uses them: a first paint does not need them.
 */
import { LIMITS } from '../../model/limits';
import { jsonNestingDepth, parseTopology } from '../../model/parse';
import type { DesignDb, WriteOutcome } from './design-db';
import { copyName, type DesignSummary } from './library';
import { baselineRecord } from './stored-baseline';

/** What the operations need of the session. */
export interface LibraryAccess {
  db: DesignDb;
  list(): Promise<DesignSummary[]>;
  /** The library changed: this tab's list and the other tabs' are refreshed. */
  changed(): void;
}

/** A stored design's JSON, checked for nesting before it is parsed; undefined when it cannot be read. */
async function storedJson(db: DesignDb, id: string): Promise<Record<string, unknown> | undefined> {
  const text = await db.text(id);
  if (text === undefined || jsonNestingDepth(text, LIMITS.maxJsonDepth) > LIMITS.maxJsonDepth) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A copy of a design under a new name ("… (copy)"): the one shown here (`shown`), else as stored. */
export async function duplicateStored(
  lib: LibraryAccess,
  id: string,
  shown: Record<string, unknown> | undefined,
): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  const doc = shown ?? (await storedJson(lib.db, id));
  if (!doc) return { ok: false, message: 'it could not be read' };
  const taken = new Set((await lib.list()).map((d) => d.name));
  const name = copyName(typeof doc.name === 'string' ? doc.name : 'Untitled design', taken);
  const r = await lib.db.add(JSON.stringify({ ...doc, name }));
  lib.changed();
  return r.ok ? r : { ok: false, message: r.reason === 'full' ? "the browser's storage is full" : r.message };
}

/** Renames a stored design that no tab has open. */
export async function renameStored(lib: LibraryAccess, id: string, trimmed: string): Promise<WriteOutcome> {
  const doc = await storedJson(lib.db, id);
  if (!doc) return { ok: false, reason: 'unavailable', message: 'it could not be read' };
  const r = await lib.db.save(
    id,
    JSON.stringify({ ...doc, name: trimmed }),
    { ...countsOf(doc), name: trimmed },
    (await lib.db.summary(id))?.updatedAt ?? Date.now(),
  );
  lib.changed();
  return r;
}

/** Adds the designs of an exported library file (each checked like any file); ones already here are skipped. */
export async function importLibrary(
  lib: LibraryAccess,
  text: string,
): Promise<{ ok: true; added: number; skipped: number; refused: string[] } | { ok: false; message: string }> {
  const { readLibraryBundle } = await import('./library-bundle');
  const bundle = readLibraryBundle(text);
  if (!bundle.ok) return { ok: false, message: bundle.error };
  // Compared as the checked documents (field order and rounding as the loader gives them).
  const existing = new Map<string, string>();
  for (const s of await lib.list()) {
    const t = await lib.db.text(s.id);
    if (t === undefined) continue;
    const parsed = parseTopology(t);
    existing.set(parsed.ok ? JSON.stringify(parsed.value) : t, s.id);
  }
  let added = 0;
  let skipped = 0;
  const refused = [...bundle.value.refused];
  for (const d of bundle.value.designs) {
    const t = JSON.stringify(d.design);
    const here = existing.get(t);
    if (here !== undefined) {
      // Already here: it gains the file's comparison when it has none of its own (one it has is kept).
      if (d.baseline && (await lib.db.baseline(here)) === undefined) await lib.db.saveBaseline(here, baselineRecord(d.baseline));
      skipped++;
      continue;
    }
    const r = await lib.db.add(t, { createdAt: d.createdAt, updatedAt: d.updatedAt });
    if (!r.ok) {
      lib.changed();
      return {
        ok: false,
        message:
          r.reason === 'full'
            ? `the browser's storage is full after ${added} design${added === 1 ? '' : 's'}; nothing already stored was changed`
            : r.message,
      };
    }
    // The comparison the design had: a failure to keep it loses nothing of the design, and is said.
    if (d.baseline && !(await lib.db.saveBaseline(r.id, baselineRecord(d.baseline))).ok)
      refused.push(`${d.name}: the current deployment it is compared with could not be stored`);
    existing.set(t, r.id);
    added++;
  }
  lib.changed();
  return { ok: true, added, skipped, refused };
}

function countsOf(doc: Record<string, unknown>): { name: string; nodes: unknown[]; sites: unknown[]; links: unknown[] } {
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  return {
    name: typeof doc.name === 'string' ? doc.name : 'Untitled design',
    nodes: list(doc.nodes),
    sites: list(doc.sites),
    links: list(doc.links),
  };
}

/** Every design of the library (not the trash) in one file, each with the current deployment it is compared with. */
export async function exportLibrary(lib: LibraryAccess): Promise<{ text: string; count: number }> {
  const designs: { summary: DesignSummary; text: string; baseline?: unknown }[] = [];
  for (const s of await lib.list()) {
    if (s.deletedAt !== undefined) continue;
    const text = await lib.db.text(s.id);
    if (text !== undefined) designs.push({ summary: s, text, baseline: await lib.db.baseline(s.id) });
  }
  const { writeLibraryBundle } = await import('./library-bundle');
  return { text: writeLibraryBundle(designs, new Date()), count: designs.length };
}
