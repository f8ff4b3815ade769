/**
 * SUB rules of the catalogue's migration addendum: facts about Skype for Business Server
 * Subscription Edition that no Microsoft page states and that its being the 2019 code
 * base cannot decide. They stay at information and say "Not confirmed:".
 */
import type { TopologyNode } from '../model/schema';
import { isRegistrar } from '../model/topology-index';
import { catalogueMessage, defineRule } from './define-rule';
import { pairsOf } from './rule-helpers';
import { kinded, kindedNames, label, labelSeries } from './rule-text';
import type { Hit, Rule } from './types';
import { SUBSCRIPTION_EDITION } from '../model/product-versions';
import { productVersionOf } from '../model/schema';

const isSub = (n: TopologyNode | undefined): boolean => n !== undefined && productVersionOf(n) === SUBSCRIPTION_EDITION;
const is2019 = (n: TopologyNode | undefined): boolean => n !== undefined && productVersionOf(n) === '2019';

export const SUB_RULES: readonly Rule[] = [
  defineRule('SUB-PAIR-2019', '2019 pool paired with a Subscription Edition pool', (ix) => {
    const hits: Hit[] = [];
    for (const p of pairsOf(ix)) {
      if (!((is2019(p.a) && isSub(p.b)) || (isSub(p.a) && is2019(p.b)))) continue;
      const [old, sub] = is2019(p.a) ? [p.a, p.b] : [p.b, p.a];
      hits.push({
        nodeIds: [p.a.id, p.b.id],
        linkIds: p.links.map((l) => l.id),
        message: `${kinded(old)} (2019) is paired with ${kinded(sub)} (Subscription Edition). ${catalogueMessage('SUB-PAIR-2019')}`,
      });
    }
    return hits;
  }),

  defineRule('SUB-LINK-2019', 'Store, media or next hop shared by 2019 and Subscription Edition', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      const links = ix.in(s.id, 'store');
      if (links.length < 2) continue;
      const pools: TopologyNode[] = [];
      for (const l of links) {
        if (l.role !== 'monitoring' && l.role !== 'archiving') continue;
        const p = ix.node(l.from);
        if (isRegistrar(p) && (is2019(p) || isSub(p)) && !pools.includes(p)) pools.push(p);
      }
      if (!pools.some(is2019) || !pools.some(isSub)) continue;
      hits.push({
        nodeIds: [s.id, ...pools.map((p) => p.id)],
        message: `${label(s)} holds Monitoring or Archiving data for ${labelSeries(pools)}, of 2019 and Subscription Edition. ${catalogueMessage('SUB-LINK-2019')}`,
      });
    }
    for (const kind of ['mediaEdge', 'nextHop'] as const)
      for (const l of ix.linksOfKind(kind)) {
        const a = ix.node(l.from);
        const b = ix.node(l.to);
        if (!a || !b || !((is2019(a) && isSub(b)) || (isSub(a) && is2019(b)))) continue;
        const how = kind === 'mediaEdge' ? 'uses for media' : 'has as its next hop';
        hits.push({
          nodeIds: [a.id, b.id],
          linkIds: [l.id],
          message: `${kinded(a)} (${is2019(a) ? '2019' : 'Subscription Edition'}) ${how} ${kinded(b)} (${is2019(b) ? '2019' : 'Subscription Edition'}). ${catalogueMessage('SUB-LINK-2019')}`,
        });
      }
    return hits;
  }),

  defineRule('SUB-SQL-2022', 'SQL Server 2022 for Subscription Edition', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      if (s.sqlVersion !== '2022') continue;
      const versions = ix.versionsUsing(s.id) as ReadonlySet<string>;
      if (!versions.has(SUBSCRIPTION_EDITION) || versions.has('2015') || versions.has('2019')) continue;
      const pools = ix.poolsUsingTransitively(s.id).filter(isSub);
      hits.push({
        nodeIds: [s.id, ...pools.map((p) => p.id)],
        message: `${label(s)} runs SQL Server 2022 for ${kindedNames(pools)}. ${catalogueMessage('SUB-SQL-2022')}`,
      });
    }
    return hits;
  }),

  defineRule('SUB-COEXIST-LIMIT', 'Numbered versions beside Subscription Edition', (ix) => {
    if (!ix.allNodes().some(isSub)) return [];
    const older = ix.allNodes().filter((n) => {
      const v = productVersionOf(n);
      return v === '2015' || v === '2019';
    });
    if (older.length === 0) return [];
    return [
      {
        nodeIds: older.map((n) => n.id),
        message: () => `Subscription Edition runs beside ${kindedNames(older)}. ${catalogueMessage('SUB-COEXIST-LIMIT')}`,
      },
    ];
  }),
];
