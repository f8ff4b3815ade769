/**
 * The words a diff speaks: every field of the topology document as an architect names it,
 * and every value as Topology Builder or Microsoft's pages write it. The field names
 * themselves never reach a person.
 */
import { plainWords } from '../model/plain-words';
import { productVersionLabel } from '../model/product-versions';
import type { NodeKind, ProductVersion } from '../model/schema';
import { num, plural } from '../lib/text';

const KIND_WORDS: Record<NodeKind, string> = {
  frontEndPool: 'Front End pool',
  standardEditionServer: 'Standard Edition server',
  sqlStore: 'SQL store',
  edgePool: 'Edge pool',
  directorPool: 'Director pool',
  mediationPool: 'Mediation pool',
  persistentChatPool: 'Persistent Chat pool',
  fileStore: 'file store',
  officeOnlineServer: 'Office Online Server farm',
  survivableBranch: 'survivable branch',
  reverseProxy: 'reverse proxy',
  gatewayPeer: 'PSTN gateway',
  videoInteropPool: 'Video Interop Server pool',
};

/** "Front End pool", "SQL store", … (the kind names the rule texts use). */
export const kindWords = (kind: NodeKind): string => KIND_WORDS[kind];

/** Every field a node, link or site can carry, in the architect's words. */
export const FIELD_LABELS: Record<string, string> = {
  name: 'name',
  siteId: 'site',
  fqdn: 'FQDN',
  productVersion: 'version',
  frontEndServers: 'Front End servers',
  users: 'homed users',
  hosting: 'hosting',
  os: 'Windows Server',
  cumulativeUpdate: 'cumulative update',
  sipLoadBalancing: 'SIP load balancing',
  webLoadBalancing: 'web services load balancing',
  mediationCollocated: 'collocated Mediation Server',
  conferencing: 'conferencing',
  largeMeetingPool: 'dedicated large-meeting pool',
  deployed: 'already deployed',
  domain: 'Active Directory domain',
  internalWebFqdn: 'internal web services FQDN',
  externalWebFqdn: 'external web services FQDN',
  enterpriseVoice: 'Enterprise Voice',
  dialIn: 'dial-in conferencing',
  largestMeeting: 'largest planned meeting',
  decommission: 'decommissioned at the end of the change',
  inPlaceUpgrade: 'in-place upgrade',
  instance: 'SQL Server instance',
  sqlVersion: 'SQL Server version',
  sqlEdition: 'SQL Server edition',
  sqlUpdateLevel: 'SQL Server update level',
  haMode: 'high availability',
  currentHaMode: 'high availability deployed today',
  ag: 'availability group',
  clusterNodes: 'cluster nodes',
  hostsNonSfbDatabases: 'also hosts other products\u2019 databases',
  servers: 'servers',
  internalLoadBalancing: 'internal load balancing',
  externalLoadBalancing: 'external load balancing',
  federation: 'federation (port 5061)',
  xmpp: 'XMPP federation',
  concurrentRemoteUsers: 'concurrent remote users',
  hlbDirectServerReturn: 'direct server return on the load balancer',
  externalAddressing: 'external addressing',
  externalIpMode: 'external IP addresses',
  externalSipFqdn: 'Access Edge external FQDN',
  externalWebConfFqdn: 'Web Conferencing Edge external FQDN',
  externalAvFqdn: 'A/V Edge external FQDN',
  natAddresses: 'translated public addresses',
  compliance: 'compliance',
  concurrentUsers: 'concurrent users',
  share: 'file share',
  storage: 'storage',
  backupIntervalHours: 'backup interval (hours)',
  zone: 'network zone',
  discoveryUrl: 'WOPI discovery URL',
  variant: 'appliance or server',
  peerType: 'peer type',
  dnsLoadBalancing: 'DNS load balancing',
  acceptsAnyPoolMember: 'accepts any pool member',
  mediaBypass: 'media bypass',
  concurrentTranscodedVtcs: 'concurrent transcoded VTCs',
  // links
  role: 'role',
  port: 'port',
  synchronous: 'synchronous',
  voiceFailover: 'voice resiliency (failover of voice routes)',
  voiceFailoverSeconds: 'voice failure detection (seconds)',
  mediationPort: 'Mediation Server port',
  peerPort: 'peer port',
  transport: 'transport',
  // sites
  kind: 'kind',
  region: 'region',
  datacenter: 'data center',
  parentSiteId: 'central site',
  // WAN links
  fast: 'high bandwidth, low latency',
  secured: 'secured',
  resilient: 'resilient',
};

/** A field in words; a field this table does not know yet is spelled out rather than shown raw. */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

const OS: Record<string, string> = {
  WS2008R2: 'Windows Server 2008 R2',
  WS2012: 'Windows Server 2012',
  WS2012R2: 'Windows Server 2012 R2',
  WS2016: 'Windows Server 2016',
  WS2019: 'Windows Server 2019',
  WS2022: 'Windows Server 2022',
};
const HA: Record<string, string> = {
  none: 'none (a single server)',
  mirroring: 'SQL Server mirroring',
  alwaysOnAg: 'AlwaysOn availability group',
  alwaysOnFci: 'AlwaysOn failover cluster instance',
  sqlFailoverCluster: 'SQL Server failover clustering',
};
const ENUMS: Record<string, Record<string, string>> = {
  hosting: { physical: 'physical servers', virtual: 'virtual machines' },
  sipLoadBalancing: { dns: 'DNS load balancing', hlb: 'hardware load balancer' },
  webLoadBalancing: { hlb: 'hardware load balancer', none: 'none' },
  internalLoadBalancing: { dns: 'DNS load balancing', hlb: 'hardware load balancer' },
  externalLoadBalancing: { dns: 'DNS load balancing', hlb: 'hardware load balancer' },
  sqlEdition: { enterprise: 'Enterprise', standard: 'Standard', express: 'Express' },
  externalAddressing: { public: 'public addresses', symmetricNat: 'NAT (symmetric)', otherNat: 'NAT' },
  externalIpMode: { perService: 'one per service', single: 'one for all services' },
  storage: { singleServer: 'a single file server', dfs: 'DFS', cluster: 'a file server cluster', nas: 'NAS' },
  zone: { internal: 'internal', perimeter: 'perimeter network', external: 'external' },
  variant: { sba: 'Survivable Branch Appliance', sbs: 'Survivable Branch Server' },
  peerType: {
    pstnGateway: 'PSTN gateway',
    sbc: 'session border controller',
    ipPbx: 'IP-PBX',
    tdmPbx: 'TDM PBX',
    sipTrunk: 'SIP trunk provider',
    videoGateway: 'video gateway',
  },
  transport: { tls: 'TLS', tcp: 'TCP' },
  kind: { central: 'central site', branch: 'branch site' },
  role: {
    monitoring: 'Monitoring',
    archiving: 'Archiving',
    persistentChat: 'Persistent Chat',
    persistentChatCompliance: 'Persistent Chat compliance',
  },
};

export const haModeWords = (mode: string): string => HA[mode] ?? plainWords(mode);
export const versionWords = (v: ProductVersion): string => productVersionLabel(v);

/**
 * A value of `field` in words. `siteName` turns a site id into its name; text the user typed
 * (names, FQDNs, shares) comes back as typed, for the caller to escape for its format.
 */
export function valueWords(field: string, value: unknown, siteName: (id: string) => string): string {
  if (value === undefined || value === null) return 'not set';
  switch (field) {
    case 'productVersion':
      return productVersionLabel(value as ProductVersion);
    case 'os':
      return OS[value as string] ?? String(value);
    case 'haMode':
    case 'currentHaMode':
      return haModeWords(String(value));
    case 'sqlVersion':
      return `SQL Server ${String(value)}`;
    case 'siteId':
    case 'parentSiteId':
      return siteName(String(value));
    case 'inPlaceUpgrade': {
      const u = value as { fromVersion: ProductVersion; fromOs?: string };
      return `from ${productVersionLabel(u.fromVersion)}${u.fromOs ? ` on ${OS[u.fromOs] ?? u.fromOs}` : ''}`;
    }
    case 'ag': {
      const ag = value as {
        listenerFqdn: string;
        listenerPort?: number;
        replicas: { fqdn: string; siteId: string; commitMode: string }[];
      };
      const sync = ag.replicas.filter((r) => r.commitMode === 'synchronous').length;
      const sites = [...new Set(ag.replicas.map((r) => siteName(r.siteId)))];
      return `listener ${ag.listenerFqdn}${ag.listenerPort !== undefined && ag.listenerPort !== 1433 ? `:${ag.listenerPort}` : ''}, ${count(ag.replicas.length, 'replica')} (${sync} synchronous) in ${sites.join(', ') || 'no site'}`;
    }
    case 'servers':
      if (Array.isArray(value)) {
        const active = (value as { active: boolean }[]).filter((s) => s.active).length;
        return `${count(value.length, 'server')} (${active} active)`;
      }
      return String(value);
    case 'natAddresses':
      return (value as string[]).join(', ') || 'none';
    default:
      break;
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return num(value);
  if (typeof value === 'string') return ENUMS[field]?.[value] ?? value;
  return plainWords(JSON.stringify(value));
}

/** "1 node", "1,200 users": lib/text's plural, under the name the change lists use. */
export const count = plural;
