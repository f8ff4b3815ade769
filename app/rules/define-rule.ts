/**
 * `defineRule(id, title, check)`: a rule whose severity, message, fix, sources and
 * "inferred" flag come from the catalogue entry with that id, so the code cannot drift
 * from shared/domain/rules.md. Only the check and a short title are written by hand.
 */
import type { TopologyIndex } from '../model/topology-index';
import { CATALOGUE } from './catalogue.generated';
import type { CatalogueEntry } from './catalogue-types';
import type { Hit, Rule } from './types';

const BY_ID = new Map<string, CatalogueEntry>(CATALOGUE.map((e) => [e.id, e]));

export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return BY_ID.get(id);
}

export function defineRule(id: string, title: string, check: (ix: TopologyIndex) => Iterable<Hit>): Rule {
  const e = BY_ID.get(id);
  if (!e) throw new Error(`defineRule: ${id} is not in the rule catalogue`);
  if (e.structural) throw new Error(`defineRule: ${id} is structural in v1 and has no engine check`);
  if (e.tier === 'v2') throw new Error(`defineRule: ${id} needs format v2 fields`);
  return {
    id,
    title,
    severity: e.severity,
    docs: e.docs,
    inferred: e.inferred,
    message: stripCode(e.message),
    fix: stripCode(e.fix),
    family: e.family,
    tier: e.tier,
    check,
  };
}

/** Catalogue text marks field names with backticks; findings are plain text. */
export const stripCode = (s: string): string => s.replace(/`/g, '');

/** Display name of a node in messages: its name, and its id when they differ. */
export function label(n: { id: string; name: string }): string {
  return n.name && n.name !== n.id ? `${n.name} (${n.id})` : n.id;
}
