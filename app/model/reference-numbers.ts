/**
 * The catalogue's reference numbers (docs/rules.md, "Reference numbers"):
 * limits per version, capacity, quorum, recovery targets, ports. Rules, the inspector's
 * capacity hints, the step exporter and the failover simulation all read this one table.
 */
import type { ProductVersion, SqlVersion } from './schema';

const CAPACITY_DOCS = ['Skype/SfbServer/plan-your-deployment/capacity/user-model.md', 'Skype/SfBServer2019/plan/user-model-2019.md'];

export interface PerVersion<T> {
  '2015': T;
  '2019': T;
}

export const REF = {
  maxFe: { '2015': 12, '2019': 16 } as PerVersion<number>,
  minFeRecommended: 3,
  usersPerFe: 6_660,
  maxPoolUsers: { '2015': 80_000, '2019': 106_000 } as PerVersion<number>,
  maxPairedPoolUsers: { '2015': 40_000, '2019': 53_000 } as PerVersion<number>,
  maxPoolEndpoints: { '2015': 152_000, '2019': 210_000 } as PerVersion<number>,
  seUsers: 2_500,
  seUsersWithPartner: 5_000,
  remoteUsersPerEdge: { '2015': 12_000, '2019': 18_000 } as PerVersion<number>,
  maxEdgeServers: 12,
  /** Topology Builder accepts up to 20 Edge servers, supported only up to 12. */
  edgeServersTopologyBuilderAccepts: 20,
  remoteUsersPerDirector: { '2015': 12_000, '2019': 18_000 } as PerVersion<number>,
  maxDirectors: 10,
  minHaServers: 2,
  mediationCalls: { '2015': { htOff: 1_100, htOn: 1_500 }, '2019': { htOff: 1_500, htOn: 2_000 } } as PerVersion<{ htOff: number; htOn: number }>,
  mediationCollocatedCalls: { '2015': 150, '2019': 200 } as PerVersion<number>,
  mediationCollocatedPool: 12,
  meetingSize: { homingPool: 250, largeMeetingPool: 1_000 },
  maxSbaPerBranch: 2,
  branchSizing: { resiliencyRarelyPays: 25, sbaMax: 1_000, sbsOrTwoSbaMax: 2_000, centralSiteSeMax: 5_000 },
  clusterNodes: { standard: 2, enterprise: 16 },
  dbPerInstance: 1,
  pcServers: { active: 4, total: 8 },
  pcUsers: { perServer: 20_000, perPool: 80_000, collocatedOnSe: 20_000 },
  monArchUsers: 240_000,
  visTranscodes: 16,
  docs: CAPACITY_DOCS,
} as const;

/** Front End servers needed for `users` homed users (catalogue `feFor`). */
export const feFor = (users: number): number => Math.ceil(Math.max(0, users) / REF.usersPerFe);

/** Automatic-failover replicas one AG allows, primary included (catalogue `autoFailoverMax`). */
export function autoFailoverMax(v: SqlVersion): number {
  switch (v) {
    case '2012':
    case '2014':
      return 2;
    case '2016':
    case '2017':
      return 3;
    case '2019':
    case '2022':
      return 5;
  }
}

export interface Quorum {
  /** Servers that must run the first time the pool starts; undefined where unpublished (13–15). */
  firstStart: number | undefined;
  /** Servers that must keep running, and among how many of the first servers (undefined = any). */
  poolLevel: { count: number; ofFirst: number | undefined };
}

/** Front End pool quorum (catalogue "Front End pool quorum"; high-availability.md). */
export function feQuorum(n: number, version: ProductVersion): Quorum | undefined {
  const first: Record<number, number> = { 2: 1, 3: 3, 4: 3, 5: 4, 6: 5, 7: 5, 8: 6, 9: 7, 10: 8, 11: 9, 12: 10, 16: 12 };
  if (n < 2) return undefined;
  let poolLevel: Quorum['poolLevel'];
  if (n === 2) poolLevel = { count: 1, ofFirst: undefined };
  else if (n <= 4) poolLevel = { count: 2, ofFirst: undefined };
  else if (n <= 6) poolLevel = { count: 3, ofFirst: undefined };
  else if (n === 7) poolLevel = { count: 4, ofFirst: undefined };
  else if (n <= 9) poolLevel = { count: 4, ofFirst: 7 };
  else if (n <= 11 || (n === 12 && version === '2015')) poolLevel = { count: 5, ofFirst: 9 };
  else poolLevel = { count: 7, ofFirst: 12 };
  return { firstStart: first[n], poolLevel };
}

export const QUORUM_DOC = 'Skype/SfbServer/plan-your-deployment/high-availability-and-disaster-recovery/high-availability.md';

/** Recovery targets and timings (minutes unless named otherwise). */
export const RECOVERY = {
  poolFailover: { rtoMinutes: [15, 20] as [number, number], rpoMinutes: 5, doc: 'Skype/SfbServer/plan-your-deployment/high-availability-and-disaster-recovery/disaster-recovery.md' },
  measurementBasis: { concurrentUsers: 40_000, enabledUsers: 200_000, doc: 'Skype/SfbServer/plan-your-deployment/high-availability-and-disaster-recovery/disaster-recovery.md' },
  cmsFailover: { rtoMinutes: 5, rpoMinutes: 5, doc: 'Skype/SfbServer/plan-your-deployment/high-availability-and-disaster-recovery/disaster-recovery.md' },
  backEndMirrorFailover: { rtoMinutes: 5, rpoMinutes: 5, doc: 'Skype/SfbServer/plan-your-deployment/high-availability-and-disaster-recovery/back-end-server.md' },
  mirrorNoWitnessGraceMinutes: 30,
  failbackMinutesFor20kUsers: 60,
  backupSyncIntervalMinutes: 2,
  voiceFailoverSeconds: 300,
  dfsBackupHours: [4, 8] as [number, number],
} as const;

export const PORTS = {
  mirror: 5022,
  witness: 7022,
  agEndpoint: 5022,
  agListener: 1433,
  backupServiceSmb: 445,
  xmppFederation: 5269,
  sipFederation: 5061,
} as const;

/** Supported platform versions (catalogue "Supported versions"). */
export const SUPPORTED = {
  sqlForBackEnd: { '2015': ['2012', '2014', '2016', '2017', '2019'], '2019': ['2016', '2017', '2019'] } as PerVersion<readonly SqlVersion[]>,
  os: { '2015': ['WS2012', 'WS2012R2', 'WS2016', 'WS2019'], '2019': ['WS2016', 'WS2019', 'WS2022'] } as PerVersion<readonly string[]>,
  /** Minimum SfB cumulative update for an OS. */
  osMinCu: { '2015': { WS2016: 5, WS2019: 9 }, '2019': { WS2022: 7 } } as PerVersion<Readonly<Record<string, number>>>,
  sqlExpress: { '2015': '2014', '2019': '2016' } as PerVersion<SqlVersion>,
} as const;
