/**
 * The rule catalogue as people read it: one row per catalogue entry, in catalogue order,
 * with its family's name, whether the engine checks it and the public pages it cites.
 * The designer's Rules page and docs/rules.md (scripts/gen-docs.ts) both render these
 * rows, so the two cannot say different things.
 */
import { docTitle, docUrl } from '../model/doc-url';
import { CATALOGUE } from './catalogue.generated';
import type { CatalogueEntry } from './catalogue-types';
import { RULES_BY_ID } from './registry';
import { stripCode } from './rule-text';
import type { Severity } from './types';

/** Family code → what it covers, in the catalogue's order. */
export const FAMILY_NAMES: Readonly<Record<string, string>> = {
  BE: 'Back End SQL stores and their high availability',
  FE: 'Front End pools and Standard Edition servers',
  PAIR: 'Pool pairing and the Backup Service',
  CMS: 'Central Management store',
  EDGE: 'Edge pools',
  DIR: 'Director pools',
  MED: 'Mediation and PSTN connectivity',
  PCHAT: 'Persistent Chat (Skype for Business Server 2015 only)',
  FILE: 'File store',
  OWAS: 'Office Web Apps Server and Office Online Server',
  VOICE: 'Voice and branch resiliency',
  SITE: 'Sites and branch offices',
  GEN: 'Platform, versions, coexistence and collocation',
  LIFE: 'Product lifecycle: end of support, Subscription Edition',
  SUB: 'Subscription Edition beside 2019 (not confirmed by Microsoft)',
  UPG: 'In-place upgrades and cumulative updates',
  MIG: 'Side-by-side migration',
  COEX: 'Coexistence of versions during a migration',
};

/**
 * - `checked`: the rule engine checks it on every change (a finding when it fails);
 * - `structural`: the document format or the deployment steps make it impossible to break;
 * - `needsV2`: it needs fields that format version 1 does not have;
 * - `notChecked`: catalogued, not checked yet.
 */
export type RuleStatus = 'checked' | 'structural' | 'needsV2' | 'notChecked';

export const STATUS_LABEL: Readonly<Record<RuleStatus, string>> = {
  checked: 'checked by the engine',
  structural: 'structural: enforced by the format or the steps',
  needsV2: 'needs format v2',
  notChecked: 'not checked yet',
};

export interface CatalogueRow {
  id: string;
  severity: Severity;
  family: string;
  familyName: string;
  /** The engine's short title, for rules it checks. */
  title: string | undefined;
  status: RuleStatus;
  /** `tier 1`, `tier 2` or `needs format v2`. */
  tierLabel: string;
  /** Plain text (no Markdown code marks). */
  message: string;
  fix: string;
  condition: string;
  inferred: boolean;
  inferredNote: string;
  /** The same texts as the catalogue writes them: Markdown, field names in code marks (docs/rules.md). */
  markdown: { message: string; fix: string; condition: string; inferredNote: string };
  docs: readonly { path: string; url: string; title: string }[];
}

export function statusOf(e: CatalogueEntry): RuleStatus {
  if (RULES_BY_ID.has(e.id)) return 'checked';
  if (e.structural) return 'structural';
  if (e.tier === 'v2') return 'needsV2';
  return 'notChecked';
}

let rows: readonly CatalogueRow[] | undefined;

/** Every catalogue entry as a row, built once. */
export function catalogueRows(): readonly CatalogueRow[] {
  rows ??= CATALOGUE.map((e) => {
    // A rule whose fix the engine overrides (defineRule's overrides) is shown with the engine's.
    const ruleFix = RULES_BY_ID.get(e.id)?.fix;
    const fix = ruleFix !== undefined && ruleFix !== stripCode(e.fix) ? ruleFix : undefined;
    return {
      id: e.id,
      severity: e.severity,
      family: e.family,
      familyName: FAMILY_NAMES[e.family] ?? e.family,
      title: RULES_BY_ID.get(e.id)?.title,
      status: statusOf(e),
      tierLabel: e.tier === 'v2' ? 'needs format v2' : `tier ${e.tier}`,
      message: stripCode(e.message),
      fix: fix ?? stripCode(e.fix),
      condition: stripCode(e.condition),
      inferred: e.inferred,
      inferredNote: stripCode(e.inferredNote),
      markdown: { message: e.message, fix: fix ?? e.fix, condition: e.condition, inferredNote: e.inferredNote },
      docs: e.docs.map((path) => ({ path, url: docUrl(path), title: docTitle(path) })),
    };
  });
  return rows;
}
