/** GEN rules (docs/rules.md) (ids GEN-* and TOPO-*): platform, versions, naming and collocation. */
import { linkKindLabel, nodeKindLabel } from '../model/link-kinds';
import { REF, SUPPORTED } from '../model/reference-numbers';
import type { InPlaceUpgrade, Link, LinkKind, OsVersion, TopologyNode } from '../model/schema';
import { cuNumber, isRegistrar, type RegistrarPool, singleLabel, type TopologyIndex } from '../model/topology-index';
import { catalogueMessage, defineRule } from './define-rule';
import { registrarSites, soloRoleMachines, sourcesOf, targetsOf } from './rule-helpers';
import { few, kinded, kindedNames, label, names, noun, num, quote, series, STORE_ROLE_LABEL } from './rule-text';
import type { Hit, Rule } from './types';
import { decom, fam2019, productVersionLabel, SUBSCRIPTION_EDITION, verRank, versionWord } from '../model/product-versions';
import { productVersionOf } from '../model/schema';

const OS_NAME: Record<OsVersion, string> = {
  WS2008R2: 'Windows Server 2008 R2',
  WS2012: 'Windows Server 2012',
  WS2012R2: 'Windows Server 2012 R2',
  WS2016: 'Windows Server 2016',
  WS2019: 'Windows Server 2019',
  WS2022: 'Windows Server 2022',
};

/** Why `x`'s OS is unsupported at its version and cumulative update; undefined when it is (or cannot be judged). */
function osProblem(x: RegistrarPool): string | undefined {
  const v = x.productVersion;
  if (!SUPPORTED.os[v].includes(x.os)) return `${productVersionLabel(v)} does not run on ${OS_NAME[x.os]}`;
  // Subscription Edition numbers its updates afresh, and its RTM build is later than the 2019 update each OS needed.
  const minCu = v === SUBSCRIPTION_EDITION ? undefined : SUPPORTED.osMinCu[v][x.os];
  if (minCu === undefined) return undefined;
  const cu = cuNumber(x);
  // CU tests are skipped while the cumulative update is absent or unreadable.
  if (cu === undefined || cu >= minCu) return undefined;
  return `${productVersionLabel(v)} runs on ${OS_NAME[x.os]} only from CU${minCu}, and this one is at CU${cu}`;
}

/** A domain with fewer than two labels ("contoso", "contoso."); empty means absent. */
function singleLabelDomain(domain: string): boolean {
  // Counts the runs of characters between dots without splitting: asked of every node.
  let labels = 0;
  let inLabel = false;
  const d = domain.trim();
  for (let i = 0; i < d.length && labels < 2; i++) {
    if (d.charCodeAt(i) === 46 /* . */) inLabel = false;
    else if (!inLabel) {
      inLabel = true;
      labels++;
    }
  }
  return d.length > 0 && labels < 2;
}

/**
 * Link kinds Topology Builder holds as one value per node (GEN-SINGLE-ASSOCIATION). The
 * link table already limits which node kinds may draw them, so the kind alone decides.
 */
function singleValued(kind: LinkKind): boolean {
  switch (kind) {
    case 'mediaEdge':
    case 'officeOnline':
    case 'fileStore':
    case 'store':
    case 'backupRegistrar':
    case 'mirror':
    case 'witness':
    case 'nextHop':
      return true;
    case 'backEnd': // FE-EE-NEEDS-BE
    case 'pairing': // PAIR-ONE-TO-ONE
    case 'logShipping':
    case 'trunk': // a Mediation role has many trunks
      return false;
  }
}

/** Whether two of `links` are single-valued associations of one kind (and role): a pairwise look, no allocation. */
function repeatsAssociation(links: readonly Link[]): boolean {
  for (let i = 1; i < links.length; i++) {
    const a = links[i]!;
    if (!singleValued(a.kind)) continue;
    for (let j = 0; j < i; j++) {
      const b = links[j]!;
      if (a.kind === b.kind && (a.kind !== 'store' || (b.kind === 'store' && a.role === b.role))) return true;
    }
  }
  return false;
}

function associationName(l: Link): string {
  return l.kind === 'store' ? `${STORE_ROLE_LABEL[l.role]} store` : linkKindLabel(l.kind);
}

/** Whether GEN-DNSLB-CLIENT-FAILOVER speaks of `n`: SIP or an Edge side balanced by DNS. */
function balancesByDns(n: TopologyNode): boolean {
  switch (n.kind) {
    case 'frontEndPool':
    case 'directorPool':
      return n.sipLoadBalancing === 'dns';
    case 'edgePool':
      return n.internalLoadBalancing === 'dns' || n.externalLoadBalancing === 'dns';
    case 'standardEditionServer':
    case 'sqlStore':
    case 'mediationPool':
    case 'persistentChatPool':
    case 'fileStore':
    case 'officeOnlineServer':
    case 'survivableBranch':
    case 'reverseProxy':
    case 'gatewayPeer':
    case 'videoInteropPool':
      return false;
  }
}

/** GEN-DNSLB-CLIENT-FAILOVER's message (most pools of a large design), worded when read (Hit.message). */
const dnsLbMessage = (n: TopologyNode) => (): string => {
  let how = 'balances SIP traffic by DNS';
  if (n.kind === 'edgePool') {
    const sides = [
      n.internalLoadBalancing === 'dns' ? 'internal' : undefined,
      n.externalLoadBalancing === 'dns' ? 'external' : undefined,
    ].filter(Boolean);
    how = `balances its ${sides.join(' and ')} ${noun(sides.length, 'side')} by DNS`;
  }
  return `${kinded(n)} ${how}. ${catalogueMessage('GEN-DNSLB-CLIENT-FAILOVER')}`;
};

/**
 * TOPO-AD-LEVELS: the domain controller operating systems and functional levels each
 * version supports (environmental-requirements.md for 2015, system-requirements.md for
 * 2019, whose list Subscription Edition inherits). 2015 accepts Windows Server 2019
 * domain controllers from its CU5.
 */
const AD_SUPPORT: Readonly<Record<'2015' | '2019', { dcOs: readonly string[]; levels: readonly string[] }>> = {
  '2015': {
    dcOs: ['WS2008', 'WS2008R2', 'WS2012', 'WS2012R2', 'WS2016', 'WS2019'],
    levels: ['WS2003', 'WS2008', 'WS2008R2', 'WS2012', 'WS2012R2', 'WS2016'],
  },
  '2019': { dcOs: ['WS2012', 'WS2012R2', 'WS2016', 'WS2019'], levels: ['WS2012', 'WS2012R2', 'WS2016'] },
};
const AD_2015_WS2019_MIN_CU = 5;

/** "Windows Server 2012 R2" for the Active Directory enums' values. */
const windowsName = (v: string): string =>
  v.replace(/^WS(\d{4})(R2)?$/, (_m, year: string, r2?: string) => `Windows Server ${year}${r2 ? ' R2' : ''}`);

/** The server nodes whose version is `v`, in document order. */
const nodesOfVersion = (ix: TopologyIndex, accepts: (v: string) => boolean): TopologyNode[] =>
  ix.allNodes().filter((n) => {
    const v = productVersionOf(n);
    return v !== undefined && accepts(v);
  });

const upgradeOf = (n: TopologyNode): InPlaceUpgrade | undefined => ('inPlaceUpgrade' in n ? n.inPlaceUpgrade : undefined);

export const GEN_RULES: readonly Rule[] = [
  // ---------------------------------------------------------------- tier 1
  defineRule('GEN-OS-SUPPORTED', 'Operating system not supported for this version', (ix) => {
    const hits: Hit[] = [];
    for (const x of ix.registrars()) {
      const why = osProblem(x);
      if (why) hits.push({ nodeIds: [x.id], message: `${kinded(x)}: ${why}. ${catalogueMessage('GEN-OS-SUPPORTED')}` });
    }
    return hits;
  }),

  defineRule('GEN-OS-WS2022-CU-UNKNOWN', 'Windows Server 2022 without a known cumulative update', (ix) => {
    const hits: Hit[] = [];
    for (const x of ix.registrars()) {
      if (x.productVersion !== '2019' || x.os !== 'WS2022' || cuNumber(x) !== undefined) continue;
      // An update level that names no CU cannot be judged either, so it is treated as absent.
      const given = x.cumulativeUpdate ? ` (its cumulative update ${quote(x.cumulativeUpdate)} names no CU number)` : '';
      hits.push({
        nodeIds: [x.id],
        message: `${kinded(x)} runs Skype for Business Server 2019 on Windows Server 2022${given}. ${catalogueMessage('GEN-OS-WS2022-CU-UNKNOWN')}`,
      });
    }
    return hits;
  }),

  defineRule('GEN-CENTRAL-SITE-HAS-POOL', 'Central site without a pool', (ix) => {
    const withPools = registrarSites(ix);
    const hits: Hit[] = [];
    for (const s of ix.doc.sites) {
      if (s.kind !== 'central' || withPools.has(s.id)) continue;
      const inSite = ix.nodesInSite(s.id);
      const holds = inSite.length ? `it holds only ${kindedNames(inSite)}` : 'it is empty';
      hits.push({
        nodeIds: inSite.map((n) => n.id),
        siteIds: [s.id],
        message: `Central site ${label(s)}: ${holds}. ${catalogueMessage('GEN-CENTRAL-SITE-HAS-POOL')}`,
      });
    }
    return hits;
  }),

  defineRule('GEN-SEPARATE-ROLES', 'Edge or Director shares a machine', (ix) => {
    const hits: Hit[] = [];
    for (const { host: h, nodes } of soloRoleMachines(ix)) {
      const dedicated = nodes.filter((n) => n.kind === 'edgePool' || n.kind === 'directorPool');
      if (dedicated.length === 0) continue;
      // A file share there is FS-COLLOC-HOST.
      const others = nodes.filter((n) => n.kind !== 'edgePool' && n.kind !== 'directorPool' && n.kind !== 'fileStore');
      if (dedicated.length + others.length < 2) continue;
      hits.push({
        nodeIds: [...dedicated, ...others].map((n) => n.id),
        message: `${kindedNames([...dedicated, ...others])} share the machine ${h}. ${catalogueMessage('GEN-SEPARATE-ROLES')}`,
      });
    }
    return hits;
  }),

  defineRule('TOPO-FQDN-FORMAT', 'Name without a DNS suffix', (ix) => {
    const hits: Hit[] = [];
    for (const n of ix.allNodes()) {
      const short: string[] = [];
      if (singleLabel(n.fqdn)) short.push(`FQDN ${n.fqdn}`);
      if (n.kind === 'sqlStore' && n.ag) {
        if (singleLabel(n.ag.listenerFqdn)) short.push(`AG listener ${n.ag.listenerFqdn}`);
        for (const r of n.ag.replicas) if (singleLabel(r.fqdn)) short.push(`AG replica ${r.fqdn}`);
      }
      if (short.length === 0) continue;
      const shown = few(short, (x) => x);
      hits.push({ nodeIds: [n.id], message: `${kinded(n)}: ${shown}. ${catalogueMessage('TOPO-FQDN-FORMAT')}` });
    }
    return hits;
  }),

  defineRule('TOPO-AD-SINGLE-LABEL', 'Single-label Active Directory domain', (ix) => {
    // One finding per domain (case-insensitive), naming every node that carries it.
    const byDomain = new Map<string, { shown: string; nodes: TopologyNode[] }>();
    for (const n of ix.allNodes()) {
      if (n.kind !== 'frontEndPool' && n.kind !== 'standardEditionServer' && n.kind !== 'sqlStore') continue;
      if (n.domain === undefined || !singleLabelDomain(n.domain)) continue;
      const key = n.domain.trim().toLowerCase();
      const entry = byDomain.get(key);
      if (entry) entry.nodes.push(n);
      else byDomain.set(key, { shown: n.domain, nodes: [n] });
    }
    return [...byDomain.values()].map(({ shown, nodes }) => ({
      nodeIds: nodes.map((n) => n.id),
      message: `The domain ${quote(shown)} of ${kindedNames(nodes)} is a single-label name. ${catalogueMessage('TOPO-AD-SINGLE-LABEL')}`,
    }));
  }),

  defineRule('GEN-SINGLE-ASSOCIATION', 'Several links where Topology Builder keeps one', (ix) => {
    // Per node, over its own outgoing links: only nodes with two or more allocate anything.
    const groups: Link[][] = [];
    for (const n of ix.doc.nodes) {
      const outs = ix.out(n.id);
      if (outs.length < 2 || (outs.length <= 16 && !repeatsAssociation(outs))) continue;
      let byKey: Map<string, Link[]> | undefined;
      for (const l of outs) {
        if (!singleValued(l.kind)) continue;
        const key = l.kind === 'store' ? `store:${l.role}` : l.kind;
        byKey ??= new Map();
        const arr = byKey.get(key);
        if (arr) arr.push(l);
        else byKey.set(key, [l]);
      }
      if (byKey) for (const links of byKey.values()) if (links.length > 1) groups.push(links);
    }
    const template = catalogueMessage('GEN-SINGLE-ASSOCIATION');
    const hits: Hit[] = [];
    for (const links of groups) {
      const first = links[0];
      if (!first || links.length < 2) continue;
      const n = ix.node(first.from);
      if (!n) continue;
      const targets = new Map<string, TopologyNode>();
      for (const l of links) {
        const t = ix.node(l.to);
        if (t) targets.set(t.id, t);
      }
      const to = targets.size === 1 ? `${names([...targets.values()])}, ${links.length} times` : names([...targets.values()]);
      const message = template
        .replace('{kind}', nodeKindLabel(n.kind))
        .replace('{n}', String(links.length))
        .replace('{link kind}', associationName(first));
      hits.push({
        nodeIds: [n.id],
        linkIds: links.slice(1).map((l) => l.id),
        message: `${kinded(n)} links to ${to}. ${message}`,
      });
    }
    return hits;
  }),

  // ---------------------------------------------------------------- tier 2
  defineRule('GEN-DNSLB-CLIENT-FAILOVER', 'DNS load balancing and client failover', (ix) => {
    const hits: Hit[] = [];
    for (const n of ix.allNodes()) if (balancesByDns(n)) hits.push({ nodeIds: [n.id], message: dnsLbMessage(n) });
    return hits;
  }),

  defineRule('TOPO-ADMIN-TOOLS-2019', "Newest version's administrative tools in a mixed deployment", (ix) => {
    // Nodes of the newest version, and the others; only a mix of versions speaks.
    let newestRank = 0;
    for (const n of ix.allNodes()) {
      const v = productVersionOf(n);
      if (v !== undefined) newestRank = Math.max(newestRank, verRank(v));
    }
    const newest: TopologyNode[] = [];
    const older: TopologyNode[] = [];
    for (const n of ix.allNodes()) {
      const v = productVersionOf(n);
      if (v !== undefined) (verRank(v) === newestRank ? newest : older).push(n);
    }
    if (newest.length === 0 || older.length === 0) return [];
    const newestVersion = productVersionOf(newest[0]!)!;
    const olderVersions = series([...new Set(older.map((n) => versionWord(productVersionOf(n)!)))]);
    // The catalogue words it for 2019; the newest version's tools are the ones to use.
    const advice = catalogueMessage('TOPO-ADMIN-TOOLS-2019').replace(/\b2019\b/g, versionWord(newestVersion));
    return [
      {
        nodeIds: newest.map((n) => n.id),
        message: `This design has ${productVersionLabel(newestVersion)} nodes (${names(newest)}) and ${olderVersions} nodes (${names(older)}). ${advice}`,
      },
    ];
  }),

  // ---------------------------------------------------------------- format v2
  defineRule('GEN-INPLACE-UPGRADE-2019', 'In-place upgrade to 2019', (ix) => {
    const hits: Hit[] = [];
    for (const n of ix.allNodes()) {
      const up = upgradeOf(n);
      if (up && productVersionOf(n) === '2019')
        hits.push({
          nodeIds: [n.id],
          message: `${kinded(n)} is planned as an in-place upgrade from ${productVersionLabel(up.fromVersion)} to Skype for Business Server 2019. ${catalogueMessage('GEN-INPLACE-UPGRADE-2019')}`,
        });
    }
    return hits;
  }),

  defineRule('TOPO-COEXIST-NO-TRIPLE', '2015 with both Lync Server 2013 and 2010', (ix) => {
    const lync = nodesOfVersion(ix, (v) => v === 'lync2013' || v === 'lync2010');
    if (
      !lync.some((n) => productVersionOf(n) === 'lync2013') ||
      !lync.some((n) => productVersionOf(n) === 'lync2010') ||
      nodesOfVersion(ix, (v) => v === '2015').length === 0
    )
      return [];
    return [
      {
        nodeIds: lync.map((n) => n.id),
        message: `This topology has Skype for Business Server 2015 beside Lync Server 2013 and Lync Server 2010 (${kindedNames(lync)}). ${catalogueMessage('TOPO-COEXIST-NO-TRIPLE')}`,
      },
    ];
  }),

  defineRule('TOPO-COEXIST-2019-LEGACY', '2019 beside Lync Server 2010', (ix) => {
    const lync2010 = nodesOfVersion(ix, (v) => v === 'lync2010');
    if (lync2010.length === 0 || nodesOfVersion(ix, (v) => v === '2019').length === 0) return [];
    return [
      {
        nodeIds: lync2010.map((n) => n.id),
        message: `This topology has Skype for Business Server 2019 beside Lync Server 2010 (${kindedNames(lync2010)}). ${catalogueMessage('TOPO-COEXIST-2019-LEGACY')}`,
      },
    ];
  }),

  defineRule('TOPO-UPGRADE-2015-SOURCE', 'In-place upgrade to 2015 from another version than Lync Server 2013', (ix) => {
    const hits: Hit[] = [];
    for (const n of ix.allNodes()) {
      const up = upgradeOf(n);
      if (up && productVersionOf(n) === '2015' && up.fromVersion !== 'lync2013')
        hits.push({
          nodeIds: [n.id],
          message: `${kinded(n)} is planned as an in-place upgrade from ${productVersionLabel(up.fromVersion)} to Skype for Business Server 2015. ${catalogueMessage('TOPO-UPGRADE-2015-SOURCE')}`,
        });
    }
    return hits;
  }),

  defineRule('TOPO-UPGRADE-ORDER', 'CMS pool or Edge upgraded before the other pools', (ix) => {
    // Lync Server 2013 pools that stay on 2013 (pools being retired are not upgraded at all).
    const waiting = ix.registrars().filter((p) => p.productVersion === 'lync2013' && !decom(p));
    if (waiting.length === 0) return [];
    const cmsId = ix.doc.deployment.cmsHost;
    const early: TopologyNode[] = [];
    for (const n of ix.allNodes())
      if ((n.id === cmsId || n.kind === 'edgePool') && upgradeOf(n)?.fromVersion === 'lync2013') early.push(n);
    if (early.length === 0) return [];
    return [
      {
        nodeIds: [...early, ...waiting].map((n) => n.id),
        message: `${kindedNames(early)} ${early.length === 1 ? 'is' : 'are'} upgraded from Lync Server 2013 while ${kindedNames(waiting)} ${waiting.length === 1 ? 'stays' : 'stay'} on Lync Server 2013. ${catalogueMessage('TOPO-UPGRADE-ORDER')}`,
      },
    ];
  }),

  defineRule('TOPO-UPGRADE-SBA', 'In-place upgrade of a branch appliance', (ix) => {
    const hits: Hit[] = [];
    for (const b of ix.ofKind('survivableBranch')) {
      // Only upgrades to 2015 are known to be impossible; one to Subscription Edition is an open question.
      if (!b.inPlaceUpgrade || (b.productVersion !== undefined && b.productVersion !== '2015')) continue;
      hits.push({
        nodeIds: [b.id],
        message: `${kinded(b)} is planned as an in-place upgrade from ${productVersionLabel(b.inPlaceUpgrade.fromVersion)}. ${catalogueMessage('TOPO-UPGRADE-SBA')}`,
      });
    }
    return hits;
  }),

  defineRule('TOPO-OS-INPLACE', 'Operating system upgraded in place', (ix) => {
    const hits: Hit[] = [];
    for (const n of ix.allNodes()) {
      const from = upgradeOf(n)?.fromOs;
      const os = 'os' in n ? n.os : undefined;
      if (from === undefined || os === undefined || from === os) continue;
      hits.push({
        nodeIds: [n.id],
        message: `${kinded(n)} moves from ${windowsName(from)} to ${windowsName(os)} in its in-place upgrade. ${catalogueMessage('TOPO-OS-INPLACE')}`,
      });
    }
    return hits;
  }),

  defineRule('TOPO-AD-LEVELS', 'Active Directory not supported for this version', (ix) => {
    const ad = ix.doc.deployment.activeDirectory;
    if (!ad) return [];
    let newest: string | undefined;
    for (const n of ix.allNodes()) {
      const v = productVersionOf(n);
      if (v !== undefined && verRank(v) > verRank(newest ?? '')) newest = v;
    }
    // Lync versions are judged by their own lists, which the catalogue does not give.
    if (newest === undefined || verRank(newest) < verRank('2015')) return [];
    const list = AD_SUPPORT[fam2019(newest) ? '2019' : '2015'];
    const problems: string[] = [];
    if (!list.levels.includes(ad.forestLevel)) problems.push(`forest functional level ${windowsName(ad.forestLevel)}`);
    if (!list.levels.includes(ad.domainLevel)) problems.push(`domain functional level ${windowsName(ad.domainLevel)}`);
    for (const os of new Set(ad.domainControllerOs))
      if (!list.dcOs.includes(os)) problems.push(`domain controllers on ${windowsName(os)}`);
    if (newest === '2015' && ad.domainControllerOs.includes('WS2019')) {
      const early = ix
        .registrars()
        .filter((p) => p.productVersion === '2015' && (cuNumber(p) ?? Infinity) < AD_2015_WS2019_MIN_CU);
      if (early.length)
        problems.push(`domain controllers on Windows Server 2019 with ${kindedNames(early)} below CU${AD_2015_WS2019_MIN_CU}`);
    }
    if (problems.length === 0) return [];
    return [
      {
        message: `The newest version in this design is ${productVersionLabel(newest)}, and the directory has ${series(problems)}. ${catalogueMessage('TOPO-AD-LEVELS')}`,
      },
    ];
  }),

  defineRule('TOPO-VIS-NEXTHOP', 'Video Interop Server pool without a registrar next hop', (ix) => {
    const hits: Hit[] = [];
    for (const vis of ix.ofKind('videoInteropPool')) {
      const ok = targetsOf(ix, vis.id, 'nextHop').some((t) => isRegistrar(t) && verRank(t.productVersion) >= verRank('2015'));
      if (!ok)
        hits.push({
          nodeIds: [vis.id],
          message: `${kinded(vis)} has no Front End pool or Standard Edition server of 2015 or later as its next hop. ${catalogueMessage('TOPO-VIS-NEXTHOP')}`,
        });
    }
    return hits;
  }),

  defineRule('TOPO-VIS-ONE-TRUNK', 'Video gateway trunked to several VIS pools', (ix) => {
    const hits: Hit[] = [];
    for (const gw of ix.ofKind('gatewayPeer')) {
      if (gw.peerType !== 'videoGateway') continue;
      const pools = sourcesOf(ix, gw.id, 'trunk').filter((n) => n.kind === 'videoInteropPool');
      if (pools.length < 2) continue;
      hits.push({
        nodeIds: [gw.id, ...pools.map((p) => p.id)],
        message: `${label(gw)} has video trunks to ${kindedNames(pools)}. ${catalogueMessage('TOPO-VIS-ONE-TRUNK')}`,
      });
    }
    return hits;
  }),

  defineRule('TOPO-VIS-CAPACITY', 'Video Interop Server pool too small for its transcoding', (ix) => {
    const hits: Hit[] = [];
    for (const vis of ix.ofKind('videoInteropPool')) {
      const calls = vis.concurrentTranscodedVtcs;
      if (calls === undefined || calls <= REF.visTranscodes * vis.servers) continue;
      hits.push({
        nodeIds: [vis.id],
        message: `${label(vis)} plans ${num(calls)} transcoded video teleconferencing calls at once on ${num(vis.servers)} ${vis.servers === 1 ? 'server' : 'servers'} (about ${num(REF.visTranscodes * vis.servers)}). ${catalogueMessage('TOPO-VIS-CAPACITY')}`,
      });
    }
    return hits;
  }),
];
