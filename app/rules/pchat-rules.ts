/**
 * PCHAT rules (docs/rules.md): Persistent Chat (Skype for Business Server
 * 2015 only): version, pool size, collocation, and the mirroring + log-shipping HA/DR
 * layout of its databases.
 */
import { REF } from '../model/reference-numbers';
import type { LinkOfKind, NodeOfKind, SqlStore, TopologyNode } from '../model/schema';
import { host, instanceKey, type TopologyIndex } from '../model/topology-index';
import { catalogueMessage, defineRule } from './define-rule';
import { backEndsByHost, nodesByHost, perIndex, targetsOf, wanBetween } from './rule-helpers';
import { allNames, label, num, quote, series, siteName, STORE_ROLE_LABEL } from './rule-text';
import type { Hit, Rule } from './types';
import { fam2019, productVersionLabel, versionWord } from '../model/product-versions';
import { productVersionOf } from '../model/schema';

type PcPool = NodeOfKind<'persistentChatPool'>;

const PC_ROLES = new Set(['persistentChat', 'persistentChatCompliance']);

interface PcFacts {
  /** `pcStores(c)` per Persistent Chat pool id. */
  storesOf: Map<string, SqlStore[]>;
  /** Every store in some `pcStores(c)`, with the Persistent Chat pools it serves. */
  owners: Map<string, { store: SqlStore; pools: PcPool[] }>;
}
// Several rules read the same facts; they are computed once per index (one evaluation).
const pcFacts = perIndex((ix): PcFacts => {
  const facts: PcFacts = { storesOf: new Map(), owners: new Map() };
  for (const c of ix.ofKind('persistentChatPool')) {
    const stores = unique([...ix.stores(c.id, 'persistentChat'), ...ix.stores(c.id, 'persistentChatCompliance')]);
    facts.storesOf.set(c.id, stores);
    for (const s of stores) {
      const o = facts.owners.get(s.id);
      if (o) o.pools.push(c);
      else facts.owners.set(s.id, { store: s, pools: [c] });
    }
  }
  return facts;
});

/** `pcStores(c)`: the stores holding `c`'s Persistent Chat or compliance database, each once. */
const pcStores = (ix: TopologyIndex, c: PcPool): SqlStore[] => pcFacts(ix).storesOf.get(c.id) ?? [];
const pcStoreOwners = (ix: TopologyIndex) => pcFacts(ix).owners;

/** Targets of `x`'s outgoing links of one kind that are SQL stores, with the link. */
function storeTargets(
  ix: TopologyIndex,
  id: string,
  kind: 'mirror' | 'witness' | 'logShipping',
): { link: LinkOfKind<typeof kind>; store: SqlStore }[] {
  const out: { link: LinkOfKind<typeof kind>; store: SqlStore }[] = [];
  for (const l of ix.out(id, kind)) {
    const t = ix.node(l.to);
    if (t?.kind === 'sqlStore') out.push({ link: l, store: t });
  }
  return out;
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** "data center X" for messages: the site's datacenter when set, otherwise the site. */
function dcName(ix: TopologyIndex, siteId: string): string {
  const s = ix.site(siteId);
  if (!s) return `site ${siteId}`;
  return s.datacenter !== undefined ? `data center ${s.datacenter}` : `site ${label(s)}`;
}

const instanceName = (s: SqlStore): string => `${s.fqdn}\\${s.instance === '' ? '(default instance)' : s.instance}`;

export const PCHAT_RULES: readonly Rule[] = [
  defineRule('PCHAT-2019', 'Persistent Chat on Skype for Business Server 2019 or Subscription Edition', (ix) => {
    const hits: Hit[] = [];
    for (const c of ix.ofKind('persistentChatPool')) {
      const nextHops2019: TopologyNode[] = [];
      const links: string[] = [];
      for (const l of ix.out(c.id, 'nextHop')) {
        const t = ix.node(l.to);
        const v = t && productVersionOf(t);
        if (t && v !== undefined && fam2019(v)) {
          nextHops2019.push(t);
          links.push(l.id);
        }
      }
      const is2019 = fam2019(c.productVersion);
      if (!is2019 && nextHops2019.length === 0) continue;
      const hopVersions = series([...new Set(nextHops2019.map((t) => versionWord(productVersionOf(t)!)))]);
      const what = is2019
        ? `${label(c)} is a ${productVersionLabel(c.productVersion)} Persistent Chat pool${nextHops2019.length ? `, and its next hop ${allNames(nextHops2019)} runs ${hopVersions === versionWord(c.productVersion) ? `${hopVersions} too` : hopVersions}` : ''}.`
        : `${label(c)} has the ${hopVersions} next hop ${allNames(nextHops2019)}.`;
      hits.push({
        nodeIds: [c.id, ...nextHops2019.map((t) => t.id)],
        linkIds: links,
        message: `${what} ${catalogueMessage('PCHAT-2019')}`,
      });
    }
    for (const l of ix.linksOfKind('store')) {
      if (!PC_ROLES.has(l.role)) continue;
      const p = ix.node(l.from);
      const s = ix.node(l.to);
      if (
        (p?.kind !== 'frontEndPool' && p?.kind !== 'standardEditionServer') ||
        !fam2019(p.productVersion) ||
        s?.kind !== 'sqlStore'
      )
        continue;
      const pcs = ix.poolsUsing(s.id).filter((n) => n.kind === 'persistentChatPool');
      hits.push({
        nodeIds: [p.id, s.id, ...pcs.map((c) => c.id)],
        linkIds: [l.id],
        message: `${label(p)} runs ${productVersionLabel(p.productVersion)} and has a ${STORE_ROLE_LABEL[l.role]} store link to ${label(s)}. ${catalogueMessage('PCHAT-2019')}`,
      });
    }
    return hits;
  }),

  defineRule('PCHAT-NO-AG', 'Persistent Chat database in an availability group', (ix) => {
    const found = new Map<string, { store: SqlStore; pools: PcPool[]; via?: SqlStore }>();
    const add = (s: SqlStore, c: PcPool, via?: SqlStore) => {
      const f = found.get(s.id);
      if (!f) found.set(s.id, { store: s, pools: [c], ...(via ? { via } : {}) });
      else if (!f.pools.includes(c)) f.pools.push(c);
    };
    for (const c of ix.ofKind('persistentChatPool'))
      for (const s of pcStores(ix, c)) {
        if (s.haMode === 'alwaysOnAg') add(s, c);
        for (const { store: b } of storeTargets(ix, s.id, 'logShipping')) if (b.haMode === 'alwaysOnAg') add(b, c, s);
      }
    return [...found.values()].map(({ store: s, pools, via }) => ({
      nodeIds: [s.id, ...pools.map((c) => c.id)],
      message: `${label(s)} is an AlwaysOn availability group and holds ${via ? `the log-shipping copy (from ${label(via)}) of ` : ''}the Persistent Chat databases of ${allNames(pools)}. ${catalogueMessage('PCHAT-NO-AG')}`,
    }));
  }),

  defineRule('PCHAT-MAX-ACTIVE', 'More than four active Persistent Chat servers', (ix) => {
    const hits: Hit[] = [];
    for (const c of ix.ofKind('persistentChatPool')) {
      const active = c.servers.filter((s) => s.active).length;
      if (active > REF.pcServers.active)
        hits.push({
          nodeIds: [c.id],
          message: `${label(c)} has ${num(active)} active servers. ${catalogueMessage('PCHAT-MAX-ACTIVE')}`,
        });
    }
    return hits;
  }),

  defineRule('PCHAT-MAX-SERVERS', 'More than eight Persistent Chat servers', (ix) => {
    const hits: Hit[] = [];
    for (const c of ix.ofKind('persistentChatPool'))
      if (c.servers.length > REF.pcServers.total)
        hits.push({
          nodeIds: [c.id],
          message: `${label(c)} has ${num(c.servers.length)} servers. ${catalogueMessage('PCHAT-MAX-SERVERS')}`,
        });
    return hits;
  }),

  defineRule('PCHAT-SE-COLLOCATED', 'Collocated Persistent Chat pool with several servers', (ix) => {
    const hits: Hit[] = [];
    const se = nodesByHost(ix, 'standardEditionServer');
    for (const c of ix.ofKind('persistentChatPool')) {
      const on = se.get(host(c));
      if (!on || c.servers.length <= 1) continue;
      hits.push({
        nodeIds: [c.id, ...on.map((s) => s.id)],
        message: `${label(c)} has its first server on the Standard Edition server ${allNames(on)} (${c.fqdn}) and lists ${num(c.servers.length)} servers. ${catalogueMessage('PCHAT-SE-COLLOCATED')}`,
      });
    }
    return hits;
  }),

  defineRule('PCHAT-NOT-ON-EE-FE', 'Persistent Chat on Enterprise Edition Front End servers', (ix) => {
    const hits: Hit[] = [];
    const fe = nodesByHost(ix, 'frontEndPool');
    for (const c of ix.ofKind('persistentChatPool')) {
      const on = fe.get(host(c));
      if (!on) continue;
      hits.push({
        nodeIds: [c.id, ...on.map((p) => p.id)],
        message: `${label(c)} has the FQDN ${c.fqdn} of the Front End pool ${allNames(on)}, so it would run on its Front End servers. ${catalogueMessage('PCHAT-NOT-ON-EE-FE')}`,
      });
    }
    return hits;
  }),

  defineRule('PCHAT-SE-NO-HA', 'Persistent Chat on Standard Edition has no HA', (ix) => {
    const hits: Hit[] = [];
    const se = nodesByHost(ix, 'standardEditionServer');
    for (const c of ix.ofKind('persistentChatPool')) {
      const via: string[] = [];
      const hops = ix
        .out(c.id, 'nextHop')
        .map((l) => ix.node(l.to))
        .filter((n): n is NodeOfKind<'standardEditionServer'> => n?.kind === 'standardEditionServer');
      if (hops.length) via.push(`its next hop is the Standard Edition server ${allNames(unique(hops))}`);
      const on = se.get(host(c));
      if (on) via.push(`it is collocated on the Standard Edition server ${allNames(on)}`);
      if (via.length === 0) continue;
      hits.push({
        nodeIds: [c.id],
        message: `${label(c)} is part of a Standard Edition deployment (${via.join('; ')}). ${catalogueMessage('PCHAT-SE-NO-HA')}`,
      });
    }
    return hits;
  }),

  defineRule('PCHAT-MIRROR-SAME-DC', 'Persistent Chat mirror outside the primary data center', (ix) => {
    const hits: Hit[] = [];
    for (const c of ix.ofKind('persistentChatPool')) {
      const hops = ix.out(c.id, 'nextHop');
      // More than one next hop is GEN-SINGLE-ASSOCIATION's finding; the home Front End is then unknown.
      if (hops.length > 1) continue;
      const homeNode = hops[0] ? ix.node(hops[0].to) : undefined;
      for (const s of pcStores(ix, c)) {
        const home = homeNode ?? s;
        const homeDc = ix.dc(home.siteId);
        for (const { link, store: m } of storeTargets(ix, s.id, 'mirror')) {
          if (ix.dc(m.siteId) === homeDc) continue;
          hits.push({
            nodeIds: [c.id, s.id, m.id],
            linkIds: [link.id],
            message: `${label(m)}, the mirror of ${label(s)} (Persistent Chat pool ${label(c)}), is in ${dcName(ix, m.siteId)}, while ${homeNode ? `the pool's home Front End ${label(homeNode)}` : 'the primary database'} is in ${dcName(ix, home.siteId)}. ${catalogueMessage('PCHAT-MIRROR-SAME-DC')}`,
          });
        }
      }
    }
    return hits;
  }),

  defineRule('PCHAT-BACKUP-OTHER-DC', 'Persistent Chat log-shipping secondary in the primary data center', (ix) => {
    const hits: Hit[] = [];
    for (const { store: s, pools } of pcStoreOwners(ix).values())
      for (const { link, store: b } of storeTargets(ix, s.id, 'logShipping')) {
        if (ix.dc(b.siteId) !== ix.dc(s.siteId)) continue;
        hits.push({
          nodeIds: [s.id, b.id],
          linkIds: [link.id],
          message: `${label(b)}, the log-shipping secondary of ${label(s)} (Persistent Chat pool ${allNames(pools)}), is in the same ${dcName(ix, s.siteId)} as its primary. ${catalogueMessage('PCHAT-BACKUP-OTHER-DC')}`,
        });
      }
    return hits;
  }),

  defineRule('PCHAT-BACKUP-MIRROR-DC', 'Mirror or witness of the Persistent Chat backup in another data center', (ix) => {
    const hits: Hit[] = [];
    const backups = new Map<string, SqlStore>();
    for (const { store: s } of pcStoreOwners(ix).values())
      for (const { store: b } of storeTargets(ix, s.id, 'logShipping')) backups.set(b.id, b);
    for (const b of backups.values()) {
      const bDc = ix.dc(b.siteId);
      for (const kind of ['mirror', 'witness'] as const)
        for (const { link, store: p } of storeTargets(ix, b.id, kind)) {
          if (ix.dc(p.siteId) === bDc) continue;
          hits.push({
            nodeIds: [b.id, p.id],
            linkIds: [link.id],
            message: `${label(p)}, the ${kind} of the Persistent Chat backup database ${label(b)}, is in ${dcName(ix, p.siteId)}, while the backup database is in ${dcName(ix, b.siteId)}. ${catalogueMessage('PCHAT-BACKUP-MIRROR-DC')}`,
          });
        }
    }
    return hits;
  }),

  defineRule('PCHAT-COMPLIANCE-INSTANCES', 'Compliance and Persistent Chat databases share SQL instances', (ix) => {
    const hits: Hit[] = [];
    for (const c of ix.ofKind('persistentChatPool')) {
      if (!c.compliance) continue;
      const chat = ix.stores(c.id, 'persistentChat');
      const comp = ix.stores(c.id, 'persistentChatCompliance');
      if (chat.length === 0 || comp.length === 0) continue;
      const layers: [string, SqlStore[], SqlStore[]][] = [
        ['primary', chat, comp],
        ['mirror', linkedStores(ix, chat, 'mirror'), linkedStores(ix, comp, 'mirror')],
        ['log-shipping secondary', linkedStores(ix, chat, 'logShipping'), linkedStores(ix, comp, 'logShipping')],
      ];
      const shared: string[] = [];
      const nodeIds: string[] = [c.id];
      for (const [layer, a, b] of layers) {
        const byKey = new Map<string, SqlStore>();
        for (const s of a) byKey.set(instanceKey(s), s);
        for (const q of b) {
          const p = byKey.get(instanceKey(q));
          if (!p) continue;
          shared.push(
            p === q
              ? `${layer} ${label(p)} holds both databases`
              : `${layer} ${label(p)} and ${label(q)} are one instance, ${instanceName(p)}`,
          );
          nodeIds.push(p.id, q.id);
        }
      }
      if (shared.length === 0) continue;
      hits.push({
        nodeIds,
        message: `${label(c)} has compliance turned on, and ${shared.join('; ')}. ${catalogueMessage('PCHAT-COMPLIANCE-INSTANCES')}`,
      });
    }
    return hits;
  }),

  defineRule('PCHAT-FILESTORE-UNC', 'Multi-server Persistent Chat pool without a file store', (ix) => {
    const hits: Hit[] = [];
    for (const c of ix.ofKind('persistentChatPool'))
      if (c.servers.length > 1 && ix.out(c.id, 'fileStore').length === 0)
        hits.push({
          nodeIds: [c.id],
          message: `${label(c)} has ${num(c.servers.length)} servers and no file store link. ${catalogueMessage('PCHAT-FILESTORE-UNC')}`,
        });
    return hits;
  }),

  defineRule('PCHAT-NEXT-HOP', 'Persistent Chat pool without a next hop', (ix) => {
    const hits: Hit[] = [];
    for (const c of ix.ofKind('persistentChatPool'))
      if (ix.out(c.id, 'nextHop').length === 0)
        hits.push({
          nodeIds: [c.id],
          message: `${label(c)} has no next hop; it needs the Front End pool or Standard Edition server that routes Persistent Chat requests to it.`,
        });
    return hits;
  }),

  defineRule('PCHAT-COLLOCATE-WITH-BE', 'Persistent Chat database next to a Back End', (ix) => {
    const hits: Hit[] = [];
    const backEnds = backEndsByHost(ix);
    const seen = new Set<string>();
    for (const l of ix.linksOfKind('store')) {
      if (l.role !== 'persistentChat' || seen.has(l.to)) continue;
      seen.add(l.to);
      const s = ix.node(l.to);
      if (s?.kind !== 'sqlStore') continue;
      const shared = backEnds.get(host(s)) ?? [];
      if (shared.length === 0) continue;
      const others = shared.filter((b) => b !== s);
      const how = ix.in(s.id, 'backEnd').length > 0 ? `${label(s)} is itself a Back End` : '';
      const where = others.length ? `${label(s)} is on the SQL Server ${s.fqdn} with the Back End ${allNames(others)}` : '';
      hits.push({
        nodeIds: [s.id, ...others.map((b) => b.id)],
        message: `${[how, where].filter(Boolean).join(', and ')}, and holds a Persistent Chat database. ${catalogueMessage('PCHAT-COLLOCATE-WITH-BE')}`,
      });
    }
    return hits;
  }),

  defineRule('PCHAT-NEXTHOP-FAILOVER', 'Persistent Chat next hop to re-point on pool failover', (ix) => {
    const hits: Hit[] = [];
    for (const c of ix.ofKind('persistentChatPool'))
      for (const l of ix.out(c.id, 'nextHop')) {
        const t = ix.node(l.to);
        if (!t || ix.touching(t.id, 'pairing').length === 0) continue;
        hits.push({
          nodeIds: [c.id, t.id],
          linkIds: [l.id],
          message: `${label(c)} uses the paired pool ${label(t)} as its next hop. If this next-hop pool is lost, the Persistent Chat pool's next hop must be re-pointed in Topology Builder and the topology republished.`,
        });
      }
    return hits;
  }),

  defineRule('PCHAT-COMPLIANCE-NOT-FAILED-OVER', 'Compliance database is not failed over', (ix) => {
    const hits: Hit[] = [];
    for (const c of ix.ofKind('persistentChatPool'))
      if (c.compliance)
        hits.push({
          nodeIds: [c.id],
          message: `${label(c)} has compliance turned on. ${catalogueMessage('PCHAT-COMPLIANCE-NOT-FAILED-OVER')}`,
        });
    return hits;
  }),

  defineRule('PCHAT-SQL-VERSION', 'Persistent Chat store on an unlisted SQL Server version', (ix) => {
    const hits: Hit[] = [];
    const listed = new Set(['2012', '2014']);
    for (const { store: s, pools } of pcStoreOwners(ix).values())
      if (!listed.has(s.sqlVersion))
        hits.push({
          nodeIds: [s.id, ...pools.map((c) => c.id)],
          message: `${label(s)}, a Persistent Chat store of ${allNames(pools)}, runs SQL Server ${s.sqlVersion}. ${catalogueMessage('PCHAT-SQL-VERSION')}`,
        });
    return hits;
  }),

  defineRule('PCHAT-FILESTORE', 'File store recommended for a single Persistent Chat server', (ix) => {
    const hits: Hit[] = [];
    const se = nodesByHost(ix, 'standardEditionServer');
    for (const c of ix.ofKind('persistentChatPool')) {
      if (c.servers.length !== 1 || se.has(host(c)) || ix.out(c.id, 'fileStore').length > 0) continue;
      // The requirements page recommends the file store for Enterprise Edition only; a pool whose
      // next hop is a Standard Edition server belongs to a Standard Edition deployment, which the
      // catalogue's condition (collocation only) would still flag.
      if (ix.out(c.id, 'nextHop').some((l) => ix.node(l.to)?.kind === 'standardEditionServer')) continue;
      hits.push({
        nodeIds: [c.id],
        message: `${label(c)} has one server and no file store link. ${catalogueMessage('PCHAT-FILESTORE')}`,
      });
    }
    return hits;
  }),

  // ---------------------------------------------------------------- format v2
  defineRule('PCHAT-CAPACITY', 'More concurrent Persistent Chat users than the pool supports', (ix) => {
    const { perServer, perPool, collocatedOnSe } = REF.pcUsers;
    const hits: Hit[] = [];
    for (const c of ix.ofKind('persistentChatPool')) {
      const users = c.concurrentUsers;
      if (users === undefined) continue;
      const active = c.servers.filter((s) => s.active).length;
      const onSe = (nodesByHost(ix, 'standardEditionServer').get(host(c))?.length ?? 0) > 0;
      const max = Math.min(perServer * active, perPool, onSe ? collocatedOnSe : Infinity);
      if (users <= max) continue;
      const why = onSe
        ? `collocated on a Standard Edition server, which supports ${num(collocatedOnSe)}`
        : `${num(active)} active ${active === 1 ? 'server supports' : 'servers support'} ${num(max)}`;
      hits.push({
        nodeIds: [c.id],
        message: `${label(c)} plans ${num(users)} concurrent users, and ${why}. ${catalogueMessage('PCHAT-CAPACITY')}`,
      });
    }
    return hits;
  }),

  defineRule('PCHAT-LOGSHIP-SHARE', 'Log shipping without a share', (ix) => {
    const hits: Hit[] = [];
    for (const { store } of pcStoreOwners(ix).values())
      for (const { link, store: to } of storeTargets(ix, store.id, 'logShipping'))
        if (link.kind === 'logShipping' && !link.share)
          hits.push({
            nodeIds: [store.id, to.id],
            linkIds: [link.id],
            message: `The log shipping from ${label(store)} to ${label(to)} names no share. ${catalogueMessage('PCHAT-LOGSHIP-SHARE')}`,
          });
    return hits;
  }),

  defineRule('PCHAT-ACTIVE-NEAR-DB', 'Active Persistent Chat servers far from the database', (ix) => {
    const hits: Hit[] = [];
    for (const c of ix.ofKind('persistentChatPool')) {
      const [db, ...more] = ix.stores(c.id, 'persistentChat');
      if (!db || more.length > 0) continue;
      const far = new Set<string>();
      const slowLinks = new Set<string>();
      for (const s of c.servers) {
        if (!s.active) continue;
        const wan = wanBetween(ix, s.siteId, db.siteId);
        if (wan === 'none') far.add(s.siteId);
        else if (typeof wan !== 'string' && !wan.fast) {
          far.add(s.siteId);
          slowLinks.add(wan.id);
        }
      }
      if (far.size === 0) continue;
      hits.push({
        nodeIds: [c.id],
        linkIds: [...slowLinks],
        message: `${label(c)} has active servers in ${series([...far].map((id) => siteName(ix, id)))}, not joined to ${siteName(ix, db.siteId)} (its database ${label(db)}) by a fast link. ${catalogueMessage('PCHAT-ACTIVE-NEAR-DB')}`,
      });
    }
    return hits;
  }),

  defineRule('PCHAT-LOW-BANDWIDTH-LAYOUT', 'Active Persistent Chat servers across a slow link', (ix) => {
    const hits: Hit[] = [];
    for (const c of ix.ofKind('persistentChatPool')) {
      const sites = [...new Set(c.servers.filter((s) => s.active).map((s) => s.siteId))];
      const slow: string[] = [];
      const slowLinks: string[] = [];
      for (let i = 0; i < sites.length; i++)
        for (let j = i + 1; j < sites.length; j++) {
          const wan = wanBetween(ix, sites[i]!, sites[j]!);
          if (typeof wan === 'string' || wan.fast) continue;
          slow.push(`${siteName(ix, sites[i]!)} and ${siteName(ix, sites[j]!)}`);
          slowLinks.push(wan.id);
        }
      if (slow.length === 0) continue;
      hits.push({
        nodeIds: [c.id],
        linkIds: slowLinks,
        message: `${label(c)} has active servers in ${slow.join('; ')}, joined by a slow link. ${catalogueMessage('PCHAT-LOW-BANDWIDTH-LAYOUT')}`,
      });
    }
    return hits;
  }),

  defineRule('PCHAT-SAME-DOMAIN', 'Persistent Chat in another domain', (ix) => {
    const hits: Hit[] = [];
    for (const c of ix.ofKind('persistentChatPool')) {
      if (!c.domain) continue;
      for (const t of targetsOf(ix, c.id, 'nextHop')) {
        const d = 'domain' in t ? t.domain : undefined;
        if (!d || d.trim().toLowerCase() === c.domain.trim().toLowerCase()) continue;
        hits.push({
          nodeIds: [c.id, t.id],
          message: `${label(c)} is in ${quote(c.domain)} and its next hop ${label(t)} in ${quote(d)}. ${catalogueMessage('PCHAT-SAME-DOMAIN')}`,
        });
      }
    }
    return hits;
  }),
];

/** The stores reached from `stores` by links of one kind (their mirrors, their log-shipping targets). */
function linkedStores(ix: TopologyIndex, stores: readonly SqlStore[], kind: 'mirror' | 'logShipping'): SqlStore[] {
  return unique(stores.flatMap((s) => storeTargets(ix, s.id, kind).map((t) => t.store)));
}
