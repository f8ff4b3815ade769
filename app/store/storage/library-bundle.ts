/**
 * "Export all" / "Import all": the whole library as one JSON file,
 *   { "format": "sfb-designer-library", "version": 1, "exportedAt": "…",
 *     "designs": [ { "name", "createdAt", "updatedAt", "design": <topology>,
 *                    "comparedWith"?: { "source", "design": <topology> } } … ] }
 * `comparedWith` is the current deployment the design is compared with (the Compare and
 * Migration tabs' baseline), when one is stored. Reading one checks the size and nesting
 * before parsing, and each design like any file (parseTopology); designs that fail are
 * named and left out, the others come in; a baseline that fails is named and the design
 * comes in without it.
 */
import { err, ok, type Result } from '../../lib/result';
import { LIMITS } from '../../model/limits';
import { jsonNestingDepth, parseTopology } from '../../model/parse';
import type { Topology } from '../../model/schema';
import type { CompareBaseline } from '../compare-slice';
import type { DesignSummary } from './library';
import { readBaselineRecord } from './stored-baseline';
import { num } from '../../lib/text';

export const LIBRARY_FORMAT = 'sfb-designer-library';
/** Designs in one library file: far above any real library. */
export const MAX_LIBRARY_DESIGNS = 10_000;

export function writeLibraryBundle(
  designs: readonly { summary: DesignSummary; text: string; baseline?: unknown }[],
  at: Date,
): string {
  const items = designs.map(({ summary, text, baseline }) => {
    // The stored record as the reload reads it: one that cannot be read is not copied into the file.
    const record = baseline === undefined ? undefined : readBaselineRecord(baseline);
    const comparedWith =
      record?.ok === true
        ? `,"comparedWith":{"source":${JSON.stringify(record.baseline.source)},"design":${(baseline as { text: string }).text}}`
        : '';
    return `{"name":${JSON.stringify(summary.name)},"createdAt":${summary.createdAt},"updatedAt":${summary.updatedAt},"design":${text}${comparedWith}}`;
  });
  return `{"format":"${LIBRARY_FORMAT}","version":1,"exportedAt":${JSON.stringify(at.toISOString())},"designs":[\n${items.join(',\n')}\n]}\n`;
}

export interface LibraryBundle {
  designs: { name: string; createdAt: number; updatedAt: number; design: Topology; baseline?: CompareBaseline }[];
  /** "Design 3 (Contoso pair): nodes[2].fqdn: …" for each design left out. */
  refused: string[];
}

export function readLibraryBundle(text: string): Result<LibraryBundle, string> {
  if (typeof text !== 'string') return err('expected the text of a library file');
  if (text.length > LIMITS.maxInputBytes)
    return err(`the file is ${num(text.length)} characters; the limit is ${num(LIMITS.maxInputBytes)}`);
  // The library wraps each design three levels deeper than a design file.
  if (jsonNestingDepth(text, LIMITS.maxJsonDepth + 3) > LIMITS.maxJsonDepth + 3)
    return err(`the JSON nests more than ${LIMITS.maxJsonDepth + 3} levels deep; a library file nests about 9`);
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return err('this is not a library file exported by the designer (it is not valid JSON)');
  }
  const v = value as { format?: unknown; version?: unknown; designs?: unknown };
  if (!v || typeof v !== 'object' || v.format !== LIBRARY_FORMAT) {
    const isDesign = !!v && typeof v === 'object' && (v as { format?: unknown }).format === 'sfb-topology';
    return err(
      isDesign
        ? 'this is one design, not a library file: open it with Open'
        : 'this is not a library file exported by the designer ("Export all" writes one)',
    );
  }
  if (v.version !== 1)
    return err(
      typeof v.version === 'number' && v.version > 1
        ? `the library file is version ${v.version}, written by a newer designer; this one reads version 1`
        : 'the library file has no valid version',
    );
  if (!Array.isArray(v.designs)) return err('the library file lists no designs');
  if (v.designs.length > MAX_LIBRARY_DESIGNS)
    return err(`the library file lists ${num(v.designs.length)} designs; the limit is ${num(MAX_LIBRARY_DESIGNS)}`);
  const designs: LibraryBundle['designs'] = [];
  const refused: string[] = [];
  v.designs.forEach((item: unknown, i: number) => {
    const it = item as { name?: unknown; createdAt?: unknown; updatedAt?: unknown; design?: unknown; comparedWith?: unknown };
    const label = `Design ${i + 1}${it && typeof it.name === 'string' ? ` (${it.name.slice(0, 80)})` : ''}`;
    if (!it || typeof it !== 'object') {
      refused.push(`${label}: not a design entry`);
      return;
    }
    const parsed = parseTopology(it.design);
    if (!parsed.ok) {
      refused.push(`${label}: ${parsed.error.message}`);
      return;
    }
    const time = (t: unknown) => (typeof t === 'number' && Number.isFinite(t) && t > 0 ? t : Date.now());
    const entry: LibraryBundle['designs'][number] = {
      name: parsed.value.name,
      createdAt: time(it.createdAt),
      updatedAt: time(it.updatedAt),
      design: parsed.value,
    };
    if (it.comparedWith !== undefined) {
      const c = it.comparedWith as { source?: unknown; design?: unknown } | null;
      const base = c && typeof c === 'object' ? parseTopology(c.design) : undefined;
      if (base?.ok)
        entry.baseline = {
          topology: base.value,
          source: typeof c!.source === 'string' ? c!.source.slice(0, 400) : base.value.name,
        };
      else
        refused.push(
          `${label}: the current deployment it is compared with could not be read (${base && !base.ok ? base.error.message : 'not a design'}); the design came in without it`,
        );
    }
    designs.push(entry);
  });
  return ok({ designs, refused });
}
