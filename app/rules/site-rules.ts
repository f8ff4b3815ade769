/** SITE rules (docs/rules.md): central and branch sites and what they may hold. */
import { REF } from '../model/reference-numbers';
import type { Site, TopologyNode } from '../model/schema';
import type { TopologyIndex } from '../model/topology-index';
import { catalogueMessage, defineRule } from './define-rule';
import { branchesBySite, registrarSites, wanBetween } from './rule-helpers';
import { kinded, label, names, plural, quote, siteName } from './rule-text';
import type { Hit, Rule } from './types';

const isBranchSite = (ix: TopologyIndex, siteId: string): boolean => ix.site(siteId)?.kind === 'branch';

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
    case 'videoInteropPool':
      return true;
    case 'mediationPool':
    case 'fileStore':
    case 'survivableBranch':
    case 'reverseProxy':
    case 'gatewayPeer':
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
        message: `All ${sites.length} ${sites.length === 1 ? 'site is a branch site' : 'sites are branch sites'} (${names(sites)}). ${catalogueMessage('SITE-HAS-CENTRAL')}`,
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
          message: `${kinded(p)} is in branch site ${siteName(ix, p.siteId)}. ${catalogueMessage('SITE-BRANCH-HAS-SE')}`,
        });
    return hits;
  }),

  defineRule('SITE-BRANCH-CONTENT', 'Central-site role in a branch site', (ix) => {
    const hits: Hit[] = [];
    for (const n of ix.allNodes()) {
      if (!isBranchSite(ix, n.siteId) || !belongsInCentralSite(ix, n)) continue;
      const what = n.kind === 'sqlStore' ? `Back End store ${label(n)}` : kinded(n);
      hits.push({
        nodeIds: [n.id],
        siteIds: [n.siteId],
        message: `${what} is in branch site ${siteName(ix, n.siteId)}. ${catalogueMessage('SITE-BRANCH-CONTENT')}`,
      });
    }
    return hits;
  }),

  defineRule('SITE-SBA-BACKUP-REGISTRAR', 'Branch appliance without a central backup registrar', (ix) => {
    const hits: Hit[] = [];
    for (const b of ix.ofKind('survivableBranch')) {
      const links = ix.out(b.id, 'backupRegistrar');
      if (links.length === 0) {
        hits.push({
          nodeIds: [b.id],
          message: `${kinded(b)} has no backup registrar. ${catalogueMessage('SITE-SBA-BACKUP-REGISTRAR')}`,
        });
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
        message: `${kinded(b)} uses ${where} as its backup registrar, not a pool in a central site. ${catalogueMessage('SITE-SBA-BACKUP-REGISTRAR')}`,
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
        message: `Branch site ${siteName(ix, siteId)} homes ${plural(total, 'user')} on ${names(branches)}. ${catalogueMessage('SITE-BRANCH-SMALL')}`,
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
          message: `${kinded(xmppEdge)} federates over XMPP, and ${kinded(b)} homes ${plural(b.users, 'user')}. ${catalogueMessage('SITE-SBA-XMPP')}`,
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
          message: `${kinded(d)} is in site ${siteName(ix, d.siteId)}, which has no Front End pool or Standard Edition server, so it can only serve other central sites. ${catalogueMessage('SITE-CROSS-SITE-SHARING')}`,
        });
    return hits;
  }),

  // ---------------------------------------------------------------- format v2
  defineRule('SITE-BRANCH-PARENT', 'Branch site without a central parent site', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.doc.sites) {
      if (s.kind !== 'branch') continue;
      const parent = s.parentSiteId === undefined ? undefined : ix.site(s.parentSiteId);
      if (parent?.kind === 'central') continue;
      const why =
        s.parentSiteId === undefined
          ? 'names no parent central site'
          : parent === undefined
            ? `names the parent site ${quote(s.parentSiteId)}, which is not in the design`
            : `names ${label(parent)} as its parent, a branch site`;
      hits.push({
        nodeIds: ix.nodesInSite(s.id).map((n) => n.id),
        siteIds: [s.id],
        message: `The branch site ${label(s)} ${why}. ${catalogueMessage('SITE-BRANCH-PARENT')}`,
      });
    }
    return hits;
  }),

  defineRule('SITE-BRANCH-WAN', 'Branch on an unreliable WAN without a survivable registrar', (ix) => {
    const appliances = branchesBySite(ix);
    const hits: Hit[] = [];
    for (const s of ix.doc.sites) {
      if (s.kind !== 'branch' || s.parentSiteId === undefined || appliances.has(s.id)) continue;
      const wan = wanBetween(ix, s.id, s.parentSiteId);
      if (typeof wan === 'string' || wan.resilient) continue;
      hits.push({
        nodeIds: ix.nodesInSite(s.id).map((n) => n.id),
        siteIds: [s.id],
        linkIds: [wan.id],
        message: `The branch site ${label(s)} reaches ${siteName(ix, s.parentSiteId)} over a WAN link that is not resilient, and has no Survivable Branch Appliance or Server. ${catalogueMessage('SITE-BRANCH-WAN')}`,
      });
    }
    return hits;
  }),
];
