/**
 * MIG rules of the catalogue's migration addendum: side-by-side migration (new pools
 * beside the legacy ones, users moved, legacy pools retired). A transition design is one
 * document holding both: the pools that stay, the new ones, and those marked for
 * decommissioning.
 */
import { hasProductVersion } from '../model/schema';
import type { TopologyNode } from '../model/schema';
import { host, type RegistrarPool } from '../model/topology-index';
import { catalogueMessage, defineRule } from './define-rule';
import { kinded, labelSeries, num } from './rule-text';
import type { Hit, Rule } from './types';
import { productName, verRank } from './versions';

/** MIG-CMS-LAST's message, worded when read. */
const cmsLastMessage = (cms: TopologyNode, cmsVersion: string, q: RegistrarPool) => (): string =>
  `The Central Management store is on ${kinded(cms)} (${productName(cmsVersion)}) while ${kinded(q)} (${productName(q.productVersion)}) still homes ${num(q.users)} users. ${catalogueMessage('MIG-CMS-LAST')}`;

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
        message: `${kinded(p)} (${productName(p.productVersion)}) keeps its Monitoring or Archiving data in ${labelSeries(list)}, and the design has pools of a newer version. ${catalogueMessage('MIG-MONARCH-NOT-MIGRATED')}`,
      });
    }
    return hits;
  }),

  defineRule('MIG-CMS-LAST', 'CMS on the new version while older pools home users', (ix) => {
    if (ix.doc.deployment.mode !== 'transition') return [];
    const id = ix.doc.deployment.cmsHost;
    const cms = id === null ? undefined : ix.node(id);
    if (!cms || !hasProductVersion(cms)) return [];
    const rank = verRank(cms.productVersion);
    const hits: Hit[] = [];
    for (const q of ix.registrars())
      if (q.users > 0 && verRank(q.productVersion) < rank) hits.push({ nodeIds: [cms.id, q.id], message: cmsLastMessage(cms, cms.productVersion, q) });
    return hits;
  }),
];
