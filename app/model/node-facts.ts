/** The facts an architect checks first on a node, at most two short lines. */
import { productVersionLabel, productVersionShort } from './product-versions';
import { productVersionOf, type TopologyNode } from './schema';
import { assertNever } from '../lib/result';
import { plural, num } from '../lib/text';

const HA_LABEL = {
  none: 'no HA',
  mirroring: 'mirroring',
  alwaysOnAg: 'AlwaysOn AG',
  alwaysOnFci: 'AlwaysOn FCI',
  sqlFailoverCluster: 'failover cluster',
} as const;

export function nodeFacts(n: TopologyNode): string[] {
  switch (n.kind) {
    case 'frontEndPool':
      return [
        `${plural(n.frontEndServers, 'Front End')} · ${plural(n.users, 'user')}`,
        `${n.os}${n.cumulativeUpdate ? ` · ${n.cumulativeUpdate}` : ''} · SIP ${n.sipLoadBalancing.toUpperCase()}${n.mediationCollocated ? ' · Med.' : ''}`,
      ];
    case 'standardEditionServer':
      return [
        `Standard Edition · ${plural(n.users, 'user')}`,
        `${n.os}${n.cumulativeUpdate ? ` · ${n.cumulativeUpdate}` : ''}${n.mediationCollocated ? ' · Med.' : ''}`,
      ];
    case 'sqlStore': {
      const inst = n.instance ? `\\${n.instance}` : '';
      const ha =
        n.haMode === 'alwaysOnAg' && n.ag
          ? `AG · ${plural(n.ag.replicas.length, 'replica')}`
          : n.haMode === 'alwaysOnFci' || n.haMode === 'sqlFailoverCluster'
            ? `${HA_LABEL[n.haMode]}${n.clusterNodes ? ` · ${plural(n.clusterNodes, 'node')}` : ''}`
            : HA_LABEL[n.haMode];
      return [
        `SQL ${n.sqlVersion} ${cap(n.sqlEdition)}${n.sqlUpdateLevel ? ` ${n.sqlUpdateLevel}` : ''}`,
        `${ha}${inst ? ` · ${inst}` : ''}`,
      ];
    }
    case 'edgePool':
      return [
        `${plural(n.servers, 'Edge server')} · ${n.externalLoadBalancing === 'hlb' ? 'HLB' : 'DNS LB'}`,
        [
          n.federation ? 'federation' : '',
          n.xmpp ? 'XMPP' : '',
          n.concurrentRemoteUsers !== undefined ? `${num(n.concurrentRemoteUsers)} remote` : '',
        ]
          .filter(Boolean)
          .join(' · ') || 'no federation',
      ];
    case 'directorPool':
      return [
        plural(n.servers, 'Director'),
        `SIP ${n.sipLoadBalancing.toUpperCase()} · web ${n.webLoadBalancing === 'hlb' ? 'HLB' : 'none'}`,
      ];
    case 'mediationPool':
      return [plural(n.servers, 'Mediation Server')];
    case 'persistentChatPool': {
      const active = n.servers.filter((s) => s.active).length;
      return [
        `${num(active)} active · ${num(n.servers.length - active)} standby`,
        n.compliance ? 'compliance on' : 'no compliance',
      ];
    }
    case 'fileStore':
      return [`\\\\${n.fqdn.split('.')[0]}\\${n.share}`, STORAGE[n.storage]];
    case 'officeOnlineServer':
      return [plural(n.servers, 'server'), `${cap(n.zone)} zone`];
    case 'survivableBranch':
      return [`${n.variant === 'sba' ? 'Survivable Branch Appliance' : 'Survivable Branch Server'}`, plural(n.users, 'user')];
    case 'reverseProxy':
      return ['Reverse proxy', 'web services, meetings'];
    case 'gatewayPeer':
      return [
        PEER_LABEL[n.peerType],
        [n.mediaBypass ? 'media bypass' : '', n.dnsLoadBalancing ? 'DNS LB' : ''].filter(Boolean).join(' · ') ||
          'no media bypass',
      ];
    case 'videoInteropPool':
      return [
        plural(n.servers, 'VIS server'),
        n.concurrentTranscodedVtcs !== undefined ? `${num(n.concurrentTranscodedVtcs)} transcoded VTCs` : 'video trunk',
      ];
    default:
      return assertNever(n);
  }
}

const PEER_LABEL = {
  pstnGateway: 'PSTN gateway',
  sbc: 'Session Border Controller',
  ipPbx: 'IP-PBX',
  tdmPbx: 'TDM PBX',
  sipTrunk: 'SIP trunk provider',
  videoGateway: 'Video gateway',
} as const;
const STORAGE = { singleServer: 'single file server', dfs: 'DFS', cluster: 'clustered file server', nas: 'NAS' } as const;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "2019", "Subscription Edition", "Lync 2013" (never "SE": that reads as Standard Edition). */
export function versionBadge(n: TopologyNode): string | undefined {
  const v = productVersionOf(n);
  return v === undefined ? undefined : productVersionShort(v);
}

/**
 * The name a card shows. A closing "(Subscription Edition)" or "(2019)" that repeats the
 * node's own version gives way to the version pill beside it (`withPill`), or else to its
 * short form, so "Pool NY (Subscription Edition)" is not cut to "Pool NY (Subscripti…". The
 * card keeps the full name in its tooltip and accessible name.
 */
export function cardName(n: TopologyNode, withPill: boolean): string {
  const v = productVersionOf(n);
  const m = /\s*\(([^()]+)\)\s*$/.exec(n.name);
  if (v === undefined || !m || m.index === 0) return n.name;
  const said = m[1]!.trim().toLowerCase();
  const short = productVersionShort(v);
  if (![productVersionLabel(v), short, `SfB ${short}`].some((w) => w.toLowerCase() === said)) return n.name;
  const base = n.name.slice(0, m.index);
  return withPill ? base : `${base} (${v === 'SE' ? 'Sub. Ed.' : short})`;
}
