/**
 * The catalogue's reference numbers (docs/rules.md, "Reference numbers"):
 * limits per version, capacity, quorum, recovery targets, ports. Rules, the inspector's
 * capacity hints, the step exporter and the failover simulation all read this one table.
 */
import type { ProductVersion, SqlVersion } from './schema';

const CAPACITY_DOCS = [
  'Skype/SfbServer/plan-your-deployment/capacity/user-model.md',
  'Skype/SfBServer2019/plan/user-model-2019.md',
];

export type PerVersion<T> = Readonly<Record<ProductVersion, T>>;

/**
 * A figure per product version from the two the catalogue publishes: Subscription
 * Edition takes 2019's (the same code base, so its figures are inherited), and the
 * Lync versions take 2015's (legacy pools are checked for coexistence and upgrade,
 * not sized; where a Lync figure matters the table says it explicitly).
 */
function perVersion<T>(v2015: T, v2019: T, lync?: { lync2010: T; lync2013: T }): PerVersion<T> {
  return { lync2010: lync?.lync2010 ?? v2015, lync2013: lync?.lync2013 ?? v2015, '2015': v2015, '2019': v2019, SE: v2019 };
}

export const REF = {
  maxFe: perVersion<number>(12, 16),
  minFeRecommended: 3,
  usersPerFe: 6_660,
  maxPoolUsers: perVersion<number>(80_000, 106_000),
  maxPairedPoolUsers: perVersion<number>(40_000, 53_000),
  maxPoolEndpoints: perVersion<number>(152_000, 210_000),
  seUsers: 2_500,
  seUsersWithPartner: 5_000,
  remoteUsersPerEdge: perVersion<number>(12_000, 18_000),
  maxEdgeServers: 12,
  /** Topology Builder accepts up to 20 Edge servers, supported only up to 12. */
  edgeServersTopologyBuilderAccepts: 20,
  remoteUsersPerDirector: perVersion<number>(12_000, 18_000),
  maxDirectors: 10,
  minHaServers: 2,
  mediationCalls: perVersion<{ htOff: number; htOn: number }>({ htOff: 1_100, htOn: 1_500 }, { htOff: 1_500, htOn: 2_000 }),
  mediationCollocatedCalls: perVersion<number>(150, 200),
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
  poolFailover: {
    rtoMinutes: [15, 20] as [number, number],
    rpoMinutes: 5,
    doc: 'Skype/SfbServer/plan-your-deployment/high-availability-and-disaster-recovery/disaster-recovery.md',
  },
  measurementBasis: {
    concurrentUsers: 40_000,
    enabledUsers: 200_000,
    doc: 'Skype/SfbServer/plan-your-deployment/high-availability-and-disaster-recovery/disaster-recovery.md',
  },
  cmsFailover: {
    rtoMinutes: 5,
    rpoMinutes: 5,
    doc: 'Skype/SfbServer/plan-your-deployment/high-availability-and-disaster-recovery/disaster-recovery.md',
  },
  backEndMirrorFailover: {
    rtoMinutes: 5,
    rpoMinutes: 5,
    doc: 'Skype/SfbServer/plan-your-deployment/high-availability-and-disaster-recovery/back-end-server.md',
  },
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
  // Lync: SQL Server 2008 R2 / 2005 and Windows Server 2008 are outside the format's enums, so only the values it can write.
  sqlForBackEnd: perVersion<readonly SqlVersion[]>(['2012', '2014', '2016', '2017', '2019'], ['2016', '2017', '2019'], {
    lync2010: [],
    lync2013: ['2012'],
  }),
  os: perVersion<readonly string[]>(['WS2012', 'WS2012R2', 'WS2016', 'WS2019'], ['WS2016', 'WS2019', 'WS2022'], {
    lync2010: ['WS2008R2'],
    lync2013: ['WS2008R2', 'WS2012', 'WS2012R2'],
  }),
  /** Minimum SfB cumulative update for an OS. */
  osMinCu: perVersion<Readonly<Record<string, number>>>({ WS2016: 5, WS2019: 9 }, { WS2022: 7 }, { lync2010: {}, lync2013: {} }),
  sqlExpress: perVersion<SqlVersion>('2014', '2016'),
} as const;
