/**
 * Sensible defaults for a new node of each kind: what the palette drops on the canvas
 * and what reference designs and tests build on. A new Front End pool is 2019 with
 * three servers; a new SQL store is SQL Server 2019 Enterprise in an AlwaysOn AG.
 */
import type { Link, LinkKind, NodeKind, NodeOfKind, Site, Topology } from './schema';
import { CURRENT_VERSION, FORMAT_NAME } from './schema';

type Common = { id: string; siteId: string; name?: string; fqdn?: string; domain?: string };

const fqdnFor = (id: string, domain = 'contoso.com') =>
  `${
    id
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .replace(/^-+|-+$/g, '') || 'server'
  }.${domain}`;

/** `pool01.contoso.com` → `pool01-webint.contoso.com` (the first label kept within 63 characters). */
export function webInternalFqdn(fqdn: string): string {
  const dot = fqdn.indexOf('.');
  const [head, tail] = dot > 0 ? [fqdn.slice(0, dot), fqdn.slice(dot)] : [fqdn, ''];
  return `${head.slice(0, 63 - '-webint'.length).replace(/-+$/, '')}-webint${tail}`.slice(0, 253);
}

export function defaultNode<K extends NodeKind>(kind: K, c: Common): NodeOfKind<K> {
  const name = c.name ?? c.id;
  const fqdn = c.fqdn ?? fqdnFor(c.id, c.domain);
  const base = { id: c.id, name, siteId: c.siteId };
  const node = (() => {
    switch (kind) {
      case 'frontEndPool':
        // DNS load balancing needs an internal web services FQDN of its own (FE-DNSLB-WEB-FQDN).
        return {
          ...base,
          kind,
          productVersion: '2019',
          fqdn,
          frontEndServers: 3,
          users: 6_000,
          hosting: 'physical',
          os: 'WS2019',
          sipLoadBalancing: 'dns',
          webLoadBalancing: 'hlb',
          mediationCollocated: true,
          conferencing: true,
          internalWebFqdn: webInternalFqdn(fqdn),
        } satisfies NodeOfKind<'frontEndPool'>;
      case 'standardEditionServer':
        return {
          ...base,
          kind,
          productVersion: '2019',
          fqdn,
          users: 2_000,
          hosting: 'physical',
          os: 'WS2019',
          mediationCollocated: true,
        } satisfies NodeOfKind<'standardEditionServer'>;
      case 'sqlStore':
        return {
          ...base,
          kind,
          fqdn,
          instance: '',
          sqlVersion: '2019',
          sqlEdition: 'enterprise',
          haMode: 'alwaysOnAg',
          ag: {
            listenerFqdn: fqdn,
            listenerPort: 1433,
            replicas: [1, 2].map((i) => ({
              fqdn: fqdn.replace(/^([^.]+)/, `$1-n${i}`),
              siteId: c.siteId,
              commitMode: 'synchronous' as const,
              failoverMode: 'automatic' as const,
              readable: false,
            })),
          },
        } satisfies NodeOfKind<'sqlStore'>;
      case 'edgePool':
        return {
          ...base,
          kind,
          productVersion: '2019',
          fqdn,
          servers: 2,
          internalLoadBalancing: 'dns',
          externalLoadBalancing: 'dns',
          federation: false,
          xmpp: false,
        } satisfies NodeOfKind<'edgePool'>;
      case 'directorPool':
        return {
          ...base,
          kind,
          productVersion: '2019',
          fqdn,
          servers: 2,
          sipLoadBalancing: 'dns',
          webLoadBalancing: 'hlb',
        } satisfies NodeOfKind<'directorPool'>;
      case 'mediationPool':
        return { ...base, kind, productVersion: '2019', fqdn, servers: 2 } satisfies NodeOfKind<'mediationPool'>;
      case 'persistentChatPool':
        return {
          ...base,
          kind,
          productVersion: '2015',
          fqdn,
          servers: [
            { siteId: c.siteId, active: true },
            { siteId: c.siteId, active: true },
          ],
          compliance: false,
        } satisfies NodeOfKind<'persistentChatPool'>;
      case 'fileStore':
        return { ...base, kind, fqdn, share: 'sfbshare', storage: 'dfs' } satisfies NodeOfKind<'fileStore'>;
      case 'officeOnlineServer':
        return { ...base, kind, fqdn, servers: 2, zone: 'internal' } satisfies NodeOfKind<'officeOnlineServer'>;
      case 'survivableBranch':
        return { ...base, kind, variant: 'sba', fqdn, users: 200 } satisfies NodeOfKind<'survivableBranch'>;
      case 'reverseProxy':
        return { ...base, kind, fqdn } satisfies NodeOfKind<'reverseProxy'>;
      case 'gatewayPeer':
        return {
          ...base,
          kind,
          fqdn,
          peerType: 'sbc',
          dnsLoadBalancing: false,
          acceptsAnyPoolMember: false,
          mediaBypass: false,
        } satisfies NodeOfKind<'gatewayPeer'>;
      case 'videoInteropPool':
        return { ...base, kind, productVersion: '2015', fqdn, servers: 2 } satisfies NodeOfKind<'videoInteropPool'>;
    }
  })();
  const takesDomain = kind === 'frontEndPool' || kind === 'standardEditionServer' || kind === 'sqlStore';
  return (c.domain !== undefined && takesDomain ? { ...node, domain: c.domain } : node) as NodeOfKind<K>;
}

/** A single SQL Server store (no HA): a witness, a mirror partner, a Monitoring store. */
export function standaloneSqlStore(c: Common): NodeOfKind<'sqlStore'> {
  const { ag: _ag, ...rest } = defaultNode('sqlStore', c);
  return { ...rest, haMode: 'none' };
}

/** A link with no extra fields (pairing, store role etc. are set by the caller). */
export function defaultLink(kind: LinkKind, id: string, from: string, to: string): Link {
  switch (kind) {
    case 'store':
      return { id, kind, from, to, role: 'monitoring' };
    case 'pairing':
      return { id, kind, from, to, voiceFailover: true };
    case 'backEnd':
    case 'mirror':
    case 'witness':
    case 'nextHop':
    case 'mediaEdge':
    case 'fileStore':
    case 'officeOnline':
    case 'backupRegistrar':
    case 'logShipping':
    case 'trunk':
      return { id, kind, from, to };
  }
}

export function emptyTopology(name = 'Untitled design'): Topology {
  return {
    format: FORMAT_NAME,
    version: CURRENT_VERSION,
    name,
    deployment: { cmsHost: null, mode: 'greenfield' },
    sites: [],
    nodes: [],
    links: [],
    layout: {},
  };
}

export function defaultSite(id: string, name: string, kind: Site['kind'] = 'central', region?: string): Site {
  return region ? { id, name, kind, region } : { id, name, kind };
}
