/**
 * COEX rules of the catalogue's migration addendum: two product versions in one
 * topology during a side-by-side migration (Edge media and next hops across versions,
 * federation, Persistent Chat kept on 2015). Links between a 2019 and a Subscription
 * Edition node are SUB-LINK-2019's.
 */
import type { Link, TopologyNode } from '../model/schema';
import { isRegistrar } from '../model/topology-index';
import { catalogueMessage, defineRule } from './define-rule';
import { targetsOf } from './rule-helpers';
import { kinded, kindedNames } from './rule-text';
import type { Hit, Rule } from './types';
import { fam2019, legacy, productName, verRank, versionOf } from './versions';

/** Both ends of a link with their versions, when both have one. */
function versionedEnds(from: TopologyNode | undefined, to: TopologyNode | undefined): { fv: string; tv: string } | undefined {
  const fv = from && versionOf(from);
  const tv = to && versionOf(to);
  return fv !== undefined && tv !== undefined ? { fv, tv } : undefined;
}

/** One 2019 end and one Subscription Edition end: SUB-LINK-2019 speaks of it. */
const within2019Family = (a: string, b: string): boolean => a !== b && fam2019(a) && fam2019(b);

const linkHit = (l: Link, from: TopologyNode, to: TopologyNode, message: string): Hit => ({ nodeIds: [from.id, to.id], linkIds: [l.id], message });

const versioned = (n: TopologyNode): string => `${kinded(n)} (${productName(versionOf(n)!)})`;

export const COEX_RULES: readonly Rule[] = [
  // ---------------------------------------------------------------- tier 2
  defineRule('COEX-EDGE-LEGACY-MEDIA', 'New pool using a legacy Edge pool for media', (ix) => {
    if (ix.doc.deployment.mode !== 'transition') return [];
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('mediaEdge')) {
      const p = ix.node(l.from);
      const e = ix.node(l.to);
      const v = versionedEnds(p, e);
      if (!v || !isRegistrar(p) || e?.kind !== 'edgePool' || verRank(v.tv) >= verRank(v.fv) || within2019Family(v.fv, v.tv)) continue;
      hits.push(linkHit(l, p, e, `${versioned(p)} uses ${versioned(e)} for media. ${catalogueMessage('COEX-EDGE-LEGACY-MEDIA')}`));
    }
    return hits;
  }),

  defineRule('COEX-EDGE-NEXTHOP-LEGACY', 'New Edge pool with a legacy next hop', (ix) => {
    if (ix.doc.deployment.mode !== 'transition') return [];
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('nextHop')) {
      const e = ix.node(l.from);
      const t = ix.node(l.to);
      const v = versionedEnds(e, t);
      if (!v || e?.kind !== 'edgePool' || !t || verRank(v.tv) >= verRank(v.fv) || within2019Family(v.fv, v.tv)) continue;
      hits.push(linkHit(l, e, t, `${versioned(e)} has the next hop ${versioned(t)}. ${catalogueMessage('COEX-EDGE-NEXTHOP-LEGACY')}`));
    }
    return hits;
  }),

  defineRule('COEX-EDGE-NEXTHOP-NEWER', 'Legacy Edge pool with a newer next hop', (ix) => {
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('nextHop')) {
      const e = ix.node(l.from);
      const t = ix.node(l.to);
      const v = versionedEnds(e, t);
      if (!v || e?.kind !== 'edgePool' || !t || !legacy(v.fv) || verRank(v.tv) <= verRank(v.fv)) continue;
      hits.push(linkHit(l, e, t, `${versioned(e)} has the next hop ${versioned(t)}. ${catalogueMessage('COEX-EDGE-NEXTHOP-NEWER')}`));
    }
    return hits;
  }),

  defineRule('COEX-FEDERATION-MULTI', 'Several Edge pools with federation during a migration', (ix) => {
    if (ix.doc.deployment.mode !== 'transition') return [];
    const federating = ix.ofKind('edgePool').filter((e) => e.federation);
    if (federating.length < 2) return [];
    return [{ nodeIds: federating.map((e) => e.id), message: `Federation is enabled on ${kindedNames(federating)}. ${catalogueMessage('COEX-FEDERATION-MULTI')}` }];
  }),

  defineRule('COEX-PCHAT-LEGACY-USERS', 'Persistent Chat kept for users on 2015 pools', (ix) => {
    if (ix.doc.deployment.mode !== 'transition') return [];
    const newer = ix.registrars().find((p) => fam2019(p.productVersion));
    if (!newer) return [];
    const hits: Hit[] = [];
    for (const c of ix.ofKind('persistentChatPool')) {
      const hops = targetsOf(ix, c.id, 'nextHop');
      hits.push({
        nodeIds: [c.id, ...hops.map((h) => h.id)],
        message: `${kinded(c)} runs beside ${versioned(newer)}. ${catalogueMessage('COEX-PCHAT-LEGACY-USERS')}`,
      });
    }
    return hits;
  }),
];
