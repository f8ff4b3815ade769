/**
 * Prepare phase: Active Directory, the servers of every pool, SQL Server (clusters and
 * AG prerequisites before Topology Builder, BE-HA-TOOLING), file shares, Office Online
 * Server farms, DNS, and the first Standard Edition server when it holds the CMS.
 */
import { RECOVERY } from '../model/reference-numbers';
import type { NodeOfKind } from '../model/schema';
import type { RegistrarPool } from '../model/topology-index';
import { DOC } from './docs';
import { dnsSteps } from './phase-dns';
import type { PlanBuilder } from './plan-builder';
import { plural, type EdgePool, type PersistentChatPool, type PlanContext } from './plan-context';
import { EDGE_TWO_NICS, platformDocs, registrarPlatform, SINGLE_NIC } from './preconditions';
import { agPrepare, clusterBuild, mirrorPrepare, sqlInstall, ssrsInstall } from './sql-steps';
import { makeStep } from './step';
import { code, joinRich, rt, ui } from './text';
import type { RichText, Step } from './types';

type Edge = EdgePool;

export function prepare(plan: PlanBuilder): void {
  const { ctx } = plan;
  if (ctx.greenfield && plan.registrars.some((p) => !ctx.existing(p)))
    plan.add(
      makeStep({
        id: 'ad-prepare',
        phase: 'prepare',
        title: 'Prepare Active Directory and install the administrative tools',
        tool: 'DW',
        detail: [
          rt`Deployment Wizard → ${ui('Prepare Active Directory')}: ${ui('Prepare Schema')}, ${ui('Prepare Current Forest')}, then ${ui('Prepare Current Domain')} in every domain with Skype for Business servers or users.`,
          rt`Install the administrative tools (Topology Builder and the Management Shell) on the computer you publish from.`,
        ],
        preconditions: [
          rt`An account with the rights each step asks for (schema, forest and domain preparation) and membership of RTCUniversalServerAdmins for what follows.`,
        ],
        docs: [DOC.prepareAd, 'Skype/SfbServer/deploy/install/install-administrative-tools.md'],
      }),
    );
  for (const p of plan.registrars) if (!ctx.existing(p)) plan.add(serversStep(ctx, p));
  for (const d of ctx.ix.ofKind('directorPool')) plan.add(serversStep(ctx, d));
  for (const m of ctx.ix.ofKind('mediationPool')) plan.add(serversStep(ctx, m));
  for (const c of plan.pcPools()) {
    plan.add(serversStep(ctx, c));
    plan.add(
      makeStep({
        id: `pchat-msmq:${c.id}`,
        phase: 'prepare',
        title: `Install Message Queuing on every Persistent Chat server of ${ctx.name(c)}`,
        tool: 'Win',
        runOn: `each of the ${plural(c.servers.length, 'Persistent Chat server')} of ${ctx.name(c)}`,
        detail: [rt`The Persistent Chat and compliance services need Message Queuing (MSMQ) on every server of the pool.`],
        commands: ['Install-WindowsFeature -Name MSMQ-Server'],
        verify: [{ text: rt`Message Queuing is installed.`, command: 'Get-WindowsFeature -Name MSMQ-Server' }],
        nodeIds: [c.id],
        docs: [DOC.serverReq2015],
        ruleIds: ['PCHAT-MSMQ'],
      }),
    );
  }
  for (const e of ctx.ix.ofKind('edgePool')) plan.add(serversStep(ctx, e));
  for (const b of ctx.ix.ofKind('survivableBranch')) plan.add(serversStep(ctx, b));

  for (const s of plan.principalStores()) {
    if (!plan.storeIsNew(s)) continue;
    if (ctx.clustered(s)) plan.add(clusterBuild(ctx, s));
    else plan.add(sqlInstall(ctx, s));
    if (ctx.hasRole(s, 'monitoring')) plan.add(ssrsInstall(ctx, s));
    if (ctx.mirrorSet(s)) plan.add(mirrorPrepare(ctx, s));
    if (ctx.agOf(s)) for (const st of agPrepare(ctx, s)) plan.add(st);
    // Log-shipping secondaries (Persistent Chat DR) are SQL installs of their own.
    for (const l of ctx.ix.out(s.id, 'logShipping')) {
      const b = ctx.ix.node(l.to);
      if (b?.kind === 'sqlStore') {
        plan.add({ ...sqlInstall(ctx, b), id: `sql-install:${b.id}` });
        if (ctx.mirrorSet(b)) plan.add(mirrorPrepare(ctx, b));
      }
    }
  }
  pchatLogShippingShare(plan);
  for (const f of ctx.ix.ofKind('fileStore')) plan.add(fileShareStep(ctx, f));
  for (const o of ctx.ix.ofKind('officeOnlineServer')) plan.add(oosFarmStep(ctx, o));
  dnsSteps(plan);
  const cms = ctx.cmsHost();
  if (cms && cms.kind === 'standardEditionServer' && ctx.greenfield)
    plan.add(
      makeStep({
        id: `cms-prepare-se:${cms.id}`,
        phase: 'prepare',
        title: `Prepare the first Standard Edition server ${ctx.label(cms)} (Central Management store)`,
        tool: 'DW',
        runOn: cms.fqdn,
        detail: [
          rt`On ${code(cms.fqdn)}: Deployment Wizard → ${ui('Prepare First Standard Edition Server')} → ${ui('Next')}. It installs SQL Server Express and creates the Central Management store.`,
          rt`Do this before the topology is published.`,
        ],
        nodeIds: [cms.id],
        docs: [DOC.newTopology],
        ruleIds: [],
      }),
    );
}

function serversStep(
  ctx: PlanContext,
  n:
    | RegistrarPool
    | NodeOfKind<'directorPool'>
    | NodeOfKind<'mediationPool'>
    | PersistentChatPool
    | Edge
    | NodeOfKind<'survivableBranch'>,
): Step {
  const count = ctx.serverCount(n);
  // "the Edge server of X" for one, "the 3 Edge servers of X" for several.
  const servers = (one: string) => (count === 1 ? `the ${one}` : `the ${count} ${one}s`);
  const pre: RichText[] = [];
  const ruleIds: string[] = [];
  const detail: RichText[] = [];
  let docs: string[] = [DOC.prerequisites];
  let what: string;
  switch (n.kind) {
    case 'frontEndPool': {
      what = `${servers('Front End server')} of ${ctx.label(n)}`;
      const platform = registrarPlatform(n);
      pre.push(...platform.preconditions, SINGLE_NIC);
      ruleIds.push(...platform.ruleIds, 'GEN-NO-MULTIHOMED', 'FE-SAME-OS', 'FE-SAME-DOMAIN');
      pre.push(
        rt`Every server of the pool runs the same operating system${n.domain ? rt` and is joined to ${ui(n.domain)}` : ''}, in ${ctx.siteName(n.siteId)}; a pool is never stretched across sites.`,
      );
      if (n.productVersion === '2015' && count === 2)
        pre.push(
          rt`A two-server Enterprise pool needs special care: restart both servers together, or in reverse order of shutdown, or run ${code('Reset-CsPoolRegistrarState -ResetType QuorumLossRecovery')} before starting it.`,
        );
      docs = [...docs, ...platformDocs(n.productVersion)];
      break;
    }
    case 'standardEditionServer': {
      what = `the Standard Edition server ${ctx.label(n)}`;
      const platform = registrarPlatform(n);
      pre.push(...platform.preconditions, SINGLE_NIC);
      ruleIds.push(...platform.ruleIds, 'GEN-NO-MULTIHOMED');
      detail.push(
        rt`Setup installs SQL Server ${n.productVersion === '2019' ? '2016' : '2014'} Express as the server's own store; it cannot be moved or made highly available.`,
      );
      docs = [...docs, ...platformDocs(n.productVersion)];
      break;
    }
    case 'directorPool':
      what = `${servers('Director')} of ${ctx.label(n)}`;
      pre.push(SINGLE_NIC);
      ruleIds.push('GEN-NO-MULTIHOMED');
      break;
    case 'mediationPool':
      what = `${servers('Mediation Server')} of ${ctx.label(n)}`;
      break;
    case 'persistentChatPool':
      what = `${servers('Persistent Chat server')} of ${ctx.label(n)}`;
      pre.push(SINGLE_NIC);
      ruleIds.push('GEN-NO-MULTIHOMED');
      detail.push(rt`Servers by data center: ${joinRich(pcServerSummary(ctx, n), '; ')}.`);
      docs = [...docs, DOC.pchatPlanHadr];
      break;
    case 'edgePool':
      what = `${servers('Edge server')} of ${ctx.label(n)}`;
      pre.push(EDGE_TWO_NICS, rt`The Edge servers sit in the perimeter network, not joined to the internal domain.`);
      ruleIds.push('EDGE-TWO-NICS');
      docs = [...docs, DOC.edgeDeploy, DOC.loadBalancing];
      break;
    case 'survivableBranch':
      what =
        n.variant === 'sba' ? `the survivable branch appliance ${ctx.label(n)}` : `the survivable branch server ${ctx.label(n)}`;
      detail.push(
        n.variant === 'sba'
          ? rt`An appliance from a qualified vendor; follow the vendor's procedure after it is defined in Topology Builder.`
          : rt`A Windows server running the Registrar and Mediation Server roles.`,
      );
      docs = [DOC.voiceResiliency];
      break;
  }
  detail.unshift(
    n.kind === 'edgePool'
      ? rt`Install Windows Server in the perimeter network as a workgroup server (or in a separate perimeter forest), give each server its internal and external interfaces, install the prerequisites for Skype for Business Server and every Windows update.`
      : rt`Install Windows Server, join the servers to the domain, install the prerequisites for Skype for Business Server and every Windows update.`,
  );
  return makeStep({
    id: `servers:${n.id}`,
    phase: 'prepare',
    title: `Prepare ${what}`,
    tool: 'Win',
    detail,
    preconditions: pre,
    nodeIds: [n.id],
    docs,
    ruleIds,
  });
}

export function pcServerSummary(ctx: PlanContext, c: PersistentChatPool): RichText[] {
  const bySite = new Map<string, { active: number; standby: number }>();
  for (const s of c.servers) {
    const e = bySite.get(s.siteId) ?? { active: 0, standby: 0 };
    if (s.active) e.active++;
    else e.standby++;
    bySite.set(s.siteId, e);
  }
  return [...bySite].map(([site, e]) => rt`${ctx.siteName(site)}: ${String(e.active)} active, ${String(e.standby)} standby`);
}

function pchatLogShippingShare(plan: PlanBuilder): void {
  const { ctx } = plan;
  for (const c of plan.pcPools()) {
    const primaries = [...ctx.ix.stores(c.id, 'persistentChat'), ...ctx.ix.stores(c.id, 'persistentChatCompliance')];
    const shipped = primaries.filter((s) => ctx.ix.out(s.id, 'logShipping').length > 0);
    if (!shipped.length) continue;
    plan.add(
      makeStep({
        id: `pchat-logship-share:${c.id}`,
        phase: 'prepare',
        title: `Create the log-shipping share for ${ctx.name(c)}`,
        tool: 'Win',
        detail: [
          rt`A file share that every SQL Server holding Persistent Chat databases, in both data centers, can read and write (it is not a Skype for Business file store), and a destination folder on each log-shipping secondary.`,
          rt`The SQL Server Agent on each secondary runs under an account that can read the share and write the local copy folder.`,
        ],
        nodeIds: [c.id, ...shipped.map((s) => s.id)],
        docs: [DOC.pchatPlanHadr, DOC.pchatManageHadr],
      }),
    );
  }
}

function fileShareStep(ctx: PlanContext, f: NodeOfKind<'fileStore'>): Step {
  const unc = `\\\\${f.fqdn}\\${f.share}`;
  const detail: RichText[] = [
    rt`Create the share ${code(unc)} before publishing; Topology Builder sets its permissions when the topology is published.`,
  ];
  const pre: RichText[] = [];
  const ruleIds: string[] = [];
  switch (f.storage) {
    case 'singleServer':
      detail.push(rt`A single file server is a single point of failure for conferencing content and the pool's file store.`);
      ruleIds.push('FILE-SINGLE-SERVER');
      break;
    case 'dfs':
      detail.push(
        rt`A DFS namespace with replication; back the share up every ${String(RECOVERY.dfsBackupHours[0])}–${String(RECOVERY.dfsBackupHours[1])} hours when its content is critical (no RTO/RPO is published for DFS).`,
      );
      ruleIds.push('FILE-DFS-NO-RTO');
      break;
    case 'cluster':
      detail.push(rt`A clustered file server on Windows Server 2012 or later.`);
      ruleIds.push('FILE-CLUSTER-OS');
      break;
    case 'nas':
      pre.push(
        rt`Network attached storage is not supported for the Skype for Business file share: use direct-attached or SAN storage.`,
      );
      ruleIds.push('FILE-NAS');
      break;
  }
  const users = ctx.ix.in(f.id, 'fileStore').map((l) => ctx.ix.node(l.from));
  if (users.length)
    detail.push(
      rt`Used by ${joinRich(
        users.map((u) => rt`${ctx.name(u)}`),
        ', ',
      )}.`,
    );
  return makeStep({
    id: `file-share:${f.id}`,
    phase: 'prepare',
    title: `Create the file share for ${ctx.label(f)}`,
    tool: 'Win',
    detail,
    preconditions: pre,
    nodeIds: [f.id],
    docs: [DOC.fileShare, DOC.fileSharing],
    ruleIds,
  });
}

function oosFarmStep(ctx: PlanContext, o: NodeOfKind<'officeOnlineServer'>): Step {
  const zone =
    o.zone === 'internal'
      ? rt`in the internal network, the same network zone as Skype for Business Server`
      : o.zone === 'perimeter'
        ? rt`in the perimeter network (Office Online Server setup needs domain membership: your policy must allow domain members there)`
        : rt`outside the internal firewall`;
  return makeStep({
    id: `oos-farm:${o.id}`,
    phase: 'prepare',
    title: `Build the Office Online Server farm ${ctx.label(o)}`,
    tool: 'Win',
    detail: [
      rt`Install Office Online Server on ${plural(o.servers, 'dedicated server')} ${zone}, and create the farm reachable at ${code(`https://${o.fqdn}`)}.`,
      rt`No Skype for Business role may be installed on these servers.`,
    ],
    nodeIds: [o.id],
    docs: [DOC.owas, DOC.conferencingTopology],
    ruleIds: ['OWAS-SEPARATE-SERVER', ...(o.zone === 'perimeter' ? ['OWAS-PERIMETER'] : [])],
  });
}
