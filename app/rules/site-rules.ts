/** SITE rules of shared/domain/rules.md: central and branch sites and what they may hold. */
import { REF } from '../model/reference-numbers';
import type { NodeOfKind, Site, TopologyNode } from '../model/schema';
import type { TopologyIndex } from '../model/topology-index';
import { defineRule, label } from './define-rule';
import { kinded, names, num, siteName, text } from './gen-rules';
import type { Hit, Rule } from './types';

type Branch = NodeOfKind<'survivableBranch'>;

const isBranchSite = (ix: TopologyIndex, siteId: string): boolean => ix.site(siteId)?.kind === 'branch';

/** Sites holding a Front End pool or a Standard Edition server. */
function registrarSites(ix: TopologyIndex): Set<string> {
  const out = new Set<string>();
  for (const p of ix.registrars()) out.add(p.siteId);
  return out;
}

/** Survivable branches grouped by site, in document order. */
export function branchesBySite(ix: TopologyIndex): Map<string, Branch[]> {
  const bySite = new Map<string, Branch[]>();
  for (const b of ix.ofKind('survivableBranch')) {
    const arr = bySite.get(b.siteId);
    if (arr) arr.push(b);
    else bySite.set(b.siteId, [b]);
  }
  return bySite;
}

/** The node kinds SITE-BRANCH-CONTENT keeps out of branch sites (a SQL store only as a Back End). */
function belongsInCentralSite(ix: TopologyIndex, n: TopologyNode): boolean {
  switch (n.kind) {
    case 'edgePool':
    case 'directorPool':
    case 'officeOnlineServer':
    case 'persistentChatPool':
      return true;
    case 'sqlStore':
      return ix.in(n.id, 'backEnd').length > 0;
    case 'frontEndPool':
    case 'standardEditionServer':
      return false; // SITE-BRANCH-HAS-SE
    case 'mediationPool':
    case 'fileStore':
    case 'survivableBranch':
      return false;
  }
}

export const SITE_RULES: readonly Rule[] = [
  // ---------------------------------------------------------------- tier 1
  defineRule('SITE-HAS-CENTRAL', 'No central site', (ix) => {
    const sites: readonly Site[] = ix.doc.sites;
    if (sites.length === 0 || sites.some((s) => s.kind === 'central')) return [];
    return [
      {
        siteIds: sites.map((s) => s.id),
        message: `All ${sites.length} ${sites.length === 1 ? 'site is a branch site' : 'sites are branch sites'} (${names(sites)}). ${text('SITE-HAS-CENTRAL')}`,
      },
    ];
  }),

  defineRule('SITE-BRANCH-HAS-SE', 'Pool in a branch site', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.registrars())
      if (isBranchSite(ix, p.siteId))
        hits.push({
          nodeIds: [p.id],
          siteIds: [p.siteId],
          message: `${kinded(p)} is in branch site ${siteName(ix, p.siteId)}. ${text('SITE-BRANCH-HAS-SE')}`,
        });
    return hits;
  }),

  defineRule('SITE-BRANCH-CONTENT', 'Central-site role in a branch site', (ix) => {
    const hits: Hit[] = [];
    for (const n of ix.nodes.values()) {
      if (!isBranchSite(ix, n.siteId) || !belongsInCentralSite(ix, n)) continue;
      const what = n.kind === 'sqlStore' ? `Back End store ${label(n)}` : kinded(n);
      hits.push({
        nodeIds: [n.id],
        siteIds: [n.siteId],
        message: `${what} is in branch site ${siteName(ix, n.siteId)}. ${text('SITE-BRANCH-CONTENT')}`,
      });
    }
    return hits;
  }),

  defineRule('SITE-SBA-BACKUP-REGISTRAR', 'Branch appliance without a central backup registrar', (ix) => {
    const hits: Hit[] = [];
    for (const b of ix.ofKind('survivableBranch')) {
      const links = ix.out(b.id, 'backupRegistrar');
      if (links.length === 0) {
        hits.push({ nodeIds: [b.id], message: `${kinded(b)} has no backup registrar. ${text('SITE-SBA-BACKUP-REGISTRAR')}` });
        continue;
      }
      const bad = links.filter((l) => {
        const p = ix.node(l.to);
        return p !== undefined && ix.site(p.siteId)?.kind !== 'central';
      });
      if (bad.length === 0) continue;
      const targets = bad.map((l) => ix.node(l.to)).filter((p): p is TopologyNode => p !== undefined);
      const where = targets
        .slice(0, 3)
        .map((p) => `${kinded(p)} in branch site ${siteName(ix, p.siteId)}`)
        .join(', ');
      hits.push({
        nodeIds: [b.id],
        linkIds: bad.map((l) => l.id),
        message: `${kinded(b)} uses ${where} as its backup registrar, not a pool in a central site. ${text('SITE-SBA-BACKUP-REGISTRAR')}`,
      });
    }
    return hits;
  }),

  // ---------------------------------------------------------------- tier 2
  defineRule('SITE-BRANCH-SMALL', 'Branch too small for a resiliency solution', (ix) => {
    const hits: Hit[] = [];
    for (const [siteId, branches] of branchesBySite(ix)) {
      if (!isBranchSite(ix, siteId)) continue;
      const total = branches.reduce((sum, b) => sum + b.users, 0);
      if (total >= REF.branchSizing.resiliencyRarelyPays) continue;
      hits.push({
        nodeIds: branches.map((b) => b.id),
        siteIds: [siteId],
        message: `Branch site ${siteName(ix, siteId)} homes ${num(total)} ${total === 1 ? 'user' : 'users'} on ${names(branches)}. ${text('SITE-BRANCH-SMALL')}`,
      });
    }
    return hits;
  }),

  defineRule('SITE-SBA-XMPP', 'Branch users get no XMPP', (ix) => {
    const xmppEdge = ix.ofKind('edgePool').find((e) => e.xmpp);
    if (!xmppEdge) return [];
    const hits: Hit[] = [];
    for (const b of ix.ofKind('survivableBranch'))
      if (b.users > 0)
        hits.push({
          nodeIds: [b.id],
          message: `${kinded(xmppEdge)} federates over XMPP, and ${kinded(b)} homes ${num(b.users)} ${b.users === 1 ? 'user' : 'users'}. ${text('SITE-SBA-XMPP')}`,
        });
    return hits;
  }),

  defineRule('SITE-CROSS-SITE-SHARING', 'Director pool with no pool of its own site', (ix) => {
    const withPools = registrarSites(ix);
    const hits: Hit[] = [];
    for (const d of ix.ofKind('directorPool'))
      if (!withPools.has(d.siteId))
        hits.push({
          nodeIds: [d.id],
          siteIds: [d.siteId],
          message: `${kinded(d)} is in site ${siteName(ix, d.siteId)}, which has no Front End pool or Standard Edition server, so it can only serve other central sites. ${text('SITE-CROSS-SITE-SHARING')}`,
        });
    return hits;
  }),
];
