/**
 * The topology document, format version 2, as zod schemas: one schema per entity, the
 * document's type inferred from its schema and each entity's type read off the document's.
 * The schemas are made on first use (`schemas()`), not as the page loads. The contract is
 * `docs/format.md` (whose field tables are generated from this file); names follow it exactly.
 *
 * The schemas check the shape of each entity alone. Checks that need the whole
 * document (unique ids, links to existing nodes of allowed kinds, siteId of an
 * existing site, cmsHost) live in `cross-reference.ts` and run in the same parse step.
 */
import { z } from 'zod';
import { LIMITS } from './limits';

// No compiled parsers: zod would first try `Function('')`, which the page's
// Content-Security-Policy refuses. Chromium then reports a violation on every load (to the
// console, and to a host's report address where one is set), with its place in the script,
// in the page's first task. Parsing a 10,000-node design takes as long either way.
z.config({ jitless: true });

// ---------------------------------------------------------------- primitives

export const ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** Labels of letters, digits and hyphens; a single label (NetBIOS) is accepted and flagged by a rule. */
export const FQDN_PATTERN =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

const Count = (min: number) =>
  z
    .number()
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be ${min} or more` })
    .max(1_000_000, { message: 'is implausibly large' });

// ---------------------------------------------------------------- enums

/**
 * Oldest first (the catalogue's `verRank`). `SE` is Skype for Business Server
 * Subscription Edition: the UI always writes it out (`productVersionLabel`), since
 * "SE" alone reads as Standard Edition to architects. The Lync values exist for
 * coexistence and in-place upgrade plans.
 */
export const PRODUCT_VERSIONS = ['lync2010', 'lync2013', '2015', '2019', 'SE'] as const;
export type ProductVersion = (typeof PRODUCT_VERSIONS)[number];

/**
 * Every value is an x64-only Windows Server release (TOPO-CPU-ARCH is structural).
 * `WS2008R2` is accepted only on a node with `inPlaceUpgrade` (2015 servers upgraded in
 * place from Lync Server 2013); the cross-reference check enforces it.
 */
export const OS_VERSIONS = ['WS2008R2', 'WS2012', 'WS2012R2', 'WS2016', 'WS2019', 'WS2022'] as const;
export type OsVersion = (typeof OS_VERSIONS)[number];

export const HOSTINGS = ['physical', 'virtual'] as const;
export type Hosting = (typeof HOSTINGS)[number];

export const SQL_VERSIONS = ['2012', '2014', '2016', '2017', '2019', '2022'] as const;
export type SqlVersion = (typeof SQL_VERSIONS)[number];

export const SQL_EDITIONS = ['enterprise', 'standard', 'express'] as const;
export type SqlEdition = (typeof SQL_EDITIONS)[number];

export const HA_MODES = ['none', 'mirroring', 'alwaysOnAg', 'alwaysOnFci', 'sqlFailoverCluster'] as const;
export type HaMode = (typeof HA_MODES)[number];

/** No `none`: a load-balanced pool always has a mechanism (EDGE-LB-REQUIRED is structural). */
export const SIP_LB = ['dns', 'hlb'] as const;
export const WEB_LB = ['hlb', 'none'] as const;

/** The versions an in-place upgrade starts from (Topology Builder's "upgrade" path). */
export const UPGRADE_SOURCES = ['lync2010', 'lync2013', '2015', '2019'] as const;
export type InPlaceUpgrade = NonNullable<FrontEndPool['inPlaceUpgrade']>;

export const EDGE_EXTERNAL_ADDRESSING = ['public', 'symmetricNat', 'otherNat'] as const;
export const EDGE_EXTERNAL_IP_MODES = ['perService', 'single'] as const;
export const GATEWAY_PEER_TYPES = ['pstnGateway', 'sbc', 'ipPbx', 'tdmPbx', 'sipTrunk', 'videoGateway'] as const;
export type GatewayPeerType = (typeof GATEWAY_PEER_TYPES)[number];
export const TRUNK_TRANSPORTS = ['tls', 'tcp'] as const;
/** Active Directory functional levels (Windows Server releases that define one). */
export const AD_LEVELS = ['WS2003', 'WS2008', 'WS2008R2', 'WS2012', 'WS2012R2', 'WS2016', 'WS2025'] as const;
/** Domain controller operating systems. */
export const DC_OS_VERSIONS = [
  'WS2003',
  'WS2008',
  'WS2008R2',
  'WS2012',
  'WS2012R2',
  'WS2016',
  'WS2019',
  'WS2022',
  'WS2025',
] as const;
export const SIMPLE_URL_COMPONENTS = ['meet', 'dialIn', 'admin'] as const;

export const FILE_STORAGE = ['singleServer', 'dfs', 'cluster', 'nas'] as const;
export const OOS_ZONES = ['internal', 'perimeter', 'external'] as const;
export const BRANCH_VARIANTS = ['sba', 'sbs'] as const;
export const SITE_KINDS = ['central', 'branch'] as const;
export const DEPLOYMENT_MODES = ['greenfield', 'transition'] as const;
export const COMMIT_MODES = ['synchronous', 'asynchronous'] as const;
export const FAILOVER_MODES = ['automatic', 'manual'] as const;
export const STORE_ROLES = ['monitoring', 'archiving', 'persistentChat', 'persistentChatCompliance'] as const;
export type StoreRole = (typeof STORE_ROLES)[number];

// ---------------------------------------------------------------- sites, deployment

export type Site = Topology['sites'][number];
export type SiteKind = Site['kind'];

export type ActiveDirectory = NonNullable<Deployment['activeDirectory']>;

export type SimpleUrl = NonNullable<Deployment['simpleUrls']>[number];

export type Deployment = Topology['deployment'];

// ---------------------------------------------------------------- nodes

export type FrontEndPool = NodeOfKind<'frontEndPool'>;

export type StandardEditionServer = NodeOfKind<'standardEditionServer'>;

export type AgReplica = AvailabilityGroup['replicas'][number];

export type AvailabilityGroup = NonNullable<SqlStore['ag']>;

/** SQL instance name: empty for the default instance (SQL Server allows at most 16 characters). */
export const INSTANCE_PATTERN = /^[A-Za-z0-9_$#]{0,16}$/;

export type SqlStore = NodeOfKind<'sqlStore'>;

export type EdgePool = NodeOfKind<'edgePool'>;

export type DirectorPool = NodeOfKind<'directorPool'>;

export type MediationPool = NodeOfKind<'mediationPool'>;

export type PersistentChatServer = PersistentChatPool['servers'][number];

export type PersistentChatPool = NodeOfKind<'persistentChatPool'>;

export type FileStore = NodeOfKind<'fileStore'>;

export type OfficeOnlineServer = NodeOfKind<'officeOnlineServer'>;

export type SurvivableBranch = NodeOfKind<'survivableBranch'>;

export type ReverseProxy = NodeOfKind<'reverseProxy'>;

export type GatewayPeer = NodeOfKind<'gatewayPeer'>;

export type VideoInteropPool = NodeOfKind<'videoInteropPool'>;

export type TopologyNode = Topology['nodes'][number];
export type NodeKind = TopologyNode['kind'];
export type NodeOfKind<K extends NodeKind> = Extract<TopologyNode, { kind: K }>;

export const NODE_KINDS = [
  'frontEndPool',
  'standardEditionServer',
  'sqlStore',
  'edgePool',
  'directorPool',
  'mediationPool',
  'persistentChatPool',
  'fileStore',
  'officeOnlineServer',
  'survivableBranch',
  'reverseProxy',
  'gatewayPeer',
  'videoInteropPool',
] as const satisfies readonly NodeKind[];

/** Kinds that always carry `productVersion` (a survivable branch may, since format v2: see `productVersionOf`). */
export type VersionedNode = Extract<TopologyNode, { productVersion: ProductVersion }>;
export const hasProductVersion = (n: TopologyNode): n is VersionedNode => 'productVersion' in n && n.kind !== 'survivableBranch';
/** The node's product version, when it has one (survivable branches of v1 documents do not). */
export const productVersionOf = (n: TopologyNode): ProductVersion | undefined =>
  'productVersion' in n ? n.productVersion : undefined;

/** Kinds that may be decommissioned or upgraded in place (format v2). */
export type LifecycleNode = Extract<TopologyNode, { decommission?: boolean }>;
export const hasLifecycle = (n: TopologyNode): n is LifecycleNode =>
  n.kind === 'frontEndPool' ||
  n.kind === 'standardEditionServer' ||
  n.kind === 'edgePool' ||
  n.kind === 'directorPool' ||
  n.kind === 'mediationPool' ||
  n.kind === 'persistentChatPool' ||
  n.kind === 'survivableBranch';

// ---------------------------------------------------------------- links

export type Link = Topology['links'][number];
export type LinkKind = Link['kind'];
export type LinkOfKind<K extends LinkKind> = Extract<Link, { kind: K }>;
export type PoolPairing = LinkOfKind<'pairing'>;
export type MirrorLink = LinkOfKind<'mirror'>;
export type WitnessLink = LinkOfKind<'witness'>;
export type StoreLink = LinkOfKind<'store'>;

export const LINK_KINDS = [
  'backEnd',
  'store',
  'mirror',
  'witness',
  'pairing',
  'nextHop',
  'mediaEdge',
  'fileStore',
  'officeOnline',
  'backupRegistrar',
  'logShipping',
  'trunk',
] as const satisfies readonly LinkKind[];

export type SiteLink = NonNullable<Topology['siteLinks']>[number];

// ---------------------------------------------------------------- document

export type Position = NonNullable<Topology['layout']>[string];

export const FORMAT_NAME = 'sfb-topology';
export const CURRENT_VERSION = 2;

export type Topology = z.infer<Schemas['topology']>;

// ---------------------------------------------------------------- the schemas, made on first use

/**
 * Every zod schema of the document, made on the first parse or check, not when the page
 * loads: every load evaluates this module, in the page's first task, and building the
 * schemas there was 10–15 ms of its CPU time, whatever the design.
 */
function buildSchemas() {
  const IdSchema = z
    .string()
    .regex(ID_PATTERN, { message: 'must be 1–64 characters of A–Z, a–z, 0–9, "_", "." or "-"' })
    // Ids key plain objects (layout); this one would reach the prototype.
    .refine((s) => s !== '__proto__', { message: 'is reserved; choose another id' });
  const FqdnSchema = z.string().regex(FQDN_PATTERN, {
    message: 'must be a DNS name: labels of letters, digits and hyphens separated by dots, at most 253 characters',
  });
  const Name = z.string().max(LIMITS.maxNameChars, { message: `must be at most ${LIMITS.maxNameChars} characters` });
  const Text = z.string().max(LIMITS.maxTextChars, { message: `must be at most ${LIMITS.maxTextChars} characters` });
  /** Servers in one pool: far above any supported figure (the rules flag those), low enough that every output stays small. */
  const ServerCount = z
    .number()
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be 1 or more' })
    .max(LIMITS.maxServersPerPool, { message: `must be at most ${LIMITS.maxServersPerPool}` });
  /** An IPv4 or IPv6 address as Topology Builder writes it (not resolved or range-checked). */
  const IpAddress = z.string().regex(/^[0-9A-Fa-f:.]{2,45}$/, { message: 'must be an IPv4 or IPv6 address' });
  /** A URL as written (kept verbatim, typos included: the rules report them). */
  const UrlText = z.string().min(1, { message: 'must not be empty' }).max(2_048, { message: 'must be at most 2048 characters' });
  const Port = z
    .number()
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be a TCP port (1–65535)' })
    .max(65535, { message: 'must be a TCP port (1–65535)' });
  const ProductVersionSchema = z.enum(PRODUCT_VERSIONS);
  const OsSchema = z.enum(OS_VERSIONS);
  const HostingSchema = z.enum(HOSTINGS);
  const SqlVersionSchema = z.enum(SQL_VERSIONS);
  const SqlEditionSchema = z.enum(SQL_EDITIONS);
  const HaModeSchema = z.enum(HA_MODES);
  const SipLbSchema = z.enum(SIP_LB);
  const WebLbSchema = z.enum(WEB_LB);
  const InPlaceUpgradeSchema = z.strictObject({
    fromVersion: z.enum(UPGRADE_SOURCES),
    /** The operating system before the upgrade; absent = unchanged. */
    fromOs: OsSchema.optional(),
  });
  const SiteSchema = z.strictObject({
    id: IdSchema,
    name: Name,
    kind: z.enum(SITE_KINDS),
    region: Text.optional(),
    datacenter: Text.optional(),
    /** Branch sites: the central site the branch depends on. */
    parentSiteId: IdSchema.optional(),
  });
  const ActiveDirectorySchema = z.strictObject({
    forestLevel: z.enum(AD_LEVELS),
    domainLevel: z.enum(AD_LEVELS),
    domainControllerOs: z
      .array(z.enum(DC_OS_VERSIONS))
      .max(DC_OS_VERSIONS.length, { message: `must list at most ${DC_OS_VERSIONS.length} operating systems` }),
  });
  /** A simple URL (Meet per SIP domain, Dial-in, Admin) as Topology Builder records it. */
  const SimpleUrlSchema = z.strictObject({
    component: z.enum(SIMPLE_URL_COMPONENTS),
    /** The SIP domain a Meet URL serves; `*` for the global Dial-in and Admin URLs. */
    domain: Text,
    url: UrlText,
  });
  const DeploymentSchema = z.strictObject({
    cmsHost: IdSchema.nullable(),
    mode: z.enum(DEPLOYMENT_MODES),
    activeDirectory: ActiveDirectorySchema.optional(),
    simpleUrls: z
      .array(SimpleUrlSchema)
      .max(LIMITS.maxListItems, { message: `must list at most ${LIMITS.maxListItems} simple URLs` })
      .optional(),
  });
  const common = {
    id: IdSchema,
    name: Name,
    siteId: IdSchema,
  };
  /** Fields every server role of a transition can carry (format v2). */
  const lifecycle = {
    /** Transition only: the pool is removed at the end of the change. */
    decommission: z.boolean().optional(),
    inPlaceUpgrade: InPlaceUpgradeSchema.optional(),
  };
  /** Registrar pools' voice and conferencing workload (format v2). */
  const workload = {
    enterpriseVoice: z.boolean().optional(),
    dialIn: z.boolean().optional(),
    /** Largest planned meeting, participants. */
    largestMeeting: Count(1).optional(),
  };
  const FrontEndPoolSchema = z.strictObject({
    ...common,
    kind: z.literal('frontEndPool'),
    productVersion: ProductVersionSchema,
    fqdn: FqdnSchema,
    frontEndServers: ServerCount,
    users: Count(0).max(10_000_000, { message: 'is implausibly large' }),
    hosting: HostingSchema,
    os: OsSchema,
    cumulativeUpdate: Text.optional(),
    sipLoadBalancing: SipLbSchema,
    webLoadBalancing: WebLbSchema,
    mediationCollocated: z.boolean(),
    conferencing: z.boolean(),
    largeMeetingPool: z.boolean().optional(),
    deployed: z.boolean().optional(),
    domain: Text.optional(),
    /** Topology Builder's "Override internal Web Services pool FQDN"; absent = the pool FQDN. */
    internalWebFqdn: FqdnSchema.optional(),
    externalWebFqdn: FqdnSchema.optional(),
    ...workload,
    ...lifecycle,
  });
  const StandardEditionServerSchema = z.strictObject({
    ...common,
    kind: z.literal('standardEditionServer'),
    productVersion: ProductVersionSchema,
    fqdn: FqdnSchema,
    users: Count(0).max(10_000_000, { message: 'is implausibly large' }),
    hosting: HostingSchema,
    os: OsSchema,
    cumulativeUpdate: Text.optional(),
    mediationCollocated: z.boolean(),
    /** The server exists today (a change to an existing deployment), as `deployed` on a Front End pool. */
    deployed: z.boolean().optional(),
    domain: Text.optional(),
    externalWebFqdn: FqdnSchema.optional(),
    ...workload,
    ...lifecycle,
  });
  const AgReplicaSchema = z.strictObject({
    fqdn: FqdnSchema,
    siteId: IdSchema,
    commitMode: z.enum(COMMIT_MODES),
    failoverMode: z.enum(FAILOVER_MODES),
    readable: z.boolean(),
  });
  const AvailabilityGroupSchema = z.strictObject({
    listenerFqdn: FqdnSchema,
    /** Default 1433 when absent (the only port Skype for Business supports for the listener). */
    listenerPort: Port.optional(),
    replicas: z.array(AgReplicaSchema).max(LIMITS.maxListItems, { message: `must list at most ${LIMITS.maxListItems} replicas` }),
  });
  const SqlStoreSchema = z.strictObject({
    ...common,
    kind: z.literal('sqlStore'),
    fqdn: FqdnSchema,
    instance: z.string().regex(INSTANCE_PATTERN, {
      message: 'must be empty (default instance) or a SQL Server instance name of at most 16 letters, digits, "_", "$" or "#"',
    }),
    sqlVersion: SqlVersionSchema,
    sqlEdition: SqlEditionSchema,
    sqlUpdateLevel: Text.optional(),
    haMode: HaModeSchema,
    /** Transition only: the HA mode deployed today, when `haMode` is the target. */
    currentHaMode: HaModeSchema.optional(),
    ag: AvailabilityGroupSchema.optional(),
    clusterNodes: Count(1).max(64, { message: 'must be at most 64' }).optional(),
    domain: Text.optional(),
    /** The instance also hosts databases of other products. */
    hostsNonSfbDatabases: z.boolean().optional(),
  });
  const EdgePoolSchema = z.strictObject({
    ...common,
    kind: z.literal('edgePool'),
    productVersion: ProductVersionSchema,
    fqdn: FqdnSchema,
    servers: ServerCount,
    internalLoadBalancing: SipLbSchema,
    externalLoadBalancing: SipLbSchema,
    federation: z.boolean(),
    xmpp: z.boolean(),
    concurrentRemoteUsers: Count(0).max(100_000_000, { message: 'is implausibly large' }).optional(),
    os: OsSchema.optional(),
    cumulativeUpdate: Text.optional(),
    /** Absent = workgroup (the recommended perimeter placement). */
    domain: Text.optional(),
    hlbDirectServerReturn: z.boolean().optional(),
    externalAddressing: z.enum(EDGE_EXTERNAL_ADDRESSING).optional(),
    externalIpMode: z.enum(EDGE_EXTERNAL_IP_MODES).optional(),
    /** External FQDNs of the Access, Web Conferencing and A/V Edge services. */
    externalSipFqdn: FqdnSchema.optional(),
    externalWebConfFqdn: FqdnSchema.optional(),
    externalAvFqdn: FqdnSchema.optional(),
    /** Public addresses the external interfaces are translated to (Topology Builder's NAT setting). */
    natAddresses: z
      .array(IpAddress)
      .max(LIMITS.maxListItems, { message: `must list at most ${LIMITS.maxListItems} addresses` })
      .optional(),
    ...lifecycle,
  });
  const DirectorPoolSchema = z.strictObject({
    ...common,
    kind: z.literal('directorPool'),
    productVersion: ProductVersionSchema,
    fqdn: FqdnSchema,
    servers: ServerCount,
    sipLoadBalancing: SipLbSchema,
    webLoadBalancing: WebLbSchema,
    os: OsSchema.optional(),
    cumulativeUpdate: Text.optional(),
    internalWebFqdn: FqdnSchema.optional(),
    externalWebFqdn: FqdnSchema.optional(),
    ...lifecycle,
  });
  const MediationPoolSchema = z.strictObject({
    ...common,
    kind: z.literal('mediationPool'),
    productVersion: ProductVersionSchema,
    fqdn: FqdnSchema,
    servers: ServerCount,
    os: OsSchema.optional(),
    cumulativeUpdate: Text.optional(),
    ...lifecycle,
  });
  const PersistentChatServerSchema = z.strictObject({
    siteId: IdSchema,
    active: z.boolean(),
  });
  const PersistentChatPoolSchema = z.strictObject({
    ...common,
    kind: z.literal('persistentChatPool'),
    productVersion: ProductVersionSchema,
    fqdn: FqdnSchema,
    servers: z
      .array(PersistentChatServerSchema)
      .max(LIMITS.maxListItems, { message: `must list at most ${LIMITS.maxListItems} servers` }),
    compliance: z.boolean(),
    concurrentUsers: Count(0).max(10_000_000, { message: 'is implausibly large' }).optional(),
    domain: Text.optional(),
    os: OsSchema.optional(),
    cumulativeUpdate: Text.optional(),
    ...lifecycle,
  });
  const FileStoreSchema = z.strictObject({
    ...common,
    kind: z.literal('fileStore'),
    fqdn: FqdnSchema,
    share: Text.min(1, { message: 'must name the share' }),
    storage: z.enum(FILE_STORAGE),
    backupIntervalHours: Count(1).max(8_760, { message: 'must be at most 8760 hours (a year)' }).optional(),
  });
  const OfficeOnlineServerSchema = z.strictObject({
    ...common,
    kind: z.literal('officeOnlineServer'),
    fqdn: FqdnSchema,
    servers: ServerCount,
    zone: z.enum(OOS_ZONES),
    /** The WOPI discovery URL exactly as the topology has it (a typo stays, for the rules to report). */
    discoveryUrl: UrlText.optional(),
  });
  const SurvivableBranchSchema = z.strictObject({
    ...common,
    kind: z.literal('survivableBranch'),
    variant: z.enum(BRANCH_VARIANTS),
    fqdn: FqdnSchema,
    users: Count(0).max(10_000_000, { message: 'is implausibly large' }),
    /** Absent in format v1 documents (the appliance's version was not recorded). */
    productVersion: ProductVersionSchema.optional(),
    ...lifecycle,
  });
  /** A reverse proxy publishing the web services (and Office Online Server) to the internet. */
  const ReverseProxySchema = z.strictObject({
    ...common,
    kind: z.literal('reverseProxy'),
    fqdn: FqdnSchema,
  });
  /** A PSTN gateway, SBC, IP-PBX, TDM PBX (through a gateway), SIP trunk provider or video gateway. */
  const GatewayPeerSchema = z.strictObject({
    ...common,
    kind: z.literal('gatewayPeer'),
    fqdn: FqdnSchema,
    peerType: z.enum(GATEWAY_PEER_TYPES),
    dnsLoadBalancing: z.boolean(),
    acceptsAnyPoolMember: z.boolean(),
    mediaBypass: z.boolean(),
  });
  const VideoInteropPoolSchema = z.strictObject({
    ...common,
    kind: z.literal('videoInteropPool'),
    productVersion: ProductVersionSchema,
    fqdn: FqdnSchema,
    servers: ServerCount,
    concurrentTranscodedVtcs: Count(0).max(100_000, { message: 'is implausibly large' }).optional(),
  });
  const NodeSchema = z.discriminatedUnion('kind', [
    FrontEndPoolSchema,
    StandardEditionServerSchema,
    SqlStoreSchema,
    EdgePoolSchema,
    DirectorPoolSchema,
    MediationPoolSchema,
    PersistentChatPoolSchema,
    FileStoreSchema,
    OfficeOnlineServerSchema,
    SurvivableBranchSchema,
    ReverseProxySchema,
    GatewayPeerSchema,
    VideoInteropPoolSchema,
  ]);
  const linkCommon = { id: IdSchema, from: IdSchema, to: IdSchema };
  const BackEndLinkSchema = z.strictObject({ ...linkCommon, kind: z.literal('backEnd') });
  const StoreLinkSchema = z.strictObject({ ...linkCommon, kind: z.literal('store'), role: z.enum(STORE_ROLES) });
  const MirrorLinkSchema = z.strictObject({
    ...linkCommon,
    kind: z.literal('mirror'),
    /** Default 5022. */
    port: Port.optional(),
    /** Default true. */
    synchronous: z.boolean().optional(),
  });
  const WitnessLinkSchema = z.strictObject({
    ...linkCommon,
    kind: z.literal('witness'),
    /** Default 7022. */
    port: Port.optional(),
  });
  const PoolPairingSchema = z.strictObject({
    ...linkCommon,
    kind: z.literal('pairing'),
    voiceFailover: z.boolean().optional(),
    /** Default 300. */
    voiceFailoverSeconds: Count(1).max(86_400, { message: 'must be at most 86400 seconds' }).optional(),
  });
  const NextHopLinkSchema = z.strictObject({ ...linkCommon, kind: z.literal('nextHop') });
  const MediaEdgeLinkSchema = z.strictObject({ ...linkCommon, kind: z.literal('mediaEdge') });
  const FileStoreLinkSchema = z.strictObject({ ...linkCommon, kind: z.literal('fileStore') });
  const OfficeOnlineLinkSchema = z.strictObject({ ...linkCommon, kind: z.literal('officeOnline') });
  const BackupRegistrarLinkSchema = z.strictObject({ ...linkCommon, kind: z.literal('backupRegistrar') });
  const LogShippingLinkSchema = z.strictObject({
    ...linkCommon,
    kind: z.literal('logShipping'),
    /** UNC path of the log-shipping share. */
    share: Text.optional(),
  });
  /** A SIP trunk from a Mediation role (or a VIS pool) to a gateway peer. */
  const TrunkLinkSchema = z.strictObject({
    ...linkCommon,
    kind: z.literal('trunk'),
    /** The Mediation Server's listening port for this trunk. */
    mediationPort: Port.optional(),
    /** The peer's listening port. */
    peerPort: Port.optional(),
    transport: z.enum(TRUNK_TRANSPORTS).optional(),
  });
  const LinkSchema = z.discriminatedUnion('kind', [
    BackEndLinkSchema,
    StoreLinkSchema,
    MirrorLinkSchema,
    WitnessLinkSchema,
    PoolPairingSchema,
    NextHopLinkSchema,
    MediaEdgeLinkSchema,
    FileStoreLinkSchema,
    OfficeOnlineLinkSchema,
    BackupRegistrarLinkSchema,
    LogShippingLinkSchema,
    TrunkLinkSchema,
  ]);
  /** The WAN between two sites (format v2). `fast` = high bandwidth and low latency. */
  const SiteLinkSchema = z.strictObject({
    id: IdSchema,
    from: IdSchema,
    to: IdSchema,
    fast: z.boolean(),
    secured: z.boolean(),
    resilient: z.boolean(),
  });
  const PositionSchema = z.strictObject({
    x: z.number().finite().min(-1e7).max(1e7),
    y: z.number().finite().min(-1e7).max(1e7),
  });
  const TopologySchema = z.strictObject({
    format: z.literal(FORMAT_NAME),
    version: z.literal(CURRENT_VERSION),
    name: Name,
    description: z
      .string()
      .max(LIMITS.maxDescriptionChars, { message: `must be at most ${LIMITS.maxDescriptionChars} characters` })
      .optional(),
    deployment: DeploymentSchema,
    sites: z.array(SiteSchema).max(LIMITS.maxSites, { message: `must list at most ${LIMITS.maxSites} sites` }),
    nodes: z.array(NodeSchema).max(LIMITS.maxNodes, { message: `must list at most ${LIMITS.maxNodes} nodes` }),
    links: z.array(LinkSchema).max(LIMITS.maxLinks, { message: `must list at most ${LIMITS.maxLinks} links` }),
    siteLinks: z
      .array(SiteLinkSchema)
      .max(LIMITS.maxLinks, { message: `must list at most ${LIMITS.maxLinks} site links` })
      .optional(),
    layout: z.record(z.string(), PositionSchema).optional(),
  });
  return { topology: TopologySchema, node: NodeSchema, link: LinkSchema, site: SiteSchema, simpleUrl: SimpleUrlSchema };
}

type Schemas = ReturnType<typeof buildSchemas>;
let built: Schemas | undefined;

/** The document's zod schemas (made once, on first use). */
export function schemas(): Schemas {
  return (built ??= buildSchemas());
}
