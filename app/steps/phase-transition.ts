/**
 * "Change the existing pools" (transition mode): each existing pool's change as one
 * sequence that starts from the deployment as it is and ends published, so every
 * command targets something that exists at that point:
 * - a Back End converted to an AlwaysOn availability group (alwayson-availability-group.md,
 *   existing pool): mirroring removed first on 2015, the cluster, the group created over the
 *   databases where they live today (the primary replica), the new store defined in the
 *   downloaded topology and published, the listener switch and the login sync;
 * - the CMS moved out of its pool before that pool is converted (Move-CsManagementServer), to
 *   an existing pool whose own conversion is already done; conversions of the other pools
 *   therefore come first and the CMS pool's last;
 * - SQL mirroring added to an existing 2015 pool (Topology Builder, publish, restart).
 */
import type { SqlStore } from '../model/schema';
import type { RegistrarPool } from '../model/topology-index';
import { DOC } from './docs';
import type { PlanBuilder } from './plan-builder';
import type { FrontEndPool, PlanContext } from './plan-context';
import { agBuild, agLoginSync, agPrepare, mirrorPrepare, tbMirroring } from './sql-steps';
import { makeStep } from './step';
import { code, psQuote, rt, ui } from './text';
import type { Step } from './types';

const PHASE = 'existingPools' as const;

export function existingPools(plan: PlanBuilder): void {
  const { ctx } = plan;
  if (ctx.greenfield) return;
  const move = ctx.cmsMove();
  // The CMS pool's conversion last: the pool that takes the CMS is never converted while it holds it.
  const pools = ctx.ix.ofKind('frontEndPool').filter((p) => ctx.existing(p));
  const ordered = move ? [...pools.filter((p) => p !== move.from), move.from] : pools;
  for (const p of ordered) {
    const s = ctx.ix.backEnd(p.id);
    if (!s) continue;
    if (ctx.convertsToAg(p)) convertToAg(plan, p, s);
    else if (ctx.mirrorSet(s) && s.currentHaMode !== 'mirroring') addMirroring(plan, p, s);
  }
}

/** §4.2: mirroring added to an existing 2015 pool (only stores no 2019 pool uses get here). */
function addMirroring(plan: PlanBuilder, p: FrontEndPool, s: SqlStore): void {
  const { ctx } = plan;
  const m = ctx.mirrorSet(s)!;
  plan.add({ ...mirrorPrepare(ctx, s), phase: PHASE });
  plan.add({
    ...tbMirroring(ctx, s),
    phase: PHASE,
    id: `tb-add-mirroring:${s.id}`,
    title: `Add SQL mirroring to the existing Back End of ${ctx.name(p)} and publish`,
    detail: [
      rt`SQL Server ${s.sqlVersion} is installed on the mirror ${code(ctx.instanceLabel(m.mirror.fqdn, m.mirror.instance))}${m.witness ? rt` and the witness ${code(ctx.instanceLabel(m.witness.fqdn, m.witness.instance))}` : ''}.`,
      rt`Topology Builder → ${ui('Download Topology from existing deployment')} → save a copy.`,
      rt`${ctx.name(p)} → ${ui('Edit Properties')} → tick ${ui('Enable SQL Store Mirroring')} → ${ui('New')} next to ${ui('Mirroring SQL Store')}: tick ${ui('This SQL instance is in mirroring relation')}, port ${code(String(m.mirrorPort))} → ${ui('OK')}.`,
      ...(m.witness
        ? [
            rt`Tick ${ui('Use SQL mirroring witness to enable automatic failover')} → ${ui('New')}: the witness store, tick ${ui('This SQL instance is in mirroring relation')}, port ${code(String(m.witnessPort))} → ${ui('OK')} → ${ui('OK')}.`,
          ]
        : []),
      rt`${ui('Action')} → ${ui('Topology')} → ${ui('Publish')}: give the file share for the mirroring backup files (${code('<\\\\server\\share>')}) when the wizard asks; it installs the mirror databases.`,
    ],
  });
  plan.add(
    makeStep({
      id: `mirror-restart-fe:${p.id}`,
      phase: PHASE,
      title: `Restart every Front End server of ${ctx.label(p)}`,
      tool: 'Win',
      runOn: `each Front End server of ${ctx.name(p)}, one at a time`,
      detail: [rt`Required after any change to a mirroring relationship.`],
      verify: [
        {
          text: rt`Mirroring is reported for the pool's databases.`,
          command: `Get-CsDatabaseMirrorState -PoolFqdn ${psQuote(p.fqdn)} -DatabaseType User`,
        },
      ],
      nodeIds: [p.id],
      docs: [DOC.mirroring],
    }),
  );
}

const DATABASE_TYPES = ['User', 'Application', 'CentralMgmt', 'Monitoring', 'Archiving'] as const;

function convertToAg(plan: PlanBuilder, p: FrontEndPool, s: SqlStore): void {
  const { ctx } = plan;
  const ag = ctx.agOf(s)!;
  const move = ctx.cmsMove();
  if (move && move.from === p) moveCmsAway(plan, p, s, move.to);
  const old = ctx.instanceLabel(ctx.primaryNode(s), s.instance);
  // Mirroring exists only on 2015; the design may say what runs today (currentHaMode).
  const mirroredToday = s.currentHaMode === undefined ? undefined : s.currentHaMode === 'mirroring';
  if (p.productVersion === '2015' && mirroredToday !== false)
    plan.add(
      makeStep({
        id: `ag-from-mirroring:${p.id}`,
        phase: PHASE,
        title: mirroredToday
          ? `Make the primary the principal and remove SQL mirroring from ${ctx.name(p)}`
          : `If ${ctx.name(p)} uses SQL mirroring today: make the primary the principal and remove mirroring`,
        tool: 'Shell',
        mode: 'manual',
        detail: [
          rt`${mirroredToday ? '' : 'Skip this step when the pool has no mirroring today. Otherwise, f'}${mirroredToday ? 'F' : ''}or every database type the pool holds (${code(`Get-CsPool -Identity ${psQuote(p.fqdn)}`)} lists them): make the primary the principal, then remove the mirror in SQL Server (the commands, in that order; a type the pool does not hold reports an error and is skipped).`,
          rt`Then Topology Builder → ${ui('Download Topology from existing deployment')} → ${ui('Enterprise Edition Front End Pools')} → the pool → ${ui('Edit Properties')} → clear ${ui('Enable SQL Store Mirroring')} for every store type → publish.`,
          rt`In SQL Server Management Studio, any database still mirrored: ${ui('Tasks')} → ${ui('Mirror')} → ${ui('Remove Mirroring')}. ${code('Install-CsDatabase -Update')} later fails on a mirrored database.`,
        ],
        commands: [
          ...DATABASE_TYPES.map(
            (t) => `Invoke-CsDatabaseFailover -PoolFqdn ${psQuote(p.fqdn)} -DatabaseType ${t} -NewPrincipal Primary`,
          ),
          ...DATABASE_TYPES.map(
            (t) =>
              `Uninstall-CsMirrorDatabase -SqlServerFqdn ${psQuote(ctx.primaryNode(s))}${ctx.sqlInstanceArg(s.instance)} -DatabaseType ${t}`,
          ),
        ],
        nodeIds: [p.id, s.id],
        docs: [DOC.ag, DOC.psDatabaseFailover, DOC.psUninstallMirror, DOC.mirroring],
      }),
    );
  const secondaries = ag.replicas.slice(1);
  if (secondaries.length)
    plan.add(
      makeStep({
        id: `ag-replicas-install:${s.id}`,
        phase: PHASE,
        title: `Install SQL Server on the new replicas of ${ctx.name(s)}`,
        tool: 'SQL',
        detail: [
          rt`The pool's databases stay on ${code(old)}, the primary replica. Install Windows Server and SQL Server ${s.sqlVersion} Enterprise edition on:`,
          ...secondaries.map((r) => rt`• ${code(ctx.instanceLabel(r.fqdn, s.instance))} (replica in ${ctx.siteName(r.siteId)})`),
          rt`Same SQL Server version and instance name as the primary; joined to ${s.domain ? ui(s.domain) : 'the domain of the primary'}.`,
        ],
        nodeIds: [s.id],
        docs: [DOC.ag, DOC.backEndPlan],
        ruleIds: ['BE-AG-INSTANCE-NAMES', 'BE-AG-ENTERPRISE-ONLY'],
      }),
    );
  for (const st of agPrepare(ctx, s)) plan.add({ ...st, phase: PHASE });
  for (const st of agBuild(ctx, s, PHASE)) plan.add(st);
  plan.add(
    makeStep({
      id: `tb-ag-store:${s.id}`,
      phase: PHASE,
      title: `Define the availability group store ${ag.listenerFqdn}, associate it with ${ctx.name(p)} and publish`,
      tool: 'TB',
      detail: [
        rt`Topology Builder → ${ui('Download Topology from existing deployment')} → ${ui('OK')} → save a copy, so it can be republished if the change goes wrong.`,
        rt`${ui('Shared Components')} → ${ui('SQL Server Stores')} → ${ui('New SQL Server Store')} → tick ${ui('High Availability Settings')}, pick ${ui('SQL AlwaysOn Availability Groups')} → ${ui('SQL Server Availability Listener FQDN')} = ${code(ag.listenerFqdn)} → ${ui('SQL Server FQDN')} = ${code(ctx.primaryNode(s))} (the primary replica, where the pool's databases are today${p.productVersion === '2015' ? '; with former mirroring, the old principal' : ''}) → ${ui('OK')}.`,
        rt`${ctx.name(p)} → ${ui('Edit Properties')} → ${ui('Associations')} → ${ui('SQL Server Store')} = the new availability group store; do the same for every other database of the pool that moves → ${ui('OK')}.`,
        rt`${ui('Action')} → ${ui('Topology')} → ${ui('Publish')} → ${ui('Next')}.`,
      ],
      preconditions: [
        rt`The availability group and its listener ${code(ag.listenerFqdn)} exist (previous steps); the pool's databases are on ${code(old)}.`,
      ],
      nodeIds: [p.id, s.id],
      docs: [DOC.ag, DOC.newTopology],
      ruleIds: ['BE-AG-LISTENER-FQDN'],
    }),
  );
  for (const st of agLoginSync(ctx, s, PHASE)) plan.add(st);
}

/** Where a registrar's databases are at the point of the plan where the CMS moves (a converted pool's: its listener). */
function currentSql(ctx: PlanContext, r: RegistrarPool): { fqdn: string; instance: string } | undefined {
  if (r.kind === 'frontEndPool' && ctx.convertsToAg(r)) {
    const s = ctx.ix.backEnd(r.id)!;
    return { fqdn: ctx.agOf(s)!.listenerFqdn, instance: s.instance };
  }
  return ctx.registrarSql(r);
}

/** §6.2: move the CMS off a pool before converting it (CMS-MOVE-BEFORE-AG); it stays on the target. */
function moveCmsAway(plan: PlanBuilder, p: FrontEndPool, s: SqlStore, target: RegistrarPool | undefined): void {
  const { ctx } = plan;
  if (!target) {
    plan.note(
      'blocking',
      rt`${ctx.label(p)} holds the Central Management store and its Back End becomes an availability group, but no other existing pool can take the CMS first: deploy a temporary Standard Edition server and move the CMS there before following the conversion.`,
      [p.id],
      ['CMS-MOVE-BEFORE-AG'],
      [DOC.ag, DOC.moveCms],
    );
    return;
  }
  const sql = currentSql(ctx, target);
  const targetAg = target.kind === 'frontEndPool' && ctx.convertsToAg(target) ? ctx.ix.backEnd(target.id) : undefined;
  plan.note(
    'info',
    rt`The Central Management store moves from ${ctx.name(p)} to ${ctx.name(target)} before ${ctx.name(p)}'s Back End is converted, and stays there: the checks and failover runbooks of this plan name ${ctx.name(target)}. Set the design's Central Management store host to ${ctx.name(target)} to match.`,
    [p.id, target.id],
    ['CMS-MOVE-BEFORE-AG'],
    [DOC.ag, DOC.moveCms],
  );
  const steps: Step[] = [];
  if (sql)
    steps.push(
      makeStep({
        id: `cms-move-install:${target.id}`,
        phase: PHASE,
        title: `Create the Central Management store database on ${ctx.label(target)}`,
        tool: 'Shell',
        detail: [
          target.kind === 'standardEditionServer'
            ? rt`On a Standard Edition server, first run ${ui('Prepare first Standard Edition server')} in the Deployment Wizard.`
            : rt`Check that the Front-End service of ${ctx.name(target)} is started.`,
          ...(targetAg
            ? [
                rt`${ctx.name(target)}'s Back End is already an availability group (converted above): the databases are created through its listener on the current primary replica.`,
              ]
            : []),
        ],
        commands: [
          `Install-CsDatabase -CentralManagementDatabase -SqlServerFqdn ${psQuote(sql.fqdn)}${ctx.sqlInstanceArg(sql.instance)}`,
        ],
        preconditions: [rt`RTCUniversalServerAdmins and SQL sysadmin on the target.`],
        nodeIds: [target.id, p.id],
        docs: [DOC.moveCms, DOC.psInstallDatabase],
        ruleIds: ['CMS-MOVE-BEFORE-AG'],
      }),
    );
  steps.push(
    makeStep({
      id: `cms-move-enable:${target.id}`,
      phase: PHASE,
      title: 'Enable the topology before the CMS move',
      tool: 'Shell',
      detail: [rt`Stop here if it fails: a failed move can leave the deployment without a Central Management store.`],
      commands: ['Enable-CsTopology'],
      nodeIds: [target.id],
      docs: [DOC.moveCms],
    }),
    makeStep({
      id: `cms-move:${target.id}`,
      phase: PHASE,
      title: `Move the Central Management store from ${ctx.name(p)} to ${ctx.name(target)}`,
      tool: 'Shell',
      runOn: `a Front End server of ${ctx.name(target)}`,
      detail: [
        rt`Review the current and proposed state, answer ${code('Y')}, and resolve any warning the cmdlet reports.`,
        rt`Then run Deployment Wizard ${ui('Step 2: Setup or Remove Skype for Business Server Components')} on the target server, then on the old one, and reboot the target server.`,
      ],
      commands: ['Move-CsManagementServer'],
      verify: [
        { text: rt`Every replica reports True.`, command: 'Get-CsManagementStoreReplicationStatus' },
        {
          text: rt`ActiveMasterFQDN names ${code(target.fqdn)}.`,
          command: 'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus',
        },
      ],
      nodeIds: [target.id, p.id],
      docs: [DOC.moveCms],
      ruleIds: ['CMS-MOVE-BEFORE-AG'],
    }),
  );
  if (targetAg) {
    const ag = ctx.agOf(targetAg)!;
    steps.push(
      makeStep({
        id: `cms-move-join-ag:${targetAg.id}`,
        phase: PHASE,
        title: `Add the Central Management store databases to the availability group ${ag.listenerFqdn}`,
        tool: 'SQL',
        detail: [
          rt`On the primary replica: set ${code('xds')} and ${code('lis')} to the FULL recovery model, take a full backup of each, then ${ui('Always On High Availability')} → the availability group → ${ui('Add Database')} → both → ${ui('Full')} data synchronisation.`,
          rt`Then create their logins on every replica as in the login sync above (fail the group over to each replica, ${code(`Install-CsDatabase -Update -ConfiguredDatabases -SqlServerFqdn ${psQuote(ag.listenerFqdn)}`)}) and publish the topology.`,
        ],
        nodeIds: [targetAg.id, target.id],
        docs: [DOC.ag, DOC.moveCms, DOC.addDatabases, DOC.sqlAgPrereqs],
        ruleIds: [],
        inferred: true,
      }),
    );
  }
  steps.push(
    makeStep({
      id: `cms-move-cleanup:${p.id}`,
      phase: PHASE,
      title: `Remove the old Central Management store database from ${ctx.name(p)}`,
      tool: 'Shell',
      detail: [
        rt`Only once ${code('Get-CsManagementStoreReplicationStatus')} shows every replica current and stable. The old database is on ${code(ctx.instanceLabel(ctx.primaryNode(s), s.instance))}, where ${ctx.name(p)}'s databases are before its conversion.`,
      ],
      commands: [
        `Uninstall-CsDatabase -CentralManagementDatabase -SqlServerFqdn ${psQuote(ctx.primaryNode(s))}${ctx.sqlInstanceArg(s.instance)}`,
      ],
      preconditions: [rt`Replication to every replica is complete and stable.`],
      nodeIds: [p.id],
      docs: [DOC.moveCms],
      ruleIds: ['CMS-REPLICATION-BEFORE-CLEANUP'],
    }),
  );
  for (const st of steps) plan.add(st);
}
