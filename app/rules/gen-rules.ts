/** GEN rules (docs/rules.md) (ids GEN-* and TOPO-*): platform, versions, naming and collocation. */
import { linkKindLabel, nodeKindLabel } from '../model/link-kinds';
import { productVersionLabel } from '../model/product-versions';
import { SUPPORTED } from '../model/reference-numbers';
import type { Link, LinkKind, OsVersion, TopologyNode } from '../model/schema';
import { hasProductVersion } from '../model/schema';
import { cuNumber, singleLabel, type RegistrarPool } from '../model/topology-index';
import { catalogueMessage, defineRule } from './define-rule';
import { registrarSites, soloRoleMachines } from './rule-helpers';
import { few, kinded, kindedNames, label, names, noun, quote, STORE_ROLE_LABEL } from './rule-text';
import type { Hit, Rule } from './types';

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
  const minCu = SUPPORTED.osMinCu[v][x.os];
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
    const sides = [n.internalLoadBalancing === 'dns' ? 'internal' : undefined, n.externalLoadBalancing === 'dns' ? 'external' : undefined].filter(Boolean);
    how = `balances its ${sides.join(' and ')} ${noun(sides.length, 'side')} by DNS`;
  }
  return `${kinded(n)} ${how}. ${catalogueMessage('GEN-DNSLB-CLIENT-FAILOVER')}`;
};

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
      hits.push({ nodeIds: [x.id], message: `${kinded(x)} runs Skype for Business Server 2019 on Windows Server 2022${given}. ${catalogueMessage('GEN-OS-WS2022-CU-UNKNOWN')}` });
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
      hits.push({ nodeIds: inSite.map((n) => n.id), siteIds: [s.id], message: `Central site ${label(s)}: ${holds}. ${catalogueMessage('GEN-CENTRAL-SITE-HAS-POOL')}` });
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

  defineRule('TOPO-ADMIN-TOOLS-2019', '2019 administrative tools in a mixed deployment', (ix) => {
    const v2019: TopologyNode[] = [];
    const v2015: TopologyNode[] = [];
    for (const n of ix.allNodes()) {
      if (!hasProductVersion(n)) continue;
      if (n.productVersion === '2019') v2019.push(n);
      else v2015.push(n);
    }
    if (v2019.length === 0 || v2015.length === 0) return [];
    return [
      {
        nodeIds: v2019.map((n) => n.id),
        message: `This design has Skype for Business Server 2019 nodes (${names(v2019)}) and 2015 nodes (${names(v2015)}). ${catalogueMessage('TOPO-ADMIN-TOOLS-2019')}`,
      },
    ];
  }),
];
