/** VOICE rules of shared/domain/rules.md: voice resiliency of paired pools and branch sites. */
import { REF, RECOVERY } from '../model/reference-numbers';
import type { NodeOfKind, TopologyNode } from '../model/schema';
import { catalogueMessage, defineRule } from './define-rule';
import { branchesBySite, pairingsByPair } from './rule-helpers';
import { clauses, kinded, label, names, num, siteName } from './rule-text';
import type { Hit, Rule } from './types';

type Branch = NodeOfKind<'survivableBranch'>;

const { sbaMax, sbsOrTwoSbaMax } = REF.branchSizing;

export const VOICE_RULES: readonly Rule[] = [
  // ---------------------------------------------------------------- tier 1
  defineRule('VOICE-SBA-MAX-TWO', 'More than two Survivable Branch Appliances in a site', (ix) => {
    const hits: Hit[] = [];
    for (const [siteId, branches] of branchesBySite(ix)) {
      const sbas = branches.filter((b) => b.variant === 'sba');
      if (sbas.length <= REF.maxSbaPerBranch) continue;
      hits.push({
        nodeIds: sbas.map((b) => b.id),
        siteIds: [siteId],
        message: `Site ${siteName(ix, siteId)} holds ${sbas.length} Survivable Branch Appliances (${names(sbas)}). ${catalogueMessage('VOICE-SBA-MAX-TWO')}`,
      });
    }
    return hits;
  }),

  // ---------------------------------------------------------------- tier 2
  defineRule('VOICE-FAILOVER-INTERVAL', 'Voice failover interval', (ix) => {
    const hits: Hit[] = [];
    const template = catalogueMessage('VOICE-FAILOVER-INTERVAL');
    for (const { a, b, links } of pairingsByPair(ix)) {
      const voice = links.filter((l) => l.voiceFailover === true);
      const first = voice[0];
      if (!first) continue;
      const seconds = first.voiceFailoverSeconds ?? RECOVERY.voiceFailoverSeconds;
      hits.push({
        nodeIds: [a.id, b.id],
        linkIds: voice.map((l) => l.id),
        message: `${label(a)} and ${label(b)} back each other up for voice. ${template.replace('{seconds}', num(seconds))}`,
      });
    }
    return hits;
  }),

  defineRule('VOICE-FAILOVER-ROUTE', 'Failover routes and user-level voice policies for paired pools', (ix) => {
    const mediationSites = new Map<string, NodeOfKind<'mediationPool'>>();
    for (const m of ix.ofKind('mediationPool')) if (!mediationSites.has(m.siteId)) mediationSites.set(m.siteId, m);
    const collocated = (p: TopologyNode) => (p.kind === 'frontEndPool' || p.kind === 'standardEditionServer') && p.mediationCollocated;
    const voiceSign = (p: TopologyNode): string | undefined => {
      if (collocated(p)) return `${label(p)} runs Mediation collocated`;
      const m = mediationSites.get(p.siteId);
      return m ? `${kinded(m)} is in ${label(p)}'s site` : undefined;
    };
    const hits: Hit[] = [];
    for (const { a, b, links } of pairingsByPair(ix)) {
      const signs = collocated(a) && collocated(b) ? ['both run Mediation collocated'] : [voiceSign(a), voiceSign(b)].filter((s): s is string => s !== undefined);
      if (signs.length === 0) continue;
      hits.push({
        nodeIds: [a.id, b.id],
        linkIds: links.map((l) => l.id),
        message: `${label(a)} and ${label(b)} are paired and carry Enterprise Voice (${signs.join('; ')}). ${catalogueMessage('VOICE-FAILOVER-ROUTE')}`,
      });
    }
    return hits;
  }),

  defineRule('VOICE-BRANCH-SIZING', 'Branch beyond the branch-resiliency guidance', (ix) => {
    const hits: Hit[] = [];
    for (const [siteId, branches] of branchesBySite(ix)) {
      const reasons: string[] = [];
      const over: Branch[] = [];
      for (const b of branches) {
        const max = b.variant === 'sba' ? sbaMax : sbsOrTwoSbaMax;
        if (b.users > max) {
          over.push(b);
          reasons.push(`${b.variant === 'sba' ? 'Survivable Branch Appliance' : 'Survivable Branch Server'} ${label(b)} homes ${num(b.users)} users (guidance: up to ${num(max)})`);
        }
      }
      const total = branches.reduce((sum, b) => sum + b.users, 0);
      if (ix.site(siteId)?.kind === 'branch' && total > sbsOrTwoSbaMax)
        reasons.push(`the branch's appliances and servers home ${num(total)} users in all (guidance: up to ${num(sbsOrTwoSbaMax)})`);
      if (reasons.length === 0) continue;
      const overIds = new Set(over.map((b) => b.id));
      const rest = branches.filter((b) => !overIds.has(b.id));
      hits.push({
        nodeIds: [...over, ...rest].map((b) => b.id),
        siteIds: [siteId],
        message: `Site ${siteName(ix, siteId)}: ${clauses(reasons)}. ${catalogueMessage('VOICE-BRANCH-SIZING')}`,
      });
    }
    return hits;
  }),
];
