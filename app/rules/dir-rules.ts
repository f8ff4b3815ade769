/** DIR rules (docs/rules.md): Director pool size, load balancing and sizing. */
import { REF } from '../model/reference-numbers';
import type { NodeOfKind } from '../model/schema';
import { catalogueMessage, defineRule } from './define-rule';
import { allNames, label, num, plural } from './rule-text';
import type { Hit, Rule } from './types';
import { productVersionLabel } from '../model/product-versions';

export const DIR_RULES: readonly Rule[] = [
  defineRule('DIR-MAX-TEN', 'Director pool above 10 servers', (ix) => {
    const hits: Hit[] = [];
    for (const d of ix.ofKind('directorPool'))
      if (d.servers > REF.maxDirectors)
        hits.push({
          nodeIds: [d.id],
          message: `${label(d)} has ${num(d.servers)} Directors. ${catalogueMessage('DIR-MAX-TEN')}`,
        });
    return hits;
  }),

  defineRule('DIR-MIN-TWO', 'Director pool with a single server', (ix) => {
    const hits: Hit[] = [];
    for (const d of ix.ofKind('directorPool'))
      if (d.servers < REF.minHaServers)
        hits.push({ nodeIds: [d.id], message: `${label(d)} has one server; plan at least two Directors so that one can fail.` });
    return hits;
  }),

  defineRule('DIR-WEB-HLB', 'Multi-server Director pool without web load balancer', (ix) => {
    const hits: Hit[] = [];
    for (const d of ix.ofKind('directorPool'))
      if (d.servers > 1 && d.webLoadBalancing === 'none')
        hits.push({
          nodeIds: [d.id],
          message: `${label(d)} has ${num(d.servers)} Directors and no load balancer for web traffic. ${catalogueMessage('DIR-WEB-HLB')}`,
        });
    return hits;
  }),

  defineRule('DIR-CAPACITY', 'Director pool too small for the remote users behind it', (ix) => {
    const hits: Hit[] = [];
    for (const d of ix.ofKind('directorPool')) {
      const counted: NodeOfKind<'edgePool'>[] = [];
      let users = 0;
      for (const l of ix.in(d.id, 'nextHop')) {
        const e = ix.node(l.from);
        // Edge pools that leave the figure out are not counted (v1 has no figure on the Director).
        if (e?.kind !== 'edgePool' || e.concurrentRemoteUsers === undefined || counted.includes(e)) continue;
        counted.push(e);
        users += e.concurrentRemoteUsers;
      }
      const perServer = REF.remoteUsersPerDirector[d.productVersion];
      if (counted.length === 0 || users <= d.servers * perServer) continue;
      const needed = Math.ceil(users / perServer);
      hits.push({
        nodeIds: [d.id, ...counted.map((e) => e.id)],
        message: `${label(d)} has ${plural(d.servers, 'Director')} for ${num(users)} concurrent remote users behind ${allNames(counted)}, which need ${num(needed)}: this Director pool has fewer servers than the remote users behind its Edge pools need (one Director per ${num(perServer)} concurrent remote users on ${productVersionLabel(d.productVersion)}).`,
        fix:
          needed <= REF.maxDirectors
            ? `Add Directors (${num(needed)} in all; up to ${REF.maxDirectors} per pool).`
            : `Spread the remote users over more than one Director pool: ${num(needed)} Directors exceed the ${REF.maxDirectors} one pool supports.`,
      });
    }
    return hits;
  }),

  defineRule('DIR-SUGGESTED', 'Director pool suggested with external access', (ix) => {
    const edges = ix.ofKind('edgePool');
    if (edges.length === 0 || ix.ofKind('directorPool').length > 0) return [];
    // One finding for the document, pointing at every Edge pool.
    return [
      {
        nodeIds: edges.map((e) => e.id),
        message: `The design has external access (${edges.length <= 5 ? allNames(edges) : `${num(edges.length)} Edge pools`}) and no Director pool. ${catalogueMessage('DIR-SUGGESTED')}`,
      },
    ];
  }),
];
