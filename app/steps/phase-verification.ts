/** Verification phase: CMS replication, the mirroring state, and each new pool's quorum figures. */
import { feQuorum } from '../model/reference-numbers';
import { DOC } from './docs';
import type { PlanBuilder } from './plan-builder';
import { makeStep } from './step';
import { code, psQuote, rt, ui } from './text';

export function verification(plan: PlanBuilder): void {
  const { ctx } = plan;
  const cms = ctx.cmsAfterPlan();
  if (plan.registrars.length)
    plan.add(
      makeStep({
        id: 'verify-cms',
        phase: 'verification',
        title: 'Check Central Management store replication',
        tool: 'Shell',
        commands: [
          'Get-CsManagementStoreReplicationStatus',
          'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus',
        ],
        verify: [
          { text: rt`Every replica reports ${code('True')}.` },
          {
            text: cms
              ? rt`${ui('ActiveMasterFQDN')} and ${ui('ActiveFileTransferAgents')} name ${code(cms.fqdn)}.`
              : rt`${ui('ActiveMasterFQDN')} names the Central Management store pool.`,
          },
        ],
        nodeIds: cms ? [cms.id] : [],
        docs: [DOC.failoverPool],
      }),
    );
  for (const p of ctx.ix.ofKind('frontEndPool')) {
    const be = ctx.ix.backEnd(p.id);
    if (be && ctx.mirrorSet(be))
      plan.add(
        makeStep({
          id: `verify-mirror:${p.id}`,
          phase: 'verification',
          title: `Check the mirroring state of ${ctx.name(p)}'s databases`,
          tool: 'Shell',
          commands: [`Get-CsDatabaseMirrorState -PoolFqdn ${psQuote(p.fqdn)} -DatabaseType User`],
          verify: [
            {
              text: rt`Each database reports its principal and mirror; ${code('DatabaseInaccessibleOrMirroringNotEnabled')} means mirroring is missing.`,
            },
          ],
          nodeIds: [p.id, be.id],
          docs: [DOC.psMirrorState, DOC.mirroring],
        }),
      );
    if (ctx.existing(p)) continue;
    const q = feQuorum(p.frontEndServers, p.productVersion);
    plan.add(
      makeStep({
        id: `verify-pool:${p.id}`,
        phase: 'verification',
        title: `Record the quorum figures of ${ctx.name(p)} and prepare for the first users`,
        tool: 'Shell',
        detail: [
          q
            ? rt`The pool keeps running while ${String(q.poolLevel.count)} servers ${q.poolLevel.ofFirst ? `among the first ${q.poolLevel.ofFirst} in topology order` : 'of any'} run; below that the remaining servers stop their services. The command lists the servers in topology order.`
            : rt`A single-server pool has no pool quorum.`,
          rt`Routing-group quorum loss: ${code(`Reset-CsPoolRegistrarState -PoolFqdn ${psQuote(p.fqdn)} -ResetType QuorumLossRecovery`)}; a server gone for good: ${code('-ResetType MachineStateRemoved -MachineFqdn <server>')}.`,
        ],
        commands: [`Get-CsComputer -PoolFqdn ${psQuote(p.fqdn)}`],
        preconditions:
          p.users > 0 ? [rt`Before the first users move in: at least three Front End servers of the pool are running.`] : [],
        nodeIds: [p.id],
        docs: [DOC.haPlan, DOC.psResetRegistrar],
        ruleIds: ['FE-QUORUM', ...(p.users > 0 ? ['FE-FIRST-USER-MOVE'] : [])],
      }),
    );
  }
}
