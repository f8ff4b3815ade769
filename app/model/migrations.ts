/**
 * Versions of the document format and the migrations between them. A document of an
 * older version is migrated step by step to CURRENT_VERSION before it is validated.
 * `migrations.test.ts` fails when a migration has no test of its own.
 */
import { err, ok, type Result } from '../lib/result';
import { CURRENT_VERSION } from './schema';

export interface FormatVersion {
  version: number;
  /** What changed, for people reading old files. */
  summary: string;
}

export const VERSIONS: readonly FormatVersion[] = [
  { version: 1, summary: 'First published format: sites, ten node kinds, eleven link kinds, layout.' },
];

export interface Migration {
  /** Unique, stable name; the migration's test is a `describe` block with this name. */
  name: string;
  from: number;
  to: number;
  up(doc: Record<string, unknown>): Record<string, unknown>;
}

/** Ordered; `MIGRATIONS[i]` takes version i + 1 to i + 2. */
export const MIGRATIONS: readonly Migration[] = [];

export function migrate(doc: Record<string, unknown>, from: number): Result<Record<string, unknown>, string> {
  let current = doc;
  for (let v = from; v < CURRENT_VERSION; v++) {
    const m = MIGRATIONS.find((x) => x.from === v);
    if (!m) return err(`no migration from version ${v}`);
    try {
      current = { ...m.up(current), version: m.to };
    } catch (e) {
      return err(`migration ${m.name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return ok(current);
}
