/**
 * The plan's notes: what the runbook cannot build, or a person must know before
 * following it.
 */
import { RECOVERY } from '../model/reference-numbers';
import { DOC } from './docs';
import type { PlanBuilder } from './plan-builder';
import { rt } from './text';

export function planNotes(plan: PlanBuilder): void {
  const { ctx } = plan;
  // The validator's errors first: the runbook never tells anyone to build what it calls an error.
  for (const f of plan.errors)
    plan.notes.push({
      severity: 'blocking',
      message: rt`${f.message} Fix: ${f.fix}`,
      nodeIds: [...f.nodeIds],
      ruleIds: [f.ruleId],
      docs: [...f.docs],
    });
  for (const s of ctx.ix.ofKind('sqlStore')) {
    if (ctx.ix.mirrored(s) && ctx.mirroringBlocked(s))
      plan.note(
        'blocking',
        rt`${ctx.label(s)} is mirrored for a Skype for Business Server 2019 pool: SQL mirroring cannot be deployed on 2019, so the runbook builds no mirroring for it. Use an AlwaysOn availability group or a SQL failover cluster.`,
        [s.id],
        ['BE-MIRROR-2019'],
        [DOC.deprecated2019, DOC.backEndPlan],
      );
    else if (s.haMode === 'mirroring' && !ctx.mirrorSet(s))
      plan.note(
        'blocking',
        rt`${ctx.label(s)} is set to SQL mirroring but has no mirror: no mirroring steps until a mirror is drawn.`,
        [s.id],
        ['BE-HA-INCOMPLETE'],
        [DOC.mirroring],
      );
    if (s.haMode === 'alwaysOnAg' && !ctx.agOf(s))
      plan.note(
        'blocking',
        rt`${ctx.label(s)} is set to an AlwaysOn availability group without listener and replicas: no availability group steps until they are given.`,
        [s.id],
        ['BE-HA-INCOMPLETE'],
        [DOC.ag],
      );
    if (ctx.agOf(s) && (ctx.hasRole(s, 'persistentChat') || ctx.hasRole(s, 'persistentChatCompliance')))
      plan.note(
        'warning',
        rt`${ctx.label(s)} holds Persistent Chat databases and is an availability group: the Persistent Chat databases are left out of the group (not supported), so they have no high availability there.`,
        [s.id],
        ['PCHAT-NO-AG', 'BE-AG-EXCLUDED-DATABASES'],
        [DOC.ag],
      );
  }
  for (const c of ctx.ix.ofKind('persistentChatPool'))
    if (c.productVersion === '2019')
      plan.note(
        'blocking',
        rt`${ctx.label(c)} is a Persistent Chat pool on Skype for Business Server 2019, where the role does not exist: the runbook has no Persistent Chat steps for it.`,
        [c.id],
        ['PCHAT-2019'],
        [DOC.deprecated2019],
      );
  for (const e of ctx.ix.ofKind('edgePool'))
    if (e.xmpp && e.productVersion === '2019')
      plan.note(
        'blocking',
        rt`${ctx.label(e)} has XMPP federation on Skype for Business Server 2019, where the XMPP gateway was removed: no XMPP steps.`,
        [e.id],
        ['EDGE-XMPP-2019'],
        [DOC.deprecated2019],
      );
  for (const p of ctx.ix.ofKind('frontEndPool'))
    if (!ctx.ix.backEnd(p.id))
      plan.note(
        'warning',
        rt`${ctx.label(p)} has no single Back End store: its SQL steps are missing until one Back End is drawn.`,
        [p.id],
        ['FE-EE-NEEDS-BE'],
        [DOC.topologyBasics],
      );
  if (!ctx.cmsHost() && plan.registrars.length > 0)
    plan.note(
      'warning',
      rt`No Central Management store host is chosen: the publish step cannot say which pool gets it.`,
      [],
      ['CMS-EXACTLY-ONE'],
      [DOC.newTopology],
    );
  for (const p of ctx.ix.registrars())
    if (ctx.ix.partners(p.id).length > 1)
      plan.note(
        'warning',
        rt`${ctx.label(p)} has more than one backup pool; Topology Builder allows one, so no failover runbook is generated for it.`,
        [p.id],
        ['PAIR-ONE-TO-ONE'],
        [DOC.pairing],
      );
  for (const l of ctx.ix.linksOfKind('pairing'))
    if (l.voiceFailover)
      plan.note(
        'info',
        rt`"Automatic failover and failback for Voice" covers voice only (phones move after ${String(l.voiceFailoverSeconds ?? RECOVERY.voiceFailoverSeconds)} s); failing the pool over and back is always the manual runbook.`,
        [l.from, l.to],
        ['PAIR-VOICE-CHECKBOX', 'VOICE-FAILOVER-INTERVAL'],
        [DOC.pairing, DOC.voiceResiliency],
      );
  if (ctx.ix.linksOfKind('pairing').length)
    plan.note(
      'info',
      rt`The Location Information Server (E9-1-1) database is not replicated to the backup pool: back it up regularly; the failover runbooks restore it.`,
      [],
      ['PAIR-LIS-NOT-REPLICATED'],
      [DOC.userExperience],
    );
  if (!ctx.greenfield)
    plan.note(
      'info',
      rt`A change to an existing deployment: Front End pools and Standard Edition servers marked as already deployed are left out of the build steps and changed in place. Director, Edge, Mediation, Persistent Chat and branch pools record no such mark: skip their build steps where they exist already.`,
      [],
      [],
      [],
    );
}
