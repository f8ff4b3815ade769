/**
 * Fuzz of everything the designer reads back from the browser's storage, and of what
 * autosave writes (issue 17): `npm run fuzz` runs each property 10,000 times. Properties:
 * nothing throws; a valid design written is the design read; damaged text is refused with
 * a message, never opened as something else; the migration of old localStorage designs
 * keeps every record (readable or not) and never loses one.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonText } from '../../lib/json-text';
import { applyTextMutations, arbTextMutation, arbTopology } from '../../model/arbitrary-test-kit';
import { parseTopology } from '../../model/parse';
import { pair2019AlwaysOn } from '../../model/samples/index';
import { openDesignText } from '../open-result';
import { DB_NAME, DesignDb } from './design-db';
import { readLibraryBundle } from './library-bundle';
import { migrateLocalStorage } from './migrate-local-storage';
import { OLD_DOC_PREFIX, OLD_PREFIX } from './settings';
import { readHistory } from './read-history';
import { historyText } from './stored-history';

const runs = Number(process.env.FUZZ_RUNS ?? 50);

/** The design as the designer holds it once read (parseTopology's value). */
function parsed(doc: unknown): unknown {
  const r = parseTopology(doc);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

afterEach(async () => {
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(DB_NAME);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
});

describe('what autosave writes is what is read back', () => {
  it('any valid design, and an edit of it: the text is JSON.stringify’s, and it opens as the same design', () => {
    fc.assert(
      fc.property(arbTopology({ maxNodes: 12 }), fc.string({ maxLength: 30 }), (doc, name) => {
        const text = jsonText(doc)!;
        expect(text).toBe(JSON.stringify(doc));
        const back = openDesignText(text);
        expect(back.ok).toBe(true);
        expect(back.ok && JSON.stringify(back.topology)).toBe(JSON.stringify(parsed(doc)));
        // An edit makes new objects for what changed: the text follows it.
        const edited = { ...doc, name, nodes: doc.nodes.map((n, i) => (i === 0 ? { ...n, name } : n)) };
        expect(jsonText(edited)).toBe(JSON.stringify(edited));
      }),
      { numRuns: runs },
    );
  });

  it('a stored design damaged in any way is refused with a message or opens as a valid design, never throws', () => {
    const good = JSON.stringify(pair2019AlwaysOn());
    fc.assert(
      fc.property(fc.array(arbTextMutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const r = openDesignText(applyTextMutations(good, mutations));
        if (r.ok) expect(r.topology.format).toBe('sfb-topology');
        else expect(r.message.trim().length).toBeGreaterThan(0);
      }),
      { numRuns: runs },
    );
  });
});

describe('the stored undo history', () => {
  it('any valid steps are read back as written, within the budget', () => {
    fc.assert(
      fc.property(
        fc.array(arbTopology({ maxNodes: 6 }), { maxLength: 4 }),
        fc.array(arbTopology({ maxNodes: 6 }), { maxLength: 2 }),
        (past, future) => {
          const back = readHistory(historyText(past, future));
          expect(back).toBeDefined();
          expect(back!.past.map((d) => JSON.stringify(d))).toEqual(past.map((d) => JSON.stringify(parsed(d))));
          expect(back!.future).toHaveLength(future.length);
        },
      ),
      { numRuns: runs },
    );
  });

  it('damaged history text never throws and never yields an invalid step', () => {
    const good = historyText([pair2019AlwaysOn(), { ...pair2019AlwaysOn(), name: 'b' }], []);
    fc.assert(
      fc.property(fc.array(arbTextMutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const r = readHistory(applyTextMutations(good, mutations));
        if (r) for (const d of [...r.past, ...r.future]) expect(parseTopology(d).ok).toBe(true);
      }),
      { numRuns: runs },
    );
  });
});

describe('the library file (Export all / Import all)', () => {
  it('damaged library files never throw: refused with a message, or each design checked like a file', () => {
    const good = JSON.stringify({
      format: 'sfb-designer-library',
      version: 1,
      designs: [{ name: 'A', createdAt: 1, updatedAt: 2, design: pair2019AlwaysOn() }],
    });
    fc.assert(
      fc.property(fc.array(arbTextMutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const r = readLibraryBundle(applyTextMutations(good, mutations));
        if (r.ok) for (const d of r.value.designs) expect(d.design.format).toBe('sfb-topology');
        else expect(r.error.trim().length).toBeGreaterThan(0);
      }),
      { numRuns: runs },
    );
  });
});

describe('old localStorage designs move into the library', () => {
  it('whatever the old records hold, every one is kept in the library and none is lost or thrown on', async () => {
    const record = fc.oneof(
      arbTopology({ maxNodes: 4 }).map((doc) => JSON.stringify({ slot: 's', savedAt: 1_700_000_000_000, doc })),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('', '{}', 'null', '{"slot":1,"doc":[]}', '{"savedAt":"x","doc":{"format":"sfb-topology"}}'),
    );
    // Each case opens the browser database: a tenth of the runs keeps `npm run fuzz` within minutes.
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), record, { maxKeys: 4 }), async (records) => {
        const items = new Map<string, string>([[`${OLD_PREFIX}last`, Object.keys(records)[0] ?? 'none']]);
        for (const [id, text] of Object.entries(records)) items.set(`${OLD_DOC_PREFIX}${id}`, text);
        const keys = [...items.keys()];
        const storage = {
          length: keys.length,
          key: (i: number) => keys[i] ?? null,
          getItem: (k: string) => items.get(k) ?? null,
        };
        const db = (await DesignDb.open())!;
        try {
          const report = await migrateLocalStorage(db, storage);
          expect(report.failed).toEqual([]);
          expect([...report.moved, ...report.unreadable].sort()).toEqual(Object.keys(records).sort());
          // A readable record keeps its design's text; any other its text as it was.
          for (const [id, text] of Object.entries(records))
            expect(await db.text(id)).toBe(report.moved.includes(id) ? JSON.stringify(JSON.parse(text).doc) : text);
          // The old copies are left where they were.
          expect(items.size).toBe(keys.length);
          // A second start moves nothing twice.
          const again = await migrateLocalStorage(db, storage);
          expect([...again.moved, ...again.unreadable]).toEqual([]);
        } finally {
          db.close();
          await new Promise<void>((resolve) => {
            const r = indexedDB.deleteDatabase(DB_NAME);
            r.onsuccess = r.onerror = r.onblocked = () => resolve();
          });
        }
      }),
      { numRuns: Math.max(10, Math.ceil(runs / 10)) },
    );
  }, 600_000);
});
