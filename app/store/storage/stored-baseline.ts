/**
 * The current deployment a design is compared with, kept with the design so a reload keeps
 * the comparison. Stored as a small versioned record holding the document's text; read back,
 * the document goes through parseTopology like any outside input (its own format version is
 * migrated there). A record that cannot be read is reported and left stored, never deleted.
 */
import { jsonText } from '../../lib/json-text';
import { LIMITS } from '../../model/limits';
import { jsonNestingDepth, parseTopology } from '../../model/parse';
import type { CompareBaseline } from '../compare-slice';

/** The record's own version: the document inside carries its format version. */
export const BASELINE_RECORD_VERSION = 1;

export interface BaselineRecord {
  v: typeof BASELINE_RECORD_VERSION;
  source: string;
  /** The current deployment as JSON text (as Save writes it, without indentation). */
  text: string;
}

export const baselineRecord = (b: CompareBaseline): BaselineRecord => ({
  v: BASELINE_RECORD_VERSION,
  source: b.source.slice(0, LIMITS.maxNameChars * 2),
  text: jsonText(b.topology)!,
});

export type BaselineRead = { ok: true; baseline: CompareBaseline } | { ok: false; message: string };

/** Reads a stored record; never throws. */
export function readBaselineRecord(value: unknown): BaselineRead {
  const r = value as Partial<BaselineRecord> | null | undefined;
  if (!r || typeof r !== 'object') return { ok: false, message: 'the stored comparison is not a record' };
  if (r.v !== BASELINE_RECORD_VERSION)
    return { ok: false, message: `the stored comparison has version ${String(r.v)}, this designer reads version 1` };
  if (typeof r.text !== 'string' || typeof r.source !== 'string')
    return { ok: false, message: 'the stored comparison lacks its document or its source' };
  if (r.text.length > LIMITS.maxDocumentChars)
    return { ok: false, message: `the stored current deployment is longer than ${LIMITS.maxDocumentChars} characters` };
  if (jsonNestingDepth(r.text, LIMITS.maxJsonDepth) > LIMITS.maxJsonDepth)
    return { ok: false, message: 'the stored current deployment is nested too deeply' };
  const parsed = parseTopology(r.text);
  if (!parsed.ok) return { ok: false, message: `the stored current deployment: ${parsed.error.message}` };
  return { ok: true, baseline: { topology: parsed.value, source: r.source } };
}
