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

/** Settings written as `field = value`, and fields said with an article, in the words of Topology Builder and SQL Server. */
const PHRASES: readonly [RegExp, string][] = [
  [/`?\bcommitMode = synchronous\b`?/g, 'synchronous commit'],
  [/`?\bcommitMode = asynchronous\b`?/g, 'asynchronous commit'],
  [/`?\bfailoverMode = automatic\b`?/g, 'automatic failover'],
  [/`?\bfailoverMode = manual\b`?/g, 'manual failover'],
  [/`?\bwebLoadBalancing = hlb\b`?/g, 'web services load balancing to a hardware load balancer'],
  [/`?\breadable = false\b`?/g, 'readable secondary to No'],
  [/`?\bactive = false\b`?/g, 'not active'],
  [/`ag\.listenerFqdn`/g, "the availability group's listener FQDN"],
  [/`fqdn`/g, 'SQL Server FQDN'],
  [/\bthe fqdn\b/g, 'the SQL Server FQDN'],
  [/`users`/g, 'the number of users'],
  [/`(none|mirroring|witness)`/g, '$1'],
];

const PATTERN = new RegExp(`\`?\\b(${Object.keys(WORDS).join('|')})\\b\`?`, 'g');

/** The text with the format's field and value names in an architect's words, code marks dropped around them. */
export function plainWords(text: string): string {
  let out = text;
  for (const [pattern, words] of PHRASES) out = out.replace(pattern, words);
  return out.replace(PATTERN, (_, name: string) => WORDS[name]!);
}
