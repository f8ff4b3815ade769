/**
 * The inspector's fields per node kind: every field of the format, with the control it
 * needs, its limits, and when it applies (AG fields only for an AG, ...). Values are
 * validated by the same zod schemas as files.
 */
import {
  BRANCH_VARIANTS,
  FILE_STORAGE,
  HA_MODES,
  HOSTINGS,
  OOS_ZONES,
  OS_VERSIONS,
  PRODUCT_VERSIONS,
  SIP_LB,
  SQL_EDITIONS,
  SQL_VERSIONS,
  WEB_LB,
  type NodeKind,
  type TopologyNode,
} from '../model/schema';

export type FieldSpec =
  | { key: string; label: string; type: 'text' | 'fqdn'; optional?: boolean; placeholder?: string; help?: string; group: string }
  | { key: string; label: string; type: 'int'; min: number; max?: number; optional?: boolean; help?: string; group: string }
  | { key: string; label: string; type: 'enum'; options: readonly string[]; labels?: Record<string, string>; help?: string; group: string }
  | { key: string; label: string; type: 'bool'; optional?: boolean; help?: string; group: string };

const name = { key: 'name', label: 'Name', type: 'text', group: 'Identity' } as const;
const fqdn = (label = 'FQDN') => ({ key: 'fqdn', label, type: 'fqdn', group: 'Identity' }) as const;
const version = { key: 'productVersion', label: 'Product version', type: 'enum', options: PRODUCT_VERSIONS, labels: { '2015': 'Skype for Business Server 2015', '2019': 'Skype for Business Server 2019' }, group: 'Identity' } as const;
const platform = [
  { key: 'os', label: 'Windows Server', type: 'enum', options: OS_VERSIONS, labels: { WS2012: '2012', WS2012R2: '2012 R2', WS2016: '2016', WS2019: '2019', WS2022: '2022' }, group: 'Platform' },
  { key: 'cumulativeUpdate', label: 'Cumulative update', type: 'text', optional: true, placeholder: 'e.g. CU8', group: 'Platform' },
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
    { key: 'webLoadBalancing', label: 'Web services load balancing', type: 'enum', options: WEB_LB, labels: LB, group: 'Load balancing' },
    { key: 'mediationCollocated', label: 'Mediation collocated', type: 'bool', group: 'Features' },
    { key: 'conferencing', label: 'Conferencing', type: 'bool', group: 'Features' },
    { key: 'largeMeetingPool', label: 'Dedicated large-meeting pool', type: 'bool', optional: true, group: 'Features' },
    { key: 'deployed', label: 'Already deployed', type: 'bool', optional: true, help: 'The pool exists today: pairing then needs the extra steps for deployed pools.', group: 'Features' },
    ...platform,
  ],
  standardEditionServer: [
    name,
    fqdn('Server FQDN'),
    version,
    { key: 'users', label: 'Homed users', type: 'int', min: 0, group: 'Capacity' },
    { key: 'mediationCollocated', label: 'Mediation collocated', type: 'bool', group: 'Features' },
    ...platform,
  ],
  sqlStore: [
    name,
    fqdn('SQL Server FQDN'),
    { key: 'instance', label: 'Instance', type: 'text', placeholder: '(default instance)', group: 'Identity' },
    { key: 'sqlVersion', label: 'SQL Server version', type: 'enum', options: SQL_VERSIONS, group: 'SQL Server' },
    { key: 'sqlEdition', label: 'Edition', type: 'enum', options: SQL_EDITIONS, labels: { enterprise: 'Enterprise', standard: 'Standard', express: 'Express' }, group: 'SQL Server' },
    { key: 'sqlUpdateLevel', label: 'Update level', type: 'text', optional: true, placeholder: 'e.g. SP2 CU2', group: 'SQL Server' },
    { key: 'haMode', label: 'High availability', type: 'enum', options: HA_MODES, labels: { none: 'None (single server)', mirroring: 'SQL mirroring (2015 only)', alwaysOnAg: 'AlwaysOn availability group', alwaysOnFci: 'AlwaysOn failover cluster instance', sqlFailoverCluster: 'SQL failover clustering' }, group: 'High availability' },
    { key: 'clusterNodes', label: 'Cluster nodes', type: 'int', min: 1, max: 16, optional: true, group: 'High availability' },
    { key: 'domain', label: 'AD domain', type: 'text', optional: true, group: 'Platform' },
  ],
  edgePool: [
    name,
    fqdn('Internal pool FQDN'),
    version,
    { key: 'servers', label: 'Edge servers', type: 'int', min: 1, max: 20, group: 'Capacity' },
    { key: 'concurrentRemoteUsers', label: 'Concurrent remote users', type: 'int', min: 0, optional: true, group: 'Capacity' },
    { key: 'internalLoadBalancing', label: 'Internal load balancing', type: 'enum', options: SIP_LB, labels: LB, group: 'Load balancing' },
    { key: 'externalLoadBalancing', label: 'External load balancing', type: 'enum', options: SIP_LB, labels: LB, group: 'Load balancing' },
    { key: 'federation', label: 'SIP federation (port 5061)', type: 'bool', group: 'Features' },
    { key: 'xmpp', label: 'XMPP federation (2015)', type: 'bool', group: 'Features' },
  ],
  directorPool: [
    name,
    fqdn('Pool FQDN'),
    version,
    { key: 'servers', label: 'Directors', type: 'int', min: 1, max: 10, group: 'Capacity' },
    { key: 'sipLoadBalancing', label: 'SIP load balancing', type: 'enum', options: SIP_LB, labels: LB, group: 'Load balancing' },
    { key: 'webLoadBalancing', label: 'Web services load balancing', type: 'enum', options: WEB_LB, labels: LB, group: 'Load balancing' },
  ],
  mediationPool: [name, fqdn('Pool FQDN'), version, { key: 'servers', label: 'Mediation Servers', type: 'int', min: 1, group: 'Capacity' }],
  persistentChatPool: [name, fqdn('Pool FQDN'), version, { key: 'compliance', label: 'Compliance', type: 'bool', group: 'Features' }],
  fileStore: [name, fqdn('File server FQDN'), { key: 'share', label: 'Share name', type: 'text', group: 'Identity' }, { key: 'storage', label: 'Storage', type: 'enum', options: FILE_STORAGE, labels: { singleServer: 'Single file server', dfs: 'DFS', cluster: 'Clustered file server', nas: 'NAS' }, group: 'High availability' }],
  officeOnlineServer: [
    name,
    fqdn('Farm FQDN'),
    { key: 'servers', label: 'Servers', type: 'int', min: 1, group: 'Capacity' },
    { key: 'zone', label: 'Network zone', type: 'enum', options: OOS_ZONES, labels: { internal: 'Internal network', perimeter: 'Perimeter network', external: 'External network' }, group: 'Features' },
  ],
  survivableBranch: [
    name,
    fqdn('Registrar FQDN'),
    { key: 'variant', label: 'Type', type: 'enum', options: BRANCH_VARIANTS, labels: { sba: 'Survivable Branch Appliance', sbs: 'Survivable Branch Server' }, group: 'Identity' },
    { key: 'users', label: 'Branch users', type: 'int', min: 0, group: 'Capacity' },
  ],
};

/** Fields that apply to this node as it stands (cluster nodes only for a cluster, ...). */
export function applies(node: TopologyNode, f: FieldSpec): boolean {
  if (node.kind === 'sqlStore' && f.key === 'clusterNodes') return node.haMode === 'alwaysOnFci' || node.haMode === 'sqlFailoverCluster';
  if (node.kind === 'edgePool' && f.key === 'xmpp') return node.productVersion === '2015' || node.xmpp;
  return true;
}
