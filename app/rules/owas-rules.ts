/** OWAS rules (docs/rules.md): Office Web Apps Server / Office Online Server farms. */
import type { NodeOfKind, TopologyNode } from '../model/schema';
import type { TopologyIndex } from '../model/topology-index';
import { catalogueMessage, defineRule } from './define-rule';
import { pairingsByPair, soloRoleMachines, targetsOf } from './rule-helpers';
import { clauses, kinded, kindedNames, label, noun, quote } from './rule-text';
import type { Hit, Rule } from './types';

type Farm = NodeOfKind<'officeOnlineServer'>;

/** Office Online Server farms reached from `poolId` by `officeOnline` links, each once (one object per farm, so `includes` compares farms). */
function farmsOf(ix: TopologyIndex, poolId: string): Farm[] {
  const targets = targetsOf(ix, poolId, 'officeOnline');
  // Every target is a farm unless the design is broken: then the list needs no second copy.
  return targets.every(isFarm) ? (targets as Farm[]) : targets.filter(isFarm);
}
const isFarm = (n: TopologyNode): n is Farm => n.kind === 'officeOnlineServer';

export const OWAS_RULES: readonly Rule[] = [
  // ---------------------------------------------------------------- tier 1
  defineRule('OWAS-SEPARATE-SERVER', 'Office Online Server shares a machine', (ix) => {
    const hits: Hit[] = [];
    for (const { host: h, nodes } of soloRoleMachines(ix)) {
      const farms = nodes.filter((n): n is Farm => n.kind === 'officeOnlineServer');
      if (farms.length === 0) continue;
      // A file share there is FS-COLLOC-HOST; a second farm node of the same name is the same farm.
      const others = nodes.filter((n) => n.kind !== 'officeOnlineServer' && n.kind !== 'fileStore');
      if (others.length === 0) continue;
      hits.push({
        nodeIds: [...farms.map((f) => f.id), ...others.map((n) => n.id)],
        message: `${kindedNames(farms)} ${noun(farms.length, 'runs', 'run')} on ${h}, which also holds ${kindedNames(others)}. ${catalogueMessage('OWAS-SEPARATE-SERVER')}`,
      });
    }
    return hits;
  }),

  // ---------------------------------------------------------------- tier 2
  defineRule('OWAS-MISSING', 'Conferencing pool without Office Online Server', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool'))
      if (p.conferencing && ix.out(p.id, 'officeOnline').length === 0)
        hits.push({
          nodeIds: [p.id],
          message: `${kinded(p)} hosts conferences but has no Office Online link. ${catalogueMessage('OWAS-MISSING')}`,
        });
    return hits;
  }),

  defineRule('OWAS-PERIMETER', 'Office Online Server in the perimeter network', (ix) => {
    const hits: Hit[] = [];
    for (const o of ix.ofKind('officeOnlineServer'))
      if (o.zone === 'perimeter')
        hits.push({
          nodeIds: [o.id],
          message: `${kinded(o)} is placed in the perimeter network. ${catalogueMessage('OWAS-PERIMETER')}`,
        });
    return hits;
  }),

  defineRule('OWAS-DR-PLACEMENT', 'Paired pools lose their Office Online Server together', (ix) => {
    const hits: Hit[] = [];
    for (const { a, b, links } of pairingsByPair(ix)) {
      const farmsA = farmsOf(ix, a.id);
      const farmsB = farmsOf(ix, b.id);
      if (farmsA.length === 0 && farmsB.length === 0) continue;
      const dcA = ix.dc(a.siteId);
      const dcB = ix.dc(b.siteId);
      // Most pairs use a farm of their own data center: the lists are made for the first reason only.
      let reasons: string[] | undefined;
      let farms: Map<string, Farm> | undefined;
      const note = (f: Farm, why: string) => {
        (farms ??= new Map()).set(f.id, f);
        (reasons ??= []).push(why);
      };
      for (const f of farmsA)
        if (farmsB.includes(f)) note(f, `both use ${label(f)}`);
        else if (ix.dc(f.siteId) === dcB) note(f, `${label(a)} uses ${label(f)} in ${label(b)}'s data center ${quote(dcB)}`);
      for (const f of farmsB)
        if (!farmsA.includes(f) && ix.dc(f.siteId) === dcA)
          note(f, `${label(b)} uses ${label(f)} in ${label(a)}'s data center ${quote(dcA)}`);
      if (!farms || !reasons) continue;
      hits.push({
        nodeIds: [a.id, b.id, ...farms.keys()],
        linkIds: links.map((l) => l.id),
        message: `Paired pools ${label(a)} and ${label(b)}: ${clauses(reasons)}. ${catalogueMessage('OWAS-DR-PLACEMENT')}`,
      });
    }
    return hits;
  }),

  // ---------------------------------------------------------------- format v2
  defineRule('OOS-EXTERNAL-RP', 'Internal Office Online Server without a reverse proxy', (ix) => {
    if (ix.ofKind('edgePool').length === 0 || ix.ofKind('reverseProxy').length > 0) return [];
    const hits: Hit[] = [];
    for (const o of ix.ofKind('officeOnlineServer'))
      if (o.zone === 'internal')
        hits.push({
          nodeIds: [o.id],
          message: `${label(o)} is on the internal network, the design has an Edge pool for external users, and no reverse proxy is drawn. ${catalogueMessage('OOS-EXTERNAL-RP')}`,
        });
    return hits;
  }),
];
