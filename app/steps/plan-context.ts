/**
 * What the step builders ask of a topology, answered once: display names, which
 * stores are mirrored or in an AG and whether those steps may be generated, the SQL
 * Server FQDN and instance each cmdlet needs, and the order pools are built in.
 */
import { SUPPORTED } from '../model/reference-numbers';
import type { NodeOfKind, OsVersion, ProductVersion, SqlStore, Topology, TopologyNode } from '../model/schema';
import { isRegistrar, TopologyIndex, type RegistrarPool } from '../model/topology-index';
import { psQuote } from './text';

export type FrontEndPool = NodeOfKind<'frontEndPool'>;
export type PersistentChatPool = NodeOfKind<'persistentChatPool'>;
export type EdgePool = NodeOfKind<'edgePool'>;

/**
 * What the runbooks of a lost data center look up, grouped by data center (`dc(x)`) once
 * for the whole plan. A plan has a runbook per paired pool, each about one data center:
 * scanning every pool and Edge pool for each of them made a 5,000-node plan take seconds.
 * Every list keeps the order the runbooks scanned in (registrars(), then document order).
 */
export interface LossLookups {
  /** Registrar pools by data center, in `ix.registrars()` order. */
  registrarsIn: ReadonlyMap<string, readonly RegistrarPool[]>;
  /** Edge pools by data center, and by site, in document order. */
  edgesIn: ReadonlyMap<string, readonly EdgePool[]>;
  edgesInSite: ReadonlyMap<string, readonly EdgePool[]>;
  /** Edge pools by the data center of their next hop (the target of their first nextHop link). */
  edgesByHopDc: ReadonlyMap<string, readonly EdgePool[]>;
  /** Registrar pools by the data center of their media Edge pool (their first mediaEdge link, when it leads to an Edge pool), in `ix.registrars()` order. */
  mediaUsersByEdgeDc: ReadonlyMap<string, readonly RegistrarPool[]>;
  /** Registrar pools by the data center of an Office Online Server farm they use (each pool once per data center), in `ix.registrars()` order. */
  farmUsersByFarmDc: ReadonlyMap<string, readonly RegistrarPool[]>;
}

/** The Skype for Business databases an availability group may hold, and the ones it never may (BE-AG-EXCLUDED-DATABASES). */
export interface AgDatabases {
  include: string[];
  exclude: string[];
}

/** Databases that never go into an availability group (alwayson-availability-group.md). */
export const AG_EXCLUDED_DATABASES = ['ReportServer', 'ReportServerTempDB', 'mgc', 'mgccomp'] as const;

// Database names as Topology Builder creates them on a store (inferred from the store roles;
// the AG wizard shows the instance's real list).
const BACK_END_DATABASES = ['rtcxds', 'rtcshared', 'rtcab', 'rgsconfig', 'rgsdyn', 'cpsdyn'];
/** The Central Management store's databases: only on the Back End of the CMS pool, or of its backup pool (the standby). */
const CMS_DATABASES = ['xds', 'lis'];
const MONITORING_DATABASES = ['LcsCDR', 'QoEMetrics'];
const ARCHIVING_DATABASES = ['LcsLog'];

export class PlanContext {
  readonly ix: TopologyIndex;
  readonly doc: Topology;
  private lossLookups: LossLookups | undefined;
  private buildOrder: RegistrarPool[] | undefined;

  constructor(doc: Topology) {
    this.doc = doc;
    this.ix = new TopologyIndex(doc);
  }

  get greenfield(): boolean {
    return this.doc.deployment.mode === 'greenfield';
  }

  /** The name a person typed, or the id when the name is blank. */
  name(n: TopologyNode | undefined): string {
    if (!n) return '?';
    return n.name.trim() === '' ? n.id : n.name;
  }

  /** "Pool A (pool-a.contoso.com)". */
  label(n: TopologyNode | undefined): string {
    if (!n) return '?';
    return 'fqdn' in n ? `${this.name(n)} (${n.fqdn})` : this.name(n);
  }

  siteName(siteId: string): string {
    const s = this.ix.site(siteId);
    return s ? (s.name.trim() === '' ? s.id : s.name) : siteId;
  }

  cmsHost(): RegistrarPool | undefined {
    const id = this.doc.deployment.cmsHost;
    const n = id ? this.ix.node(id) : undefined;
    return isRegistrar(n) ? n : undefined;
  }

  /** A pool or server already built (Front End pools and Standard Edition servers record it). */
  existing(n: TopologyNode): boolean {
    return (n.kind === 'frontEndPool' || n.kind === 'standardEditionServer') && n.deployed === true;
  }

  /**
   * Transition: an existing pool whose Back End becomes an AlwaysOn availability group in this
   * plan. A store that records the group as deployed today (`currentHaMode`, as an imported
   * published topology does) is not converted again.
   */
  convertsToAg(p: TopologyNode): p is FrontEndPool {
    if (this.greenfield || p.kind !== 'frontEndPool' || !this.existing(p)) return false;
    const s = this.ix.backEnd(p.id);
    return s !== undefined && s.currentHaMode !== 'alwaysOnAg' && this.agOf(s) !== undefined;
  }

  /**
   * Transition: the CMS must leave a pool before that pool's Back End is converted to an
   * availability group (alwayson-availability-group.md). It moves to an existing pool: its
   * partner first, else the first other existing registrar; never a pool this plan has not
   * built yet. Conversions of the other pools come first, so the target is never converted
   * while it holds the CMS. Undefined when no move is needed; `to` undefined when no pool can take it.
   */
  cmsMove(): { from: FrontEndPool; to: RegistrarPool | undefined } | undefined {
    if (this.cmsMoveMemo !== undefined) return this.cmsMoveMemo ?? undefined;
    const cms = this.cmsHost();
    let move: { from: FrontEndPool; to: RegistrarPool | undefined } | null = null;
    if (cms && this.convertsToAg(cms)) {
      const partner = this.ix.partners(cms.id).length === 1 ? this.ix.partner(cms.id) : undefined;
      const candidates = [...(partner ? [partner] : []), ...this.ix.registrars().filter((r) => r.id !== cms.id && r !== partner)];
      move = { from: cms, to: candidates.find((r) => this.existing(r)) };
    }
    this.cmsMoveMemo = move;
    return move ?? undefined;
  }
  private cmsMoveMemo: { from: FrontEndPool; to: RegistrarPool | undefined } | null | undefined;

  /** Where the CMS is once the plan has run: the design's host, or where a transition moved it. Runbooks and checks ask this. */
  cmsAfterPlan(): RegistrarPool | undefined {
    const move = this.cmsMove();
    return move?.to ?? this.cmsHost();
  }

  /** Registrar pools in build order: the CMS host first, then document order (every phase asks: built once). */
  registrarsInBuildOrder(): readonly RegistrarPool[] {
    if (!this.buildOrder) {
      const ordered = this.doc.nodes.filter(isRegistrar);
      const cms = this.cmsHost();
      this.buildOrder = cms ? [cms, ...ordered.filter((n) => n !== cms)] : ordered;
    }
    return this.buildOrder;
  }

  /** See LossLookups: built the first time a runbook asks. */
  losses(): LossLookups {
    return (this.lossLookups ??= lossLookups(this.ix));
  }

  versionsOf(s: SqlStore): ProductVersion[] {
    return [...this.ix.versionsUsing(s.id)].sort();
  }

  /** Mirroring cannot be deployed for a 2019 pool (BE-MIRROR-2019): such stores get a blocking note, never steps. */
  mirroringBlocked(s: SqlStore): boolean {
    return this.ix.versionsUsing(s.id).has('2019');
  }

  /** The principal of a mirroring relationship, with its partners, or undefined when none may be built. */
  mirrorSet(
    s: SqlStore,
  ):
    | { principal: SqlStore; mirror: SqlStore; witness: SqlStore | undefined; mirrorPort: number; witnessPort: number }
    | undefined {
    if (s.haMode !== 'mirroring' || this.mirroringBlocked(s)) return undefined;
    const ml = this.ix.out(s.id, 'mirror')[0];
    const mirror = this.ix.mirrorOf(s.id);
    if (!ml || !mirror) return undefined;
    const wl = this.ix.out(s.id, 'witness')[0];
    return { principal: s, mirror, witness: this.ix.witnessOf(s.id), mirrorPort: ml.port ?? 5022, witnessPort: wl?.port ?? 7022 };
  }

  /** An AG the steps can build: `alwaysOnAg` with at least one replica. */
  agOf(s: SqlStore): NonNullable<SqlStore['ag']> | undefined {
    return s.haMode === 'alwaysOnAg' && s.ag && s.ag.replicas.length > 0 ? s.ag : undefined;
  }

  clustered(s: SqlStore): boolean {
    return s.haMode === 'alwaysOnFci' || s.haMode === 'sqlFailoverCluster';
  }

  /** The node Topology Builder first publishes to (the AG's primary replica), before the store is switched to the listener. */
  primaryNode(s: SqlStore): string {
    const ag = this.agOf(s);
    return ag ? ag.replicas[0]!.fqdn : s.fqdn;
  }

  /** `host\instance` or `host (default instance)` for a person. */
  instanceLabel(fqdn: string, instance: string): string {
    return instance === '' ? `${fqdn} (default instance)` : `${fqdn}\\${instance}`;
  }

  /** ` -SqlInstanceName '<instance>'` for the ByCMS/ByDatabase parameter sets; nothing for the default instance. */
  sqlInstanceArg(instance: string): string {
    return instance === '' ? '' : ` -SqlInstanceName ${psQuote(instance)}`;
  }

  /** ` -ForInstance '<instance>'` for the ByConfigured parameter set. */
  forInstanceArg(instance: string): string {
    return instance === '' ? '' : ` -ForInstance ${psQuote(instance)}`;
  }

  /** Databases an AG on `s` holds: derived from the links to `s`; never the excluded ones (BE-AG-EXCLUDED-DATABASES). */
  agDatabases(s: SqlStore): AgDatabases {
    const include: string[] = [];
    const cms = this.cmsAfterPlan();
    for (const l of this.ix.in(s.id)) {
      if (l.kind === 'backEnd') {
        include.push(...BACK_END_DATABASES);
        // The CMS host and its backup pool (standby CMS) both hold a CMS database.
        // A pool converted in a transition holds no CMS database when its group is built: the CMS left it
        // first, or arrives only after the conversion (and joins the group then).
        const converted = this.convertsToAg(this.ix.node(l.from)!);
        if (cms && !converted && (cms.id === l.from || this.ix.partner(cms.id)?.id === l.from)) include.push(...CMS_DATABASES);
      } else if (l.kind === 'store') {
        if (l.role === 'monitoring') include.push(...MONITORING_DATABASES);
        else if (l.role === 'archiving') include.push(...ARCHIVING_DATABASES);
        // persistentChat / persistentChatCompliance: never in an AG (PCHAT-NO-AG reports the design).
      }
    }
    const excluded = new Set<string>(AG_EXCLUDED_DATABASES.map((d) => d.toLowerCase()));
    return { include: [...new Set(include)].filter((d) => !excluded.has(d.toLowerCase())), exclude: [...AG_EXCLUDED_DATABASES] };
  }

  /** Stores with an incoming `store` link of the role. */
  hasRole(s: SqlStore, role: 'monitoring' | 'archiving' | 'persistentChat' | 'persistentChatCompliance'): boolean {
    return this.ix.in(s.id, 'store').some((l) => l.role === role);
  }

  /** Stores that are the target of a mirror, witness or logShipping link: built with their principal. */
  isPartnerStore(s: SqlStore): boolean {
    return this.ix.in(s.id).some((l) => l.kind === 'mirror' || l.kind === 'witness' || l.kind === 'logShipping');
  }

  /** Back End SQL servers (GEN-NO-MULTIHOMED covers them). */
  isBackEnd(s: SqlStore): boolean {
    return this.ix.in(s.id, 'backEnd').length > 0 || this.principalsReachingAreBackEnd(s);
  }
  private principalsReachingAreBackEnd(s: SqlStore): boolean {
    return this.ix.principalsOf(s.id).some((id) => id !== s.id && this.ix.in(id, 'backEnd').length > 0);
  }

  /** The SQL instance that holds a registrar pool's databases: the Back End store, or the SE server's own SQL Express (`RTC`). */
  registrarSql(p: RegistrarPool): { fqdn: string; instance: string; mirror?: { fqdn: string; instance: string } } | undefined {
    if (p.kind === 'standardEditionServer') return { fqdn: p.fqdn, instance: 'rtc' };
    const s = this.ix.backEnd(p.id);
    if (!s) return undefined;
    const m = this.mirrorSet(s);
    return m
      ? { fqdn: s.fqdn, instance: s.instance, mirror: { fqdn: m.mirror.fqdn, instance: m.mirror.instance } }
      : { fqdn: s.fqdn, instance: s.instance };
  }

  serverCount(n: TopologyNode): number {
    switch (n.kind) {
      case 'frontEndPool':
        return n.frontEndServers;
      case 'standardEditionServer':
        return 1;
      case 'edgePool':
      case 'directorPool':
      case 'mediationPool':
      case 'officeOnlineServer':
        return n.servers;
      case 'persistentChatPool':
        return n.servers.length;
      case 'sqlStore':
        return this.agOf(n)?.replicas.length ?? (this.clustered(n) ? (n.clusterNodes ?? 2) : 1);
      case 'videoInteropPool':
        return n.servers;
      case 'fileStore':
      case 'survivableBranch':
      case 'reverseProxy':
      case 'gatewayPeer':
        return 1;
    }
  }
}

function lossLookups(ix: TopologyIndex): LossLookups {
  const registrarsIn = new Map<string, RegistrarPool[]>();
  const edgesIn = new Map<string, EdgePool[]>();
  const edgesInSite = new Map<string, EdgePool[]>();
  const edgesByHopDc = new Map<string, EdgePool[]>();
  const mediaUsersByEdgeDc = new Map<string, RegistrarPool[]>();
  const farmUsersByFarmDc = new Map<string, RegistrarPool[]>();
  for (const r of ix.registrars()) {
    add(registrarsIn, ix.dc(r.siteId), r);
    const l = ix.out(r.id, 'mediaEdge')[0];
    const e = l ? ix.node(l.to) : undefined;
    if (e?.kind === 'edgePool') add(mediaUsersByEdgeDc, ix.dc(e.siteId), r);
    const farmDcs = new Set<string>();
    for (const o of ix.out(r.id, 'officeOnline')) {
      const farm = ix.node(o.to);
      if (farm?.kind === 'officeOnlineServer') farmDcs.add(ix.dc(farm.siteId));
    }
    for (const dc of farmDcs) add(farmUsersByFarmDc, dc, r);
  }
  for (const e of ix.ofKind('edgePool')) {
    add(edgesIn, ix.dc(e.siteId), e);
    add(edgesInSite, e.siteId, e);
    const l = ix.out(e.id, 'nextHop')[0];
    const hop = l ? ix.node(l.to) : undefined;
    if (hop) add(edgesByHopDc, ix.dc(hop.siteId), e);
  }
  return { registrarsIn, edgesIn, edgesInSite, edgesByHopDc, mediaUsersByEdgeDc, farmUsersByFarmDc };
}

function add<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function osLabel(os: OsVersion): string {
  switch (os) {
    case 'WS2008R2':
      return 'Windows Server 2008 R2';
    case 'WS2012':
      return 'Windows Server 2012';
    case 'WS2012R2':
      return 'Windows Server 2012 R2';
    case 'WS2016':
      return 'Windows Server 2016';
    case 'WS2019':
      return 'Windows Server 2019';
    case 'WS2022':
      return 'Windows Server 2022';
  }
}

export const osSupported = (v: ProductVersion, os: OsVersion): boolean => SUPPORTED.os[v].includes(os);
export const osMinCu = (v: ProductVersion, os: OsVersion): number | undefined => SUPPORTED.osMinCu[v][os];

export { plural } from '../lib/text';
