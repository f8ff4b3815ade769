/**
 * Failover and failback runbooks for a paired pool whose site is lost
 * (Microsoft's failover and failback procedures for pools, the CMS, Edge and Persistent Chat, each step citing its page). Order: find the CMS, fail the CMS over when it
 * lived in the lost site (it must work while users fail over), re-point Edge next
 * hops, `Invoke-CsPoolFailOver`, then federation, XMPP and media Edge routes,
 * Persistent Chat, and the LIS restore. Failback reverses the route changes around
 * `Invoke-CsPoolFailback`. Step ids name the node they act on, so runbooks of two
 * pools in one site can be merged by id (the CMS failover appears in both).
 */
import { err, ok, type Result } from '../lib/result';
import { num } from '../lib/text';
import { feFor, RECOVERY, REF } from '../model/reference-numbers';
import type { NodeOfKind, SqlStore, Topology, TopologyNode } from '../model/schema';
import { isRegistrar, type RegistrarPool } from '../model/topology-index';
import { DOC } from './docs';
import { PlanContext, plural, type LossLookups, type PersistentChatPool } from './plan-context';
import { makeStep } from './step';
import { code, joinRich, psQuote, rt, ui } from './text';
import type { PlanNote, RichText, Runbook, Step, StepsError } from './types';

type Edge = NodeOfKind<'edgePool'>;

/** Every registrar pool with exactly one partner, with that partner (both directions of each pair). */
export function pairedPools(ctx: PlanContext): Array<[RegistrarPool, RegistrarPool]> {
  const out: Array<[RegistrarPool, RegistrarPool]> = [];
  for (const p of ctx.registrarsInBuildOrder()) {
    if (ctx.ix.partners(p.id).length !== 1) continue;
    const q = ctx.ix.partner(p.id);
    if (q) out.push([p, q]);
  }
  return out;
}

/**
 * The runbook for losing `poolId`'s site: failover, failback and the notes that go
 * with them. Fails with a tagged error for an unknown or unpaired pool.
 */
export function failoverRunbook(doc: Topology, poolId: string): Result<Runbook, StepsError> {
  try {
    const ctx = new PlanContext(doc);
    const pool = ctx.ix.node(poolId);
    if (!isRegistrar(pool))
      return err({
        code: 'unknownPool',
        message: `"${poolId}" is not a Front End pool or Standard Edition server in this topology`,
      });
    if (ctx.ix.partners(pool.id).length !== 1)
      return err({
        code: 'notPaired',
        message: `${ctx.label(pool)} has ${ctx.ix.partners(pool.id).length === 0 ? 'no backup pool' : 'more than one backup pool'}, so it has no failover runbook`,
      });
    const partner = ctx.ix.partner(pool.id);
    if (!partner) return err({ code: 'notPaired', message: `${ctx.label(pool)} is paired with something other than a pool` });
    return ok(buildRunbook(ctx, pool, partner));
  } catch (e) {
    return err({ code: 'internal', message: `could not build the runbook (${e instanceof Error ? e.message : String(e)})` });
  }
}

/** The runbooks of every paired pool in a lost site, merged: shared steps (CMS, federation, media Edge) once, in first-seen order. */
export interface SiteLossRunbook {
  siteId: string;
  poolIds: string[];
  failover: Step[];
  failback: Step[];
  notes: PlanNote[];
}

export function siteLossRunbook(doc: Topology, siteId: string): Result<SiteLossRunbook, StepsError> {
  try {
    const ctx = new PlanContext(doc);
    if (!ctx.ix.site(siteId)) return err({ code: 'unknownSite', message: `"${siteId}" is not a site in this topology` });
    const dc = ctx.ix.dc(siteId);
    const books = pairedPools(ctx)
      .filter(([p]) => ctx.ix.dc(p.siteId) === dc)
      .map(([p, q]) => buildRunbook(ctx, p, q));
    const merge = (lists: Step[][]) => {
      const seen = new Set<string>();
      return lists.flat().filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
    };
    const noteKeys = new Set<string>();
    const notes = books
      .flatMap((b) => b.notes)
      .filter((n) => {
        const key = JSON.stringify([n.severity, n.message, n.nodeIds]);
        return noteKeys.has(key) ? false : (noteKeys.add(key), true);
      });
    return ok({
      siteId,
      poolIds: books.map((b) => b.poolId),
      failover: merge(books.map((b) => b.failover)),
      failback: merge(books.map((b) => b.failback)),
      notes,
    });
  } catch (e) {
    return err({ code: 'internal', message: `could not build the runbook (${e instanceof Error ? e.message : String(e)})` });
  }
}

export function buildRunbook(ctx: PlanContext, pool: RegistrarPool, partner: RegistrarPool): Runbook {
  const fo = failoverRunbookFor(ctx, pool, partner);
  return {
    title: `Losing ${ctx.siteName(pool.siteId)}: fail ${ctx.name(pool)} over to ${ctx.name(partner)}`,
    poolId: pool.id,
    partnerId: partner.id,
    siteId: pool.siteId,
    failover: fo.failover,
    failback: failbackRunbook(ctx, pool, partner),
    notes: fo.notes,
  };
}

/**
 * What survives when `pool`'s data center is gone. The lists come from the plan's
 * lookups by data center (PlanContext.losses), so a runbook costs the size of what it
 * touches, not of the design.
 */
class SiteLoss {
  readonly dc: string;
  private readonly lookups: LossLookups;
  constructor(
    readonly ctx: PlanContext,
    readonly pool: RegistrarPool,
  ) {
    this.dc = ctx.ix.dc(pool.siteId);
    this.lookups = ctx.losses();
  }
  lost(n: TopologyNode | undefined): boolean {
    return n !== undefined && this.lostSite(n.siteId);
  }
  lostSite(siteId: string): boolean {
    return this.ctx.ix.dc(siteId) === this.dc;
  }
  /** Registrar pools in the lost data center, in `ix.registrars()` order. */
  lostRegistrars(): readonly RegistrarPool[] {
    return this.lookups.registrarsIn.get(this.dc) ?? [];
  }
  /** Edge pools in the lost data center, in document order. */
  lostEdges(): readonly Edge[] {
    return this.lookups.edgesIn.get(this.dc) ?? [];
  }
  /** Surviving Edge pools whose next hop is lost, in document order. */
  edgesWithLostNextHop(): Edge[] {
    return (this.lookups.edgesByHopDc.get(this.dc) ?? []).filter((e) => !this.lost(e));
  }
  /** Surviving registrar pools whose media Edge pool is lost, in `ix.registrars()` order. */
  poolsWithLostMediaEdge(): RegistrarPool[] {
    return (this.lookups.mediaUsersByEdgeDc.get(this.dc) ?? []).filter((r) => !this.lost(r));
  }
  /** Surviving registrar pools that use an Office Online Server farm of the lost data center, in `ix.registrars()` order. */
  poolsWithLostFarm(): RegistrarPool[] {
    return (this.lookups.farmUsersByFarmDc.get(this.dc) ?? []).filter((r) => !this.lost(r));
  }
  /** A surviving Office Online Server farm, preferring the pool's site, else the first anywhere (document order). */
  bestFarm(pool: RegistrarPool): NodeOfKind<'officeOnlineServer'> | undefined {
    const farms = this.ctx.ix.ofKind('officeOnlineServer').filter((o) => !this.lost(o));
    return farms.find((o) => o.siteId === pool.siteId) ?? farms[0];
  }
  /** A surviving Edge pool, preferring the partner's site: the first there, else the first anywhere (document order). */
  bestEdge(partner: RegistrarPool, pred: (e: Edge) => boolean = () => true): Edge | undefined {
    const usable = (e: Edge) => !this.lost(e) && pred(e);
    return (this.lookups.edgesInSite.get(partner.siteId) ?? []).find(usable) ?? this.ctx.ix.ofKind('edgePool').find(usable);
  }
}

const nextHopTarget = (ctx: PlanContext, e: Edge): TopologyNode | undefined => {
  const l = ctx.ix.out(e.id, 'nextHop')[0];
  return l ? ctx.ix.node(l.to) : undefined;
};

export function failoverRunbookFor(
  ctx: PlanContext,
  pool: RegistrarPool,
  partner: RegistrarPool,
): { failover: Step[]; notes: PlanNote[] } {
  const loss = new SiteLoss(ctx, pool);
  const steps: Step[] = [];
  const notes: PlanNote[] = [];
  const note = (severity: PlanNote['severity'], message: RichText, nodeIds: string[], ruleIds: string[], docs: string[]) =>
    notes.push({ severity, message, nodeIds, ruleIds, docs });
  const P = ctx.name(pool);
  const Q = ctx.name(partner);

  if (loss.lost(partner))
    note(
      'blocking',
      rt`${ctx.label(partner)}, the backup pool of ${P}, is in the same data center: losing the site loses both pools, and no failover is possible.`,
      [pool.id, partner.id],
      ['PAIR-DIFFERENT-DATACENTER'],
      [DOC.drPlan],
    );
  if (pool.productVersion !== partner.productVersion)
    note(
      'warning',
      rt`${P} and ${Q} run different Skype for Business Server versions: pool failover in disaster mode is not supported between them.`,
      [pool.id, partner.id],
      ['PAIR-SAME-VERSION'],
      [DOC.pairing],
    );
  const load = ctx.ix.failoverLoad(partner, pool);
  if (partner.kind === 'frontEndPool') {
    const max = REF.maxPoolUsers[partner.productVersion];
    note(
      load > max || feFor(load) > partner.frontEndServers ? 'warning' : 'info',
      rt`After the failover ${Q} carries ${num(load)} users on ${plural(partner.frontEndServers, 'Front End server')} (it would need ${String(feFor(load))} at ${num(REF.usersPerFe)} users each; the pool maximum is ${num(max)}).`,
      [partner.id, pool.id],
      ['PAIR-CAPACITY-MAX', 'PAIR-CAPACITY-SERVERS'],
      REF.docs,
    );
  } else if (load > REF.seUsersWithPartner)
    note(
      'warning',
      rt`After the failover ${Q} carries ${num(load)} users; a Standard Edition server carries at most ${num(REF.seUsersWithPartner)} while covering for its partner.`,
      [partner.id, pool.id],
      ['PAIR-SE-CAPACITY'],
      REF.docs,
    );
  const branches = ctx.ix.branchesBackedBy(pool.id);
  if (branches.length)
    note(
      'info',
      rt`Users of ${joinRich(
        branches.map((b) => rt`${ctx.name(b)}`),
        ', ',
      )} have no disaster recovery through the pairing: they keep only the branch's own survivability while ${P} is down.`,
      branches.map((b) => b.id),
      ['PAIR-SBA-NO-DR'],
      [DOC.drPlan],
    );
  const siblings = loss.lostRegistrars().filter((r) => r.id !== pool.id);
  if (siblings.length)
    note(
      'info',
      rt`The same site also holds ${joinRich(
        siblings.map((r) => rt`${ctx.name(r)}`),
        ', ',
      )}: run their runbooks too (the CMS failover is shared).`,
      siblings.map((r) => r.id),
      [],
      [DOC.failoverPool],
    );
  note(
    'info',
    rt`To later move both pools' users onto ${P}: fail back ${P}'s users first, then fail over ${Q}'s users; the other order fails.`,
    [pool.id, partner.id],
    [],
    [DOC.manageBackup],
  );

  // 1. Decide, with the figures.
  steps.push(
    makeStep({
      id: `failover-assess:${pool.id}`,
      phase: 'failover',
      title: `Confirm that ${P} is lost and decide to fail it over to ${Q}`,
      tool: 'Shell',
      detail: [
        rt`Pool failover is always manual (the voice option in Topology Builder never fails a pool over). Expect an RTO of ${String(RECOVERY.poolFailover.rtoMinutes[0])}–${String(RECOVERY.poolFailover.rtoMinutes[1])} minutes from the decision and an RPO of ${String(RECOVERY.poolFailover.rpoMinutes)} minutes.`,
        rt`Users are signed out and sign in again to ${Q}, briefly in Resiliency mode; calls, meetings and conversations in progress are lost; users are not rehomed.`,
      ],
      commands: [`Get-CsPoolBackupRelationship -PoolFqdn ${psQuote(pool.fqdn)}`],
      verify: [{ text: rt`The backup pool is ${code(partner.fqdn)}.` }],
      preconditions: [
        rt`The Backup Service was in steady state between the pools before the disaster (last ${code(`Get-CsBackupServiceStatus -PoolFqdn ${psQuote(pool.fqdn)}`)}).`,
      ],
      nodeIds: [pool.id, partner.id],
      docs: [DOC.failoverPool, DOC.drPlan, DOC.userExperience],
      ruleIds: ['PAIR-VOICE-CHECKBOX'],
    }),
  );

  // 2. Where is the CMS, and is it alive?
  steps.push(
    makeStep({
      id: `failover-find-cms:${pool.id}`,
      phase: 'failover',
      title: 'Find the Central Management store and check that it works',
      tool: 'Shell',
      runOn: `a Front End server of ${Q}`,
      detail: [
        rt`The first command names the pool that hosts the CMS (it changes nothing). If ${ui('ActiveMasterFQDN')} and ${ui('ActiveFileTransferAgents')} are empty, the CMS is unavailable and must be failed over before the users.`,
      ],
      commands: [
        'Invoke-CsManagementServerFailover -WhatIf',
        'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus',
      ],
      nodeIds: [pool.id, partner.id],
      docs: [DOC.failoverPool, DOC.psCmsFailover],
    }),
  );

  // 3. CMS failover when it lived in the lost site.
  const cms = ctx.cmsAfterPlan();
  if (cms && loss.lost(cms)) steps.push(...cmsFailover(ctx, loss, cms, partner));

  // 4. Edge next hops that point into the lost site.
  const repointed: Array<{ edge: Edge; from: TopologyNode }> = [];
  for (const e of loss.edgesWithLostNextHop()) {
    const hop = nextHopTarget(ctx, e);
    if (!hop || loss.lost(partner)) continue;
    repointed.push({ edge: e, from: hop });
    steps.push(edgeNextHop(ctx, e, partner, 'failover', hop));
  }

  // 5. The users.
  steps.push(
    makeStep({
      id: `failover-pool:${pool.id}`,
      phase: 'failover',
      title: `Fail the users of ${P} over to ${Q}`,
      tool: 'Shell',
      detail: [
        rt`${code('-PoolFqdn')} names the pool that homed the users before the failover, ${code(pool.fqdn)}, never ${code(partner.fqdn)}.`,
        rt`If it fails because the CMS is not fully failed over, fix what the error says and run it again. If it reports that ${code(pool.fqdn)} is an Edge next hop, re-point that Edge pool and run it again.`,
      ],
      commands: [`Invoke-CsPoolFailOver -PoolFqdn ${psQuote(pool.fqdn)} -DisasterMode -Verbose`],
      preconditions: [
        rt`The Central Management store works (${code('Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus')} names its pool).`,
        rt`No running Edge pool uses ${P} as its next hop.`,
      ],
      verify: [
        {
          text: rt`${Q} now hosts the routing groups of ${P}'s users (the fabric state lists them); a test user of ${P} signs in and registers against ${code(partner.fqdn)}. Before the failover neither is true.`,
          command: `Get-CsPoolFabricState -PoolFqdn ${psQuote(partner.fqdn)}`,
        },
      ],
      nodeIds: [pool.id, partner.id],
      docs: [DOC.failoverPool, DOC.psPoolFailover, DOC.psPoolFabric],
      ruleIds: ['CMS-FAILOVER-FIRST'],
    }),
  );

  // 6. Federation, XMPP and media Edge routes that depended on the lost site.
  const fedLost = loss.lostEdges().filter((e) => e.federation);
  for (const old of fedLost) {
    const to = loss.bestEdge(partner);
    if (to) steps.push(federationMove(ctx, old, to, 'failover'));
    else
      note(
        'warning',
        rt`Federation ran through ${ctx.label(old)} and no Edge pool survives the site loss: federation stays down until the site returns.`,
        [old.id],
        ['EDGE-FEDERATION-STANDBY'],
        [DOC.failoverPool],
      );
  }
  for (const old of loss.lostEdges().filter((e) => e.xmpp && e.productVersion === '2015')) {
    const to = loss.bestEdge(partner, (e) => e.productVersion === '2015');
    if (to) steps.push(xmppMove(ctx, old, to, 'failover'));
    else
      note(
        'warning',
        rt`XMPP federation ran through ${ctx.label(old)} and no Skype for Business Server 2015 Edge pool survives: XMPP federation stays down.`,
        [old.id],
        ['EDGE-XMPP-SRV'],
        [DOC.failoverPool],
      );
  }
  for (const r of loss.poolsWithLostMediaEdge()) {
    const l = ctx.ix.out(r.id, 'mediaEdge')[0];
    const e = l ? ctx.ix.node(l.to) : undefined;
    if (e?.kind !== 'edgePool') continue;
    const to = loss.bestEdge(r);
    if (to) steps.push(mediaEdge(ctx, r, to, 'failover', e));
    else
      note(
        'warning',
        rt`${ctx.label(r)} uses ${ctx.label(e)} for media and no Edge pool survives: remote users, federation and external media stay down until the site returns.`,
        [r.id, e.id],
        [],
        [DOC.failoverPool],
      );
  }

  // Remote access: the public DNS names that led to a lost Edge pool now lead to a surviving one.
  for (const old of loss.lostEdges()) {
    const to = loss.bestEdge(partner);
    if (to) steps.push(remoteAccess(ctx, old, to, 'failover'));
    else
      note(
        'warning',
        rt`Remote users came in through ${ctx.label(old)} and no Edge pool survives: remote access stays down until an Edge pool is rebuilt.`,
        [old.id],
        [],
        [DOC.failoverPool],
      );
  }

  // 7. Persistent Chat (2015): a pool lost with the site is down until rebuilt; a surviving one is re-pointed.
  for (const c of ctx.ix.ofKind('persistentChatPool').filter((c) => c.productVersion === '2015')) {
    // A pool stretched over both data centers survives with its servers in the other one.
    const whole = c.servers.length > 0 ? c.servers.every((s) => loss.lostSite(s.siteId)) : loss.lost(c);
    if (whole) {
      note(
        'warning',
        rt`The Persistent Chat pool ${ctx.label(c)} is lost with the site: Persistent Chat is down until the pool is rebuilt (nothing to re-point). A pool stretched over both data centers, with standby servers in the other one, would have survived.`,
        [c.id],
        [],
        [DOC.pchatManageHadr, DOC.pchatPlanHadr],
      );
      continue;
    }
    const hop = ctx.ix.out(c.id, 'nextHop')[0];
    const hopNode = hop ? ctx.ix.node(hop.to) : undefined;
    if (hopNode && loss.lost(hopNode) && !loss.lost(partner)) steps.push(pchatNextHop(ctx, c, partner, 'failover'));
    steps.push(...pchatFailover(ctx, loss, c));
  }

  // Office Online Server: surviving pools whose farm is lost are associated with a surviving farm.
  for (const r of loss.poolsWithLostFarm()) {
    for (const l of ctx.ix.out(r.id, 'officeOnline')) {
      const farm = ctx.ix.node(l.to);
      if (farm?.kind !== 'officeOnlineServer' || !loss.lost(farm)) continue;
      const to = loss.bestFarm(r);
      if (to) steps.push(officeOnlineMove(ctx, r, farm, to, 'failover'));
      else
        note(
          'warning',
          rt`${ctx.label(r)} loses its Office Online Server farm ${ctx.label(farm)} and no farm survives: PowerPoint presentations in its meetings fail until a farm is rebuilt.`,
          [r.id, farm.id],
          [],
          [DOC.owas],
        );
    }
  }

  // 8. What no replication covers.
  steps.push(
    makeStep({
      id: `failover-after:${pool.id}`,
      phase: 'failover',
      title: `After the failover: restore the location database into ${Q}`,
      tool: 'Shell',
      mode: 'manual',
      detail: [
        rt`The Location Information Server (E9-1-1) database is not replicated: restore its latest backup into ${Q}.`,
        rt`If the lost site also held the main administration computers and will be out for long, install the administrative tools in the surviving site.`,
      ],
      nodeIds: [pool.id, partner.id],
      docs: [DOC.userExperience, DOC.voiceResiliency],
      ruleIds: ['PAIR-LIS-NOT-REPLICATED'],
    }),
  );
  return { failover: steps, notes };
}

function cmsFailover(ctx: PlanContext, loss: SiteLoss, cms: RegistrarPool, partner: RegistrarPool): Step[] {
  const standby = ctx.ix.partner(cms.id);
  if (standby && !loss.lost(standby)) {
    const sql = ctx.registrarSql(standby);
    const mirrored = sql?.mirror !== undefined;
    const args = sql
      ? ` -BackupSqlServerFqdn ${psQuote(sql.fqdn)}${sql.instance ? ` -BackupSqlInstanceName ${psQuote(sql.instance)}` : ''}${
          sql.mirror
            ? ` -BackupMirrorSqlServerFqdn ${psQuote(sql.mirror.fqdn)}${sql.mirror.instance ? ` -BackupMirrorSqlInstanceName ${psQuote(sql.mirror.instance)}` : ''}`
            : ''
        }`
      : '';
    const commands = [
      ...(mirrored && standby.kind === 'frontEndPool'
        ? [`Get-CsDatabaseMirrorState -DatabaseType CentralMgmt -PoolFqdn ${psQuote(standby.fqdn)}`]
        : []),
      `Invoke-CsManagementServerFailover${args} -Force`,
    ];
    return [
      makeStep({
        id: `failover-cms:${cms.id}`,
        phase: 'failover',
        title: `Fail the Central Management store over to ${ctx.name(standby)}`,
        tool: 'Shell',
        runOn: `a Front End server of ${ctx.name(standby)}`,
        detail: [
          rt`The CMS lived in the lost site; its standby database is in ${ctx.name(standby)}. It must work before the users fail over. RTO and RPO: ${String(RECOVERY.cmsFailover.rtoMinutes)} minutes each.`,
          ...(mirrored
            ? [
                rt`The first command shows whether the primary or the mirror Back End of ${ctx.name(standby)} is principal. The manage page writes ${code('-MirrorSQLServerFqdn')} for the mirror case; the cmdlet reference knows only ${code('-BackupMirrorSqlServerFqdn')}, used here with both servers.`,
              ]
            : []),
          rt`${code('-Force')} is required in disaster recovery mode.`,
        ],
        commands,
        verify: [
          {
            text: rt`${ui('ActiveMasterFQDN')} and ${ui('ActiveFileTransferAgents')} name ${code(standby.fqdn)}.`,
            command: 'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus',
          },
          { text: rt`Every replica reports ${code('True')}.`, command: 'Get-CsManagementStoreReplicationStatus' },
        ],
        nodeIds: [cms.id, standby.id],
        docs: [DOC.failoverPool, DOC.psCmsFailover, ...(mirrored ? [DOC.psMirrorState] : [])],
        ruleIds: ['CMS-FAILOVER-FIRST'],
        inferred: mirrored,
      }),
    ];
  }
  // No standby CMS outside the lost site: rebuild it in the partner pool (§7.1 step 6).
  const sql = ctx.registrarSql(partner);
  const instance = sql ? sql.instance : 'rtc';
  return [
    makeStep({
      id: `failover-cms-rebuild:${cms.id}`,
      phase: 'failover',
      title: `Rebuild the Central Management store in ${ctx.name(partner)}`,
      tool: 'Shell',
      runOn: `a Front End server of ${ctx.name(partner)}`,
      detail: [
        rt`${ctx.name(cms)} held the CMS without a standby outside the lost site: install a new CMS database on ${ctx.name(partner)}'s SQL instance and force the move with the last exported configuration.`,
        rt`${code('Move-CsManagementServer')} needs current exports of the configuration (${code('Export-CsConfiguration')}) and of the location database (${code('Export-CsLisConfiguration')}); keep them taken regularly outside the site.`,
        rt`Then run ${code('Bootstrapper /Setup')} on every other Front End server of ${ctx.name(partner)}.`,
      ],
      commands: [
        `Install-CsDatabase -CentralManagementDatabase -Clean -SqlServerFqdn ${psQuote(sql?.fqdn ?? partner.fqdn)}${ctx.sqlInstanceArg(instance)}`,
        `Move-CsManagementServer -ConfigurationFileName ${psQuote('C:\\CsConfigurationFile.zip')} -LisConfigurationFileName ${psQuote('C:\\CsLisConfigurationFile.zip')} -Force`,
      ],
      verify: [
        {
          text: rt`${ui('ActiveMasterFQDN')} and ${ui('ActiveFileTransferAgents')} name ${code(partner.fqdn)}.`,
          command: 'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus',
        },
        { text: rt`Every replica reports ${code('True')}.`, command: 'Get-CsManagementStoreReplicationStatus' },
      ],
      nodeIds: [cms.id, partner.id],
      docs: [DOC.failoverPool, DOC.psInstallDatabase],
      ruleIds: ['CMS-FAILOVER-FIRST'],
      inferred: true,
    }),
  ];
}

/** §7.1 step 1: TB when the new next hop is in the Edge pool's site, `Set-CsEdgeServer` when it is not. */
function edgeNextHop(
  ctx: PlanContext,
  e: Edge,
  to: TopologyNode & { fqdn: string },
  phase: 'failover' | 'failback',
  from?: TopologyNode,
): Step {
  const sameSite = to.siteId === e.siteId;
  const id = `${phase}-edge-nexthop:${e.id}`;
  const title = `Point the Edge pool ${ctx.name(e)} at ${ctx.name(to)} as next hop`;
  const why = from && phase === 'failover' ? rt`Its next hop ${ctx.name(from)} is in the lost site. ` : rt``;
  if (sameSite)
    return makeStep({
      id,
      phase,
      title,
      tool: 'TB',
      detail: [
        rt`${why}Topology Builder → ${ctx.name(e)} → ${ui('Edit Properties')} → ${ui('Next Hop')} → ${ui('Next hop pool')} = ${code(ctx.label(to))} → ${ui('OK')} → publish.`,
      ],
      nodeIds: [e.id, to.id],
      docs: [DOC.failoverPool],
    });
  return makeStep({
    id,
    phase,
    title,
    tool: 'Shell',
    detail: [rt`${why}The new next hop is in another site, so the change is made with the cmdlet.`],
    commands: [`Set-CsEdgeServer -Identity ${psQuote(`EdgeServer:${e.fqdn}`)} -Registrar ${psQuote(`Registrar:${to.fqdn}`)}`],
    nodeIds: [e.id, to.id],
    docs: [DOC.failoverPool],
  });
}

/** §8.1 / §8.3: move the "Enable federation" setting between Edge pools. */
function federationMove(ctx: PlanContext, from: Edge, to: Edge, phase: 'failover' | 'failback'): Step {
  const box = ui('Enable federation for this Edge pool (Port 5061)');
  return makeStep({
    id: `${phase}-federation:${phase === 'failover' ? from.id : to.id}`,
    phase,
    title: `Move federation from ${ctx.name(from)} to ${ctx.name(to)}`,
    tool: 'TB',
    runOn: `a Front End server (Topology Builder), then every Edge server of ${ctx.name(to)}`,
    detail: [
      rt`Topology Builder → ${ui('Edge pools')} → ${ctx.name(from)} → ${ui('Edit Properties')} → ${ui('General')} → clear ${box} → ${ui('OK')}.`,
      rt`${ctx.name(to)} → ${ui('Edit Properties')} → ${ui('General')} → tick ${box} → ${ui('OK')} → ${ui('Action')} → ${ui('Topology')} → ${ui('Publish')}.`,
      rt`On every Edge server of ${ctx.name(to)}: Deployment Wizard → ${ui('Install or Update Skype for Business Server System')} → ${ui('Setup or Remove Skype for Business Server Components')} → ${ui('Run Again')} → ${ui('Next')} → ${ui('Finish')}.`,
    ],
    preconditions: phase === 'failback' ? [rt`The Edge services of ${ctx.name(to)} are started again.`] : [],
    nodeIds: [from.id, to.id],
    docs: [DOC.failoverPool, DOC.edgeChange],
    ruleIds: ['EDGE-FED-ROUTE'],
  });
}

/**
 * Remote access through a lost Edge pool: the external DNS names move to a surviving one
 * (and the federation SRV record when the lost pool carried federation). The failback
 * points them at the repaired pool again, or they keep sending users to the stand-in.
 */
function remoteAccess(ctx: PlanContext, from: Edge, to: Edge, phase: 'failover' | 'failback'): Step {
  const federation = phase === 'failover' ? from.federation : to.federation;
  const rows: RichText[] = [
    phase === 'failover'
      ? rt`Remote users reached ${ctx.name(from)} through external DNS; point those names at ${ctx.name(to)} (records with a lower priority set up in advance make this a check).`
      : rt`The failover pointed the external DNS names of ${ctx.name(to)} at ${ctx.name(from)}; point them back now that ${ctx.name(to)} runs again.`,
    rt`SRV ${code('_sip._tls.<SIP domain>')} (port ${code('443')}) → the Access Edge FQDN of ${code(to.fqdn)}, for each SIP domain.`,
    rt`The Access Edge A record (for example ${code('sip.<SIP domain>')}), and the web conferencing and A/V Edge names → the external addresses of ${code(to.fqdn)}.`,
  ];
  if (federation)
    rows.push(
      rt`Federation: SRV ${code('_sipfederationtls._tcp.<SIP domain>')} (port ${code('5061')}) → the Access Edge FQDN of ${code(to.fqdn)}, so federated partners find the pool that now carries federation.`,
    );
  rows.push(rt`Lower the records' TTL ahead of time: clients and partners keep the old answers until it expires.`);
  return makeStep({
    id: `${phase}-remote-access:${phase === 'failover' ? from.id : to.id}`,
    phase,
    title:
      phase === 'failover'
        ? `Send remote users${federation ? ' and federation' : ''} of ${ctx.name(from)} to ${ctx.name(to)} (external DNS)`
        : `Send remote users${federation ? ' and federation' : ''} back to ${ctx.name(to)} (external DNS)`,
    tool: 'DNS',
    detail: rows,
    preconditions: phase === 'failback' ? [rt`The Edge services of ${ctx.name(to)} are started again.`] : [],
    nodeIds: [from.id, to.id],
    docs: [DOC.dnsRecords, DOC.voiceResiliency, DOC.edgeChange],
    ruleIds: federation ? ['EDGE-FED-ROUTE'] : [],
    inferred: true,
  });
}

/** A surviving pool whose Office Online Server farm is lost: associate it with a surviving farm (and, at failback, with its own farm again). */
function officeOnlineMove(
  ctx: PlanContext,
  r: RegistrarPool,
  from: NodeOfKind<'officeOnlineServer'>,
  to: NodeOfKind<'officeOnlineServer'>,
  phase: 'failover' | 'failback',
): Step {
  return makeStep({
    id: `${phase}-oos:${r.id}`,
    phase,
    title: `Associate ${ctx.name(r)} with the Office Online Server farm ${ctx.name(to)}${phase === 'failback' ? ' again' : ''}`,
    tool: 'TB',
    detail: [
      phase === 'failover'
        ? rt`Its farm ${ctx.name(from)} is in the lost site: PowerPoint presentations in its meetings fail until then.`
        : rt`The failover associated it with ${ctx.name(from)}; its own farm runs again.`,
      rt`Topology Builder → ${ctx.name(r)} → ${ui('Edit Properties')} → ${ui('Associate pool with an Office Web Apps Server')} → pick ${code(ctx.label(to))} → ${ui('OK')} → publish.`,
    ],
    nodeIds: [r.id, to.id],
    docs: [DOC.owas],
  });
}

/** §8.2 / §8.3 (2015 only): move the XMPP federation route. */
function xmppMove(ctx: PlanContext, from: Edge, to: Edge, phase: 'failover' | 'failback'): Step {
  const site = ctx.siteName(to.siteId);
  return makeStep({
    id: `${phase}-xmpp:${phase === 'failover' ? from.id : to.id}`,
    phase,
    title: `Move XMPP federation from ${ctx.name(from)} to ${ctx.name(to)}`,
    tool: 'Shell',
    runOn: `a Front End server, and every Edge server of ${ctx.name(to)}`,
    detail: [
      ...(phase === 'failover' ? [rt`On each Edge server of ${ctx.name(to)}: ${code('Stop-CsWindowsService')}.`] : []),
      rt`Run ${code(`Set-CsSite -Identity ${psQuote(site)} -XmppExternalFederationRoute <FQDN of an Edge server in ${to.fqdn}>`)} (the route names an Edge server, which the design does not list).`,
      rt`External DNS: point the XMPP federation A record at that Edge server; the SRV record ${code('_xmpp-server._tcp.<SIP domain>')} (port ${code('5269')}) must resolve to ${code(to.fqdn)}; TCP 5269 open externally.`,
      rt`On every Edge server of ${ctx.name(to)}: ${code('Start-CsWindowsService')}.`,
    ],
    nodeIds: [from.id, to.id],
    docs: [DOC.failoverPool],
    ruleIds: ['EDGE-XMPP-SRV'],
  });
}

/** §8.4: the Edge pool a registrar pool uses for media. */
function mediaEdge(ctx: PlanContext, r: RegistrarPool, to: Edge, phase: 'failover' | 'failback', from?: Edge): Step {
  return makeStep({
    id: `${phase}-media-edge:${r.id}`,
    phase,
    title: `Associate ${ctx.name(r)} with the Edge pool ${ctx.name(to)} for media`,
    tool: 'TB',
    detail: [
      ...(from && phase === 'failover' ? [rt`Its media Edge pool ${ctx.name(from)} is in the lost site.`] : []),
      rt`Topology Builder → ${ctx.name(r)} → ${ui('Edit Properties')} → ${ui('Associations')} → ${ui('Associate Edge pool (for media components)')} = ${code(ctx.label(to))} → ${ui('OK')} → publish.`,
    ],
    nodeIds: [r.id, to.id],
    docs: [DOC.failoverPool, DOC.edgeChange],
  });
}

function pchatNextHop(ctx: PlanContext, c: PersistentChatPool, to: RegistrarPool, phase: 'failover' | 'failback'): Step {
  return makeStep({
    id: `${phase}-pchat-nexthop:${c.id}`,
    phase,
    title: `Point the Persistent Chat pool ${ctx.name(c)} at ${ctx.name(to)} as next hop`,
    tool: 'TB',
    detail: [
      rt`Topology Builder → ${ctx.name(c)} → ${ui('Edit Properties')} → ${ui('Next hop pool')} = ${code(ctx.label(to))} → ${ui('OK')} → publish.`,
    ],
    nodeIds: [c.id, to.id],
    docs: [DOC.pchatAdd],
    ruleIds: ['PCHAT-NEXTHOP-FAILOVER'],
    inferred: true,
  });
}

/** The Persistent Chat primary database and its log-shipping secondary, when the primary is lost and the secondary is not. */
function pchatStores(
  ctx: PlanContext,
  loss: SiteLoss,
  c: PersistentChatPool,
): { primary: SqlStore; backup: SqlStore } | undefined {
  for (const s of ctx.ix.stores(c.id, 'persistentChat')) {
    if (!loss.lost(s)) continue;
    const b = ctx.ix
      .out(s.id, 'logShipping')
      .map((l) => ctx.ix.node(l.to))
      .find((n): n is SqlStore => n?.kind === 'sqlStore' && !loss.lost(n));
    if (b) return { primary: s, backup: b };
  }
  return undefined;
}

/** §10.4. */
function pchatFailover(ctx: PlanContext, loss: SiteLoss, c: PersistentChatPool): Step[] {
  // The primary lost and its mirror alive: the mirror takes over, no log shipping needed.
  for (const s of ctx.ix.stores(c.id, 'persistentChat')) {
    const m = ctx.ix.mirrorOf(s.id);
    if (loss.lost(s) && m && !loss.lost(m))
      return [
        makeStep({
          id: `failover-pchat-mirror:${c.id}`,
          phase: 'failover',
          title: `Fail the Persistent Chat database of ${ctx.name(c)} over to its mirror ${ctx.label(m)}`,
          tool: 'Shell',
          detail: [rt`The principal ${ctx.label(s)} is in the lost site; ${code('-Force')} because it cannot be reached.`],
          commands: [
            `Invoke-CsDatabaseFailover -PoolFqdn ${psQuote(c.fqdn)} -DatabaseType PersistentChat -NewPrincipal Mirror -Force`,
          ],
          nodeIds: [c.id, m.id],
          docs: [DOC.pchatManageHadr, DOC.psDatabaseFailover],
        }),
      ];
  }
  const st = pchatStores(ctx, loss, c);
  if (!st) return [];
  const { backup } = st;
  const bm = ctx.mirrorSet(backup);
  const survivors = c.servers.filter((s) => !loss.lost({ siteId: s.siteId } as TopologyNode)).length;
  return [
    makeStep({
      id: `failover-pchat-db:${c.id}`,
      phase: 'failover',
      title: `Bring the Persistent Chat backup database on ${ctx.label(backup)} online`,
      tool: 'SQL',
      detail: [
        rt`On ${code(ctx.instanceLabel(backup.fqdn, backup.instance))}, master database: ${code('exec sp_delete_log_shipping_secondary_database mgc')}.`,
        rt`Copy any backup files not yet copied from the log-shipping share to the copy destination, and apply the remaining transaction-log backups in order.`,
        rt`End the connections to ${code('mgc')} (${code('exec sp_who2')}, ${code('kill <spid>')}), then ${code('restore database mgc with recovery')}.`,
        rt`The compliance database is not failed over: handle the compliance adapter's output so nothing is lost.`,
      ],
      nodeIds: [c.id, st.primary.id, backup.id],
      docs: [DOC.pchatManageHadr],
      ruleIds: ['PCHAT-COMPLIANCE-NOT-FAILED-OVER'],
    }),
    makeStep({
      id: `failover-pchat-state:${c.id}`,
      phase: 'failover',
      title: `Fail the Persistent Chat pool ${ctx.name(c)} over to the backup database`,
      tool: 'Shell',
      detail: [
        rt`The manage pages write the identity as ${code('service:<pool FQDN>')}; the cmdlet reference shows ${code('PersistentChatServer:<FQDN>')}; check which one your build accepts.`,
        ...(bm
          ? [
              rt`Then mirror the backup database, now primary, onto ${code(ctx.instanceLabel(bm.mirror.fqdn, bm.mirror.instance))} (not the original mirror) with ${code('Install-CsMirrorDatabase')}.`,
            ]
          : []),
        rt`Make only servers in, or close to, the surviving data center active (${String(survivors)} of the pool's servers are outside the lost site): ${code('Set-CsPersistentChatActiveServer')} with ${code('-ActiveServers @{Add=...}')} / ${code('@{Remove=...}')}.`,
      ],
      commands: [`Set-CsPersistentChatState -Identity ${psQuote(`service:${c.fqdn}`)} -PoolState FailedOver`],
      nodeIds: [c.id, backup.id],
      docs: [DOC.pchatManageHadr, DOC.psPchatState, DOC.psPchatActive],
      inferred: true,
    }),
  ];
}

export function failbackRunbook(ctx: PlanContext, pool: RegistrarPool, partner: RegistrarPool): Step[] {
  const loss = new SiteLoss(ctx, pool);
  const P = ctx.name(pool);
  const Q = ctx.name(partner);
  const steps: Step[] = [];
  const minutes = Math.max(1, Math.ceil((pool.users / 20_000) * RECOVERY.failbackMinutesFor20kUsers));
  steps.push(
    makeStep({
      id: `failback-ready:${pool.id}`,
      phase: 'failback',
      title: `Check that ${P} is back and synchronised`,
      tool: 'Shell',
      detail: [
        rt`${P} has been rebuilt or repaired and its services run; the Backup Service replicates between the pools again.`,
      ],
      commands: [
        `Get-CsPoolBackupRelationship -PoolFqdn ${psQuote(pool.fqdn)}`,
        `Get-CsBackupServiceStatus -PoolFqdn ${psQuote(partner.fqdn)}`,
        'Get-CsManagementStoreReplicationStatus',
      ],
      verify: [{ text: rt`${Q} → ${P} reports a steady state and every replica reports ${code('True')}.` }],
      nodeIds: [pool.id, partner.id],
      docs: [DOC.failoverPool, DOC.backupService],
    }),
  );
  // Edge services and federation back to the repaired site (§8.3), before the users return.
  const localEdges = loss.lostEdges();
  if (localEdges.length)
    steps.push(
      makeStep({
        id: `failback-edge-start:${pool.id}`,
        phase: 'failback',
        title: `Start the Edge services in ${ctx.siteName(pool.siteId)}`,
        tool: 'Shell',
        runOn: `every Edge server of ${localEdges.map((e) => ctx.name(e)).join(', ')}`,
        commands: ['Start-CsWindowsService'],
        nodeIds: localEdges.map((e) => e.id),
        docs: [DOC.failoverPool],
      }),
    );
  for (const orig of loss.lostEdges().filter((e) => e.federation)) {
    const temp = loss.bestEdge(partner);
    if (temp) steps.push(federationMove(ctx, temp, orig, 'failback'));
  }
  for (const orig of loss.lostEdges().filter((e) => e.xmpp && e.productVersion === '2015')) {
    const temp = loss.bestEdge(partner, (e) => e.productVersion === '2015');
    if (temp) steps.push(xmppMove(ctx, temp, orig, 'failback'));
  }
  for (const orig of loss.lostEdges()) {
    const temp = loss.bestEdge(partner);
    if (temp) steps.push(remoteAccess(ctx, temp, orig, 'failback'));
  }
  steps.push(
    makeStep({
      id: `failback-pool:${pool.id}`,
      phase: 'failback',
      title: `Fail the users of ${P} back from ${Q}`,
      tool: 'Shell',
      detail: [
        rt`Use the same ${code('-PoolFqdn')} as for the failover. Plan about ${String(minutes)} minutes (up to ${String(RECOVERY.failbackMinutesFor20kUsers)} minutes per 20,000 users).`,
        rt`${code('-DisasterMode')} would fail back while ${Q} is down, losing what failed-over users changed there; not used here.`,
      ],
      commands: [`Invoke-CsPoolFailback -PoolFqdn ${psQuote(pool.fqdn)} -Verbose`],
      verify: [{ text: rt`Users of ${P} sign in to ${code(pool.fqdn)} again.` }],
      nodeIds: [pool.id, partner.id],
      docs: [DOC.failoverPool, DOC.psPoolFailback],
    }),
    makeStep({
      id: `failback-conference-content:${pool.id}`,
      phase: 'failback',
      title: `Copy the conference content back to ${P}`,
      tool: 'Shell',
      detail: [
        rt`Restores the conferencing content ${P} lost, from its partner ${Q}. Wait until the data-conferencing module reports a steady state; the restore page adds ${code('-BackupModule')} to ${code('Get-CsBackupServiceStatus')}, which the cmdlet reference does not list, so the status command here has none.`,
      ],
      commands: [`Invoke-CsBackupServiceSync -PoolFqdn ${psQuote(partner.fqdn)} -BackupModule ConfServices.DataConf`],
      verify: [{ text: rt`Steady state towards ${P}.`, command: `Get-CsBackupServiceStatus -PoolFqdn ${psQuote(partner.fqdn)}` }],
      nodeIds: [pool.id, partner.id],
      docs: [DOC.restoreConference, DOC.backupService, DOC.psBackupSync],
      inferred: true,
    }),
  );
  // Undo the temporary route changes of the failover.
  for (const e of loss.edgesWithLostNextHop()) {
    const hop = nextHopTarget(ctx, e);
    if (hop && 'fqdn' in hop && !loss.lost(partner)) steps.push(edgeNextHop(ctx, e, hop, 'failback'));
  }
  for (const r of loss.poolsWithLostMediaEdge()) {
    const l = ctx.ix.out(r.id, 'mediaEdge')[0];
    const e = l ? ctx.ix.node(l.to) : undefined;
    if (e?.kind === 'edgePool' && loss.bestEdge(r)) steps.push(mediaEdge(ctx, r, e, 'failback'));
  }
  for (const r of loss.poolsWithLostFarm()) {
    for (const l of ctx.ix.out(r.id, 'officeOnline')) {
      const farm = ctx.ix.node(l.to);
      if (farm?.kind !== 'officeOnlineServer' || !loss.lost(farm)) continue;
      const temp = loss.bestFarm(r);
      if (temp) steps.push(officeOnlineMove(ctx, r, temp, farm, 'failback'));
    }
  }
  for (const c of ctx.ix.ofKind('persistentChatPool').filter((c) => c.productVersion === '2015')) {
    const hop = ctx.ix.out(c.id, 'nextHop')[0];
    const hopNode = hop ? ctx.ix.node(hop.to) : undefined;
    if (isRegistrar(hopNode) && loss.lost(hopNode) && !loss.lost(partner)) steps.push(pchatNextHop(ctx, c, hopNode, 'failback'));
    const st = pchatStores(ctx, loss, c);
    if (st)
      steps.push(
        makeStep({
          id: `failback-pchat:${c.id}`,
          phase: 'failback',
          title: `Fail the Persistent Chat pool ${ctx.name(c)} back to ${ctx.label(st.primary)}`,
          tool: 'Shell',
          mode: 'manual',
          detail: [
            rt`Stop every Persistent Chat server connecting (first command). On ${code(ctx.instanceLabel(st.backup.fqdn, st.backup.instance))}: ${code('mgc')} → ${ui('Tasks')} → ${ui('Mirror')} → ${ui('Remove Mirroring')} (and for ${code('mgccomp')}); full backup of ${code('mgc')} to the log-shipping share.`,
            rt`On ${code(ctx.instanceLabel(st.primary.fqdn, st.primary.instance))}: restore ${code('mgc')} from that file with ${ui('Overwrite the existing database')} and ${ui('Leave the database ready to use')}; set up log shipping again (primary and its mirror).`,
            rt`Make the servers of the primary data center active again with ${code('Set-CsPersistentChatActiveServer')}, then return the pool to normal (second command).`,
          ],
          commands: [
            `Set-CsPersistentChatActiveServer -Identity ${psQuote(c.fqdn)} -ActiveServers $null`,
            `Set-CsPersistentChatState -Identity ${psQuote(`service:${c.fqdn}`)} -PoolState Normal`,
          ],
          nodeIds: [c.id, st.primary.id, st.backup.id],
          docs: [DOC.pchatManageHadr, DOC.psPchatActive, DOC.psPchatState],
          inferred: true,
        }),
      );
  }
  const cms = ctx.cmsAfterPlan();
  if (cms && loss.lost(cms)) {
    const standby = ctx.ix.partner(cms.id);
    steps.push(
      makeStep({
        id: `failback-cms:${cms.id}`,
        phase: 'failback',
        title: `Optional: move the Central Management store back to ${ctx.name(cms)}`,
        tool: 'Shell',
        runOn: `a Front End server of ${ctx.name(cms)}`,
        detail: [
          rt`Not required: after a failover the CMS may stay in ${standby ? ctx.name(standby) : ctx.name(partner)}. To move it back, run the planned failover (no database parameters; it waits for replication, then makes the source read-only) on the pool that should take it.`,
        ],
        commands: ['Invoke-CsManagementServerFailover'],
        verify: [
          {
            text: rt`${ui('ActiveMasterFQDN')} names ${code(cms.fqdn)}.`,
            command: 'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus',
          },
        ],
        nodeIds: [cms.id],
        docs: [DOC.psCmsFailover, DOC.drPlan],
        ruleIds: ['CMS-NO-FAILBACK'],
      }),
    );
  }
  return steps;
}
