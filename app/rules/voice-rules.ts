/** VOICE rules (docs/rules.md): voice resiliency of paired pools and branch sites. */
import { REF, RECOVERY } from '../model/reference-numbers';
import type { NodeOfKind, TopologyNode } from '../model/schema';
import { catalogueMessage, defineRule } from './define-rule';
import { branchesBySite, pairingsByPair, wanBetween } from './rule-helpers';
import { clauses, kinded, label, names, num, siteName } from './rule-text';
import type { Hit, Rule } from './types';

type Branch = NodeOfKind<'survivableBranch'>;
type Mediation = NodeOfKind<'mediationPool'>;

const { sbaMax, sbsOrTwoSbaMax } = REF.branchSizing;

// VOICE-FAILOVER-INTERVAL and VOICE-FAILOVER-ROUTE fire for most pairs of a large design:
// their text is built only when a finding is read (Hit.message).

const intervalMessage = (a: TopologyNode, b: TopologyNode, seconds: number) => (): string =>
  `${label(a)} and ${label(b)} back each other up for voice. ${catalogueMessage('VOICE-FAILOVER-INTERVAL').replace('{seconds}', num(seconds))}`;

const collocated = (p: TopologyNode): boolean =>
  (p.kind === 'frontEndPool' || p.kind === 'standardEditionServer') && p.mediationCollocated;

/** How paired pool `p` shows it carries voice: Mediation collocated, or the Mediation pool `m` in its site. */
function voiceSign(p: TopologyNode, m: Mediation | undefined): string | undefined {
  if (collocated(p)) return `${label(p)} runs Mediation collocated`;
  return m ? `${kinded(m)} is in ${label(p)}'s site` : undefined;
}

/** `ma` and `mb`: the Mediation pools in the sites of `a` and `b` that do not run Mediation themselves. */
const routeMessage = (a: TopologyNode, b: TopologyNode, ma: Mediation | undefined, mb: Mediation | undefined) => (): string => {
  const signs =
    collocated(a) && collocated(b)
      ? ['both run Mediation collocated']
      : [voiceSign(a, ma), voiceSign(b, mb)].filter((s): s is string => s !== undefined);
  return `${label(a)} and ${label(b)} are paired and carry Enterprise Voice (${signs.join('; ')}). ${catalogueMessage('VOICE-FAILOVER-ROUTE')}`;
};

export const VOICE_RULES: readonly Rule[] = [
  // ---------------------------------------------------------------- tier 1
  defineRule('VOICE-SBA-MAX-TWO', 'More than two Survivable Branch Appliances in a site', (ix) => {
    const hits: Hit[] = [];
    for (const [siteId, branches] of branchesBySite(ix)) {
      // Counted first: most sites hold one appliance, and need no list of them.
      let count = 0;
      for (const b of branches) if (b.variant === 'sba') count++;
      if (count <= REF.maxSbaPerBranch) continue;
      const sbas = branches.filter((b) => b.variant === 'sba');
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
    for (const { a, b, links } of pairingsByPair(ix)) {
      const voice = links.filter((l) => l.voiceFailover === true);
      const first = voice[0];
      if (!first) continue;
      const seconds = first.voiceFailoverSeconds ?? RECOVERY.voiceFailoverSeconds;
      hits.push({ nodeIds: [a.id, b.id], linkIds: voice.map((l) => l.id), message: intervalMessage(a, b, seconds) });
    }
    return hits;
  }),

  defineRule('VOICE-FAILOVER-ROUTE', 'Failover routes and user-level voice policies for paired pools', (ix) => {
    const mediationSites = new Map<string, Mediation>();
    for (const m of ix.ofKind('mediationPool')) if (!mediationSites.has(m.siteId)) mediationSites.set(m.siteId, m);
    const hits: Hit[] = [];
    for (const { a, b, links } of pairingsByPair(ix)) {
      // A pool carries voice when it runs Mediation itself or a Mediation pool shares its site.
      const ma = collocated(a) ? undefined : mediationSites.get(a.siteId);
      const mb = collocated(b) ? undefined : mediationSites.get(b.siteId);
      if (!collocated(a) && !ma && !collocated(b) && !mb) continue;
      hits.push({ nodeIds: [a.id, b.id], linkIds: links.map((l) => l.id), message: routeMessage(a, b, ma, mb) });
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
          reasons.push(
            `${b.variant === 'sba' ? 'Survivable Branch Appliance' : 'Survivable Branch Server'} ${label(b)} homes ${num(b.users)} users (guidance: up to ${num(max)})`,
          );
        }
      }
      const total = branches.reduce((sum, b) => sum + b.users, 0);
      if (ix.site(siteId)?.kind === 'branch' && total > sbsOrTwoSbaMax)
        reasons.push(
          `the branch's appliances and servers home ${num(total)} users in all (guidance: up to ${num(sbsOrTwoSbaMax)})`,
        );
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

  // ---------------------------------------------------------------- format v2
  defineRule('VOICE-RESILIENT-WAN', 'Voice failover over a WAN that is not resilient', (ix) => {
    const hits: Hit[] = [];
    for (const p of pairingsByPair(ix)) {
      if (!p.links.some((l) => l.voiceFailover === true)) continue;
      const wan = wanBetween(ix, p.a.siteId, p.b.siteId);
      if (wan === 'unknown' || wan === 'same' || (wan !== 'none' && wan.resilient)) continue;
      const how =
        wan === 'none'
          ? 'no WAN link joins their sites'
          : `the WAN link between ${siteName(ix, p.a.siteId)} and ${siteName(ix, p.b.siteId)} is not resilient`;
      hits.push({
        nodeIds: [p.a.id, p.b.id],
        linkIds: [...p.links.map((l) => l.id), ...(wan === 'none' ? [] : [wan.id])],
        message: `${label(p.a)} and ${label(p.b)} fail voice over to each other, and ${how}. ${catalogueMessage('VOICE-RESILIENT-WAN')}`,
      });
    }
    return hits;
  }),
];
