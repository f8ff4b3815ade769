/**
 * The inspector's fields per node kind: every field of the format, with the control it
 * needs, its limits, and when it applies (AG fields only for an AG, ...). Values are
 * validated by the same zod schemas as files.
 */
import { CHOOSABLE_VERSIONS, productVersionLabel } from '../model/product-versions';
import {
  BRANCH_VARIANTS,
  EDGE_EXTERNAL_ADDRESSING,
  EDGE_EXTERNAL_IP_MODES,
  GATEWAY_PEER_TYPES,
  UPGRADE_SOURCES,
  FILE_STORAGE,
  HA_MODES,
  HOSTINGS,
  OOS_ZONES,
  OS_VERSIONS,
  SIP_LB,
  SQL_EDITIONS,
  SQL_VERSIONS,
  WEB_LB,
  type NodeKind,
  type TopologyNode,
} from '../model/schema';

export type FieldSpec =
  | {
      key: string;
      label: string;
      type: 'text' | 'fqdn';
      optional?: boolean;
      /** Refused when empty or only spaces (a name: the last one is kept), though the format allows it. */
      nonBlank?: boolean;
      placeholder?: string;
      help?: string;
      group: string;
    }
  | { key: string; label: string; type: 'int'; min: number; max?: number; optional?: boolean; help?: string; group: string }
  | {
      key: string;
      label: string;
      type: 'enum';
      options: readonly string[];
      labels?: Record<string, string>;
      optional?: boolean;
      unsetLabel?: string;
      help?: string;
      group: string;
    }
  | { key: string; label: string; type: 'bool'; optional?: boolean; help?: string; group: string }
  /** Several values in one box, separated by commas or spaces (an Edge's NAT addresses). */
  | { key: string; label: string; type: 'list'; optional?: boolean; placeholder?: string; help?: string; group: string };

const name = { key: 'name', label: 'Name', type: 'text', nonBlank: true, group: 'Identity' } as const;
const fqdn = (label = 'FQDN') => ({ key: 'fqdn', label, type: 'fqdn', group: 'Identity' }) as const;
/** Newest first; Subscription Edition always written out ("SE" alone means Standard Edition). */
const VERSION_LABELS = Object.fromEntries(CHOOSABLE_VERSIONS.map((v) => [v, productVersionLabel(v)]));
const version = {
  key: 'productVersion',
  label: 'Product version',
  type: 'enum',
  options: CHOOSABLE_VERSIONS,
  labels: VERSION_LABELS,
  group: 'Identity',
} as const;
const OS_LABELS = {
  WS2008R2: '2008 R2 (upgraded in place only)',
  WS2012: '2012',
  WS2012R2: '2012 R2',
  WS2016: '2016',
  WS2019: '2019',
  WS2022: '2022',
};
const os = {
  key: 'os',
  label: 'Windows Server',
  type: 'enum',
  options: OS_VERSIONS,
  labels: OS_LABELS,
  group: 'Platform',
} as const;
const cu = {
  key: 'cumulativeUpdate',
  label: 'Cumulative update',
  type: 'text',
  optional: true,
  placeholder: 'e.g. CU8 (RTM for a new Subscription Edition)',
  group: 'Platform',
} as const;
/** Edge, Director, Mediation and Persistent Chat pools record their OS since format v2; v1 designs have none. */
const optionalPlatform = [{ ...os, optional: true }, cu] as const;
const HA_LABELS = {
  none: 'None (single server)',
  mirroring: 'SQL mirroring (2015 only)',
  alwaysOnAg: 'AlwaysOn availability group',
  alwaysOnFci: 'AlwaysOn failover cluster instance',
  sqlFailoverCluster: 'SQL failover clustering',
};
const UPGRADE_LABELS = Object.fromEntries(UPGRADE_SOURCES.map((v) => [v, productVersionLabel(v)]));
/** Transition fields (format v2): what happens to this server in the change. */
const lifecycle = [
  {
    key: 'decommission',
    label: 'Decommissioned at the end of this change',
    type: 'bool',
    optional: true,
    help: 'Transition designs: the pool is removed once its users and services have moved.',
    group: 'Transition',
  },
  {
    key: 'inPlaceUpgrade.fromVersion',
    label: 'Upgraded in place from',
    type: 'enum',
    options: UPGRADE_SOURCES,
    labels: UPGRADE_LABELS,
    optional: true,
    unsetLabel: 'Not upgraded in place',
    group: 'Transition',
  },
  {
    key: 'inPlaceUpgrade.fromOs',
    label: 'Windows Server before the upgrade',
    type: 'enum',
    options: OS_VERSIONS,
    labels: OS_LABELS,
    optional: true,
    unsetLabel: 'Same as now',
    group: 'Transition',
  },
] as const;
const workload = [
  { key: 'enterpriseVoice', label: 'Enterprise Voice', type: 'bool', optional: true, group: 'Features' },
  { key: 'dialIn', label: 'Dial-in conferencing', type: 'bool', optional: true, group: 'Features' },
  {
    key: 'largestMeeting',
    label: 'Largest planned meeting (participants)',
    type: 'int',
    min: 1,
    optional: true,
    group: 'Capacity',
  },
] as const;
const webFqdns = (internal: boolean) => [
  ...(internal
    ? [
        {
          key: 'internalWebFqdn',
          label: 'Internal web services FQDN',
          type: 'fqdn',
          optional: true,
          placeholder: 'the pool FQDN unless overridden',
          help: 'Topology Builder\'s "Override internal Web Services pool FQDN".',
          group: 'Web services',
        } as const,
      ]
    : []),
  {
    key: 'externalWebFqdn',
    label: 'External web services FQDN',
    type: 'fqdn',
    optional: true,
    placeholder: 'e.g. webext.contoso.com',
    group: 'Web services',
  } as const,
];
const platform = [
  os,
  cu,
  { key: 'hosting', label: 'Hosting', type: 'enum', options: HOSTINGS, group: 'Platform' },
  { key: 'domain', label: 'AD domain', type: 'text', optional: true, placeholder: 'e.g. contoso.com', group: 'Platform' },
] as const;
const LB = { dns: 'DNS load balancing', hlb: 'Hardware load balancer', none: 'None' };

export const FIELDS: Record<NodeKind, readonly FieldSpec[]> = {
  frontEndPool: [
    name,
    fqdn('Pool FQDN'),
    version,
    { key: 'frontEndServers', label: 'Front End servers', type: 'int', min: 1, max: 16, group: 'Capacity' },
    { key: 'users', label: 'Homed users', type: 'int', min: 0, group: 'Capacity' },
    { key: 'sipLoadBalancing', label: 'SIP load balancing', type: 'enum', options: SIP_LB, labels: LB, group: 'Load balancing' },
    {
      key: 'webLoadBalancing',
      label: 'Web services load balancing',
      type: 'enum',
      options: WEB_LB,
      labels: LB,
      group: 'Load balancing',
    },
    { key: 'mediationCollocated', label: 'Mediation collocated', type: 'bool', group: 'Features' },
    { key: 'conferencing', label: 'Conferencing', type: 'bool', group: 'Features' },
    { key: 'largeMeetingPool', label: 'Dedicated large-meeting pool', type: 'bool', optional: true, group: 'Features' },
    {
      key: 'deployed',
      label: 'Already deployed',
      type: 'bool',
      optional: true,
      help: 'The pool exists today: pairing then needs the extra steps for deployed pools.',
      group: 'Features',
    },
    ...workload,
    ...webFqdns(true),
    ...platform,
    ...lifecycle,
  ],
  standardEditionServer: [
    name,
    fqdn('Server FQDN'),
    version,
    { key: 'users', label: 'Homed users', type: 'int', min: 0, group: 'Capacity' },
    { key: 'mediationCollocated', label: 'Mediation collocated', type: 'bool', group: 'Features' },
    {
      key: 'deployed',
      label: 'Already deployed',
      type: 'bool',
      optional: true,
      help: 'The server exists today: the runbook changes it instead of building it.',
      group: 'Features',
    },
    ...workload,
    ...webFqdns(false),
    ...platform,
    ...lifecycle,
  ],
  sqlStore: [
    name,
    fqdn('SQL Server FQDN'),
    { key: 'instance', label: 'Instance', type: 'text', placeholder: '(default instance)', group: 'Identity' },
    { key: 'sqlVersion', label: 'SQL Server version', type: 'enum', options: SQL_VERSIONS, group: 'SQL Server' },
    {
      key: 'sqlEdition',
      label: 'Edition',
      type: 'enum',
      options: SQL_EDITIONS,
      labels: { enterprise: 'Enterprise', standard: 'Standard', express: 'Express' },
      group: 'SQL Server',
    },
    {
      key: 'sqlUpdateLevel',
      label: 'Update level',
      type: 'text',
      optional: true,
      placeholder: 'e.g. SP2 CU2',
      group: 'SQL Server',
    },
    { key: 'haMode', label: 'High availability', type: 'enum', options: HA_MODES, labels: HA_LABELS, group: 'High availability' },
    {
      key: 'currentHaMode',
      label: 'High availability deployed today',
      type: 'enum',
      options: HA_MODES,
      labels: HA_LABELS,
      optional: true,
      unsetLabel: 'Same as the target (or a new store)',
      help: 'Transition designs: converting an existing store (say, mirroring to an AlwaysOn availability group) follows a different procedure from building a new one.',
      group: 'High availability',
    },
    { key: 'clusterNodes', label: 'Cluster nodes', type: 'int', min: 1, max: 16, optional: true, group: 'High availability' },
    { key: 'domain', label: 'AD domain', type: 'text', optional: true, group: 'Platform' },
    {
      key: 'hostsNonSfbDatabases',
      label: 'Also hosts databases of other products',
      type: 'bool',
      optional: true,
      group: 'Platform',
    },
  ],
  edgePool: [
    name,
    fqdn('Internal pool FQDN'),
    version,
    { key: 'servers', label: 'Edge servers', type: 'int', min: 1, max: 20, group: 'Capacity' },
    { key: 'concurrentRemoteUsers', label: 'Concurrent remote users', type: 'int', min: 0, optional: true, group: 'Capacity' },
    {
      key: 'internalLoadBalancing',
      label: 'Internal load balancing',
      type: 'enum',
      options: SIP_LB,
      labels: LB,
      group: 'Load balancing',
    },
    {
      key: 'externalLoadBalancing',
      label: 'External load balancing',
      type: 'enum',
      options: SIP_LB,
      labels: LB,
      group: 'Load balancing',
    },
    { key: 'federation', label: 'SIP federation (port 5061)', type: 'bool', group: 'Features' },
    { key: 'xmpp', label: 'XMPP federation (2015)', type: 'bool', group: 'Features' },
    {
      key: 'externalSipFqdn',
      label: 'Access Edge external FQDN',
      type: 'fqdn',
      optional: true,
      placeholder: 'e.g. sip.contoso.com',
      group: 'External side',
    },
    {
      key: 'externalWebConfFqdn',
      label: 'Web Conferencing Edge external FQDN',
      type: 'fqdn',
      optional: true,
      placeholder: 'e.g. webconf.contoso.com',
      group: 'External side',
    },
    {
      key: 'externalAvFqdn',
      label: 'A/V Edge external FQDN',
      type: 'fqdn',
      optional: true,
      placeholder: 'e.g. av.contoso.com',
      group: 'External side',
    },
    {
      key: 'natAddresses',
      label: 'Public addresses behind NAT',
      type: 'list',
      optional: true,
      placeholder: 'e.g. 203.0.113.10, 203.0.113.11',
      help: 'The public IPv4 addresses the external interfaces are translated to (Topology Builder: "The external IP address of this Edge pool is translated by NAT"), separated by commas.',
      group: 'External side',
    },
    {
      key: 'externalAddressing',
      label: 'External addressing',
      type: 'enum',
      options: EDGE_EXTERNAL_ADDRESSING,
      labels: { public: 'Public IP addresses', symmetricNat: 'NAT (symmetric DNAT/SNAT)', otherNat: 'NAT (other)' },
      optional: true,
      group: 'External side',
    },
    {
      key: 'externalIpMode',
      label: 'External IP addresses',
      type: 'enum',
      options: EDGE_EXTERNAL_IP_MODES,
      labels: { perService: 'One per service (Access, Web Conferencing, A/V)', single: 'One for all three services' },
      optional: true,
      group: 'External side',
    },
    {
      key: 'hlbDirectServerReturn',
      label: 'Load balancer uses Direct Server Return',
      type: 'bool',
      optional: true,
      group: 'Load balancing',
    },
    {
      key: 'domain',
      label: 'AD domain',
      type: 'text',
      optional: true,
      placeholder: 'empty = workgroup (recommended)',
      group: 'Platform',
    },
    ...optionalPlatform,
    ...lifecycle,
  ],
  directorPool: [
    name,
    fqdn('Pool FQDN'),
    version,
    { key: 'servers', label: 'Directors', type: 'int', min: 1, max: 10, group: 'Capacity' },
    { key: 'sipLoadBalancing', label: 'SIP load balancing', type: 'enum', options: SIP_LB, labels: LB, group: 'Load balancing' },
    {
      key: 'webLoadBalancing',
      label: 'Web services load balancing',
      type: 'enum',
      options: WEB_LB,
      labels: LB,
      group: 'Load balancing',
    },
    ...webFqdns(true),
    ...optionalPlatform,
    ...lifecycle,
  ],
  mediationPool: [
    name,
    fqdn('Pool FQDN'),
    version,
    { key: 'servers', label: 'Mediation Servers', type: 'int', min: 1, group: 'Capacity' },
    ...optionalPlatform,
    ...lifecycle,
  ],
  persistentChatPool: [
    name,
    fqdn('Pool FQDN'),
    version,
    { key: 'compliance', label: 'Compliance', type: 'bool', group: 'Features' },
    { key: 'concurrentUsers', label: 'Concurrent users', type: 'int', min: 0, optional: true, group: 'Capacity' },
    { key: 'domain', label: 'AD domain', type: 'text', optional: true, group: 'Platform' },
    ...optionalPlatform,
    ...lifecycle,
  ],
  fileStore: [
    name,
    fqdn('File server FQDN'),
    { key: 'share', label: 'Share name', type: 'text', group: 'Identity' },
    {
      key: 'storage',
      label: 'Storage',
      type: 'enum',
      options: FILE_STORAGE,
      labels: { singleServer: 'Single file server', dfs: 'DFS', cluster: 'Clustered file server', nas: 'NAS' },
      group: 'High availability',
    },
    {
      key: 'backupIntervalHours',
      label: 'Backup interval (hours)',
      type: 'int',
      min: 1,
      max: 8760,
      optional: true,
      group: 'High availability',
    },
  ],
  officeOnlineServer: [
    name,
    fqdn('Farm FQDN'),
    { key: 'servers', label: 'Servers', type: 'int', min: 1, group: 'Capacity' },
    {
      key: 'zone',
      label: 'Network zone',
      type: 'enum',
      options: OOS_ZONES,
      labels: { internal: 'Internal network', perimeter: 'Perimeter network', external: 'External network' },
      group: 'Features',
    },
    {
      key: 'discoveryUrl',
      label: 'Discovery URL',
      type: 'text',
      optional: true,
      placeholder: 'https://oos.contoso.com/hosting/discovery',
      group: 'Features',
    },
  ],
  survivableBranch: [
    name,
    fqdn('Registrar FQDN'),
    {
      key: 'variant',
      label: 'Type',
      type: 'enum',
      options: BRANCH_VARIANTS,
      labels: { sba: 'Survivable Branch Appliance', sbs: 'Survivable Branch Server' },
      group: 'Identity',
    },
    { ...version, optional: true },
    { key: 'users', label: 'Branch users', type: 'int', min: 0, group: 'Capacity' },
    ...lifecycle,
  ],
  reverseProxy: [name, fqdn('Published FQDN')],
  gatewayPeer: [
    name,
    fqdn('Gateway FQDN'),
    {
      key: 'peerType',
      label: 'Type',
      type: 'enum',
      options: GATEWAY_PEER_TYPES,
      labels: {
        pstnGateway: 'PSTN gateway',
        sbc: 'Session Border Controller',
        ipPbx: 'IP-PBX',
        tdmPbx: 'TDM PBX (through a gateway)',
        sipTrunk: 'SIP trunk provider',
        videoGateway: 'Video gateway (VTC)',
      },
      group: 'Identity',
    },
    { key: 'mediaBypass', label: 'Media bypass', type: 'bool', group: 'Features' },
    { key: 'dnsLoadBalancing', label: 'Supports DNS load balancing', type: 'bool', group: 'Features' },
    { key: 'acceptsAnyPoolMember', label: 'Accepts traffic from any Mediation pool member', type: 'bool', group: 'Features' },
  ],
  videoInteropPool: [
    name,
    fqdn('Pool FQDN'),
    version,
    { key: 'servers', label: 'Video Interop Servers', type: 'int', min: 1, group: 'Capacity' },
    {
      key: 'concurrentTranscodedVtcs',
      label: 'Concurrent transcoded VTC calls',
      type: 'int',
      min: 0,
      optional: true,
      group: 'Capacity',
    },
  ],
};

/** Fields that apply to this node as it stands (cluster nodes only for a cluster, ...). */
export function applies(node: TopologyNode, f: FieldSpec): boolean {
  if (node.kind === 'sqlStore' && f.key === 'clusterNodes')
    return node.haMode === 'alwaysOnFci' || node.haMode === 'sqlFailoverCluster';
  if (node.kind === 'edgePool' && f.key === 'xmpp') return node.productVersion === '2015' || node.xmpp;
  if (f.key === 'inPlaceUpgrade.fromOs') return 'inPlaceUpgrade' in node && node.inPlaceUpgrade !== undefined;
  return true;
}
