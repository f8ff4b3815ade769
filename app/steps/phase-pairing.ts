/** Pairing phase: Bootstrapper and the Backup Service for pools that existed, the first synchronisation, and the standby CMS. */
import { isRegistrar } from '../model/topology-index';
import { DOC } from './docs';
import type { PlanBuilder } from './plan-builder';
import type { FrontEndPool } from './plan-context';
import { makeStep } from './step';
import { code, joinRich, psQuote, rt, ui } from './text';

export function pairing(plan: PlanBuilder): void {
  const { ctx } = plan;
  for (const l of ctx.ix.linksOfKind('pairing')) {
    const a = ctx.ix.node(l.from);
    const b = ctx.ix.node(l.to);
    if (!isRegistrar(a) || !isRegistrar(b)) continue;
    const existing = ctx.existing(a) || ctx.existing(b);
    if (existing) {
      for (const v of new Set([a.productVersion, b.productVersion])) {
        const pools = [a, b].filter((p) => p.productVersion === v);
        plan.add(
          makeStep({
            id: `pairing-bootstrapper:${l.id}${v === a.productVersion ? '' : `:${v}`}`,
            phase: 'pairing',
            title: `Run Bootstrapper on every Front End server of ${pools.map((p) => ctx.name(p)).join(' and ')}`,
            tool: 'Win',
            runOn: `every Front End server of ${pools.map((p) => ctx.name(p)).join(' and ')}`,
            detail: [
              rt`The pools existed before they were paired: Bootstrapper installs the services backup pairing needs (the Backup Service).`,
            ],
            commands: [`& "$env:SystemDrive\\Program Files\\Skype for Business Server ${v}\\Deployment\\Bootstrapper.exe"`],
            nodeIds: pools.map((p) => p.id),
            docs: [DOC.pairing],
            ruleIds: ['PAIR-EXISTING-POOLS'],
          }),
        );
      }
      plan.add(
        makeStep({
          id: `pairing-cu:${l.id}`,
          phase: 'pairing',
          title: `Re-apply the installed cumulative update on every Front End server of ${ctx.name(a)} and ${ctx.name(b)}`,
          tool: 'Win',
          runOn: `every Front End server of ${ctx.name(a)} and ${ctx.name(b)}`,
          detail: [
            rt`So the freshly installed Backup Service matches the patch level${a.cumulativeUpdate || b.cumulativeUpdate ? rt` (${[a.cumulativeUpdate, b.cumulativeUpdate].filter(Boolean).join(' / ')})` : ''}.`,
            ...(a.productVersion === '2015' || b.productVersion === '2015'
              ? [rt`The 2015 version of the page does not list this step; it is applied anyway.`]
              : []),
          ],
          nodeIds: [a.id, b.id],
          docs: [DOC.pairing],
          ruleIds: ['PAIR-EXISTING-POOLS'],
          inferred: a.productVersion === '2015' || b.productVersion === '2015',
        }),
      );
      plan.add(
        makeStep({
          id: `pairing-start-backup:${l.id}`,
          phase: 'pairing',
          title: `Start the Backup Service on every Front End server of ${ctx.name(a)} and ${ctx.name(b)}`,
          tool: 'Shell',
          runOn: `every Front End server of ${ctx.name(a)} and ${ctx.name(b)}`,
          commands: ['Start-CsWindowsService -Name LYNCBACKUP'],
          nodeIds: [a.id, b.id],
          docs: [DOC.pairing],
          ruleIds: ['PAIR-EXISTING-POOLS'],
        }),
      );
    }
    const eePools = [a, b].filter((p): p is FrontEndPool => p.kind === 'frontEndPool');
    plan.add(
      makeStep({
        id: `pairing-sync:${l.id}`,
        phase: 'pairing',
        title: `Synchronise ${ctx.name(a)} and ${ctx.name(b)} with the Backup Service`,
        tool: 'Shell',
        detail: [
          rt`Forces the user and conference data of both pools to synchronise in both directions, then shows each direction's state. Wait until both report a steady state: changes replicate within the sync interval (2 minutes by default, left unchanged).`,
          ...(existing ? [] : [rt`For pools deployed together this is a check: setup already installed the Backup Service.`]),
        ],
        commands: [
          `Invoke-CsBackupServiceSync -PoolFqdn ${psQuote(a.fqdn)}`,
          `Invoke-CsBackupServiceSync -PoolFqdn ${psQuote(b.fqdn)}`,
        ],
        preconditions: eePools.length
          ? [
              rt`${joinRich(
                eePools.map((p) => rt`${ctx.name(p)}`),
                ' and ',
              )}: at least three Front End servers running at the same time at some point after pairing, so the data synchronises.`,
            ]
          : [],
        verify: [
          {
            text: rt`Backup pool of ${ctx.name(a)} is ${code(b.fqdn)}.`,
            command: `Get-CsPoolBackupRelationship -PoolFqdn ${psQuote(a.fqdn)}`,
          },
          {
            text: rt`${ctx.name(a)} → ${ctx.name(b)} in steady state.`,
            command: `Get-CsBackupServiceStatus -PoolFqdn ${psQuote(a.fqdn)}`,
          },
          {
            text: rt`${ctx.name(b)} → ${ctx.name(a)} in steady state.`,
            command: `Get-CsBackupServiceStatus -PoolFqdn ${psQuote(b.fqdn)}`,
          },
        ],
        nodeIds: [a.id, b.id],
        docs: [DOC.pairing, DOC.backupService, DOC.psBackupSync, DOC.psBackupStatus],
        ruleIds: ['PAIR-SYNC-INTERVAL', ...(eePools.length ? ['FE-PAIRED-NEEDS-THREE'] : [])],
        inferred: !existing,
      }),
    );
    const cms = ctx.cmsAfterPlan();
    if (cms && (cms.id === a.id || cms.id === b.id)) {
      const standby = cms.id === a.id ? b : a;
      plan.add(
        makeStep({
          id: `pairing-cms-standby:${l.id}`,
          phase: 'pairing',
          title: `Check the standby Central Management store in ${ctx.name(standby)}`,
          tool: 'Shell',
          detail: [
            rt`Pairing the CMS pool installs a standby CMS database in the backup pool; the Backup Service replicates the active master to it.`,
          ],
          commands: ['Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus'],
          verify: [{ text: rt`${ui('ActiveMasterFQDN')} and ${ui('ActiveFileTransferAgents')} name ${code(cms.fqdn)}.` }],
          nodeIds: [cms.id, standby.id],
          docs: [DOC.failoverPool, DOC.drPlan],
          ruleIds: ['CMS-HOST-PAIRED', 'CMS-FAILOVER-FIRST'],
        }),
      );
    }
  }
}
