/**
 * `defineRule(id, title, check)`: a rule whose severity, message, fix, sources and
 * "inferred" flags come from the catalogue entry with that id, so the code cannot drift
 * from the rule catalogue (docs/rules.md). Only the check and a short title are written by hand.
 */
import type { TopologyIndex } from '../model/topology-index';
import { CATALOGUE } from './catalogue.generated';
import type { CatalogueEntry } from './catalogue-types';
import { stripCode } from './rule-text';
import type { Hit, Rule } from './types';

const BY_ID = new Map<string, CatalogueEntry>(CATALOGUE.map((e) => [e.id, e]));

export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return BY_ID.get(id);
}

const MESSAGES = new Map<string, string>();
/** The catalogue message of `id` as plain text, for findings that put their specifics before it. */
export function catalogueMessage(id: string): string {
  let text = MESSAGES.get(id);
  if (text === undefined) MESSAGES.set(id, (text = stripCode(BY_ID.get(id)?.message ?? '')));
  return text;
}

/**
 * `overrides.fix` replaces the catalogue's fix where the catalogue's no longer fits what the
 * designer can do (the Rules page and docs/rules.md then show the engine's).
 */
export function defineRule(
  id: string,
  title: string,
  check: (ix: TopologyIndex) => Iterable<Hit>,
  overrides: { fix?: string; leadDocs?: readonly string[] } = {},
): Rule {
  const e = BY_ID.get(id);
  if (!e) throw new Error(`defineRule: ${id} is not in the rule catalogue`);
  if (e.structural) throw new Error(`defineRule: ${id} is structural in v1 and has no engine check`);
  return {
    id,
    title,
    severity: e.severity,
    // Shared by every finding of the rule (the engine does not copy it), so frozen.
    // Microsoft's own page first where the catalogue cites only secondary sources.
    docs: Object.freeze([...(overrides.leadDocs ?? []), ...e.docs.filter((d) => !overrides.leadDocs?.includes(d))]),
    inferred: e.inferred,
    inheritsToSE: e.inheritsToSE,
    message: stripCode(e.message),
    fix: overrides.fix ?? stripCode(e.fix),
    family: e.family,
    tier: e.tier,
    check,
  };
}
