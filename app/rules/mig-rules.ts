/**
 * MIG rules of the catalogue's migration addendum: side-by-side migration (new pools
 * beside the legacy ones, users moved, legacy pools retired). A transition design is one
 * document holding both: the pools that stay, the new ones, and those marked for
 * decommissioning.
 */
import type { TopologyNode } from '../model/schema';
import { host, type RegistrarPool } from '../model/topology-index';
import { catalogueMessage, defineRule } from './define-rule';
import { kinded, kindedNames, labelSeries, num } from './rule-text';
import type { Hit, Rule } from './types';
import { decom, productVersionLabel, SUBSCRIPTION_EDITION, verRank } from '../model/product-versions';
import { productVersionOf } from '../model/schema';
import { pairingsByPair } from './rule-helpers';

/** MIG-CMS-LAST's message, worded when read. */
const cmsLastMessage = (cms: TopologyNode, cmsVersion: string, q: RegistrarPool) => (): string =>
  `The Central Management store is on ${kinded(cms)} (${productVersionLabel(cmsVersion)}) while ${kinded(q)} (${productVersionLabel(q.productVersion)}) still homes ${num(q.users)} users. ${catalogueMessage('MIG-CMS-LAST')}`;

export const MIG_RULES: readonly Rule[] = [
  // ---------------------------------------------------------------- tier 1
  defineRule('MIG-POOL-FQDN-UNIQUE', 'Two pools with one FQDN', (ix) => {
    const byHost = new Map<string, RegistrarPool>();
    const hits: Hit[] = [];
    for (const p of ix.registrars()) {
      const h = host(p);
      const first = byHost.get(h);
      if (first === undefined) byHost.set(h, p);
      else if (first.id !== p.id)
        hits.push({
          nodeIds: [first.id, p.id],
          message: `${kinded(first)} and ${kinded(p)} both have the FQDN ${h}. ${catalogueMessage('MIG-POOL-FQDN-UNIQUE')}`,
        });
    }
    return hits;
  }),

  // ---------------------------------------------------------------- tier 2
  defineRule('MIG-MONARCH-NOT-MIGRATED', 'Monitoring and Archiving data stay with the legacy pools', (ix) => {
    if (ix.doc.deployment.mode !== 'transition') return [];
    const registrars = ix.registrars();
    let newest = 0;
    for (const p of registrars) newest = Math.max(newest, verRank(p.productVersion));
    const hits: Hit[] = [];
    for (const p of registrars) {
      if (verRank(p.productVersion) >= newest) continue;
      const stores = new Map<string, TopologyNode>();
      for (const l of ix.out(p.id, 'store')) {
        if (l.role !== 'monitoring' && l.role !== 'archiving') continue;
        const s = ix.node(l.to);
        if (s) stores.set(s.id, s);
      }
      if (stores.size === 0) continue;
      const list = [...stores.values()];
      hits.push({
        nodeIds: [p.id, ...list.map((s) => s.id)],
        message: `${kinded(p)} (${productVersionLabel(p.productVersion)}) keeps its Monitoring or Archiving data in ${labelSeries(list)}, and the design has pools of a newer version. ${catalogueMessage('MIG-MONARCH-NOT-MIGRATED')}`,
      });
    }
    return hits;
  }),

  defineRule('MIG-CMS-LAST', 'CMS on the new version while older pools home users', (ix) => {
    if (ix.doc.deployment.mode !== 'transition') return [];
    const id = ix.doc.deployment.cmsHost;
    const cms = id === null ? undefined : ix.node(id);
    const version = cms && productVersionOf(cms);
    if (!cms || version === undefined) return [];
    const rank = verRank(version);
    const hits: Hit[] = [];
    for (const q of ix.registrars())
      if (q.users > 0 && verRank(q.productVersion) < rank)
        hits.push({ nodeIds: [cms.id, q.id], message: cmsLastMessage(cms, version, q) });
    return hits;
  }),

  defineRule('MIG-CMS-ON-LEGACY', 'CMS left on an older pool once the users have moved', (ix) => {
    if (ix.doc.deployment.mode !== 'transition') return [];
    const id = ix.doc.deployment.cmsHost;
    const cms = id === null ? undefined : ix.node(id);
    const version = cms && productVersionOf(cms);
    // A CMS on a pool being retired is CMS-2019-MIGRATION's (an error).
    if (!cms || version === undefined || decom(cms)) return [];
    const registrars = ix.registrars();
    let newest = 0;
    for (const p of registrars) newest = Math.max(newest, verRank(p.productVersion));
    if (verRank(version) >= newest || registrars.some((p) => p.users > 0 && verRank(p.productVersion) < newest)) return [];
    const latest = registrars.filter((p) => verRank(p.productVersion) === newest);
    return [
      {
        nodeIds: [cms.id, ...latest.map((p) => p.id)],
        message: `The Central Management store is on ${kinded(cms)} (${productVersionLabel(version)}) while every user is on ${productVersionLabel(latest[0]!.productVersion)} (${kindedNames(latest)}). ${catalogueMessage('MIG-CMS-ON-LEGACY')}`,
      },
    ];
  }),

  // ---------------------------------------------------------------- format v2
  defineRule('MIG-USERS-ON-DECOMMISSION', 'Users left on a pool being retired', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.registrars())
      if (decom(p) && p.users > 0)
        hits.push({
          nodeIds: [p.id],
          message: `${kinded(p)}: ${catalogueMessage('MIG-USERS-ON-DECOMMISSION').replace('{users}', num(p.users))}`,
        });
    return hits;
  }),

  defineRule('MIG-SBA-REGISTRAR-DECOMMISSION', 'Branch appliance backed up by a pool being retired', (ix) => {
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('backupRegistrar')) {
      const b = ix.node(l.from);
      const p = ix.node(l.to);
      if (b?.kind !== 'survivableBranch' || decom(b) || !p || !decom(p)) continue;
      hits.push({
        nodeIds: [b.id, p.id],
        linkIds: [l.id],
        message: `${kinded(b)} uses ${kinded(p)}, which is being retired, as its backup registrar. ${catalogueMessage('MIG-SBA-REGISTRAR-DECOMMISSION')}`,
      });
    }
    return hits;
  }),

  defineRule('MIG-PAIR-PARTNER-DECOMMISSION', 'Backup pool being retired', (ix) => {
    const hits: Hit[] = [];
    for (const p of pairingsByPair(ix)) {
      if (decom(p.a) === decom(p.b)) continue;
      const [stays, goes] = decom(p.a) ? [p.b, p.a] : [p.a, p.b];
      hits.push({
        nodeIds: [stays.id, goes.id],
        linkIds: p.links.map((l) => l.id),
        message: `${kinded(stays)} is paired with ${kinded(goes)}, which is being retired. ${catalogueMessage('MIG-PAIR-PARTNER-DECOMMISSION')}`,
      });
    }
    return hits;
  }),

  defineRule('MIG-RGS-2019-SE', 'Response groups from 2019 to Subscription Edition', (ix) => {
    if (ix.doc.deployment.mode !== 'transition') return [];
    const retiring = ix.registrars().filter((p) => p.productVersion === '2019' && decom(p));
    const targets = ix.registrars().filter((p) => productVersionOf(p) === SUBSCRIPTION_EDITION);
    if (retiring.length === 0 || targets.length === 0) return [];
    return [
      {
        nodeIds: [...retiring, ...targets].map((p) => p.id),
        message: `${kindedNames(retiring)} (2019) ${retiring.length === 1 ? 'is' : 'are'} retired in favour of ${kindedNames(targets)} (Subscription Edition). ${catalogueMessage('MIG-RGS-2019-SE')}`,
      },
    ];
  }),
];
