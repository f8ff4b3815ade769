/**
 * UPG rules of the catalogue's migration addendum: in-place upgrades (2019 to
 * Subscription Edition) and cumulative updates of paired pools.
 */
import { catalogueMessage, defineRule } from './define-rule';
import { pairsOf, type Pair } from './rule-helpers';
import { kinded, kindedNames, quote } from './rule-text';
import type { Hit, Rule } from './types';
import { decom, SUBSCRIPTION_EDITION } from '../model/product-versions';
import { productVersionOf } from '../model/schema';
import type { TopologyNode } from '../model/schema';

/** The version a node is upgraded in place from, when it is. */
const upgradeFrom = (n: TopologyNode): string | undefined => ('inPlaceUpgrade' in n ? n.inPlaceUpgrade?.fromVersion : undefined);

/** A cumulative update as written ("CU 7", "cu7", "CU7 Hotfix 1"), compared without case or spaces. */
const updateKey = (cu: string): string => cu.replace(/\s+/g, '').toLowerCase();

const pairHit = (p: Pair, message: string | (() => string)): Hit => ({
  nodeIds: [p.a.id, p.b.id],
  linkIds: p.links.map((l) => l.id),
  message,
});

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

  // ---------------------------------------------------------------- format v2
  defineRule('UPG-INPLACE-2019-SE', 'In-place upgrade from 2019 to Subscription Edition', (ix) => {
    const hits: Hit[] = [];
    for (const n of ix.allNodes())
      if (productVersionOf(n) === SUBSCRIPTION_EDITION && upgradeFrom(n) === '2019')
        hits.push({
          nodeIds: [n.id],
          message: `${kinded(n)} is upgraded in place from 2019. ${catalogueMessage('UPG-INPLACE-2019-SE')}`,
        });
    return hits;
  }),

  defineRule('UPG-INPLACE-2015-SE', 'In-place upgrade from 2015 to Subscription Edition', (ix) => {
    const hits: Hit[] = [];
    for (const n of ix.allNodes())
      if (productVersionOf(n) === SUBSCRIPTION_EDITION && upgradeFrom(n) === '2015')
        hits.push({
          nodeIds: [n.id],
          message: `${kinded(n)} is planned as an in-place upgrade from Skype for Business Server 2015. ${catalogueMessage('UPG-INPLACE-2015-SE')}`,
        });
    return hits;
  }),

  defineRule('UPG-SUB-ORDER', 'CMS pool or Edge upgraded to Subscription Edition first', (ix) => {
    const waiting = ix.registrars().filter((p) => p.productVersion === '2019' && !p.inPlaceUpgrade && !decom(p));
    if (waiting.length === 0) return [];
    const cmsId = ix.doc.deployment.cmsHost;
    const early = ix
      .allNodes()
      .filter(
        (n) =>
          (n.id === cmsId || n.kind === 'edgePool') && productVersionOf(n) === SUBSCRIPTION_EDITION && upgradeFrom(n) === '2019',
      );
    if (early.length === 0) return [];
    return [
      {
        nodeIds: [...early, ...waiting].map((n) => n.id),
        message: `${kindedNames(early)} ${early.length === 1 ? 'is' : 'are'} upgraded to Subscription Edition while ${kindedNames(waiting)} ${waiting.length === 1 ? 'stays' : 'stay'} on 2019. ${catalogueMessage('UPG-SUB-ORDER')}`,
      },
    ];
  }),

  defineRule('UPG-PAIR-BOTH', 'Both pools of a pair upgraded in place', (ix) => {
    const hits: Hit[] = [];
    for (const p of pairsOf(ix))
      if (p.a.inPlaceUpgrade && p.b.inPlaceUpgrade)
        hits.push(
          pairHit(p, `${kinded(p.a)} and ${kinded(p.b)} are both upgraded in place. ${catalogueMessage('UPG-PAIR-BOTH')}`),
        );
    return hits;
  }),
];
