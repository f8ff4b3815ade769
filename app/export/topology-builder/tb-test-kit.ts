/**
 * Test support for the Topology Builder round trip: the part of a design that a topology
 * document carries, keyed by what identifies things there (kind and FQDN, SQL instance,
 * share, site name) instead of the designer's ids, which an import invents anew.
 */
import type { Topology, TopologyNode } from '../../model/schema';

export interface TbView {
  sites: string[];
  nodes: string[];
  links: string[];
  cmsHost: string | null;
}

export function nodeKey(n: TopologyNode): string {
  switch (n.kind) {
    case 'sqlStore':
      return `sqlStore|${n.fqdn.toLowerCase()}|${n.instance.toLowerCase()}`;
    case 'fileStore':
      return `fileStore|${n.fqdn.toLowerCase()}|${n.share}`;
    default:
      return `${n.kind}|${n.fqdn.toLowerCase()}`;
  }
}

/** The facts of a node that a topology document holds. */
function facts(n: TopologyNode): unknown[] {
  switch (n.kind) {
    case 'frontEndPool':
      return [n.productVersion, n.frontEndServers, n.mediationCollocated, n.conferencing];
    case 'standardEditionServer':
      return [n.productVersion, n.mediationCollocated];
    case 'directorPool':
    case 'mediationPool':
      return [n.productVersion, n.servers];
    case 'edgePool':
      return [n.productVersion, n.servers, n.federation, n.xmpp && n.productVersion === '2015'];
    case 'officeOnlineServer':
      return [n.servers, n.zone === 'internal' ? 'internal' : 'not internal'];
    case 'sqlStore':
      return n.haMode === 'alwaysOnAg' ? ['AG', n.ag?.replicas[0]?.fqdn.toLowerCase() ?? n.fqdn.toLowerCase()] : ['instance'];
    case 'fileStore':
      return [n.share];
    case 'survivableBranch':
      return [];
    case 'persistentChatPool':
    case 'reverseProxy':
    case 'gatewayPeer':
    case 'videoInteropPool':
      return [];
  }
}

/** Persistent Chat, reverse proxies and Video Interop pools are not written (the export names them in a note). */
const CARRIED = (n: TopologyNode) =>
  n.kind !== 'persistentChatPool' && n.kind !== 'reverseProxy' && n.kind !== 'videoInteropPool';

/** What a name becomes in a topology document: characters XML cannot carry are replaced; readers trim. */
export function tbText(name: string): string {
  return name.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd').trim();
}

export function tbView(t: Topology): TbView {
  const siteName = new Map(t.sites.map((s) => [s.id, `${s.kind}:${tbText(s.name)}`]));
  const byId = new Map(t.nodes.map((n) => [n.id, n]));
  const nodes = t.nodes.filter(CARRIED).map((n) => `${nodeKey(n)} @${siteName.get(n.siteId)} ${JSON.stringify(facts(n))}`);
  const links: string[] = [];
  for (const l of t.links) {
    const a = byId.get(l.from);
    const b = byId.get(l.to);
    if (!a || !b || !CARRIED(a) || !CARRIED(b) || l.kind === 'logShipping') continue;
    if (l.kind === 'store' && l.role !== 'archiving' && l.role !== 'monitoring') continue;
    const ends = l.kind === 'pairing' ? [nodeKey(a), nodeKey(b)].sort() : [nodeKey(a), nodeKey(b)];
    const extra =
      l.kind === 'store'
        ? `:${l.role}`
        : l.kind === 'trunk'
          ? `:${l.peerPort ?? 5067}/${l.mediationPort ?? 5067}/${l.transport ?? 'tls'}`
          : '';
    links.push(`${l.kind}${extra} ${ends.join(' -> ')}`);
  }
  const cms = t.deployment.cmsHost ? byId.get(t.deployment.cmsHost) : undefined;
  return {
    sites: [...new Set(t.nodes.filter(CARRIED).map((n) => siteName.get(n.siteId)!))].sort(),
    nodes: [...new Set(nodes)].sort(),
    links: [...new Set(links)].sort(),
    cmsHost: cms ? nodeKey(cms) : null,
  };
}
