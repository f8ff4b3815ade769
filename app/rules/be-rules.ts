/**
 * BE rules (docs/rules.md): Back End SQL stores and their high availability
 * (ids BE-* and SQL-*). Each check walks the stores, links or pools once and groups by
 * key (host, port, role) with maps, so the family stays linear in the document size.
 */
import { PORTS, RECOVERY, REF, SUPPORTED, autoFailoverMax } from '../model/reference-numbers';
import type { ProductVersion, SqlStore, StoreRole, TopologyNode } from '../model/schema';
import { hasProductVersion } from '../model/schema';
import {
  cuNumber,
  host,
  instanceKey,
  isRegistrar,
  sqlCu,
  sqlHosts,
  sqlSp,
  type RegistrarPool,
  type TopologyIndex,
} from '../model/topology-index';
import { catalogueMessage, defineRule } from './define-rule';
import { backEndsByHost, nodesByHost } from './rule-helpers';
import { label, labelSeries, noun, series, STORE_ROLE_LABEL } from './rule-text';
import type { Hit, Rule } from './types';
import { fam2019, legacy, productVersionLabel, SUBSCRIPTION_EDITION, verRank, versionWord } from '../model/product-versions';
import { productVersionOf } from '../model/schema';

// ---------------------------------------------------------------- helpers

const CLUSTER_MODES: ReadonlySet<SqlStore['haMode']> = new Set(['alwaysOnFci', 'sqlFailoverCluster']);
const BUILT_OUTSIDE_TB: ReadonlySet<SqlStore['haMode']> = new Set(['alwaysOnAg', 'alwaysOnFci', 'sqlFailoverCluster']);
const MON_ARCH: ReadonlySet<StoreRole> = new Set(['monitoring', 'archiving']);
const INSTANCE_ROLES: readonly StoreRole[] = ['monitoring', 'archiving', 'persistentChat', 'persistentChatCompliance'];

/** Domains compare without case; an absent domain is never "different". */
const domainsDiffer = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.toLowerCase() !== b.toLowerCase();

const sqlStoreAt = (ix: TopologyIndex, id: string): SqlStore | undefined => {
  const n = ix.node(id);
  return n?.kind === 'sqlStore' ? n : undefined;
};

/**
 * The pools (registrar and Persistent Chat) of version `v` (or of the versions `v` accepts)
 * that use `s` directly or use a store reaching it by mirror, witness or log shipping: the
 * pools `versionsUsing` counts.
 */
function poolsOfVersion(ix: TopologyIndex, s: SqlStore, v: ProductVersion | ((v: string) => boolean)): TopologyNode[] {
  const accepts = typeof v === 'function' ? v : (x: string) => x === v;
  return ix.poolsUsingTransitively(s.id).filter((p) => hasProductVersion(p) && accepts(p.productVersion));
}

/** Whether one of `versions` passes `accepts` (asked of every store: no copy of the set). */
function anyVersion(versions: ReadonlySet<string>, accepts: (v: string) => boolean): boolean {
  for (const v of versions) if (accepts(v)) return true;
  return false;
}

/** "Skype for Business Server 2019" or "Skype for Business Server 2019 and Subscription Edition": the products of `pools`. */
function productsOf(pools: readonly TopologyNode[]): string {
  const versions = [...new Set(pools.map((p) => productVersionOf(p)).filter((v) => v !== undefined))].sort(
    (a, b) => verRank(a) - verRank(b),
  );
  if (versions.length === 1) return productVersionLabel(versions[0]!);
  return `Skype for Business Server ${series(versions.map(versionWord))}`;
}

/** "serves Skype for Business Server v pool X", saying so when some of the pools reach `s` only through a partner store. */
function servesPhrase(ix: TopologyIndex, s: SqlStore, pools: readonly TopologyNode[]): string {
  const direct = new Set(ix.poolsUsing(s.id));
  const through = pools.some((p) => !direct.has(p));
  const what = `${productsOf(pools)} ${noun(pools.length, 'pool')} ${labelSeries(pools)}`;
  return through ? `serves ${what} (as a mirror, witness or log-shipping partner of its store)` : `serves ${what}`;
}

/** The other stores joined to `s` by mirror links, in either direction. */
const mirrorPartners = (ix: TopologyIndex, s: SqlStore): SqlStore[] =>
  ix
    .touching(s.id, 'mirror')
    .map((l) => sqlStoreAt(ix, l.from === s.id ? l.to : l.from))
    .filter((x): x is SqlStore => x !== undefined);

/** Union-find over string keys, for grouping stores that share SQL servers; only joined keys take room. */
class Groups {
  private readonly parent = new Map<string, string>();
  private root(x: string): string {
    let root = x;
    for (let up = this.parent.get(root); up !== undefined && up !== root; up = this.parent.get(root)) root = up;
    // Path compression keeps later finds near constant.
    let cur = x;
    while (cur !== root) {
      const next = this.parent.get(cur)!;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.root(a);
    const rb = this.root(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
  /** The groups of `members`, in the order of their first member, each member in `members` order. */
  groups(members: readonly string[]): string[][] {
    // Most stores share no server: then every one is a group of its own.
    if (this.parent.size === 0) return members.map((x) => [x]);
    const out = new Map<string, string[]>();
    for (const x of members) {
      const r = this.root(x);
      const g = out.get(r);
      if (g) g.push(x);
      else out.set(r, [x]);
    }
    return [...out.values()];
  }
}

/** Groups `stores` whose `sqlHosts` intersect (one group per set of shared SQL servers). */
function groupBySharedHosts(stores: readonly SqlStore[]): string[][] {
  const g = new Groups();
  const firstOnHost = new Map<string, string>();
  for (const s of stores) {
    for (const h of sqlHosts(s)) {
      const prev = firstOnHost.get(h);
      if (prev === undefined) firstOnHost.set(h, s.id);
      else g.union(prev, s.id);
    }
  }
  return g.groups(stores.map((s) => s.id));
}

/** The hosts two or more of `stores` occupy. */
function sharedHosts(stores: readonly SqlStore[]): string[] {
  const count = new Map<string, number>();
  for (const s of stores) for (const h of sqlHosts(s)) count.set(h, (count.get(h) ?? 0) + 1);
  return [...count].filter(([, n]) => n > 1).map(([h]) => h);
}

const HA_PARTNER_LINKS = ['mirror', 'witness'] as const;

/** Whether a mirror, witness or AG replica of `s` is outside data center `home`: asked before any list is built. */
function partnerAway(ix: TopologyIndex, s: SqlStore, home: string): boolean {
  if (linkAway(ix, ix.out(s.id, 'mirror'), home) || linkAway(ix, ix.out(s.id, 'witness'), home)) return true;
  // Replicas describe the store only when it is an availability group.
  if (s.haMode === 'alwaysOnAg' && s.ag) for (const r of s.ag.replicas) if (ix.dc(r.siteId) !== home) return true;
  return false;
}

/** Whether one of `links` leads to a store outside data center `home`. */
function linkAway(ix: TopologyIndex, links: readonly { to: string }[], home: string): boolean {
  for (const l of links) {
    const t = sqlStoreAt(ix, l.to);
    if (t && ix.dc(t.siteId) !== home) return true;
  }
  return false;
}

/**
 * One finding per store whose SQL version the pools of `v` do not support
 * (BE-SQL-VERSION-2015/-2019). The 2019 rule also judges Subscription Edition pools, which
 * inherit the 2019 list, except a store only Subscription Edition pools use on SQL Server
 * 2022: whether that is supported is not confirmed (SUB-SQL-2022).
 */
function sqlVersionHits(ix: TopologyIndex, v: '2015' | '2019'): Hit[] {
  const allowed = SUPPORTED.sqlForBackEnd[v];
  const accepts = v === '2019' ? fam2019 : (x: string) => x === v;
  const hits: Hit[] = [];
  for (const s of ix.ofKind('sqlStore')) {
    if (allowed.includes(s.sqlVersion)) continue;
    const versions = ix.versionsUsing(s.id) as ReadonlySet<string>;
    if (!anyVersion(versions, accepts)) continue;
    if (v === '2019' && s.sqlVersion === '2022' && !versions.has('2015') && !versions.has('2019')) continue;
    const pools = poolsOfVersion(ix, s, accepts);
    hits.push({
      nodeIds: [s.id, ...pools.map((p) => p.id)],
      message:
        v === '2019'
          ? `${label(s)} runs SQL Server ${s.sqlVersion} and ${servesPhrase(ix, s, pools)}: Skype for Business Server 2019${pools.some((x) => productVersionOf(x) === SUBSCRIPTION_EDITION) ? ', and Subscription Edition with it,' : ''} runs only on SQL Server 2016, 2017 or 2019 (64-bit), and this store uses another version.`
          : `${label(s)} runs SQL Server ${s.sqlVersion} and ${servesPhrase(ix, s, pools)}: Skype for Business Server 2015 lists only SQL Server 2012, 2014, 2016, 2017 and 2019 for its stores, and this store uses another version.`,
      fix: `Move ${label(s)} to SQL Server ${series([...allowed], 'or')}.`,
    });
  }
  return hits;
}

/** BE-HA-TOOLING's message (one per AG or cluster store, most stores of a large design), worded when read (Hit.message). */
const toolingMessage = (s: SqlStore) => (): string =>
  `${label(s)} uses ${s.haMode}: this HA mode is built with SQL Server and Windows tools first and only then associated with the pool in Topology Builder (only mirroring is built by Topology Builder itself).`;

// ---------------------------------------------------------------- rules

export const BE_RULES: readonly Rule[] = [
  // ------------------------------------------------------------ tier 1
  defineRule('BE-HA-RECOMMENDED', 'Back End without high availability', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      const s = ix.backEnd(p.id);
      if (!s || s.haMode !== 'none') continue;
      const mirroringAllowed = !ix.versionsUsing(s.id).has('2019');
      hits.push({
        nodeIds: [p.id, s.id],
        message: `${label(p)} uses ${label(s)} as its Back End, a single SQL Server with no high availability (haMode none), so losing it can lose a large share of the pool's data.`,
        fix: mirroringAllowed
          ? `Set the haMode of ${label(s)} to alwaysOnAg, alwaysOnFci or sqlFailoverCluster (or mirroring, since every pool using it is 2015).`
          : `Set the haMode of ${label(s)} to alwaysOnAg, alwaysOnFci or sqlFailoverCluster (mirroring is not available to Skype for Business Server 2019 pools).`,
      });
    }
    return hits;
  }),

  defineRule('BE-HA-INCOMPLETE', 'High-availability mode only half defined', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      const missing: string[] = [];
      const linkIds: string[] = [];
      const mirrors = ix.out(s.id, 'mirror');
      const witnesses = ix.out(s.id, 'witness');
      if (s.haMode === 'mirroring' && mirrors.length === 0)
        missing.push('haMode is mirroring but no mirror link leads to a mirror store');
      if (s.haMode === 'alwaysOnAg') {
        if (!s.ag) missing.push('haMode is alwaysOnAg but no availability group (listener and replicas) is defined');
        else if (s.ag.replicas.length < 2)
          missing.push(
            `haMode is alwaysOnAg but the availability group lists ${s.ag.replicas.length} ${noun(s.ag.replicas.length, 'replica')}, fewer than 2`,
          );
      }
      if (s.haMode !== 'mirroring' && mirrors.length + witnesses.length > 0) {
        const ls = [...mirrors, ...witnesses];
        linkIds.push(...ls.map((l) => l.id));
        const kinds = series([...new Set(ls.map((l) => l.kind))]);
        missing.push(
          `it has ${kinds} ${noun(ls.length, 'link')} (${ls.map((l) => l.id).join(', ')}) but its haMode is ${s.haMode}, not mirroring`,
        );
      }
      if (missing.length === 0) continue;
      hits.push({
        nodeIds: [s.id],
        linkIds,
        message: `${label(s)}: this store's high-availability mode is only half defined: ${missing.join('; ')}.`,
      });
    }
    return hits;
  }),

  defineRule('BE-CLUSTER-SINGLE-NODE', 'SQL failover cluster with one node', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      if (!CLUSTER_MODES.has(s.haMode)) continue;
      // Written for the missing field: an absent count is a single node.
      const nodes = s.clusterNodes ?? 1;
      if (nodes >= 2) continue;
      hits.push({
        nodeIds: [s.id],
        message: `${label(s)} is declared a SQL failover cluster (${s.haMode}) but has ${s.clusterNodes === undefined ? 'no node count (clusterNodes), read as one node' : `${nodes} node`}; with fewer than two nodes the loss of its one server still takes the databases offline.`,
      });
    }
    return hits;
  }),

  defineRule('BE-SQL-VERSION-2019', 'SQL Server version not supported by 2019', (ix) => sqlVersionHits(ix, '2019')),

  defineRule('BE-SQL-VERSION-2015', 'SQL Server version not supported by 2015', (ix) => sqlVersionHits(ix, '2015')),

  defineRule('BE-SQL-UPDATE-2015', 'SQL Server update level too low for 2015', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      if (s.sqlVersion !== '2016' && s.sqlVersion !== '2014') continue;
      if (!ix.versionsUsing(s.id).has('2015')) continue;
      const pools2015 = poolsOfVersion(ix, s, '2015');
      const sp = sqlSp(s);
      const cu = sqlCu(s);
      const reasons: string[] = [];
      if (s.sqlVersion === '2016') {
        if (sp !== undefined && sp < 1) reasons.push(`it runs SQL Server 2016 at "${s.sqlUpdateLevel}", below Service Pack 1`);
        // The pools that use this store themselves (poolsUsing); one with no cumulativeUpdate is not evaluated.
        const lowCu = ix
          .poolsUsing(s.id)
          .filter((p): p is RegistrarPool => isRegistrar(p) && p.productVersion === '2015' && (cuNumber(p) ?? Infinity) < 7);
        if (lowCu.length > 0)
          reasons.push(
            `${series(lowCu.map((p) => `${label(p)} runs Skype for Business Server 2015 "${p.cumulativeUpdate}"`))}, below CU7, on SQL Server 2016`,
          );
      } else if (sp === 0 && cu !== undefined && cu < 6) {
        // A 2014 level with SP1 or later counts as newer than RTM CU6: the catalogue reads the SQL Server 2014 requirement that way.
        reasons.push(`it runs SQL Server 2014 at "${s.sqlUpdateLevel}", below Cumulative Update 6`);
      }
      if (reasons.length === 0) continue;
      hits.push({
        nodeIds: [s.id, ...pools2015.map((p) => p.id)],
        message: `${label(s)} ${servesPhrase(ix, s, pools2015)}, and ${reasons.join('; ')}. With Skype for Business Server 2015 this SQL Server level is below the supported minimum (SQL 2016 needs SP1 and SfB 2015 CU7 or later; SQL 2014 needs CU6 or later).`,
      });
    }
    return hits;
  }),

  defineRule('BE-SQL2012-HA-SP2CU2', 'SQL Server 2012 HA below SP2 CU2', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      if (s.sqlVersion !== '2012' || s.sqlUpdateLevel === undefined) continue;
      const partners = mirrorPartners(ix, s);
      if (s.haMode === 'none' && partners.length === 0) continue;
      const sp = sqlSp(s)!;
      const cu = sqlCu(s)!;
      if (sp > 2 || (sp === 2 && cu >= 2)) continue;
      const how = s.haMode !== 'none' ? `haMode ${s.haMode}` : `mirroring with ${labelSeries(partners)}`;
      hits.push({
        nodeIds: [s.id, ...partners.map((p) => p.id)],
        message: `${label(s)} uses ${how} on SQL Server 2012 at "${s.sqlUpdateLevel}": SQL Server 2012 supports Back End mirroring, AlwaysOn and failover clustering only from SP2 with CU2.`,
      });
    }
    return hits;
  }),

  defineRule('BE-SQL-EDITION', 'SQL Express as an Enterprise pool Back End', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      const s = ix.backEnd(p.id);
      if (!s || s.sqlEdition !== 'express') continue;
      hits.push({
        nodeIds: [p.id, s.id],
        message: `${label(p)} uses ${label(s)}, a SQL Server Express instance, as its Back End: an Enterprise Edition pool needs a full 64-bit SQL Server (Standard or Enterprise) as its Back End; SQL Server Express is only the built-in store of a Standard Edition server.`,
      });
    }
    return hits;
  }),

  defineRule('BE-MIRROR-2019', 'SQL mirroring for a 2019 or Subscription Edition pool', (ix) => {
    const offending = (s: SqlStore) => ix.mirrored(s) && anyVersion(ix.versionsUsing(s.id), fam2019);
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      if (!offending(s)) continue;
      const partners = mirrorPartners(ix, s);
      // A pure mirror target is named in its principal's finding; report it alone only when no principal is reported.
      const isPrincipal = s.haMode === 'mirroring' || ix.out(s.id, 'mirror').length > 0;
      if (
        !isPrincipal &&
        ix.in(s.id, 'mirror').every((l) => {
          const p = sqlStoreAt(ix, l.from);
          return p !== undefined && offending(p);
        })
      )
        continue;
      const pools = poolsOfVersion(ix, s, fam2019);
      const mirrorText = partners.length > 0 ? `is mirrored with ${labelSeries(partners)}` : 'has haMode mirroring';
      hits.push({
        nodeIds: [s.id, ...partners.map((p) => p.id), ...pools.map((p) => p.id)],
        message: `${label(s)} ${mirrorText} and ${servesPhrase(ix, s, pools)}: ${catalogueMessage('BE-MIRROR-2019')}`,
      });
    }
    return hits;
  }),

  defineRule('BE-MIRROR-SYNC-ONLY', 'Asynchronous Back End mirroring', (ix) => {
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('mirror')) {
      if (l.synchronous !== false) continue;
      const a = sqlStoreAt(ix, l.from);
      const b = sqlStoreAt(ix, l.to);
      if (!a || !b) continue;
      hits.push({
        nodeIds: [a.id, b.id],
        linkIds: [l.id],
        message: `The mirror link ${l.id} from ${label(a)} to ${label(b)} is asynchronous: Back End mirroring is supported only in synchronous (high-safety) mode.`,
        fix: `Set the mirror link ${l.id} to synchronous.`,
      });
    }
    return hits;
  }),

  defineRule('BE-MIRROR-SAME-VERSION', 'Mirror set mixes SQL Server versions', (ix) => {
    const hits: Hit[] = [];
    for (const kind of ['mirror', 'witness'] as const) {
      for (const l of ix.linksOfKind(kind)) {
        const a = sqlStoreAt(ix, l.from);
        const b = sqlStoreAt(ix, l.to);
        if (!a || !b || a.sqlVersion === b.sqlVersion) continue;
        const role = kind === 'mirror' ? 'mirror' : 'witness';
        hits.push({
          nodeIds: [a.id, b.id],
          linkIds: [l.id],
          message: `Principal ${label(a)} runs SQL Server ${a.sqlVersion} and its ${role} ${label(b)} runs SQL Server ${b.sqlVersion}: this mirror set mixes SQL Server versions; principal, mirror and witness need one version.`,
        });
      }
    }
    return hits;
  }),

  defineRule('BE-MIRROR-SAME-EDITION', 'Principal and mirror editions differ', (ix) => {
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('mirror')) {
      const a = sqlStoreAt(ix, l.from);
      const b = sqlStoreAt(ix, l.to);
      if (!a || !b || a.sqlEdition === b.sqlEdition) continue;
      hits.push({
        nodeIds: [a.id, b.id],
        linkIds: [l.id],
        message: `Principal ${label(a)} runs SQL Server ${a.sqlEdition} and its mirror ${label(b)} runs ${b.sqlEdition}: principal and mirror run different SQL Server editions; they must match (only the witness may differ).`,
      });
    }
    return hits;
  }),

  defineRule('BE-WITNESS-RECOMMENDED', 'Mirror without a witness', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      const mirrors = ix.out(s.id, 'mirror');
      if (mirrors.length === 0 || ix.out(s.id, 'witness').length > 0) continue;
      const m = ix.mirrorOf(s.id);
      hits.push({
        nodeIds: m ? [s.id, m.id] : [s.id],
        linkIds: mirrors.map((l) => l.id),
        message: `${label(s)} is mirrored${m ? ` to ${label(m)}` : ''} without a witness: this mirror never fails over by itself; users keep working for about ${RECOVERY.mirrorNoWitnessGraceMinutes} minutes and then drop to Resiliency mode until an administrator fails the Back End over.`,
      });
    }
    return hits;
  }),

  defineRule('BE-MIRROR-SAME-DOMAIN', 'Principal and mirror in different domains', (ix) => {
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('mirror')) {
      const a = sqlStoreAt(ix, l.from);
      const b = sqlStoreAt(ix, l.to);
      if (!a || !b || !domainsDiffer(a.domain, b.domain)) continue;
      hits.push({
        nodeIds: [a.id, b.id],
        linkIds: [l.id],
        message: `Principal ${label(a)} is in domain ${a.domain} and its mirror ${label(b)} in ${b.domain}: the principal and the mirror hold the same databases but sit in different AD domains; a pool's Back End servers must share one domain, and Topology Builder and the SfB cmdlets will not build mirroring across domains.`,
        fix: `Move ${label(b)} into the domain ${a.domain} of ${label(a)} (the pool's domain for a Back End).`,
      });
    }
    return hits;
  }),

  defineRule('BE-MIRROR-PORT-UNIQUE', 'Two instances on one server share a mirroring port', (ix) => {
    // host → port → store id → link ids carrying that port to the store.
    const byHostPort = new Map<string, Map<string, string[]>>();
    const claim = (s: SqlStore | undefined, port: number, linkId: string) => {
      if (!s) return;
      const key = `${host(s)}:${port}`;
      let stores = byHostPort.get(key);
      if (!stores) byHostPort.set(key, (stores = new Map()));
      const ls = stores.get(s.id);
      if (ls) ls.push(linkId);
      else stores.set(s.id, [linkId]);
    };
    for (const l of ix.linksOfKind('mirror')) {
      const port = l.port ?? PORTS.mirror;
      claim(sqlStoreAt(ix, l.from), port, l.id);
      claim(sqlStoreAt(ix, l.to), port, l.id);
    }
    for (const l of ix.linksOfKind('witness')) claim(sqlStoreAt(ix, l.to), l.port ?? PORTS.witness, l.id);

    const hits: Hit[] = [];
    for (const [key, stores] of byHostPort) {
      if (stores.size < 2) continue;
      const nodes = [...stores.keys()].map((id) => sqlStoreAt(ix, id)!);
      // Two nodes naming one instance are one endpoint; only distinct instances clash.
      if (new Set(nodes.map(instanceKey)).size < 2) continue;
      const sep = key.lastIndexOf(':');
      const [h, port] = [key.slice(0, sep), key.slice(sep + 1)];
      const instances = nodes.map((s) => `${label(s)} (instance ${s.instance === '' ? 'default' : s.instance})`);
      hits.push({
        nodeIds: nodes.map((s) => s.id),
        linkIds: [...stores.values()].flat(),
        message: `${series(instances)} on server ${h} all use mirroring endpoint port ${port}: two SQL instances on the same server use the same mirroring endpoint port; each instance needs its own.`,
      });
    }
    return hits;
  }),

  defineRule('BE-MIRROR-SEPARATE-HOSTS', 'Mirror set shares a server', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      const m = ix.mirrorOf(s.id);
      if (!m) continue;
      const w = ix.witnessOf(s.id);
      const which: string[] = [];
      const nodes = new Set<string>();
      if (host(m) === host(s)) {
        which.push(`principal ${label(s)} and mirror ${label(m)} are both on ${host(s)}`);
        nodes.add(s.id).add(m.id);
      }
      if (w && host(w) === host(s)) {
        which.push(`witness ${label(w)} is on the principal's server ${host(s)}`);
        nodes.add(s.id).add(w.id);
      }
      if (w && host(w) === host(m) && host(m) !== host(s)) {
        which.push(`witness ${label(w)} is on the mirror's server ${host(m)}`);
        nodes.add(m.id).add(w.id);
      }
      if (which.length === 0) continue;
      // The principal leads: findings sort by their first node.
      hits.push({
        nodeIds: [s.id, ...nodes],
        message: `Part of the mirror set of ${label(s)} shares one server (${which.join('; ')}): a mirror on the principal's machine is lost together with it, and a witness on a partner's machine cannot decide a failover when that machine goes down.`,
      });
    }
    return hits;
  }),

  defineRule('BE-AG-ACTIVE-PASSIVE', 'Readable availability group replica', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      if (s.haMode !== 'alwaysOnAg' || !s.ag) continue;
      const readable = s.ag.replicas.filter((r) => r.readable);
      if (readable.length === 0) continue;
      hits.push({
        nodeIds: [s.id],
        siteIds: readable.map((r) => r.siteId),
        message: `${label(s)}: ${noun(readable.length, 'replica')} ${series(readable.map((r) => r.fqdn))} ${noun(readable.length, 'is', 'are')} readable; availability groups for SfB must be active/passive: no replica may serve reads.`,
      });
    }
    return hits;
  }),

  defineRule('BE-AG-ENTERPRISE-ONLY', 'Availability group on a non-Enterprise edition', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      if (s.haMode !== 'alwaysOnAg' || s.sqlEdition === 'enterprise') continue;
      hits.push({
        nodeIds: [s.id],
        message: `${label(s)} is an availability group on SQL Server ${s.sqlVersion} ${s.sqlEdition}: availability groups for SfB need SQL Server Enterprise; on SQL Server 2016, 2017 and 2019 Standard (basic availability groups) they are not supported.`,
      });
    }
    return hits;
  }),

  defineRule('BE-AG-SYNC-AUTO', 'Availability group not synchronous with automatic failover', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      if (s.haMode !== 'alwaysOnAg' || !s.ag) continue;
      const replicas = s.ag.replicas;
      const asynchronous = replicas.filter((r) => r.commitMode === 'asynchronous');
      const manual = replicas.filter((r) => r.failoverMode === 'manual');
      const automatic = replicas.length - manual.length;
      const max = autoFailoverMax(s.sqlVersion);
      const why: string[] = [];
      if (asynchronous.length > 0)
        why.push(`${series(asynchronous.map((r) => r.fqdn))} ${noun(asynchronous.length, 'commits', 'commit')} asynchronously`);
      // Replicas beyond SQL Server's automatic-failover limit have to stay manual.
      if (manual.length > 0 && automatic < max)
        why.push(
          `${series(manual.map((r) => r.fqdn))} ${noun(manual.length, 'fails', 'fail')} over manually although only ${automatic} of the ${max} automatic-failover replicas SQL Server ${s.sqlVersion} allows ${noun(automatic, 'is', 'are')} in use`,
        );
      if (why.length === 0) continue;
      hits.push({
        nodeIds: [s.id],
        siteIds: [...new Set([...asynchronous, ...manual].map((r) => r.siteId))],
        message: `${label(s)}: ${why.join('; ')}. Microsoft's procedure for a Back End availability group sets synchronous commit with automatic failover on every replica; this one does not, so a failover may need manual action or lose recent data.`,
      });
    }
    return hits;
  }),

  defineRule('BE-AG-AUTO-FAILOVER-LIMIT', 'Too many automatic-failover replicas', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      if (s.haMode !== 'alwaysOnAg' || !s.ag) continue;
      let n = 0;
      for (const r of s.ag.replicas) if (r.failoverMode === 'automatic') n++;
      const max = autoFailoverMax(s.sqlVersion);
      if (n <= max) continue;
      hits.push({
        nodeIds: [s.id],
        message: `${label(s)}: this availability group sets automatic failover on ${n} replicas, but SQL Server ${s.sqlVersion} allows it on at most ${max}, the primary included.`,
        fix: `Set failoverMode = manual on ${n - max} of the replicas of ${label(s)}, or build the group with fewer replicas.`,
      });
    }
    return hits;
  }),

  defineRule('BE-AG-LISTENER-PORT', 'Availability group listener not on 1433', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      // An absent port is the default, 1433.
      if (s.haMode !== 'alwaysOnAg' || !s.ag || s.ag.listenerPort === undefined || s.ag.listenerPort === PORTS.agListener)
        continue;
      hits.push({
        nodeIds: [s.id],
        message: `${label(s)}: the availability group listener ${s.ag.listenerFqdn} uses port ${s.ag.listenerPort}; it must use port ${PORTS.agListener}, no other port is supported.`,
      });
    }
    return hits;
  }),

  defineRule('BE-AG-LISTENER-FQDN', 'Store FQDN is not the listener', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      if (s.haMode !== 'alwaysOnAg' || !s.ag || host(s) === s.ag.listenerFqdn.toLowerCase()) continue;
      hits.push({
        nodeIds: [s.id],
        message: `${label(s)} has the SQL Server FQDN ${s.fqdn}, not its listener ${s.ag.listenerFqdn}: after the availability group is built, the store's SQL Server FQDN must be the listener FQDN so that connections follow the primary replica.`,
        fix: `Set the fqdn of ${label(s)} to ${s.ag.listenerFqdn} (the runbook publishes it after the AG is built).`,
      });
    }
    return hits;
  }),

  defineRule('BE-CLUSTER-NODE-LIMIT', 'Too many SQL failover cluster nodes', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      if (!CLUSTER_MODES.has(s.haMode) || s.clusterNodes === undefined) continue;
      if (s.sqlEdition !== 'standard' && s.sqlEdition !== 'enterprise') continue;
      const max = REF.clusterNodes[s.sqlEdition];
      if (s.clusterNodes <= max) continue;
      hits.push({
        nodeIds: [s.id],
        message: `${label(s)} is a ${s.clusterNodes}-node cluster on SQL Server ${s.sqlEdition}: a SQL Server failover cluster for SfB may have at most ${REF.clusterNodes.standard} nodes on Standard edition and ${REF.clusterNodes.enterprise} on Enterprise.`,
      });
    }
    return hits;
  }),

  defineRule('BE-NOT-SHARED', 'Back End shared between pools', (ix) => {
    // Every Back End store with the pools it serves; then groups of stores on common SQL servers.
    const poolsOf = new Map<string, string[]>();
    for (const l of ix.linksOfKind('backEnd')) {
      if (!sqlStoreAt(ix, l.to)) continue;
      const ps = poolsOf.get(l.to);
      if (!ps) poolsOf.set(l.to, [l.from]);
      else if (!ps.includes(l.from)) ps.push(l.from);
    }
    const stores = [...poolsOf.keys()].map((id) => sqlStoreAt(ix, id)!);
    const hits: Hit[] = [];
    for (const group of groupBySharedHosts(stores)) {
      // poolsOf lists each pool once, so a single store's list needs no merging.
      const pools =
        group.length === 1 ? (poolsOf.get(group[0]!) ?? []) : [...new Set(group.flatMap((id) => poolsOf.get(id) ?? []))];
      if (pools.length < 2) continue;
      const groupStores = group.map((id) => sqlStoreAt(ix, id)!);
      const poolNodes = pools.map((id) => ix.node(id)!).filter(Boolean);
      const message =
        groupStores.length === 1
          ? `${label(groupStores[0]!)} is the Back End of ${poolNodes.length} pools (${labelSeries(poolNodes)}): a SQL Server can be the Back End of only one Enterprise Edition pool; sharing a Back End server between pools, through one instance, separate instances or availability groups on the same servers, is not supported.`
          : `The Back End stores ${labelSeries(groupStores)} of ${labelSeries(poolNodes)} run on the same SQL Servers (${series(sharedHosts(groupStores))}): a SQL Server can be the Back End of only one Enterprise Edition pool; sharing a Back End server between pools, through one instance, separate instances or availability groups on the same servers, is not supported.`;
      hits.push({ nodeIds: [...group, ...pools], message });
    }
    return hits;
  }),

  defineRule('BE-INSTANCE-ROLE-LIMIT', 'Two databases of one kind on one SQL Server', (ix) => {
    const byRole = new Map<StoreRole, Set<string>>(INSTANCE_ROLES.map((r) => [r, new Set<string>()]));
    for (const l of ix.linksOfKind('store')) if (sqlStoreAt(ix, l.to)) byRole.get(l.role)!.add(l.to);
    const hits: Hit[] = [];
    for (const role of INSTANCE_ROLES) {
      const stores = [...byRole.get(role)!].map((id) => sqlStoreAt(ix, id)!);
      for (const group of groupBySharedHosts(stores)) {
        if (group.length < 2) continue;
        const groupStores = group.map((id) => sqlStoreAt(ix, id)!);
        hits.push({
          nodeIds: group,
          message: `${labelSeries(groupStores)} each hold a ${STORE_ROLE_LABEL[role]} database on the same SQL Server (${series(sharedHosts(groupStores))}): a SQL instance, and a database server as a whole, may hold only one database of each kind (Back End, Monitoring, Archiving, Persistent Chat, Persistent Chat compliance).`,
          fix: `Move the second ${STORE_ROLE_LABEL[role]} database to another SQL Server.`,
        });
      }
    }
    return hits;
  }),

  defineRule('BE-LOCAL-TO-POOL', 'Back End in another data center', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      const s = ix.backEnd(p.id);
      if (!s || ix.dc(s.siteId) === ix.dc(p.siteId)) continue;
      hits.push({
        nodeIds: [p.id, s.id],
        siteIds: [p.siteId, s.siteId],
        message: `${label(p)} is in data center ${ix.dc(p.siteId)} and its Back End ${label(s)} in ${ix.dc(s.siteId)}: the Back End should be local to its Front End servers, not reached across a WAN link.`,
        fix: `Place ${label(s)} in the site of ${label(p)}.`,
      });
    }
    return hits;
  }),

  defineRule('BE-HA-PARTNER-SITE', 'Back End HA partner in another data center', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      const s = ix.backEnd(p.id);
      if (!s) continue;
      const home = ix.dc(p.siteId);
      if (!partnerAway(ix, s, home)) continue;
      const away: string[] = [];
      const nodeIds: string[] = [p.id, s.id];
      const siteIds = new Set<string>();
      for (const kind of HA_PARTNER_LINKS) {
        for (const l of ix.out(s.id, kind)) {
          const t = sqlStoreAt(ix, l.to);
          if (!t || ix.dc(t.siteId) === home) continue;
          away.push(`${kind} ${label(t)} is in ${ix.dc(t.siteId)}`);
          nodeIds.push(t.id);
          siteIds.add(t.siteId);
        }
      }
      // Replicas describe the store only when it is an availability group.
      if (s.haMode === 'alwaysOnAg' && s.ag)
        for (const r of s.ag.replicas) {
          if (ix.dc(r.siteId) === home) continue;
          away.push(`replica ${r.fqdn} is in ${ix.dc(r.siteId)}`);
          siteIds.add(r.siteId);
        }
      if (away.length === 0) continue;
      hits.push({
        nodeIds,
        siteIds: [p.siteId, ...siteIds],
        message: `${label(p)} is in data center ${home}, but for its Back End ${label(s)} the ${away.join('; the ')}: a Back End HA partner of this pool is in another data center; no page we read supports cross-site Back End HA, and site-level recovery is what pool pairing is for.`,
      });
    }
    return hits;
  }),

  defineRule('BE-SAME-DOMAIN', 'Pool and Back End in different domains', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      if (p.domain === undefined) continue;
      const s = ix.backEnd(p.id);
      if (!s) continue;
      const off: SqlStore[] = [];
      if (domainsDiffer(s.domain, p.domain)) off.push(s);
      const m = ix.mirrorOf(s.id);
      if (m && domainsDiffer(m.domain, p.domain)) off.push(m);
      if (off.length === 0) continue;
      const store = series(off.map((x) => `${label(x)}, domain ${x.domain}`));
      hits.push({
        nodeIds: [p.id, ...off.map((x) => x.id)],
        message: `${label(p)} is in domain ${p.domain}: this pool and one of its Back End SQL Servers (${store}) are in different AD domains; they must share one.`,
        fix: `Move ${labelSeries(off)} into the pool's domain ${p.domain}.`,
      });
    }
    return hits;
  }),

  defineRule('BE-TWO-FE-NO-HA', 'Two-server 2015 pool without Back End HA', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      if (p.productVersion !== '2015' || p.frontEndServers !== 2) continue;
      const s = ix.backEnd(p.id);
      if (!s || s.haMode !== 'none') continue;
      hits.push({
        nodeIds: [p.id, s.id],
        message: `${label(p)} has two Front End servers and its only Back End, ${label(s)}, has no high availability: in a two-server pool, losing the only Back End is likely to bring the whole pool down soon after.`,
      });
    }
    return hits;
  }),

  defineRule('SQL-EXPRESS-ONLY-ON-SE', 'SQL Express outside a Standard Edition server', (ix) => {
    const seHosts = nodesByHost(ix, 'standardEditionServer');
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      if (s.sqlEdition !== 'express' || seHosts.has(host(s))) continue;
      // A witness may be Express; a Back End link is BE-SQL-EDITION's case.
      const incoming = ix.in(s.id).filter((l) => l.kind === 'store' || l.kind === 'mirror' || l.kind === 'logShipping');
      const outgoing = ix.out(s.id, 'mirror');
      if (incoming.length + outgoing.length === 0) continue;
      const others = [...incoming.map((l) => l.from), ...outgoing.map((l) => l.to)]
        .filter((id, i, a) => a.indexOf(id) === i)
        .map((id) => ix.node(id))
        .filter((n): n is TopologyNode => n !== undefined);
      const uses = [...new Set([...incoming, ...outgoing].map((l) => (l.kind === 'store' ? `${l.role} store` : l.kind)))];
      hits.push({
        nodeIds: [s.id, ...others.map((n) => n.id)],
        linkIds: [...incoming, ...outgoing].map((l) => l.id),
        message: `${label(s)} runs SQL Server Express on ${host(s)}, which is no Standard Edition server, and is used as ${series(uses)} by ${labelSeries(others)}: SQL Server Express is supported only as a Standard Edition server's own built-in database; this store runs Express on a separate server.`,
      });
    }
    return hits;
  }),

  defineRule('SQL-MONARCH-VERSION-MIX', 'Monitoring/Archiving store serves legacy and newer pools', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      const links = ix.in(s.id, 'store');
      if (links.length < 2) continue; // a legacy and a newer pool need a link each
      // 2015 (or Lync) pools against 2019 and Subscription Edition ones; 2019 with Subscription Edition alone is SUB-LINK-2019.
      const older: TopologyNode[] = [];
      const newer: TopologyNode[] = [];
      for (const l of links) {
        if (!MON_ARCH.has(l.role)) continue;
        const p = ix.node(l.from);
        if (!isRegistrar(p)) continue;
        const bucket = legacy(p.productVersion) ? older : fam2019(p.productVersion) ? newer : undefined;
        if (bucket && !bucket.includes(p)) bucket.push(p);
      }
      if (older.length === 0 || newer.length === 0) continue;
      hits.push({
        nodeIds: [s.id, ...older.map((p) => p.id), ...newer.map((p) => p.id)],
        message: `${label(s)} holds Monitoring or Archiving data for the ${productsOf(older)} ${noun(older.length, 'pool')} ${labelSeries(older)} and the ${productsOf(newer)} ${noun(newer.length, 'pool')} ${labelSeries(newer)}: while the versions coexist, the legacy Monitoring and Archiving databases stay with the legacy pools and the newer pools collect into their own.`,
      });
    }
    return hits;
  }),

  // ------------------------------------------------------------ tier 2
  defineRule('BE-WITNESS-SHARED', 'One witness for several mirror pairs', (ix) => {
    const hits: Hit[] = [];
    for (const w of ix.ofKind('sqlStore')) {
      const links = ix.in(w.id, 'witness');
      if (links.length < 2) continue;
      const principals = [...new Set(links.map((l) => l.from))]
        .map((id) => sqlStoreAt(ix, id))
        .filter((x): x is SqlStore => x !== undefined);
      if (principals.length < 2) continue;
      hits.push({
        nodeIds: [w.id, ...principals.map((p) => p.id)],
        linkIds: links.map((l) => l.id),
        message: `${label(w)} is the witness of ${principals.length} principals (${labelSeries(principals)}): one witness serves several mirrored pairs here; that is allowed but less resilient than a witness per pair.`,
      });
    }
    return hits;
  }),

  defineRule('BE-WITNESS-OTHER-DOMAIN', 'Mirroring witness in another domain', (ix) => {
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('witness')) {
      const a = sqlStoreAt(ix, l.from);
      const w = sqlStoreAt(ix, l.to);
      if (!a || !w || w.domain === undefined) continue;
      const m = ix.mirrorOf(a.id);
      const differs: string[] = [];
      if (domainsDiffer(w.domain, a.domain)) differs.push(`principal ${label(a)} (${a.domain})`);
      if (m && domainsDiffer(w.domain, m.domain)) differs.push(`mirror ${label(m)} (${m.domain})`);
      if (differs.length === 0) continue;
      hits.push({
        nodeIds: [a.id, w.id],
        linkIds: [l.id],
        message: `Witness ${label(w)} is in domain ${w.domain}, unlike ${series(differs)}: the mirroring witness is in a different AD domain from the partners; SQL Server can work that way, but Topology Builder and the SfB cmdlets set up mirroring only when principal, mirror and witness share a domain.`,
      });
    }
    return hits;
  }),

  defineRule('BE-MIRROR-LOG-BACKUP', 'Mirroring needs transaction-log backups', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      if (ix.out(s.id, 'mirror').length === 0) continue;
      hits.push({
        nodeIds: [s.id],
        message: `${label(s)} is mirrored: mirroring forces the Full recovery model, so transaction logs grow until they are backed up and can fill the Back End disks.`,
      });
    }
    return hits;
  }),

  defineRule('BE-MIRROR-SCOPE', 'What mirroring covers', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      if (ix.out(s.id, 'mirror').length === 0) continue;
      hits.push({
        nodeIds: [s.id],
        message: `${label(s)} is mirrored: mirroring covers every SfB database of the pool, including the Central Management store when it lives here and the Response Group and Call Park databases; no shared storage is needed.`,
      });
    }
    return hits;
  }),

  defineRule('BE-CLUSTER-DB-PATHS', 'SQL cluster needs database paths', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      if (!CLUSTER_MODES.has(s.haMode)) continue;
      hits.push({
        nodeIds: [s.id],
        message: `${label(s)} is a SQL cluster (${s.haMode}): on a SQL cluster the cluster must exist before the pool is deployed, and Install-CsDatabase cannot place files by itself, so it needs -DatabasePaths or -UseDefaultSqlPaths.`,
      });
    }
    return hits;
  }),

  defineRule('BE-HA-TOOLING', 'HA built with SQL Server tools first', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore'))
      if (BUILT_OUTSIDE_TB.has(s.haMode)) hits.push({ nodeIds: [s.id], message: toolingMessage(s) });
    return hits;
  }),

  defineRule('SQL-MON-NEXT-TO-BE', 'Monitoring next to a Back End', (ix) => {
    // Back End stores by host, to find the ones sharing a server with a Monitoring store.
    const backEnds = backEndsByHost(ix);
    const hits: Hit[] = [];
    const seen = new Set<string>();
    for (const l of ix.linksOfKind('store')) {
      if (l.role !== 'monitoring' || seen.has(l.to)) continue;
      seen.add(l.to);
      const m = sqlStoreAt(ix, l.to);
      if (!m) continue;
      const neighbours = backEnds.get(host(m)) ?? [];
      if (neighbours.length === 0) continue;
      const others = neighbours.filter((b) => b.id !== m.id);
      const where =
        others.length === 0
          ? `${label(m)} holds the Monitoring database and is itself a Back End`
          : `${label(m)} holds the Monitoring database on ${host(m)}, the server of Back End ${labelSeries(others)}`;
      hits.push({
        nodeIds: [m.id, ...others.map((b) => b.id)],
        message: `${where}: the Monitoring database shares a SQL Server with a Back End; this is allowed but the two compete for disk.`,
      });
    }
    return hits;
  }),

  // ------------------------------------------------------------ format v2
  defineRule('BE-NO-FOREIGN-DBS', 'SQL Server shared with other products', (ix) => {
    const hits: Hit[] = [];
    for (const s of ix.ofKind('sqlStore')) {
      if (s.hostsNonSfbDatabases !== true) continue;
      const pools = ix.poolsUsing(s.id);
      if (pools.length === 0) continue;
      hits.push({
        nodeIds: [s.id],
        message: `${label(s)} serves ${labelSeries(pools)} and also hosts databases of other products. ${catalogueMessage('BE-NO-FOREIGN-DBS')}`,
      });
    }
    return hits;
  }),
];
