/**
 * Rule texts and fixes are written once for engineers and architects alike, some still
 * naming the format's fields and values (`haMode`, `alwaysOnAg`). Before they reach the
 * screen or a report, those names become the words an architect uses.
 */
const WORDS: Record<string, string> = {
  haMode: 'high-availability mode',
  alwaysOnAg: 'AlwaysOn availability group',
  alwaysOnFci: 'AlwaysOn failover cluster instance',
  sqlFailoverCluster: 'SQL Server failover cluster',
  frontEndPool: 'Front End pool',
  standardEditionServer: 'Standard Edition server',
  sqlStore: 'SQL store',
  edgePool: 'Edge pool',
  directorPool: 'Director pool',
  mediationPool: 'Mediation pool',
  persistentChatPool: 'Persistent Chat pool',
  fileStore: 'file store',
  officeOnlineServer: 'Office Online Server farm',
  officeOnline: 'Office Online',
  survivableBranch: 'survivable branch',
  videoInteropPool: 'Video Interop Server pool',
  reverseProxy: 'reverse proxy',
  backEnd: 'Back End',
  nextHop: 'next hop',
  mediaEdge: 'media Edge',
  logShipping: 'log shipping',
  backupRegistrar: 'backup registrar',
  persistentChat: 'Persistent Chat',
  persistentChatCompliance: 'Persistent Chat compliance',
  productVersion: 'product version',
  cumulativeUpdate: 'cumulative update',
  sqlUpdateLevel: 'SQL Server update level',
  siteId: 'site',
  cmsHost: 'Central Management store host',
  inPlaceUpgrade: 'in-place upgrade',
  clusterNodes: 'cluster nodes',
  listenerFqdn: 'listener FQDN',
  voiceFailover: 'voice failover',
  frontEndServers: 'Front End servers',
  gatewayPeer: 'PSTN gateway',
};

const PATTERN = new RegExp(`\`?\\b(${Object.keys(WORDS).join('|')})\\b\`?`, 'g');

/** The text with the format's field and value names in an architect's words, code marks dropped around them. */
export function plainWords(text: string): string {
  return text.replace(PATTERN, (_, name: string) => WORDS[name]!);
}
