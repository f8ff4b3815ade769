/**
 * Existing pools in transition mode: a Back End converted to an AlwaysOn availability
 * group (the CMS moved away first), or SQL mirroring added to an existing 2015 pool.
 */
import type { SqlStore } from '../model/schema';
import { DOC } from './docs';
import type { PlanBuilder } from './plan-builder';
import type { FrontEndPool } from './plan-context';
import { agCreate, agPrepare, mirrorPrepare, tbMirroring } from './sql-steps';
import { makeStep } from './step';
import { code, psQuote, rt, ui } from './text';
import type { Step } from './types';

export function transitionConversions(plan: PlanBuilder): void {
  const { ctx } = plan;
  if (ctx.greenfield) return;
  for (const p of ctx.ix.ofKind('frontEndPool')) {
    if (!ctx.existing(p)) continue;
    const s = ctx.ix.backEnd(p.id);
    if (!s) continue;
    if (ctx.agOf(s)) convertToAg(plan, p, s);
    else if (ctx.mirrorSet(s)) addMirroring(plan, p, s);
  }
}

/** §4.2: mirroring added to an existing 2015 pool (only stores no 2019 pool uses get here). */
function addMirroring(plan: PlanBuilder, p: FrontEndPool, s: SqlStore): void {
  const { ctx } = plan;
  const m = ctx.mirrorSet(s)!;
  plan.add(mirrorPrepare(ctx, s));
  plan.add({
    ...tbMirroring(ctx, s),
    id: `tb-add-mirroring:${s.id}`,
    title: `Add SQL mirroring to the existing Back End of ${ctx.name(p)}`,
    detail: [
      rt`SQL Server ${s.sqlVersion} is installed on the mirror ${code(ctx.instanceLabel(m.mirror.fqdn, m.mirror.instance))}${m.witness ? rt` and the witness ${code(ctx.instanceLabel(m.witness.fqdn, m.witness.instance))}` : ''}.`,
      rt`${ctx.name(p)} → ${ui('Edit Properties')} → tick ${ui('Enable SQL Store Mirroring')} → ${ui('New')} next to ${ui('Mirroring SQL Store')}: tick ${ui('This SQL instance is in mirroring relation')}, port ${code(String(m.mirrorPort))} → ${ui('OK')}.`,
      ...(m.witness
        ? [rt`Tick ${ui('Use SQL mirroring witness to enable automatic failover')} → ${ui('New')}: the witness store, tick ${ui('This SQL instance is in mirroring relation')}, port ${code(String(m.witnessPort))} → ${ui('OK')} → ${ui('OK')}.`]
        : []),
      rt`When publishing, give the file share for the mirroring backup files; install the databases before continuing.`,
    ],
  });
  plan.pendingRestarts.push(p);
}


function convertToAg(plan: PlanBuilder, p: FrontEndPool, s: SqlStore): void {
  const { ctx } = plan;
  const cms = ctx.cmsHost();
  if (cms && cms.id === p.id) moveCmsAway(plan, p);
  if (p.productVersion === '2015') {
    plan.add(
      makeStep({
        id: `ag-from-mirroring:${p.id}`,
        phase: 'prepare',
        title: `If ${ctx.name(p)} uses SQL mirroring today: make the primary the principal and remove mirroring`,
        tool: 'Shell',
        mode: 'manual',
        detail: [
          rt`Skip this step when the pool has no mirroring today. Otherwise, for every database type the pool holds (${code(`Get-CsPool -Identity ${psQuote(p.fqdn)}`)} lists them), make the primary the principal:`,
          rt`Then Topology Builder → ${ui('Enterprise Edition Front End Pools')} → the pool → ${ui('Edit Properties')} → clear ${ui('Enable SQL Store Mirroring')} for every store type → publish; then in SQL Server Management Studio, for every database that will join the availability group: ${ui('Tasks')} → ${ui('Mirror')} → ${ui('Remove Mirroring')}.`,
        ],
        commands: ['User', 'Application', 'CentralMgmt', 'Monitoring', 'Archiving'].map((t) => `Invoke-CsDatabaseFailover -PoolFqdn ${psQuote(p.fqdn)} -DatabaseType ${t} -NewPrincipal Primary`),
        nodeIds: [p.id, s.id],
        docs: [DOC.ag, DOC.psDatabaseFailover],
      }),
    );
  }
  for (const st of agPrepare(ctx, s)) plan.add(st);
  plan.add(agCreate(ctx, s, 'prepare'));
  const ag = ctx.agOf(s)!;
  plan.add(
    makeStep({
      id: `tb-ag-store:${s.id}`,
      phase: 'topologyBuilder',
      title: `Define the availability group store ${ag.listenerFqdn} and associate it with ${ctx.name(p)}`,
      tool: 'TB',
      detail: [
        rt`${ui('Shared Components')} → ${ui('SQL Server Stores')} → ${ui('New SQL Server Store')} → tick ${ui('High Availability Settings')}, pick ${ui('SQL AlwaysOn Availability Groups')} → ${ui('SQL Server Availability Listener FQDN')} = ${code(ag.listenerFqdn)} → ${ui('SQL Server FQDN')} = ${code(ctx.primaryNode(s))} (the primary node${p.productVersion === '2015' ? '; with former mirroring, the old principal' : ''}) → ${ui('OK')}.`,
        rt`${ctx.name(p)} → ${ui('Edit Properties')} → ${ui('Associations')} → ${ui('SQL Server Store')} = the new availability group store; do the same for every other database of the pool that moves → ${ui('OK')}.`,
      ],
      nodeIds: [p.id, s.id],
      docs: [DOC.ag],
    }),
  );
  plan.pendingAgLoginSync.push(s);
  plan.pendingAgStores.add(s);
}


/** §6.2: move the CMS off a pool before converting it (CMS-MOVE-BEFORE-AG). */
function moveCmsAway(plan: PlanBuilder, p: FrontEndPool): void {
  const { ctx } = plan;
  const partner = ctx.ix.partner(p.id);
  const target = partner ?? ctx.ix.registrars().find((r) => r.id !== p.id);
  if (!target) {
    plan.note('blocking', rt`${ctx.label(p)} holds the Central Management store and is being converted to an availability group, but there is no other pool to move the CMS to: deploy a temporary Standard Edition server and move the CMS there first.`, [p.id], ['CMS-MOVE-BEFORE-AG'], [DOC.ag, DOC.moveCms]);
    return;
  }
  const sql = ctx.registrarSql(target);
  const old = ctx.registrarSql(p);
  const steps: Step[] = [];
  if (sql)
    steps.push(
      makeStep({
        id: `cms-move-install:${target.id}`,
        phase: 'prepare',
        title: `Create the Central Management store database on ${ctx.label(target)}`,
        tool: 'Shell',
        detail: [
          target.kind === 'standardEditionServer'
            ? rt`On a Standard Edition server, first run ${ui('Prepare first Standard Edition server')} in the Deployment Wizard.`
            : rt`Check that the Front-End service of ${ctx.name(target)} is started.`,
        ],
        commands: [`Install-CsDatabase -CentralManagementDatabase -SqlServerFqdn ${psQuote(sql.fqdn)}${ctx.sqlInstanceArg(sql.instance)}`],
        preconditions: [rt`RTCUniversalServerAdmins and SQL sysadmin on the target.`],
        nodeIds: [target.id, p.id],
        docs: [DOC.moveCms, DOC.psInstallDatabase],
        ruleIds: ['CMS-MOVE-BEFORE-AG'],
      }),
    );
  steps.push(
    makeStep({
      id: `cms-move-enable:${target.id}`,
      phase: 'prepare',
      title: 'Enable the topology before the CMS move',
      tool: 'Shell',
      detail: [rt`Stop here if it fails: a failed move can leave the deployment without a Central Management store.`],
      commands: ['Enable-CsTopology'],
      nodeIds: [target.id],
      docs: [DOC.moveCms],
    }),
    makeStep({
      id: `cms-move:${target.id}`,
      phase: 'prepare',
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
        { text: rt`ActiveMasterFQDN names ${code(target.fqdn)}.`, command: 'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus' },
      ],
      nodeIds: [target.id, p.id],
      docs: [DOC.moveCms],
      ruleIds: ['CMS-MOVE-BEFORE-AG'],
    }),
  );
  if (old)
    steps.push(
      makeStep({
        id: `cms-move-cleanup:${p.id}`,
        phase: 'prepare',
        title: `Remove the old Central Management store database from ${ctx.name(p)}`,
        tool: 'Shell',
        detail: [rt`Only once ${code('Get-CsManagementStoreReplicationStatus')} shows every replica current and stable.`],
        commands: [`Uninstall-CsDatabase -CentralManagementDatabase -SqlServerFqdn ${psQuote(old.fqdn)}${ctx.sqlInstanceArg(old.instance)}`],
        preconditions: [rt`Replication to every replica is complete and stable.`],
        nodeIds: [p.id],
        docs: [DOC.moveCms],
        ruleIds: ['CMS-REPLICATION-BEFORE-CLEANUP'],
      }),
    );
  for (const st of steps) plan.add(st);
}
