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
import { decom, fam2019, legacy, productVersionLabel, SUBSCRIPTION_EDITION, verRank } from '../model/product-versions';
import { productVersionOf } from '../model/schema';

/** Both ends of a link with their versions, when both have one. */
function versionedEnds(from: TopologyNode | undefined, to: TopologyNode | undefined): { fv: string; tv: string } | undefined {
  const fv = from && productVersionOf(from);
  const tv = to && productVersionOf(to);
  return fv !== undefined && tv !== undefined ? { fv, tv } : undefined;
}

/** One 2019 end and one Subscription Edition end: SUB-LINK-2019 speaks of it. */
const within2019Family = (a: string, b: string): boolean => a !== b && fam2019(a) && fam2019(b);

const linkHit = (l: Link, from: TopologyNode, to: TopologyNode, message: string): Hit => ({
  nodeIds: [from.id, to.id],
  linkIds: [l.id],
  message,
});

const versioned = (n: TopologyNode): string => `${kinded(n)} (${productVersionLabel(productVersionOf(n)!)})`;

export const COEX_RULES: readonly Rule[] = [
  // ---------------------------------------------------------------- tier 2
  defineRule('COEX-EDGE-LEGACY-MEDIA', 'New pool using a legacy Edge pool for media', (ix) => {
    if (ix.doc.deployment.mode !== 'transition') return [];
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('mediaEdge')) {
      const p = ix.node(l.from);
      const e = ix.node(l.to);
      const v = versionedEnds(p, e);
      if (!v || !isRegistrar(p) || e?.kind !== 'edgePool' || verRank(v.tv) >= verRank(v.fv) || within2019Family(v.fv, v.tv))
        continue;
      hits.push(
        linkHit(l, p, e, `${versioned(p)} uses ${versioned(e)} for media. ${catalogueMessage('COEX-EDGE-LEGACY-MEDIA')}`),
      );
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
      hits.push(
        linkHit(l, e, t, `${versioned(e)} has the next hop ${versioned(t)}. ${catalogueMessage('COEX-EDGE-NEXTHOP-LEGACY')}`),
      );
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
      hits.push(
        linkHit(l, e, t, `${versioned(e)} has the next hop ${versioned(t)}. ${catalogueMessage('COEX-EDGE-NEXTHOP-NEWER')}`),
      );
    }
    return hits;
  }),

  defineRule('COEX-FEDERATION-MULTI', 'Several Edge pools with federation during a migration', (ix) => {
    if (ix.doc.deployment.mode !== 'transition') return [];
    const federating = ix.ofKind('edgePool').filter((e) => e.federation);
    if (federating.length < 2) return [];
    return [
      {
        nodeIds: federating.map((e) => e.id),
        message: `Federation is enabled on ${kindedNames(federating)}. ${catalogueMessage('COEX-FEDERATION-MULTI')}`,
      },
    ];
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

  // ---------------------------------------------------------------- format v2
  defineRule('COEX-EDGE-NEXTHOP-DECOMMISSION', 'Edge next hop being retired', (ix) => {
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('nextHop')) {
      const e = ix.node(l.from);
      const t = ix.node(l.to);
      if (e?.kind !== 'edgePool' || decom(e) || !t || !decom(t)) continue;
      hits.push({
        nodeIds: [e.id, t.id],
        linkIds: [l.id],
        message: `${kinded(e)} stays, and its next hop ${kinded(t)} is being retired. ${catalogueMessage('COEX-EDGE-NEXTHOP-DECOMMISSION')}`,
      });
    }
    return hits;
  }),

  defineRule('COEX-MEDIA-EDGE-DECOMMISSION', 'Media Edge pool being retired', (ix) => {
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('mediaEdge')) {
      const p = ix.node(l.from);
      const e = ix.node(l.to);
      if (!isRegistrar(p) || decom(p) || e?.kind !== 'edgePool' || !decom(e)) continue;
      hits.push({
        nodeIds: [p.id, e.id],
        linkIds: [l.id],
        message: `${kinded(p)} stays, and its media Edge pool ${kinded(e)} is being retired. ${catalogueMessage('COEX-MEDIA-EDGE-DECOMMISSION')}`,
      });
    }
    return hits;
  }),

  defineRule('COEX-PCHAT-NEXTHOP-DECOMMISSION', 'Persistent Chat next hop being retired', (ix) => {
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('nextHop')) {
      const c = ix.node(l.from);
      const t = ix.node(l.to);
      if (c?.kind !== 'persistentChatPool' || decom(c) || !t || !decom(t)) continue;
      hits.push({
        nodeIds: [c.id, t.id],
        linkIds: [l.id],
        message: `${kinded(c)} stays, and its next hop ${kinded(t)} is being retired. ${catalogueMessage('COEX-PCHAT-NEXTHOP-DECOMMISSION')}`,
      });
    }
    return hits;
  }),

  defineRule('COEX-XMPP-RETIRE', 'XMPP federation ends with the Edge pool', (ix) => {
    const xmpp = ix.ofKind('edgePool').filter((e) => e.xmpp);
    if (xmpp.length === 0 || xmpp.some((e) => !decom(e))) return [];
    return xmpp.map((e) => ({
      nodeIds: [e.id],
      message: `${kinded(e)} is the ${xmpp.length === 1 ? 'only Edge pool' : 'last of the Edge pools'} with XMPP federation, and it is being retired. ${catalogueMessage('COEX-XMPP-RETIRE')}`,
    }));
  }),

  defineRule('COEX-SUB-LEGACY-SOURCE', 'Lync Server beside Subscription Edition', (ix) => {
    const isLync = (v: string | undefined) => v === 'lync2013' || v === 'lync2010';
    const sub = ix.allNodes().filter((n) => productVersionOf(n) === SUBSCRIPTION_EDITION);
    if (sub.length === 0) return [];
    const lync = ix
      .allNodes()
      .filter(
        (n) =>
          isLync(productVersionOf(n)) ||
          (productVersionOf(n) === SUBSCRIPTION_EDITION && 'inPlaceUpgrade' in n && isLync(n.inPlaceUpgrade?.fromVersion)),
      );
    if (lync.length === 0) return [];
    return [
      {
        nodeIds: lync.map((n) => n.id),
        message: `This design has Subscription Edition and Lync Server (${kindedNames(lync)}). ${catalogueMessage('COEX-SUB-LEGACY-SOURCE')}`,
      },
    ];
  }),
];
