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
  {
    version: 2,
    summary:
      'The whole estate: Subscription Edition and Lync versions, site links (WAN), gateway peers and trunks, reverse proxy, Video Interop Server pools, web services FQDNs, Edge addressing, Office Online discovery URL, simple URLs, transition fields (current HA mode, decommission, in-place upgrade), Active Directory levels. Every addition is optional.',
  },
];

export interface Migration {
  /** Unique, stable name; the migration's test is a `describe` block with this name. */
  name: string;
  from: number;
  to: number;
  up(doc: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Version 2 only adds optional fields, kinds and values, so every v1 document is a
 * valid v2 document as it is: the step copies it and stamps the version. It is named
 * and tested so that a later change to the v2 schema that breaks v1 documents fails
 * its test instead of silently refusing old files and links.
 */
const v1ToV2: Migration = {
  name: 'v1-to-v2-additive',
  from: 1,
  to: 2,
  up: (doc) => ({ ...doc }),
};

/** Ordered; `MIGRATIONS[i]` takes version i + 1 to i + 2. */
export const MIGRATIONS: readonly Migration[] = [v1ToV2];

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
