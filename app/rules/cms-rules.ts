/** CMS rules (docs/rules.md): the Central Management store. */
import { RECOVERY } from '../model/reference-numbers';
import type { TopologyIndex } from '../model/topology-index';
import type { TopologyNode } from '../model/schema';
import { catalogueMessage, defineRule } from './define-rule';
import { label, LONG_LIST, names, series } from './rule-text';
import type { Hit, Rule } from './types';
import { decom, productVersionLabel, verRank, versionWord } from '../model/product-versions';
import { productVersionOf } from '../model/schema';

/** The node named by `deployment.cmsHost`, when it names one. */
function cmsHost(ix: TopologyIndex): TopologyNode | undefined {
  const id = ix.doc.deployment.cmsHost;
  return id === null ? undefined : ix.node(id);
}

/** The CMS host with a `pairing` link, and its partners. */
function pairedCmsHost(ix: TopologyIndex): { host: TopologyNode; partners: TopologyNode[]; linkIds: string[] } | undefined {
  const host = cmsHost(ix);
  if (!host) return undefined;
  const links = ix.touching(host.id, 'pairing');
  if (links.length === 0) return undefined;
  return { host, partners: ix.distinctPartners(host.id), linkIds: links.map((l) => l.id) };
}

export const CMS_RULES: readonly Rule[] = [
  // ---------------------------------------------------------------- tier 1
  defineRule('CMS-EXACTLY-ONE', 'No Central Management store placed', (ix) => {
    const candidates = ix.registrars();
    if (candidates.length === 0) return [];
    const id = ix.doc.deployment.cmsHost;
    if (id !== null && ix.node(id)) return [];
    const why =
      id === null
        ? `none of its ${candidates.length === 1 ? 'one Front End pool or Standard Edition server' : `${candidates.length} Front End pools and Standard Edition servers`} (${names(candidates, LONG_LIST)}) is chosen as CMS host`
        : `deployment.cmsHost names "${id}", which is not in the design`;
    return [
      {
        nodeIds: candidates.map((c) => c.id),
        message: `The deployment needs exactly one Central Management store, and none is placed: ${why}.`,
      },
    ];
  }),

  defineRule('CMS-HOST-PAIRED', 'CMS host without a partner', (ix) => {
    const host = cmsHost(ix);
    if (!host || ix.touching(host.id, 'pairing').length > 0) return [];
    return [
      {
        nodeIds: [host.id],
        message: `${label(host)} hosts the Central Management store and has no pairing partner: only a paired CMS pool gets a standby CMS database that can be failed over to (${RECOVERY.cmsFailover.rtoMinutes}-minute RTO and RPO).`,
        fix: `Pair ${label(host)} with a pool of the same edition in another data center.`,
      },
    ];
  }),

  // ---------------------------------------------------------------- tier 2
  defineRule('CMS-FAILOVER-FIRST', 'Fail the CMS over before the pool', (ix) => {
    const h = pairedCmsHost(ix);
    if (!h) return [];
    const to = h.partners.length ? names(h.partners, LONG_LIST) : 'the partner';
    const hit: Hit = {
      nodeIds: [h.host.id, ...h.partners.map((p) => p.id)],
      linkIds: h.linkIds,
      message: `${label(h.host)} hosts the Central Management store: if this pool fails, the CMS has to be failed over to ${to} before the pool's users, because it must be working while users are failed over.`,
    };
    return [hit];
  }),

  defineRule('CMS-NO-FAILBACK', 'No CMS failback needed', (ix) => {
    const h = pairedCmsHost(ix);
    if (!h) return [];
    const to = h.partners.length ? names(h.partners, LONG_LIST) : 'the partner pool';
    return [
      {
        nodeIds: [h.host.id, ...h.partners.map((p) => p.id)],
        linkIds: h.linkIds,
        message: `After a CMS failover from ${label(h.host)} to ${to}, the CMS does not need to be failed back; it can stay in ${to}.`,
      },
    ];
  }),

  defineRule('CMS-REPLICATION-BEFORE-CLEANUP', 'Keep the old CMS until replication is complete', (ix) => {
    if (ix.doc.deployment.mode !== 'transition') return [];
    const versions = [...new Set<string>(ix.registrars().map((p) => p.productVersion))].sort((a, b) => verRank(a) - verRank(b));
    if (versions.length < 2) return [];
    const host = cmsHost(ix);
    return [
      {
        nodeIds: host ? [host.id] : [],
        message: `This transition design has pools of ${series(versions.map(versionWord))}, a migration that ends with a move of the Central Management store${host ? ` (now on ${label(host)})` : ''}: when the CMS is moved, the old CMS database must stay until replication to every replica is complete and stable.`,
      },
    ];
  }),

  // ---------------------------------------------------------------- format v2
  defineRule('CMS-MOVE-BEFORE-AG', 'CMS pool whose Back End becomes an availability group', (ix) => {
    if (ix.doc.deployment.mode !== 'transition') return [];
    const host = cmsHost(ix);
    if (!host) return [];
    const be = ix.backEnd(host.id);
    if (!be || be.haMode !== 'alwaysOnAg' || (be.currentHaMode !== 'none' && be.currentHaMode !== 'mirroring')) return [];
    const today = be.currentHaMode === 'none' ? 'no high availability' : 'SQL mirroring';
    return [
      {
        nodeIds: [host.id, be.id],
        message: `${label(host)} hosts the Central Management store, and its Back End ${label(be)} moves from ${today} to an AlwaysOn availability group. ${catalogueMessage('CMS-MOVE-BEFORE-AG')}`,
      },
    ];
  }),

  defineRule('CMS-2019-MIGRATION', 'CMS on a pool being retired', (ix) => {
    if (ix.doc.deployment.mode !== 'transition') return [];
    const host = cmsHost(ix);
    if (!host || !decom(host)) return [];
    const v = productVersionOf(host);
    return [
      {
        nodeIds: [host.id],
        message: `${label(host)}${v ? ` (${productVersionLabel(v)})` : ''} hosts the Central Management store and is marked for decommissioning. ${catalogueMessage('CMS-2019-MIGRATION')}`,
      },
    ];
  }),
];
