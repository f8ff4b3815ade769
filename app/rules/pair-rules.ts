/** PAIR rules of shared/domain/rules.md: pool pairing and the Backup Service. */
import { assertNever } from '../lib/result';
import { feFor, PORTS, REF } from '../model/reference-numbers';
import { isRegistrar, type RegistrarPool, type TopologyIndex } from '../model/topology-index';
import type { FrontEndPool, HaMode, LinkOfKind, TopologyNode } from '../model/schema';
import { defineRule, label } from './define-rule';
import { fmt, names, partnersOf, plural, registrarUsersOf } from './fe-rules';
import type { Hit, Rule } from './types';

/** Two paired nodes and every `pairing` link that joins them (more than one is PAIR-SYMMETRIC). */
export interface Pair {
  a: RegistrarPool;
  b: RegistrarPool;
  links: LinkOfKind<'pairing'>[];
}

const pairCache = new WeakMap<TopologyIndex, Pair[]>();

/**
 * The distinct pairs of the document, one entry per two nodes however many links join
 * them, so that "one finding per pair" holds; `a` is the `from` end of the first link.
 * Self-pairings (refused by parseTopology) are left out: PAIR-SYMMETRIC reports them.
 */
export function pairsOf(ix: TopologyIndex): Pair[] {
  const cached = pairCache.get(ix);
  if (cached) return cached;
  const byKey = new Map<string, Pair>();
  for (const l of ix.linksOfKind('pairing')) {
    if (l.from === l.to) continue;
    const a = ix.node(l.from);
    const b = ix.node(l.to);
    if (!isRegistrar(a) || !isRegistrar(b)) continue;
    const key = l.from < l.to ? `${l.from}\u0000${l.to}` : `${l.to}\u0000${l.from}`;
    const p = byKey.get(key);
    if (p) p.links.push(l);
    else byKey.set(key, { a, b, links: [l] });
  }
  const pairs = [...byKey.values()];
  pairCache.set(ix, pairs);
  return pairs;
}

const both = (p: Pair): string => `${label(p.a)} and ${label(p.b)}`;
const pairHit = (p: Pair, message: string, extraNodes: readonly string[] = []): Hit => ({
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

/** `fileStore` nodes a pool has a `fileStore` link to. */
function fileStoresOf(ix: TopologyIndex, id: string): TopologyNode[] {
  const out = new Map<string, TopologyNode>();
  for (const l of ix.out(id, 'fileStore')) {
    const n = ix.node(l.to);
    if (n) out.set(n.id, n);
  }
  return [...out.values()];
}

function siteName(ix: TopologyIndex, siteId: string): string {
  const s = ix.site(siteId);
  return s ? label(s) : siteId;
}

export const PAIR_RULES: readonly Rule[] = [
  // ---------------------------------------------------------------- tier 1
  defineRule('PAIR-ONE-TO-ONE', 'Pool paired with several pools', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.registrars()) {
      const partners = partnersOf(ix, p.id);
      if (partners.length < 2) continue;
      hits.push({
        nodeIds: [p.id, ...partners.map((x) => x.id)],
        linkIds: ix.touching(p.id, 'pairing').map((l) => l.id),
        message: `${label(p)} is paired with ${fmt(partners.length)} pools (${names(partners)}): a pool can back up exactly one other pool, and this one is paired with several.`,
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
        ...pairHit(p, `${both(p)} are joined by ${fmt(p.links.length)} pairing links (${p.links.map((l) => l.id).join(', ')}): a pairing must be one mutual backup relationship between two different pools.`),
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
      .map((p) => pairHit(p, `${label(p.a)} is ${p.a.hosting} and ${label(p.b)} is ${p.b.hosting}: paired pools must both be physical or both be virtual.`)),
  ),

  defineRule('PAIR-SAME-OS', 'Paired pools on different Windows Server versions', (ix) =>
    pairsOf(ix)
      .filter((p) => p.a.os !== p.b.os)
      .map((p) => pairHit(p, `${label(p.a)} runs ${p.a.os} and ${label(p.b)} runs ${p.b.os}: paired pools must run the same Windows Server version.`)),
  ),

  defineRule('PAIR-SAME-VERSION', 'Paired pools of different product versions', (ix) =>
    pairsOf(ix)
      .filter((p) => p.a.productVersion !== p.b.productVersion)
      .map((p) =>
        pairHit(
          p,
          `These paired pools run different product versions (${label(p.a)}: Skype for Business Server ${p.a.productVersion}, ${label(p.b)}: ${p.b.productVersion}), and failing over between them in disaster mode is not supported.`,
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
        pairHit(p, `${label(p.a)} (region ${ra}) and ${label(p.b)} (region ${rb}) are paired across world regions; replication lag can cost more data, and the published recovery targets assume one region.`),
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
          `After a failover one pool of this pair would carry ${fmt(total)} users (${label(survivor)} keeping its ${fmt(registrarUsersOf(ix, survivor))} and taking the ${fmt(failed.users)} of ${label(failed)}), more than a single pool supports (${fmt(max)}); that is why paired pools are planned at ${fmt(REF.maxPairedPoolUsers['2015'])} (2015) or ${fmt(REF.maxPairedPoolUsers['2019'])} (2019) users each.`,
        ),
      );
    }
    return hits;
  }),

  defineRule('PAIR-CAPACITY-SERVERS', 'Too few servers to absorb the partner', (ix) => {
    const hits: Hit[] = [];
    for (const p of pairsOf(ix)) {
      if (!isFe(p.a) || !isFe(p.b)) continue;
      for (const [x, y] of [
        [p.a, p.b],
        [p.b, p.a],
      ] as const) {
        const load = ix.failoverLoad(x, y);
        const need = feFor(load);
        if (need <= x.frontEndServers) continue;
        const max = REF.maxFe[x.productVersion];
        hits.push({
          nodeIds: [x.id, y.id],
          linkIds: p.links.map((l) => l.id),
          message: `${label(x)} has ${plural(x.frontEndServers, 'Front End server')} but would carry ${fmt(load)} users after ${label(y)} fails over to it, which needs ${fmt(need)} (${fmt(REF.usersPerFe)} users per server): this pool does not have enough Front End servers to carry the users of both pools after a failover.`,
          fix:
            need <= max
              ? `Add ${plural(need - x.frontEndServers, 'Front End server')} to ${label(x)} (${fmt(need)} in all; the ${x.productVersion} maximum is ${max}).`
              : `${fmt(need)} Front End servers would be needed, more than the ${x.productVersion} maximum of ${max}: reduce the users in the pair or add another pair.`,
        });
      }
    }
    return hits;
  }),

  defineRule('PAIR-SE-CAPACITY', 'Standard Edition server above 2,500 users', (ix) => {
    const hits: Hit[] = [];
    for (const se of ix.ofKind('standardEditionServer')) {
      const users = registrarUsersOf(ix, se);
      if (users <= REF.seUsers) continue;
      const partners = partnersOf(ix, se.id);
      hits.push({
        nodeIds: [se.id, ...partners.map((x) => x.id)],
        message: `${label(se)} homes ${fmt(users)} users: a Standard Edition server is sized for ${fmt(REF.seUsers)} users so that its partner can carry ${fmt(REF.seUsersWithPartner)} after a failover; this one homes more.`,
      });
    }
    return hits;
  }),

  defineRule('PAIR-SE-RECOMMENDED', 'Unpaired Standard Edition server', (ix) => {
    const hits: Hit[] = [];
    for (const se of ix.ofKind('standardEditionServer')) {
      const users = registrarUsersOf(ix, se);
      if (users <= 0 || ix.touching(se.id, 'pairing').length > 0) continue;
      hits.push({
        nodeIds: [se.id],
        message: `${label(se)} homes ${fmt(users)} users and has no partner: a Standard Edition server that homes users should always be deployed as one of a pair.`,
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
      const ofB = new Set(fileStoresOf(ix, p.b.id).map((f) => f.id));
      const shared = fileStoresOf(ix, p.a.id).filter((f) => ofB.has(f.id));
      if (shared.length === 0) continue;
      hits.push(
        pairHit(
          p,
          `${both(p)} are paired but share the file store ${names(shared)}, so both depend on the site that holds it, and conference content has no copy in the partner's store.`,
          shared.map((f) => f.id),
        ),
      );
    }
    return hits;
  }),

  // ---------------------------------------------------------------- tier 2
  defineRule('PAIR-SMB-TO-PARTNER-STORE', 'Backup Service traffic over SMB', (ix) =>
    pairsOf(ix).map((p) => {
      const fa = fileStoresOf(ix, p.a.id);
      const fb = fileStoresOf(ix, p.b.id);
      const stores = (fs: TopologyNode[]) => (fs.length ? names(fs) : 'none drawn yet');
      const servers = (n: RegistrarPool) => (isFe(n) ? `every Front End server of ${label(n)}` : label(n));
      return pairHit(
        p,
        `The Backup Service copies data over SMB (TCP ${PORTS.backupServiceSmb}), unencrypted, from ${servers(p.a)} to the file store used by ${label(p.b)} (${stores(fb)}), and from ${servers(p.b)} to the file store used by ${label(p.a)} (${stores(fa)}).`,
        [...new Set([...fa, ...fb].map((f) => f.id))],
      );
    }),
  ),

  defineRule('PAIR-VOICE-CHECKBOX', 'Voice failover covers voice only', (ix) =>
    pairsOf(ix)
      .filter((p) => p.links.some((l) => l.voiceFailover === true))
      .map((p) =>
        pairHit(
          p,
          `${both(p)}: "Automatic failover and failback for Voice" only covers voice (backup registrar); failing the pool over and back stays a manual cmdlet operation.`,
        ),
      ),
  ),

  defineRule('PAIR-EXISTING-POOLS', 'Pairing pools that already exist', (ix) =>
    pairsOf(ix)
      .filter((p) => [p.a, p.b].some((n) => isFe(n) && n.deployed === true))
      .map((p) => {
        const deployed = [p.a, p.b].filter((n) => isFe(n) && n.deployed === true);
        return pairHit(
          p,
          `${both(p)} are paired and ${names(deployed)} ${deployed.length === 1 ? 'is' : 'are'} already deployed: pairing pools that already exist needs extra work on every Front End server of both pools: Bootstrapper, the installed cumulative update again, the Backup Service start and a forced sync.`,
        );
      }),
  ),

  defineRule('PAIR-LIS-NOT-REPLICATED', 'LIS database not replicated', (ix) =>
    pairsOf(ix).map((p) =>
      pairHit(p, `${both(p)}: the Location Information Server (E9-1-1) database is not copied to the backup pool; back it up regularly and restore it there after a failover.`),
    ),
  ),

  defineRule('PAIR-SBA-NO-DR', 'Branch users do not fail over', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.registrars()) {
      const branches = ix.branchesBackedBy(p.id);
      if (branches.length === 0) continue;
      const partners = partnersOf(ix, p.id);
      if (ix.touching(p.id, 'pairing').length === 0) continue;
      const users = branches.reduce((sum, b) => sum + b.users, 0);
      hits.push({
        nodeIds: [p.id, ...branches.map((b) => b.id)],
        message: `Disaster recovery does not extend to users homed on branch appliances: if ${label(p)} fails, the ${fmt(users)} users of ${names(branches)} drop to resiliency mode while the pool's own users fail over${partners.length ? ` to ${names(partners)}` : ''}.`,
      });
    }
    return hits;
  }),
];
