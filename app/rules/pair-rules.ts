/** PAIR rules (docs/rules.md): pool pairing and the Backup Service. */
import { assertNever } from '../lib/result';
import { feFor, PORTS, REF } from '../model/reference-numbers';
import type { RegistrarPool } from '../model/topology-index';
import type { FrontEndPool, HaMode, NodeOfKind, TopologyNode } from '../model/schema';
import { catalogueMessage, defineRule } from './define-rule';
import { type Pair, pairsOf, targetsOf, wanBetween } from './rule-helpers';
import { label, LONG_LIST, names, num, plural, siteName } from './rule-text';
import type { Hit, Rule } from './types';
import { fam2019, productVersionLabel } from '../model/product-versions';

const both = (p: Pair): string => `${label(p.a)} and ${label(p.b)}`;
const pairHit = (p: Pair, message: string | (() => string), extraNodes: readonly string[] = []): Hit => ({
  nodeIds: [p.a.id, p.b.id, ...extraNodes],
  linkIds: p.links.map((l) => l.id),
  message,
});
const isFe = (n: RegistrarPool): n is FrontEndPool => n.kind === 'frontEndPool';

function haModeWords(m: HaMode): string {
  switch (m) {
    case 'none':
      return 'no high availability';
    case 'mirroring':
      return 'SQL mirroring';
    case 'alwaysOnAg':
      return 'an AlwaysOn Availability Group';
    case 'alwaysOnFci':
      return 'an AlwaysOn Failover Cluster Instance';
    case 'sqlFailoverCluster':
      return 'SQL failover clustering';
    default:
      return assertNever(m);
  }
}

// ---------------------------------------------------------------- messages worded when read
// These info rules fire for every pair (or backed-up pool) of a large design; their text
// is built only when a finding is read (Hit.message), from the values captured here.

const smbMessage = (p: Pair, fa: readonly TopologyNode[], fb: readonly TopologyNode[]) => (): string => {
  const stores = (fs: readonly TopologyNode[]) => (fs.length ? names(fs, LONG_LIST) : 'none drawn yet');
  const servers = (n: RegistrarPool) => (isFe(n) ? `every Front End server of ${label(n)}` : label(n));
  return `The Backup Service copies data over SMB (TCP ${PORTS.backupServiceSmb}), unencrypted, from ${servers(p.a)} to the file store used by ${label(p.b)} (${stores(fb)}), and from ${servers(p.b)} to the file store used by ${label(p.a)} (${stores(fa)}).`;
};

const voiceCheckboxMessage = (p: Pair) => (): string =>
  `${both(p)}: "Automatic failover and failback for Voice" only covers voice (backup registrar); failing the pool over and back stays a manual cmdlet operation.`;

const lisMessage = (p: Pair) => (): string =>
  `${both(p)}: the Location Information Server (E9-1-1) database is not copied to the backup pool; back it up regularly and restore it there after a failover.`;

const branchDrMessage =
  (p: RegistrarPool, branches: readonly NodeOfKind<'survivableBranch'>[], partners: readonly TopologyNode[]) => (): string => {
    const users = branches.reduce((sum, b) => sum + b.users, 0);
    return `Disaster recovery does not extend to users homed on branch appliances: if ${label(p)} fails, the ${num(users)} users of ${names(branches, LONG_LIST)} drop to resiliency mode while the pool's own users fail over${partners.length ? ` to ${names(partners, LONG_LIST)}` : ''}.`;
  };

export const PAIR_RULES: readonly Rule[] = [
  // ---------------------------------------------------------------- tier 1
  defineRule('PAIR-ONE-TO-ONE', 'Pool paired with several pools', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.registrars()) {
      const partners = ix.distinctPartners(p.id);
      if (partners.length < 2) continue;
      hits.push({
        nodeIds: [p.id, ...partners.map((x) => x.id)],
        linkIds: ix.touching(p.id, 'pairing').map((l) => l.id),
        message: `${label(p)} is paired with ${num(partners.length)} pools (${names(partners, LONG_LIST)}): a pool can back up exactly one other pool, and this one is paired with several.`,
      });
    }
    return hits;
  }),

  defineRule('PAIR-SYMMETRIC', 'Self or duplicate pairing', (ix) => {
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('pairing')) {
      if (l.from !== l.to) continue;
      const n = ix.node(l.from);
      hits.push({
        nodeIds: [l.from],
        linkIds: [l.id],
        message: `${n ? label(n) : l.from} is paired with itself (link ${l.id}): a pairing must be one mutual backup relationship between two different pools.`,
        fix: 'Remove the self-pairing.',
      });
    }
    for (const p of pairsOf(ix)) {
      if (p.links.length < 2) continue;
      hits.push({
        ...pairHit(
          p,
          `${both(p)} are joined by ${num(p.links.length)} pairing links (${p.links.map((l) => l.id).join(', ')}): a pairing must be one mutual backup relationship between two different pools.`,
        ),
        fix: `Keep one pairing link between ${both(p)} and remove the others.`,
      });
    }
    return hits;
  }),

  defineRule('PAIR-SAME-EDITION', 'Enterprise pool paired with Standard Edition', (ix) =>
    pairsOf(ix)
      .filter((p) => p.a.kind !== p.b.kind)
      .map((p) => {
        const [ee, se] = p.a.kind === 'frontEndPool' ? [p.a, p.b] : [p.b, p.a];
        return pairHit(
          p,
          `The Enterprise Edition pool ${label(ee)} is paired with the Standard Edition server ${label(se)}: an Enterprise Edition pool may be paired only with another Enterprise pool and a Standard Edition server only with another SE server; Topology Builder allows the mix, but it is not supported.`,
        );
      }),
  ),

  defineRule('PAIR-SAME-HOSTING', 'Physical pool paired with virtual pool', (ix) =>
    pairsOf(ix)
      .filter((p) => p.a.hosting !== p.b.hosting)
      .map((p) =>
        pairHit(
          p,
          `${label(p.a)} is ${p.a.hosting} and ${label(p.b)} is ${p.b.hosting}: paired pools must both be physical or both be virtual.`,
        ),
      ),
  ),

  defineRule('PAIR-SAME-OS', 'Paired pools on different Windows Server versions', (ix) =>
    pairsOf(ix)
      .filter((p) => p.a.os !== p.b.os)
      .map((p) =>
        pairHit(
          p,
          `${label(p.a)} runs ${p.a.os} and ${label(p.b)} runs ${p.b.os}: paired pools must run the same Windows Server version.`,
        ),
      ),
  ),

  defineRule('PAIR-SAME-VERSION', 'Paired pools of different product versions', (ix) =>
    pairsOf(ix)
      // 2019 with Subscription Edition is SUB-PAIR-2019 (not confirmed either way).
      .filter((p) => p.a.productVersion !== p.b.productVersion && !(fam2019(p.a.productVersion) && fam2019(p.b.productVersion)))
      .map((p) =>
        pairHit(
          p,
          `These paired pools run different product versions (${label(p.a)}: ${productVersionLabel(p.a.productVersion)}, ${label(p.b)}: ${productVersionLabel(p.b.productVersion)}), and failing over between them in disaster mode is not supported.`,
        ),
      ),
  ),

  defineRule('PAIR-DIFFERENT-DATACENTER', 'Paired pools in one data center', (ix) =>
    pairsOf(ix)
      .filter((p) => ix.dc(p.a.siteId) === ix.dc(p.b.siteId))
      .map((p) => {
        const where =
          p.a.siteId === p.b.siteId
            ? `both in site ${siteName(ix, p.a.siteId)}`
            : `sites ${siteName(ix, p.a.siteId)} and ${siteName(ix, p.b.siteId)} are both in data center "${ix.dc(p.a.siteId)}"`;
        return pairHit(p, `${both(p)} are paired but are in the same data center (${where}), so one disaster can take out both.`);
      }),
  ),

  defineRule('PAIR-SAME-REGION', 'Paired pools in different world regions', (ix) => {
    const hits: Hit[] = [];
    for (const p of pairsOf(ix)) {
      const ra = ix.region(p.a.siteId);
      const rb = ix.region(p.b.siteId);
      if (ra === undefined || rb === undefined || ra === rb) continue;
      hits.push(
        pairHit(
          p,
          `${label(p.a)} (region ${ra}) and ${label(p.b)} (region ${rb}) are paired across world regions; replication lag can cost more data, and the published recovery targets assume one region.`,
        ),
      );
    }
    return hits;
  }),

  defineRule('PAIR-CAPACITY-MAX', 'Pair too large for one surviving pool', (ix) => {
    const hits: Hit[] = [];
    for (const p of pairsOf(ix)) {
      const { a, b } = p;
      if (!isFe(a) || !isFe(b)) continue;
      // The lower version's limit: the smaller one.
      const max = Math.min(REF.maxPoolUsers[a.productVersion], REF.maxPoolUsers[b.productVersion]);
      const loadA = ix.failoverLoad(a, b);
      const loadB = ix.failoverLoad(b, a);
      if (loadA <= max && loadB <= max) continue;
      const [survivor, failed, total] = loadA >= loadB ? [a, b, loadA] : [b, a, loadB];
      hits.push(
        pairHit(
          p,
          `After a failover one pool of this pair would carry ${num(total)} users (${label(survivor)} keeping its ${num(ix.registrarUsers(survivor))} and taking the ${num(failed.users)} of ${label(failed)}), more than a single pool supports (${num(max)}); that is why paired pools are planned at ${num(REF.maxPairedPoolUsers['2015'])} (2015) or ${num(REF.maxPairedPoolUsers['2019'])} (2019) users each.`,
        ),
      );
    }
    return hits;
  }),

  defineRule('PAIR-CAPACITY-SERVERS', 'Too few servers to absorb the partner', (ix) => {
    const hits: Hit[] = [];
    for (const p of pairsOf(ix)) {
      if (!isFe(p.a) || !isFe(p.b)) continue;
      for (let k = 0; k < 2; k++) {
        const [x, y] = k === 0 ? [p.a, p.b] : [p.b, p.a];
        const load = ix.failoverLoad(x, y);
        const need = feFor(load);
        if (need <= x.frontEndServers) continue;
        const max = REF.maxFe[x.productVersion];
        hits.push({
          nodeIds: [x.id, y.id],
          linkIds: p.links.map((l) => l.id),
          message: `${label(x)} has ${plural(x.frontEndServers, 'Front End server')} but would carry ${num(load)} users after ${label(y)} fails over to it, which needs ${num(need)} (${num(REF.usersPerFe)} users per server): this pool does not have enough Front End servers to carry the users of both pools after a failover.`,
          fix:
            need <= max
              ? `Add ${plural(need - x.frontEndServers, 'Front End server')} to ${label(x)} (${num(need)} in all; the ${x.productVersion} maximum is ${max}).`
              : `${num(need)} Front End servers would be needed, more than the ${x.productVersion} maximum of ${max}: reduce the users in the pair or add another pair.`,
        });
      }
    }
    return hits;
  }),

  defineRule('PAIR-SE-CAPACITY', 'Standard Edition server above 2,500 users', (ix) => {
    const hits: Hit[] = [];
    for (const se of ix.ofKind('standardEditionServer')) {
      const users = ix.registrarUsers(se);
      if (users <= REF.seUsers) continue;
      const partners = ix.distinctPartners(se.id);
      hits.push({
        nodeIds: [se.id, ...partners.map((x) => x.id)],
        message: `${label(se)} homes ${num(users)} users: a Standard Edition server is sized for ${num(REF.seUsers)} users so that its partner can carry ${num(REF.seUsersWithPartner)} after a failover; this one homes more.`,
      });
    }
    return hits;
  }),

  defineRule('PAIR-SE-RECOMMENDED', 'Unpaired Standard Edition server', (ix) => {
    const hits: Hit[] = [];
    for (const se of ix.ofKind('standardEditionServer')) {
      const users = ix.registrarUsers(se);
      if (users <= 0 || ix.touching(se.id, 'pairing').length > 0) continue;
      hits.push({
        nodeIds: [se.id],
        message: `${label(se)} homes ${num(users)} users and has no partner: a Standard Edition server that homes users should always be deployed as one of a pair.`,
      });
    }
    return hits;
  }),

  defineRule('PAIR-SAME-BE-HA-MODE', 'Paired pools with different Back End HA', (ix) => {
    const hits: Hit[] = [];
    for (const p of pairsOf(ix)) {
      if (!isFe(p.a) || !isFe(p.b)) continue;
      const ba = ix.backEnd(p.a.id);
      const bb = ix.backEnd(p.b.id);
      if (!ba || !bb || ba.haMode === bb.haMode) continue;
      hits.push(
        pairHit(
          p,
          `${label(p.a)} protects its Back End ${label(ba)} with ${haModeWords(ba.haMode)} and its partner ${label(p.b)} its Back End ${label(bb)} with ${haModeWords(bb.haMode)}: a pair should use one method on both sides.`,
          [ba.id, bb.id],
        ),
      );
    }
    return hits;
  }),

  defineRule('PAIR-FILESTORE-DISTINCT', 'Paired pools share one file store', (ix) => {
    const hits: Hit[] = [];
    for (const p of pairsOf(ix)) {
      // The index hands out one object per node, so the same store is the same object.
      const ofB = targetsOf(ix, p.b.id, 'fileStore');
      if (ofB.length === 0) continue;
      const shared = targetsOf(ix, p.a.id, 'fileStore').filter((f) => ofB.includes(f));
      if (shared.length === 0) continue;
      hits.push(
        pairHit(
          p,
          `${both(p)} are paired but share the file store ${names(shared, LONG_LIST)}, so both depend on the site that holds it, and conference content has no copy in the partner's store.`,
          shared.map((f) => f.id),
        ),
      );
    }
    return hits;
  }),

  // ---------------------------------------------------------------- tier 2
  defineRule('PAIR-SMB-TO-PARTNER-STORE', 'Backup Service traffic over SMB', (ix) =>
    pairsOf(ix).map((p) => {
      const fa = targetsOf(ix, p.a.id, 'fileStore');
      const fb = targetsOf(ix, p.b.id, 'fileStore');
      return pairHit(
        p,
        smbMessage(p, fa, fb),
        [...fa, ...fb].map((f) => f.id),
      );
    }),
  ),

  defineRule('PAIR-VOICE-CHECKBOX', 'Voice failover covers voice only', (ix) =>
    pairsOf(ix)
      .filter((p) => p.links.some((l) => l.voiceFailover === true))
      .map((p) => pairHit(p, voiceCheckboxMessage(p))),
  ),

  defineRule('PAIR-EXISTING-POOLS', 'Pairing pools that already exist', (ix) =>
    pairsOf(ix)
      .filter((p) => [p.a, p.b].some((n) => isFe(n) && n.deployed === true))
      .map((p) => {
        const deployed = [p.a, p.b].filter((n) => isFe(n) && n.deployed === true);
        return pairHit(
          p,
          `${both(p)} are paired and ${names(deployed, LONG_LIST)} ${deployed.length === 1 ? 'is' : 'are'} already deployed: pairing pools that already exist needs extra work on every Front End server of both pools: Bootstrapper, the installed cumulative update again, the Backup Service start and a forced sync.`,
        );
      }),
  ),

  defineRule('PAIR-LIS-NOT-REPLICATED', 'LIS database not replicated', (ix) => pairsOf(ix).map((p) => pairHit(p, lisMessage(p)))),

  defineRule('PAIR-SBA-NO-DR', 'Branch users do not fail over', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.registrars()) {
      const branches = ix.branchesBackedBy(p.id);
      if (branches.length === 0 || ix.touching(p.id, 'pairing').length === 0) continue;
      hits.push({
        nodeIds: [p.id, ...branches.map((b) => b.id)],
        message: branchDrMessage(p, branches, ix.distinctPartners(p.id)),
      });
    }
    return hits;
  }),

  // ---------------------------------------------------------------- format v2
  defineRule('PAIR-LINK-SECURED', 'Backup Service over an unsecured WAN', (ix) => {
    const hits: Hit[] = [];
    for (const p of pairsOf(ix)) {
      const wan = wanBetween(ix, p.a.siteId, p.b.siteId);
      if (wan === 'unknown' || wan === 'same' || (wan !== 'none' && wan.secured)) continue;
      const how = wan === 'none' ? 'no WAN link joins their sites' : 'the WAN link between their sites is not secured';
      const hit = pairHit(
        p,
        `${both(p)} are paired and ${how} (${siteName(ix, p.a.siteId)}, ${siteName(ix, p.b.siteId)}). ${catalogueMessage('PAIR-LINK-SECURED')}`,
      );
      // The WAN link is named too, so its line on the canvas carries the badge.
      hits.push(wan === 'none' ? hit : { ...hit, linkIds: [...(hit.linkIds ?? []), wan.id] });
    }
    return hits;
  }),
];
