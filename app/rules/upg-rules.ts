/**
 * UPG rules of the catalogue's migration addendum: in-place upgrades (2019 to
 * Subscription Edition) and cumulative updates of paired pools.
 */
import { catalogueMessage, defineRule } from './define-rule';
import { pairsOf, type Pair } from './rule-helpers';
import { kinded, quote } from './rule-text';
import type { Hit, Rule } from './types';

/** A cumulative update as written ("CU 7", "cu7", "CU7 Hotfix 1"), compared without case or spaces. */
const updateKey = (cu: string): string => cu.replace(/\s+/g, '').toLowerCase();

const pairHit = (p: Pair, message: string | (() => string)): Hit => ({ nodeIds: [p.a.id, p.b.id], linkIds: p.links.map((l) => l.id), message });

/** UPG-CU-PAIR-MISMATCH fires for many pairs of a large estate: its text is built only when read. */
const mismatchMessage = (p: Pair, a: string, b: string) => (): string =>
  `${kinded(p.a)} is designed at ${quote(a)} and ${kinded(p.b)} at ${quote(b)}. ${catalogueMessage('UPG-CU-PAIR-MISMATCH')}`;

export const UPG_RULES: readonly Rule[] = [
  // ---------------------------------------------------------------- tier 2
  defineRule('UPG-CU-PAIR-MISMATCH', 'Paired pools at different cumulative updates', (ix) => {
    const hits: Hit[] = [];
    for (const p of pairsOf(ix)) {
      const a = p.a.cumulativeUpdate;
      const b = p.b.cumulativeUpdate;
      if (p.a.productVersion !== p.b.productVersion || !a || !b || updateKey(a) === updateKey(b)) continue;
      hits.push(pairHit(p, mismatchMessage(p, a, b)));
    }
    return hits;
  }),
];
