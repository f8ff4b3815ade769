/**
 * Turns the team's rule catalogue (../shared/domain/rules.md beside the clone, not part
 * of this repository) and its migration addendum (../shared/domain/migration.md) into
 * app/rules/catalogue.generated.ts, the data the rule registry, the designer's Rules page
 * and docs/rules.md read (ids, severities, tiers, messages, fixes, sources). The
 * addendum's replacement entries (its §2.2) take the place of the entries of the same id;
 * its new entries (LIFE-, SUB-, UPG-, MIG-, COEX-) follow, family by id prefix; its §2.1
 * table and "inherited" notes mark the rules whose Subscription Edition findings are
 * inferred (`inheritsToSE`). `catalogue.test.ts` fails when the files drift apart.
 * The catalogue's text cites the team's internal notes; `scrub` rewrites those citations
 * in words, and generation stops if one it does not know is left (the app must never
 * send a user to a file they do not have).
 * Entries not yet in that catalogue are written in app/rules/catalogue-additions.md (same format).
 * Run: npx tsx scripts/gen-catalogue.ts, then npm run docs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const RULES_MD = path.resolve(here, '../../shared/domain/rules.md');
export const MIGRATION_MD = path.resolve(here, '../../shared/domain/migration.md');
export const OUT = path.resolve(here, '../app/rules/catalogue.generated.ts');
/** Entries written in this repository until the team's catalogue carries them (same format). */
export const ADDITIONS_MD = path.resolve(here, '../app/rules/catalogue-additions.md');

export interface ParsedEntry {
  id: string;
  severity: 'error' | 'warning' | 'info';
  tier: '1' | '2' | 'v2';
  family: string;
  structural: boolean;
  condition: string;
  message: string;
  fix: string;
  nodes: string;
  docs: string[];
  inferred: boolean;
  inferredNote: string;
  /** Findings that name a Subscription Edition node are inferred (migration.md A5). */
  inheritsToSE: boolean;
}

/**
 * Sources the addendum names in words rather than as a path: the pages its §0.2 cites
 * for the claim that Subscription Edition is the 2019 code base.
 */
const NAMED_SOURCES: readonly [RegExp, string][] = [
  [
    /the azurefeeds mirror/,
    'web:https://azurefeeds.com/2025/06/26/why-in-place-upgrade-from-skype-for-business-server-2019-to-subscription-edition-se-is-low-risk',
  ],
  [
    /the Neowin summary/,
    'web:https://www.neowin.net/forum/topic/1456374-skype-for-business-server-se-now-available-because-teams-can039t-solve-one-problem/',
  ],
];

function parseEntries(md: string, familyOf: (id: string, heading: string) => string): ParsedEntry[] {
  const lines = md.split(/\r?\n/);
  const out: ParsedEntry[] = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fam = /^## ([A-Z]+) — /.exec(line);
    if (fam) heading = fam[1]!;
    const h = /^#### ([A-Z0-9-]+) · (error|warning|info) · (tier 1|tier 2|needs-v2)\s*$/.exec(line);
    if (!h) continue;
    const fields: Record<string, string> = {};
    for (let j = i + 1; j < lines.length && !lines[j]!.startsWith('#'); j++) {
      const f = /^- (Condition|Message|Fix|Nodes|Source|Inferred): (.*)$/.exec(lines[j]!);
      if (f) fields[f[1]!] = f[2]!;
    }
    const source = fields.Source ?? '';
    const docs = [...source.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    for (const [re, url] of NAMED_SOURCES) if (re.test(source) && !docs.includes(url)) docs.push(url);
    const inferred = (fields.Inferred ?? 'no').trim();
    out.push({
      id: h[1]!,
      severity: h[2] as ParsedEntry['severity'],
      tier: h[3] === 'tier 1' ? '1' : h[3] === 'tier 2' ? '2' : 'v2',
      family: familyOf(h[1]!, heading),
      structural: (fields.Condition ?? '').startsWith('Structural in v1'),
      condition: fields.Condition ?? '',
      message: fields.Message ?? '',
      fix: fields.Fix ?? '',
      nodes: fields.Nodes ?? '',
      docs,
      inferred: inferred.startsWith('yes'),
      inferredNote: inferred.startsWith('yes') ? inferred.replace(/^yes\s*/, '').replace(/^\((.*)\)$/, '$1') : '',
      inheritsToSE: /\binherited\b/.test(inferred),
    });
    // "Source: as LIFE-EOS-GREENFIELD": the sources of that entry.
    const as = /^as ([A-Z0-9-]+)$/.exec(source.trim());
    if (as) out[out.length - 1]!.docs = [...(out.find((e) => e.id === as[1])?.docs ?? [])];
  }
  return out;
}

/**
 * The ids of migration.md §2.1 whose Subscription Edition clause is inherited: every row
 * of its table but those replaced in §2.2 (empty last cell, their own entry says) and
 * those not widened to Subscription Edition.
 */
function inheritedIds(migrationMd: string): Set<string> {
  const ids = new Set<string>();
  const start = migrationMd.indexOf('### 2.1 ');
  const end = migrationMd.indexOf('### 2.2 ');
  if (start < 0 || end < 0) return ids;
  for (const row of migrationMd.slice(start, end).split(/\r?\n/)) {
    const cells = row.split('|').map((c) => c.trim());
    if (cells.length < 5 || !/^[A-Z]/.test(cells[1]!)) continue;
    const withSe = cells[3]!;
    if (withSe === '' || /not widened|^unchanged/.test(withSe)) continue;
    for (const m of cells[1]!.matchAll(/[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+/g)) ids.add(m[0]);
  }
  return ids;
}

/**
 * In the addendum's prose "SE" is Subscription Edition, which the designer never writes
 * as "SE" (to architects it means Standard Edition); code spans (field values) stay.
 */
function spellOutSubscriptionEdition(text: string): string {
  return text
    .split('`')
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/(?<![\w-])SE(?![\w-])/g, 'Subscription Edition')))
    .join('`');
}

export function parseCatalogue(rulesMd: string, migrationMd?: string, additionsMd?: string): ParsedEntry[] {
  const entries = parseEntries(rulesMd, (_id, heading) => heading);
  if (migrationMd === undefined) return entries;
  const byId = new Map(entries.map((e, i) => [e.id, i]));
  for (const parsed of parseEntries(migrationMd, (id) => id.split('-')[0]!)) {
    const e = { ...parsed };
    for (const field of ['message', 'fix', 'nodes', 'inferredNote'] as const) e[field] = spellOutSubscriptionEdition(e[field]);
    const at = byId.get(e.id);
    // A replacement keeps the family (and so the place) of the entry it replaces.
    if (at !== undefined) entries[at] = { ...e, family: entries[at]!.family };
    else entries.push(e);
  }
  if (additionsMd !== undefined) addEntries(entries, additionsMd);
  const inherited = inheritedIds(migrationMd);
  for (const e of entries) if (inherited.has(e.id)) e.inheritsToSE = true;
  return entries;
}

/**
 * The repository's own entries (ADDITIONS_MD), each after the last entry of its family; an id
 * the team's catalogue already has is left to the catalogue.
 */
function addEntries(entries: ParsedEntry[], additionsMd: string): void {
  for (const e of parseEntries(additionsMd, (id) => id.split('-')[0]!)) {
    if (entries.some((x) => x.id === e.id)) continue;
    let at = entries.length;
    for (let i = 0; i < entries.length; i++) if (entries[i]!.family === e.family) at = i + 1;
    entries.splice(at, 0, e);
  }
}

/** Citations of internal notes in the catalogue's text → words (or nothing). Order matters. */
const SCRUBS: [RegExp, string][] = [
  [/the runbook adds `hadr-steps\.md` §5\.2/g, 'the deployment runbook adds those steps'],
  [/, `hadr-steps\.md` §[\d.]+( step \d+)?\)/g, ')'],
  [/ \(`hadr-steps\.md` §[\d.]+( step \d+)?\)/g, ''],
  [/, `topology-format\.md`,/g, ' (docs/format.md),'],
  [/; see Conflicts resolved\./g, '.'],
  [/ \(see (Conflicts resolved|Open questions)\)/g, ''],
  [/ \(Open questions\)/g, ''],
  // The migration addendum's own references: its format proposals (v2 #n, A1–A5) and its procedures (M1–M3).
  [/ \((?:v2 #\d+|A\d)(?:[;,] [^)]*)?\)/g, ''],
  [/ \(inherited, A5\)/g, ' (inherited)'],
  [/with A1 and v2 #22 it also covers/g, 'with Subscription Edition and the Lync versions it also covers'],
  [/ and A2\. /g, '. '],
  [/ \(M1\.12, or `hadr-steps\.md` §6\.2\)/g, ''],
  [/M1\.8 sets the next hop/g, 'the migration runbook sets the next hop'],
  [/the runbook \(M2\) marks/g, 'the in-place upgrade runbook marks'],
  [/ \(M\d(?:\.\d+)?(?:, M\d(?:\.\d+)?)*\)/g, ''],
  [/as in `rules\.md`, for/g, 'for'],
];
/** What must not be left in text a user reads: internal file names and section names. */
export const INTERNAL_REFERENCE =
  /shared\/|\bv2 #\d|\bA[1-5]\b|\bM[123](?:\.\d+)?\b|(?<![\w/-])(hadr-steps|rules|migration|model|topology-xml|topology-format|ux|cli)\.md\b|Conflicts resolved|Open questions|open question \d/;

export function scrub(text: string): string {
  let out = text;
  for (const [from, to] of SCRUBS) out = out.replace(from, to);
  return out;
}

function scrubEntry(e: ParsedEntry): ParsedEntry {
  const clean: ParsedEntry = {
    ...e,
    condition: scrub(e.condition),
    message: scrub(e.message),
    fix: scrub(e.fix),
    nodes: scrub(e.nodes),
    inferredNote: scrub(e.inferredNote),
  };
  for (const field of ['condition', 'message', 'fix', 'nodes', 'inferredNote'] as const) {
    const left = INTERNAL_REFERENCE.exec(clean[field]);
    if (left)
      throw new Error(
        `${e.id} ${field} cites "${left[0]}", which a user of the designer does not have: add a rewrite to SCRUBS in scripts/gen-catalogue.ts`,
      );
  }
  return clean;
}

export function renderCatalogue(entries: ParsedEntry[]): string {
  const body = entries.map((e) => `  ${JSON.stringify(scrubEntry(e))},`).join('\n');
  return `// Generated by scripts/gen-catalogue.ts from the team's rule catalogue and its migration addendum; docs/rules.md and the Rules page show it.
// Regenerate rather than edit when you have that catalogue; otherwise see CONTRIBUTING.md, "Adding a rule".
import type { CatalogueEntry } from './catalogue-types';

export const CATALOGUE: readonly CatalogueEntry[] = [
${body}
];
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const entries = parseCatalogue(
    fs.readFileSync(RULES_MD, 'utf8'),
    fs.readFileSync(MIGRATION_MD, 'utf8'),
    fs.readFileSync(ADDITIONS_MD, 'utf8'),
  );
  fs.writeFileSync(OUT, renderCatalogue(entries));
  console.log(`wrote ${entries.length} entries to ${path.relative(process.cwd(), OUT)}`);
}
