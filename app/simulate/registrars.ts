/**
 * Registrar pools and branch appliances: which lost pools fail over to which partner,
 * whose users are left without service, what each surviving pool then carries, and
 * the Central Management store.
 *
 * Sources: disaster-recovery.md (pairing, CMS, branch users not covered by DR),
 * failing-over-and-failing-back-a-pool.md (procedure), user-experience.md (what users
 * see), enterprise-voice-resiliency.md (voice and branch features), capacity pages.
 */
import { assertNever } from '../lib/result';
import { RECOVERY, REF } from '../model/reference-numbers';
import { isRegistrar, type RegistrarPool } from '../model/topology-index';
import { poolLoad } from './capacity';
import type { SimContext } from './context';
import { storeState } from './stores';
import { DOCS, PRIORITY } from './plan';
import { count, label, listing, plural, psQuote } from './text';
import type { BranchFailover, CmsOutcome, Failover, PoolLoad, WithoutService } from './types';

/**
 * The pool size behind RECOVERY.failbackMinutesFor20kUsers ("up to 60 minutes for a pool
 * of 20,000 users", user-experience.md). reference-numbers.ts names the minutes but not
 * the user count, so it is defined here.
 */
const FAILBACK_REFERENCE_POOL_USERS = 20_000;

export interface RegistrarResult {
  failovers: Failover[];
  branchFailovers: BranchFailover[];
  withoutService: WithoutService[];
  pools: PoolLoad[];
  users: { total: number; moved: number; withoutService: number; staying: number };
}

export function analyseRegistrars(ctx: SimContext): RegistrarResult {
  const { ix } = ctx;
  const failovers: Failover[] = [];
  const branchFailovers: BranchFailover[] = [];
  const withoutService: WithoutService[] = [];
  let total = 0;
  let staying = 0;

  for (const pool of ix.doc.nodes) {
    if (!isRegistrar(pool)) continue;
    total += pool.users;
    if (!ctx.isLost(pool.id)) {
      staying += pool.users;
      continue;
    }
    const partnersAll = [...new Set(ix.partners(pool.id).filter(isRegistrar))];
    const surviving = ctx.survivingPartners(pool.id);
    const target = surviving[0];
    if (target) failovers.push(failoverOf(ctx, pool, target, partnersAll.length));
    else
      withoutService.push({
        node: pool.id,
        kind: pool.kind,
        users: pool.users,
        reason: partnersAll.length ? 'partnerLost' : 'unpaired',
        keepsBasicVoice: false,
      });
  }

  for (const branch of ix.ofKind('survivableBranch')) {
    total += branch.users;
    const backups = ix
      .out(branch.id, 'backupRegistrar')
      .map((l) => ix.node(l.to))
      .filter(isRegistrar);
    const survivingBackup = backups.find((b) => !ctx.isLost(b.id));
    if (ctx.isLost(branch.id)) {
      if (survivingBackup) branchFailovers.push({ branch: branch.id, to: survivingBackup.id, users: branch.users });
      else
        withoutService.push({
          node: branch.id,
          kind: 'survivableBranch',
          users: branch.users,
          reason: 'branchLost',
          keepsBasicVoice: false,
        });
    } else if (backups.length > 0 && !survivingBackup) {
      withoutService.push({
        node: branch.id,
        kind: 'survivableBranch',
        users: branch.users,
        reason: 'backupRegistrarLost',
        keepsBasicVoice: true,
      });
    } else staying += branch.users;
  }

  const pools = takingPools(ctx, failovers, branchFailovers);
  const moved = failovers.reduce((s, f) => s + f.usersMoved, 0) + branchFailovers.reduce((s, b) => s + b.users, 0);
  const without = withoutService.reduce((s, w) => s + w.users, 0);

  describeFailovers(ctx, failovers, pools);
  describeWithoutService(ctx, withoutService);
  describeBranchFailovers(ctx, branchFailovers);
  return { failovers, branchFailovers, withoutService, pools, users: { total, moved, withoutService: without, staying } };
}

function failoverOf(ctx: SimContext, pool: RegistrarPool, target: RegistrarPool, partnerCount: number): Failover {
  const link = ctx.ix.touching(pool.id, 'pairing').find((l) => l.from === target.id || l.to === target.id);
  const caveats: string[] = [];
  let supported = true;
  if (pool.productVersion !== target.productVersion) {
    supported = false;
    caveats.push(
      `${pool.id} runs ${pool.productVersion} and ${target.id} runs ${target.productVersion}: failing over in disaster mode between paired pools of different versions is not supported (PAIR-SAME-VERSION)`,
    );
  }
  if (pool.kind !== target.kind) {
    supported = false;
    caveats.push(
      `an Enterprise Edition pool paired with a Standard Edition server is not a supported pairing (PAIR-SAME-EDITION)`,
    );
  }
  if (partnerCount > 1)
    caveats.push(
      `${pool.id} is paired with ${partnerCount} pools, but a pool has exactly one backup pool (PAIR-ONE-TO-ONE); this simulation uses ${target.id}`,
    );
  const voiceFailoverSeconds = link?.voiceFailover ? (link.voiceFailoverSeconds ?? RECOVERY.voiceFailoverSeconds) : null;
  return {
    pool: pool.id,
    to: target.id,
    usersMoved: pool.users,
    poolFqdn: pool.fqdn,
    toFqdn: target.fqdn,
    pairingLink: link?.id ?? null,
    voiceFailoverSeconds,
    supported,
    caveats,
  };
}

/** Surviving pools that take users: failover targets and backup registrars of lost branches, in document order. */
function takingPools(ctx: SimContext, failovers: Failover[], branchFailovers: BranchFailover[]): PoolLoad[] {
  const received = new Map<string, number>();
  const from = new Map<string, string[]>();
  for (const f of failovers) {
    received.set(f.to, (received.get(f.to) ?? 0) + f.usersMoved);
    from.set(f.to, [...(from.get(f.to) ?? []), f.pool]);
  }
  const branchTargets = new Set(branchFailovers.map((b) => b.to));
  const out: PoolLoad[] = [];
  for (const pool of ctx.ix.doc.nodes) {
    if (!isRegistrar(pool)) continue;
    if (!received.has(pool.id) && !branchTargets.has(pool.id)) continue;
    out.push(poolLoad(ctx.ix, pool, received.get(pool.id) ?? 0, from.get(pool.id) ?? []));
  }
  return out;
}

function describeFailovers(ctx: SimContext, failovers: Failover[], pools: PoolLoad[]): void {
  const { plan } = ctx;
  for (const f of failovers) {
    const lost = ctx.node(f.pool);
    const target = ctx.node(f.to);
    const caveat = f.caveats.length ? ` Caution: ${f.caveats.join('; ')}.` : '';
    plan.note(
      PRIORITY.poolFailover,
      `Fail over ${label(lost)} to its partner ${label(target)}: Invoke-CsPoolFailover -PoolFqdn ${f.poolFqdn} -DisasterMode moves its ${plural(f.usersMoved, 'user')} (failover is always manual).${caveat}`,
    );
    plan.step(PRIORITY.poolFailover, {
      title: `Fail the users of ${f.pool} over to ${f.to}`,
      tool: 'Shell',
      commands: [`Invoke-CsPoolFailover -PoolFqdn ${f.poolFqdn} -DisasterMode -Verbose`],
      docs: [DOCS.failoverPool, DOCS.poolFailoverCmdlet],
      nodeIds: [f.pool, f.to],
    });
    plan.note(
      PRIORITY.userImpact,
      f.voiceFailoverSeconds !== null
        ? `Before the failover of ${f.pool} completes, its phones and clients register with ${f.to} as their backup registrar after ${count(f.voiceFailoverSeconds)} seconds and get the survivable voice features there (PSTN and internal calls, hold, retrieve and transfer, two-party IM); presence, conferences organised on ${f.pool}, Response Group and Call Park return only after the pool failover.`
        : `This pair has no automatic voice failover, so users of ${f.pool} cannot sign in to ${f.to} until the pool failover is done (inferred from the registrar resiliency timer in user-experience.md).`,
    );
    plan.step(PRIORITY.failback, {
      title: `After repair: fail the users of ${f.pool} back`,
      tool: 'Shell',
      commands: [
        `Invoke-CsPoolFailback -PoolFqdn ${f.poolFqdn} -Verbose`,
        `Invoke-CsBackupServiceSync -PoolFqdn ${f.toFqdn} -BackupModule ConfServices.DataConf`,
        `Get-CsBackupServiceStatus -PoolFqdn ${f.toFqdn}`,
      ],
      docs: [DOCS.failoverPool, DOCS.poolFailbackCmdlet, DOCS.conferenceContent],
      nodeIds: [f.pool, f.to],
    });
  }
  if (failovers.length) {
    plan.note(
      PRIORITY.userImpact,
      `Users of ${listing(failovers.map((f) => f.pool))} are signed out, lose the calls, meetings and conversations they were in, and sign in again to the backup pool, briefly in Resiliency mode (no contact or other persistent changes); they stay homed on their own pool, which is never rehomed by failover or failback.`,
    );
    plan.note(
      PRIORITY.lis,
      `The Location Information Server (E9-1-1) database is not replicated: restore its latest backup into ${listing([...new Set(failovers.map((f) => f.to))])} after the failover.`,
    );
    plan.step(PRIORITY.lis, {
      title: `Restore the latest LIS backup into ${listing([...new Set(failovers.map((f) => f.to))])}`,
      tool: 'Shell',
      commands: ['Import-CsLisConfiguration -FileName <latest Export-CsLisConfiguration file>'],
      docs: [DOCS.userExperience, DOCS.cmsRestore],
      nodeIds: [...new Set(failovers.map((f) => f.to))],
    });
    const minutes = RECOVERY.failbackMinutesFor20kUsers;
    plan.note(
      PRIORITY.failback,
      `After the repair, fail back with Invoke-CsPoolFailback -PoolFqdn <failed pool> (the same FQDN as for the failover); it takes minutes, up to about ${minutes} for a pool of ${count(FAILBACK_REFERENCE_POOL_USERS)} users, and conference content is copied back with the Backup Service. A failed-over CMS may stay where it is.`,
    );
  }
  for (const p of pools) {
    if (!p.takesOverFrom.length) continue;
    const where =
      p.kind === 'frontEndPool'
        ? `on ${plural(p.frontEndServers, 'Front End server')} (${count(p.usersPerServer)} per server)`
        : 'on one Standard Edition server';
    if (p.overCapacity)
      plan.note(
        PRIORITY.poolCapacity,
        `Over capacity: ${p.id} would carry ${count(p.users)} users ${where} against ${count(p.maxUsers)}: ${p.reasons.join('; ')}.`,
      );
    else {
      const spare =
        p.kind === 'frontEndPool' && p.frontEndServers > 1 && p.serversNeeded >= p.frontEndServers
          ? ` It has no spare server: if one more Front End server fails, the others exceed ${count(REF.usersPerFe)} users each (FE-N-PLUS-ONE).`
          : '';
      plan.note(
        PRIORITY.poolCapacity,
        `${p.id} then carries ${count(p.users)} users ${where}, within its capacity of ${count(p.maxUsers)}.${spare}`,
      );
    }
  }
}

function describeWithoutService(ctx: SimContext, list: WithoutService[]): void {
  const { ix, plan } = ctx;
  for (const w of list) {
    const n = ctx.node(w.node);
    switch (w.reason) {
      case 'unpaired':
        plan.note(
          PRIORITY.withoutService,
          `${label(n)} is not paired, so its ${plural(w.users, 'user')} have no service until it is recovered: there is no backup pool to fail over to.`,
        );
        break;
      case 'partnerLost': {
        const partners = ix.partners(w.node).map((p) => p.id);
        plan.note(
          PRIORITY.withoutService,
          `${label(n)} and its partner ${listing(partners)} are both lost, so its ${plural(w.users, 'user')} have no service (PAIR-DIFFERENT-DATACENTER: pair pools across data centers).`,
        );
        break;
      }
      case 'backupRegistrarLost': {
        const backups = ix.out(w.node, 'backupRegistrar').map((l) => l.to);
        plan.note(
          PRIORITY.branch,
          `${plural(w.users, 'user')} on branch appliance ${label(n)} lose their backup registrar ${listing(backups)}; disaster recovery does not extend to branch users, so they do not follow it to its partner. While the appliance runs they keep basic voice (PSTN calls through the branch gateway, calls between users, hold, retrieve and transfer, two-party IM, call detail records, voice mail if rerouting is set up) but lose presence, conferencing, Response Group and Call Park, changes to call forwarding and provisioning of new phones; if the appliance fails too, they have no registrar.`,
        );
        break;
      }
      case 'branchLost':
        plan.note(
          PRIORITY.branch,
          `Branch appliance ${label(n)} is lost and ${ix.out(w.node, 'backupRegistrar').length ? 'its backup registrar is lost too' : 'it has no backup registrar'}, so its ${plural(w.users, 'user')} have no service.`,
        );
        break;
      default:
        assertNever(w.reason);
    }
  }
}

function describeBranchFailovers(ctx: SimContext, list: BranchFailover[]): void {
  for (const b of list)
    ctx.plan.note(
      PRIORITY.branch,
      `Branch appliance ${label(ctx.node(b.branch))} is lost: its ${plural(b.users, 'user')} register with their backup registrar ${b.to}, which already counts them against its capacity.`,
    );
}

/** The SQL Server that would receive the CMS on a pool: its Back End (AG listener when set), or the SE server's RTC instance. */
export function cmsSqlOf(
  ctx: SimContext,
  pool: RegistrarPool,
): { fqdn: string; instance: string; mirror?: { fqdn: string; instance: string } } {
  if (pool.kind === 'standardEditionServer') return { fqdn: pool.fqdn, instance: 'RTC' };
  const be = ctx.ix.backEnd(pool.id);
  if (!be) return { fqdn: `<Back End SQL Server of ${pool.fqdn}>`, instance: '' };
  const fqdn = be.haMode === 'alwaysOnAg' && be.ag ? be.ag.listenerFqdn : be.fqdn;
  const mirror = ctx.ix.mirrorOf(be.id);
  return mirror
    ? { fqdn, instance: be.instance, mirror: { fqdn: mirror.fqdn, instance: mirror.instance } }
    : { fqdn, instance: be.instance };
}

const instanceArg = (param: string, instance: string) => (instance ? ` -${param} ${psQuote(instance)}` : '');

export function analyseCms(ctx: SimContext): CmsOutcome | null {
  const { ix, plan } = ctx;
  const hostId = ix.doc.deployment.cmsHost;
  const host = hostId ? ix.node(hostId) : undefined;
  if (!host || !isRegistrar(host)) return null;
  // A host that survives without any copy of its Back End has no working CMS either.
  const hostBackEnd = host.kind === 'frontEndPool' && !ctx.isLost(host.id) ? ix.backEnd(host.id) : undefined;
  const databaseLost = hostBackEnd !== undefined && storeState(ctx, hostBackEnd)?.status === 'lost';
  if (!ctx.isLost(host.id) && !databaseLost) return null;
  const partner = ctx.survivingPartners(host.id)[0];
  if (partner) {
    const sql = cmsSqlOf(ctx, partner);
    const mirrorArgs = sql.mirror
      ? ` -BackupMirrorSqlServerFqdn ${sql.mirror.fqdn}${instanceArg('BackupMirrorSqlInstanceName', sql.mirror.instance)}`
      : '';
    plan.note(
      PRIORITY.cms,
      `First fail over the Central Management store: it lived on ${label(host)}${databaseLost ? `, whose Back End ${hostBackEnd!.id} is lost` : ''}, and its standby database on the partner ${label(partner)} becomes active (Invoke-CsManagementServerFailover -BackupSqlServerFqdn ${sql.fqdn} … -Force, run on a server of ${partner.id}). The CMS must work before the pool's users are failed over and before any topology change; it need not be failed back.`,
    );
    plan.step(PRIORITY.cms, {
      title: `Fail over the Central Management store from ${host.id} to ${partner.id}`,
      tool: 'Shell',
      commands: [
        'Invoke-CsManagementServerFailover -WhatIf',
        `Get-CsPoolBackupRelationship -PoolFQDN ${host.fqdn}`,
        'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus',
        ...(sql.mirror ? [`Get-CsDatabaseMirrorState -DatabaseType CentralMgmt -PoolFqdn ${partner.fqdn}`] : []),
        `Invoke-CsManagementServerFailover -BackupSqlServerFqdn ${sql.fqdn}${instanceArg('BackupSqlInstanceName', sql.instance)}${mirrorArgs} -Force`,
        'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus',
        'Get-CsManagementStoreReplicationStatus',
      ],
      docs: [DOCS.failoverPool, DOCS.cmsCmdlet, DOCS.disasterRecovery],
      nodeIds: [host.id, partner.id],
    });
    return { from: host.id, to: partner.id, how: 'failover', rebuildCandidate: null };
  }

  const paired = ix.partners(host.id).length > 0;
  const survivors = ix.registrars().filter((p) => !ctx.isLost(p.id) && p.id !== host.id);
  const candidate = ctx.rank(
    survivors,
    host.siteId,
    [],
    (a, b) =>
      Number(b.kind === 'frontEndPool') - Number(a.kind === 'frontEndPool') ||
      Number(b.productVersion === host.productVersion) - Number(a.productVersion === host.productVersion),
  )[0];
  plan.note(
    PRIORITY.cms,
    `The Central Management store lived on ${label(host)}${databaseLost ? ` (its Back End ${hostBackEnd!.id} is lost)` : ''}, which ${paired ? 'has no surviving partner' : 'is not paired (CMS-HOST-PAIRED)'}, so there is no standby CMS to fail over to. Servers keep running on their local copy of the configuration (inferred), but no topology can be published and no pool failed over until the CMS is back: ${
      candidate
        ? `recreate it on ${label(candidate)} from the latest configuration export (Install-CsDatabase -CentralManagementDatabase -Clean, then Move-CsManagementServer -ConfigurationFileName … -LisConfigurationFileName … -Force)`
        : 'no registrar pool survives to take it'
    }, or rebuild ${host.id} with the same FQDN and restore the CMS from backup (Import-CsConfiguration).`,
  );
  if (candidate) {
    const sql = cmsSqlOf(ctx, candidate);
    plan.step(PRIORITY.cms, {
      title: `Recreate the Central Management store on ${candidate.id} (no standby CMS survives)`,
      tool: 'Shell',
      commands: [
        `Install-CsDatabase -CentralManagementDatabase -Clean -SqlServerFqdn ${sql.fqdn}${instanceArg('SqlInstanceName', sql.instance)}`,
        'Move-CsManagementServer -ConfigurationFileName <latest Export-CsConfiguration file> -LisConfigurationFileName <latest Export-CsLisConfiguration file> -Force',
        'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus',
        'Get-CsManagementStoreReplicationStatus',
        `Bootstrapper /Setup   (on every other Front End server of ${candidate.fqdn})`,
      ],
      docs: [DOCS.failoverPool],
      nodeIds: [host.id, candidate.id],
    });
  } else {
    const sql = cmsSqlOf(ctx, host);
    plan.step(PRIORITY.cms, {
      title: `Rebuild ${host.id} and restore the Central Management store from backup`,
      tool: 'Shell',
      commands: [
        `Install-CsDatabase -CentralManagementDatabase -Clean -SqlServerFqdn ${sql.fqdn}${instanceArg('SqlInstanceName', sql.instance)} -Verbose`,
        `Set-CsConfigurationStoreLocation -SqlServerFqdn ${sql.fqdn}${instanceArg('SqlInstanceName', sql.instance)} -Verbose`,
        'Import-CsConfiguration -FileName <CMS backup file>',
        'Enable-CsTopology',
        'Import-CsLisConfiguration -FileName <LIS backup file>',
      ],
      docs: [DOCS.cmsRestore],
      nodeIds: [host.id],
    });
  }
  return { from: host.id, to: null, how: 'rebuild', rebuildCandidate: candidate?.id ?? null };
}
