/**
 * The failover simulation's input and output. The JSON shape is a superset of the
 * `simulate` output in docs/cli.md (failedSite, failovers, pools,
 * usersWithoutService, cms, rto, rpo, notes): those fields keep their names and
 * meaning; everything else is additive.
 */
import type { ProductVersion } from '../model/schema';

export type Failure = { siteId: string } | { poolId: string };

export type SimulationErrorTag = 'invalidFailure' | 'unknownSite' | 'unknownPool' | 'notAPool' | 'internalError';

export interface SimulationError {
  tag: SimulationErrorTag;
  /** One line naming the bad id and listing the valid ones. */
  message: string;
  /** The ids that would have been accepted. */
  validIds: string[];
}

/** A lost registrar pool whose paired partner survives. */
export interface Failover {
  pool: string;
  to: string;
  /** The lost pool's own homed users (users of branches it backs up do not fail over). */
  usersMoved: number;
  poolFqdn: string;
  toFqdn: string;
  /** The pairing link the failover follows (for drawing it). */
  pairingLink: string | null;
  /** Seconds after which phones and clients register with the partner as backup registrar; null when the pair has no automatic voice failover. */
  voiceFailoverSeconds: number | null;
  /** False when Microsoft does not support failing over this pair (different versions or editions). */
  supported: boolean;
  caveats: string[];
}

/** Users of a lost branch appliance who register with their surviving backup registrar. */
export interface BranchFailover {
  branch: string;
  to: string;
  users: number;
}

export type WithoutServiceReason =
  /** A lost registrar pool with no pairing partner. */
  | 'unpaired'
  /** A lost registrar pool whose partner is lost too. */
  | 'partnerLost'
  /** A branch appliance that is up while its backup registrar pool is lost: basic voice only. */
  | 'backupRegistrarLost'
  /** A lost branch appliance whose backup registrar is lost too (or that has none). */
  | 'branchLost';

export interface WithoutService {
  node: string;
  kind: 'frontEndPool' | 'standardEditionServer' | 'survivableBranch';
  users: number;
  reason: WithoutServiceReason;
  /** True for branch users who keep the appliance's basic voice features. */
  keepsBasicVoice: boolean;
}

/** Load on a surviving registrar pool against its capacity. */
export interface PoolLoad {
  id: string;
  kind: 'frontEndPool' | 'standardEditionServer';
  productVersion: ProductVersion;
  /** Users it carries after the failure: its registrarUsers plus the users moved to it. */
  users: number;
  ownUsers: number;
  /** Users of branch appliances it backs up (counted against it as the capacity pages ask). */
  branchUsers: number;
  usersReceived: number;
  /** Lost pools whose users it takes over. */
  takesOverFrom: string[];
  maxUsers: number;
  /** 1 for a Standard Edition server. */
  frontEndServers: number;
  /** users / frontEndServers, rounded up. */
  usersPerServer: number;
  /** feFor(users) for an Enterprise pool; 1 for a Standard Edition server. */
  serversNeeded: number;
  overCapacity: boolean;
  /** Why it is over capacity (empty when it is not). */
  reasons: string[];
  /** users / maxUsers. */
  fraction: number;
  /** Enterprise pools: Front End servers that must keep running (of the first `ofFirst` in topology order; null = any). */
  quorum: { count: number; ofFirst: number | null } | null;
}

export interface CmsOutcome {
  /** The CMS host: lost, or alive with its Back End (the CMS database) lost. */
  from: string;
  /** The partner holding the standby CMS database; null when no partner survives. */
  to: string | null;
  /** failover: Invoke-CsManagementServerFailover to the standby; rebuild: no standby, recover by hand. */
  how: 'failover' | 'rebuild';
  /** For a rebuild: a surviving pool whose Back End could take the CMS. */
  rebuildCandidate: string | null;
}

export type RecoveryKind = 'poolFailover' | 'cmsFailover' | 'backEndMirrorFailover';

export interface RecoveryTarget {
  kind: RecoveryKind;
  rtoMinutes: [number, number];
  rpoMinutes: number;
  /** Pool or store ids it applies to. */
  appliesTo: string[];
  doc: string;
}

export interface Rto {
  minutes: [number, number];
  kind: RecoveryKind;
  /** Where the published figure may not hold for this design (larger than measured, across regions). */
  caveats: string[];
  doc: string;
}

export interface Rpo {
  minutes: number;
  kind: RecoveryKind;
  doc: string;
}

export interface EdgeLoad {
  id: string;
  servers: number;
  /** Concurrent remote users after the failure; null when no Edge involved states a figure. */
  remoteUsers: number | null;
  maxRemoteUsers: number;
  overCapacity: boolean;
}

export interface EdgeOutcome {
  lost: string[];
  /** SIP federation (the Edge pool with federation = true) lost and where to move it. */
  federation: { from: string; to: string | null } | null;
  /** XMPP federation (2015 only) lost and where to move it. */
  xmpp: { from: string; to: string | null } | null;
  /** Remote users of each lost Edge pool and the surviving Edge pool that serves them. */
  remoteAccess: { from: string; to: string | null; remoteUsers: number | null }[];
  /** Surviving Edge pools whose next hop was lost and must be re-pointed. */
  nextHops: { edge: string; from: string; to: string | null; via: 'topologyBuilder' | 'managementShell' }[];
  /** Surviving pools whose media Edge association points at a lost Edge pool. */
  mediaEdges: { pool: string; from: string; to: string | null }[];
  /** Surviving Edge pools that take remote users of lost ones. */
  loads: EdgeLoad[];
}

export type BackEndStatus =
  /** Mirror and witness survive: SQL fails over by itself. */
  | 'mirrorAutomatic'
  /** The mirror survives without its witness: fail over by cmdlet. */
  | 'mirrorManual'
  /** An AG replica in a surviving site can take over. */
  | 'agFailover'
  /** The store keeps running but lost its HA partner(s). */
  | 'reducedRedundancy'
  /** No copy survives. */
  | 'lost';

/** A SQL store of a surviving pool that the failure touches. */
export interface BackEndOutcome {
  store: string;
  /** Surviving pools that use it (Back End or other role). */
  pools: string[];
  role: 'backEnd' | 'monitoring' | 'archiving' | 'persistentChat' | 'persistentChatCompliance';
  status: BackEndStatus;
  /** Store id or AG replica FQDN that takes over. */
  to: string | null;
  automatic: boolean;
}

export interface PersistentChatOutcome {
  pool: string;
  /** standbyTakesOver: standby servers or a database copy take over; degraded: it keeps running with less (standby servers or next hop lost); lost: nothing can run it. */
  status: 'standbyTakesOver' | 'degraded' | 'lost';
  serversLost: number;
  activeLost: number;
  /** Standby servers in surviving sites to make active. */
  standbyToActivate: number;
  database: 'ok' | 'mirrorFailover' | 'logShippingFailover' | 'lost';
  databaseTo: string | null;
  nextHop: { from: string; to: string | null } | null;
}

export interface QuorumOutcome {
  pool: string;
  frontEndServers: number;
  /** Servers that must keep running, of the first `ofFirst` in topology order (null = any). */
  poolLevel: { count: number; ofFirst: number | null };
  /** Servers to start when the pool is started again (about 85%); null where unpublished. */
  restart: number | null;
}

export interface RunbookStep {
  order: number;
  title: string;
  tool: 'Shell' | 'TB' | 'DW' | 'DNS' | 'SQL';
  commands: string[];
  /** Repo-relative paths in MicrosoftDocs/OfficeDocs-SkypeForBusiness, or ps:Name.md. */
  docs: string[];
  /** The node ids the step acts on. */
  nodeIds: string[];
}

/** A SIP trunk between a Mediation role (a Mediation pool, a pool or branch with it collocated) and a gateway peer. */
export interface TrunkOutcome {
  /** The trunk link. */
  link: string;
  /** Its Mediation side. */
  mediation: string;
  /** The gateway, SBC or IP-PBX. */
  gateway: string;
}

/** PSTN voice after the failure: the trunks that stop and those left for the voice routes. */
export interface VoiceOutcome {
  /** Gateways, SBCs and IP-PBXs lost with the failure. */
  gatewaysLost: string[];
  trunksDown: (TrunkOutcome & { cause: 'gatewayLost' | 'mediationLost' | 'bothLost' })[];
  trunksLeft: TrunkOutcome[];
}

/** External web services and simple URLs behind a lost reverse proxy. */
export interface WebPublishingOutcome {
  reverseProxiesLost: string[];
  /** The surviving reverse proxy that publishes from now on; null when none survives. */
  to: string | null;
  /** Pools and Directors whose external web services a lost reverse proxy published. */
  unpublished: { pool: string; externalWebFqdn: string | null; via: string; poolLost: boolean }[];
  /** The design's Meet and Dial-in simple URLs, whose DNS has to lead to the surviving reverse proxy. */
  simpleUrls: { component: 'meet' | 'dialIn'; domain: string; url: string }[];
}

export interface SimulationOutcome {
  failedSite?: string;
  failedPool?: string;
  /** Every node lost with the site or pool. */
  lostNodes: string[];
  failovers: Failover[];
  branchFailovers: BranchFailover[];
  pools: PoolLoad[];
  usersWithoutService: number;
  withoutService: WithoutService[];
  /** total = moved + withoutService + staying (homed users of registrar pools and branch appliances). */
  users: { total: number; moved: number; withoutService: number; staying: number };
  cms: CmsOutcome | null;
  rto: Rto | null;
  rpo: Rpo | null;
  recovery: RecoveryTarget[];
  edge: EdgeOutcome;
  directorsLost: string[];
  backEnds: BackEndOutcome[];
  persistentChat: PersistentChatOutcome[];
  fileStores: { fileStore: string; usedBy: string[] }[];
  officeOnline: { pool: string; from: string; to: string | null }[];
  mediationLost: string[];
  voice: VoiceOutcome;
  webPublishing: WebPublishingOutcome;
  quorum: QuorumOutcome | null;
  notes: string[];
  steps: RunbookStep[];
}

/** One bar of the UI's capacity view: a surviving registrar pool's load against its limit. */
export interface CapacityBar {
  id: string;
  kind: 'frontEndPool' | 'standardEditionServer';
  users: number;
  maxUsers: number;
  /** users / maxUsers (may exceed 1). */
  fraction: number;
  /** fraction clamped to [0, 1] for drawing. */
  barFraction: number;
  over: boolean;
  /** True when it takes over users from the failure. */
  takesOver: boolean;
  /** "30,000 / 39,960 users", for the bar's label. */
  text: string;
}
