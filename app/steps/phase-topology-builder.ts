/**
 * Topology Builder phase: the topology (new, or downloaded from the deployment), SQL
 * stores, file stores, every pool, Office Online Server farms and the pool pairings,
 * ready for one publish.
 */
import { productVersionLabel } from '../model/product-versions';
import { RECOVERY } from '../model/reference-numbers';
import type { NodeOfKind, PoolPairing, SqlStore } from '../model/schema';
import { isRegistrar, type RegistrarPool } from '../model/topology-index';
import { DOC } from './docs';
import { pcServerSummary } from './phase-prepare';
import type { PlanBuilder } from './plan-builder';
import { plural, type EdgePool, type PersistentChatPool, type PlanContext } from './plan-context';
import { tbMirroring, tbSqlStore } from './sql-steps';
import { makeStep } from './step';
import { code, joinRich, rt, ui } from './text';
import type { RichText, Step } from './types';

type Edge = EdgePool;

export function topologyBuilder(plan: PlanBuilder): void {
  const { ctx } = plan;
  const sites = ctx.doc.sites.map(
    (s) => rt`${ctx.siteName(s.id)} (${s.kind === 'central' ? 'central site' : 'branch site'}${s.region ? `, ${s.region}` : ''})`,
  );
  plan.add(
    makeStep({
      id: 'tb-start',
      phase: 'topologyBuilder',
      title: ctx.greenfield ? 'Start Topology Builder with a new topology' : 'Download the current topology and keep a copy',
      tool: 'TB',
      detail: ctx.greenfield
        ? [
            rt`Topology Builder → ${ui('New Topology')} → save the .tbxml file → primary SIP domain → define the sites:`,
            ...sites.map((s) => rt`• ${s}`),
          ]
        : [
            rt`Topology Builder → ${ui('Download Topology from existing deployment')} → ${ui('OK')} → save a copy of the current topology, so it can be republished if the change goes wrong.`,
            ...sites.map((s) => rt`• ${s}`),
          ],
      preconditions: ctx.greenfield ? [rt`Active Directory is prepared and the administrative tools are installed.`] : [],
      docs: ctx.greenfield ? [DOC.newTopology] : [DOC.owas, DOC.newTopology],
    }),
  );
  // The same topology as a file: the designer writes it (Export → Topology Builder document), the
  // architect reviews it in Topology Builder; the steps below remain the way to define it by hand.
  if (ctx.greenfield)
    plan.add(
      makeStep({
        id: 'tb-open-generated',
        phase: 'topologyBuilder',
        title: 'Or open the generated topology document and review it',
        tool: 'TB',
        detail: [
          rt`In the designer, ${ui('Export')} → ${ui('Topology Builder document')} writes this design as ${code('topology.xml')}. Topology Builder → ${ui('File')} → ${ui('Open Topology')} → ${ui('From a local file')} → ${code('topology.xml')}.`,
          rt`Review it before publishing: the document is generated. Replace the values the export lists as placeholders (the names of the servers in each pool, IP addresses, external FQDNs, the SIP domain), and check the pool pairings, SQL stores and file stores against the steps below.`,
          rt`Scripted alternative, once reviewed: ${code("Publish-CsTopology -FileName 'topology.xml'")} from the Skype for Business Server Management Shell. The steps below define the same topology by hand.`,
        ],
        preconditions: [rt`Active Directory is prepared and the administrative tools are installed.`],
        docs: [DOC.newTopology, DOC.psPublish],
      }),
    );
  // A mirrored Back End is defined on the pool wizard's SQL store page, right after its pool (below).
  const mirroredBackEnds = new Map<string, SqlStore>();
  for (const p of plan.registrars)
    if (p.kind === 'frontEndPool' && !ctx.existing(p)) {
      const be = ctx.ix.backEnd(p.id);
      if (be && ctx.mirrorSet(be) && !mirroredBackEnds.has(be.id)) mirroredBackEnds.set(be.id, be);
    }
  for (const s of plan.principalStores()) {
    if (!plan.storeIsNew(s) || mirroredBackEnds.has(s.id)) continue;
    if (ctx.mirrorSet(s)) plan.add(tbMirroring(ctx, s));
    else plan.add(tbSqlStore(ctx, s));
    for (const l of ctx.ix.out(s.id, 'logShipping')) {
      const b = ctx.ix.node(l.to);
      if (b?.kind === 'sqlStore') plan.add(ctx.mirrorSet(b) ? tbMirroring(ctx, b) : tbSqlStore(ctx, b));
    }
  }
  for (const f of ctx.ix.ofKind('fileStore'))
    plan.add(
      makeStep({
        id: `tb-file-store:${f.id}`,
        phase: 'topologyBuilder',
        title: `Define the file store ${ctx.label(f)}`,
        tool: 'TB',
        detail: [
          rt`${ui('Define New File Store')} (from a pool wizard's ${ui('New')} button or ${ui('Shared Components')} → ${ui('File Stores')}): ${ui('File server FQDN')} = ${code(f.fqdn)}, ${ui('File share')} = ${code(f.share)}.`,
        ],
        nodeIds: [f.id],
        docs: [DOC.newTopology, DOC.fileShare],
      }),
    );
  for (const p of plan.registrars) {
    if (ctx.existing(p)) continue;
    plan.add(tbRegistrar(ctx, p));
    const be = p.kind === 'frontEndPool' ? ctx.ix.backEnd(p.id) : undefined;
    if (be && mirroredBackEnds.get(be.id) === be) {
      plan.add(tbMirroring(ctx, be, ctx.name(p)));
      mirroredBackEnds.delete(be.id);
    }
  }
  for (const d of ctx.ix.ofKind('directorPool')) plan.add(tbSimplePool(ctx, d, 'Director pool', ['DIR-MIN-TWO']));
  for (const m of ctx.ix.ofKind('mediationPool')) plan.add(tbSimplePool(ctx, m, 'Mediation pool', ['MED-STANDALONE-LB']));
  for (const c of plan.pcPools()) plan.add(tbPersistentChat(ctx, c));
  for (const e of ctx.ix.ofKind('edgePool')) plan.add(tbEdge(ctx, e));
  for (const b of ctx.ix.ofKind('survivableBranch')) plan.add(tbBranch(ctx, b));
  for (const o of ctx.ix.ofKind('officeOnlineServer')) {
    const step = tbOfficeOnline(ctx, o);
    if (step) plan.add(step);
  }
  for (const l of ctx.ix.linksOfKind('pairing')) {
    const step = tbPairing(ctx, l);
    if (step) plan.add(step);
  }
}

function tbRegistrar(ctx: PlanContext, p: RegistrarPool): Step {
  const detail: RichText[] = [];
  const assoc: RichText[] = [];
  const be = p.kind === 'frontEndPool' ? ctx.ix.backEnd(p.id) : undefined;
  if (p.kind === 'frontEndPool') {
    detail.push(
      rt`${ui('Enterprise Edition Front End Pools')} → ${ui('New Front End Pool')} → ${ui('Pool FQDN')} = ${code(p.fqdn)} → ${ui('Define the computers in this pool')}: ${plural(p.frontEndServers, 'server')}.`,
      rt`${ui('Select features')}: ${p.conferencing ? rt`tick ${ui('Conferencing')}` : rt`leave ${ui('Conferencing')} clear`}; ${p.mediationCollocated ? rt`tick ${ui('Collocated Mediation Server')}` : rt`no collocated Mediation Server`}.`,
    );
    if (be)
      assoc.push(
        rt`${ui('SQL Server store')} = ${code(ctx.instanceLabel(ctx.primaryNode(be), be.instance))}${ctx.mirrorSet(be) ? ' (mirroring: next step)' : ''}`,
      );
    if (p.sipLoadBalancing === 'dns')
      detail.push(
        rt`${ui('Web Services')}: tick ${ui('Override internal Web Services pool FQDN')} and give an FQDN of its own (unique across pools and Directors), since SIP uses DNS load balancing.`,
      );
    if (p.largeMeetingPool) detail.push(rt`A dedicated large-meeting pool: home only the organisers of large meetings here.`);
  } else {
    detail.push(
      rt`${ui('Standard Edition Front End Servers')} → ${ui('New Front End Server')} → ${ui('FQDN')} = ${code(p.fqdn)}; ${p.mediationCollocated ? rt`tick ${ui('Collocated Mediation Server')}` : rt`no collocated Mediation Server`}.`,
    );
  }
  for (const l of ctx.ix.out(p.id, 'store')) {
    const s = ctx.ix.node(l.to);
    if (l.role === 'monitoring') assoc.push(rt`${ui('Monitoring (CDR and QoE metrics)')} = ${code(ctx.label(s))}`);
    if (l.role === 'archiving') assoc.push(rt`${ui('Archiving')} = ${code(ctx.label(s))}`);
  }
  const fs = ctx.ix.out(p.id, 'fileStore').map((l) => ctx.ix.node(l.to));
  for (const f of fs) if (f && f.kind === 'fileStore') assoc.push(rt`${ui('File share')} = ${code(`\\\\${f.fqdn}\\${f.share}`)}`);
  for (const l of ctx.ix.out(p.id, 'mediaEdge')) {
    const e = ctx.ix.node(l.to);
    if (e)
      assoc.push(
        rt`${ui(p.kind === 'frontEndPool' ? 'Associate Edge pool (for media components)' : 'Associate Edge pool')} = ${code(ctx.label(e))}`,
      );
  }
  if (assoc.length) detail.push(rt`Associations: ${joinRich(assoc, '; ')}.`);
  if (p.cumulativeUpdate) detail.push(rt`Target patch level: ${productVersionLabel(p.productVersion)} ${p.cumulativeUpdate}.`);
  const title =
    p.kind === 'frontEndPool'
      ? `Define the Front End pool ${ctx.label(p)}`
      : `Define the Standard Edition server ${ctx.label(p)}`;
  return makeStep({
    id: `tb-pool:${p.id}`,
    phase: 'topologyBuilder',
    title,
    tool: 'TB',
    detail,
    nodeIds: [p.id, ...(be ? [be.id] : []), ...fs.flatMap((f) => (f ? [f.id] : []))],
    docs: [DOC.newTopology, 'Skype/SfbServer/help-topics/help-topobld/front-end-general-settings-expander.md'],
  });
}

function tbSimplePool(
  ctx: PlanContext,
  n: NodeOfKind<'directorPool'> | NodeOfKind<'mediationPool'>,
  what: string,
  ruleIds: string[],
): Step {
  const detail: RichText[] = [
    rt`New ${what}: ${ui('Pool FQDN')} = ${code(n.fqdn)} → ${n.servers > 1 ? rt`${ui('Multiple computer pool')}` : rt`${ui('Multiple computer pool')} (servers can be added later)`} → ${plural(n.servers, 'server')}.`,
  ];
  if (n.kind === 'mediationPool')
    detail.push(
      rt`A pool of several Mediation Servers relies on DNS load balancing: the DNS step creates a record for every member.`,
    );
  if (n.kind === 'directorPool') {
    const fs = ctx.ix.out(n.id, 'fileStore').map((l) => ctx.ix.node(l.to));
    for (const f of fs)
      if (f && f.kind === 'fileStore') detail.push(rt`${ui('File share')} = ${code(`\\\\${f.fqdn}\\${f.share}`)}.`);
    detail.push(rt`Web services FQDNs unique across Directors and Front End pools.`);
  }
  return makeStep({
    id: `tb-pool:${n.id}`,
    phase: 'topologyBuilder',
    title: `Define the ${what} ${ctx.label(n)}`,
    tool: 'TB',
    detail,
    nodeIds: [n.id],
    docs: [DOC.newTopology, DOC.loadBalancing, ...(n.kind === 'mediationPool' ? [DOC.mediation] : [])],
    ruleIds,
  });
}

function tbPersistentChat(ctx: PlanContext, c: PersistentChatPool): Step {
  const detail: RichText[] = [
    rt`${ui('Persistent Chat Pools')} → ${ui('New Persistent Chat Pool')} → ${ui('Pool FQDN')} = ${code(c.fqdn)} → ${ui('Multiple computer pool')} (a single-computer pool can never get more servers) → ${plural(c.servers.length, 'server')}.`,
  ];
  const assoc: RichText[] = [];
  for (const s of ctx.ix.stores(c.id, 'persistentChat')) {
    assoc.push(rt`${ui('SQL Server store')} = ${code(ctx.instanceLabel(s.fqdn, s.instance))}`);
    const m = ctx.mirrorSet(s);
    if (m)
      assoc.push(
        rt`tick ${ui('Enable SQL Server store mirroring')} with ${code(ctx.instanceLabel(m.mirror.fqdn, m.mirror.instance))}`,
      );
    for (const l of ctx.ix.out(s.id, 'logShipping')) {
      const b = ctx.ix.node(l.to);
      if (b?.kind !== 'sqlStore') continue;
      assoc.push(
        rt`tick ${ui('Enable SQL Server Log Shipping')}, secondary store ${code(ctx.instanceLabel(b.fqdn, b.instance))}`,
      );
      const bm = ctx.mirrorSet(b);
      if (bm) assoc.push(rt`mirror of the secondary ${code(ctx.instanceLabel(bm.mirror.fqdn, bm.mirror.instance))}`);
    }
  }
  if (c.compliance)
    for (const s of ctx.ix.stores(c.id, 'persistentChatCompliance'))
      assoc.push(rt`tick ${ui('Enable compliance')}, compliance store ${code(ctx.instanceLabel(s.fqdn, s.instance))}`);
  for (const l of ctx.ix.out(c.id, 'fileStore')) {
    const f = ctx.ix.node(l.to);
    if (f?.kind === 'fileStore') assoc.push(rt`${ui('File share')} = ${code(`\\\\${f.fqdn}\\${f.share}`)}`);
  }
  for (const l of ctx.ix.out(c.id, 'nextHop')) assoc.push(rt`${ui('Next hop pool')} = ${code(ctx.label(ctx.ix.node(l.to)))}`);
  if (assoc.length) detail.push(rt`${joinRich(assoc, '; ')}.`);
  detail.push(rt`Active servers per data center: ${joinRich(pcServerSummary(ctx, c), '; ')}.`);
  return makeStep({
    id: `tb-pool:${c.id}`,
    phase: 'topologyBuilder',
    title: `Define the Persistent Chat pool ${ctx.label(c)}`,
    tool: 'TB',
    detail,
    nodeIds: [c.id],
    docs: [DOC.pchatAdd, DOC.pchatHadrDeploy, DOC.pchatTopology],
    ruleIds: ['PCHAT-SINGLE-COMPUTER'],
  });
}

function tbEdge(ctx: PlanContext, e: Edge): Step {
  const detail: RichText[] = [
    rt`${ui('Edge pools')} → ${ui('New Edge Pool')} → ${ui('Pool FQDN')} = ${code(e.fqdn)} → ${e.servers > 1 ? rt`${ui('Multiple computer pool')}` : rt`${ui('Multiple computer pool')} (a single-computer pool can never get a second server)`} → ${plural(e.servers, 'Edge server')}; internal and external interfaces on separate networks.`,
    e.federation
      ? rt`${ui('General')}: tick ${ui('Enable federation for this Edge pool (Port 5061)')}.`
      : rt`${ui('General')}: leave ${ui('Enable federation for this Edge pool (Port 5061)')} clear (another Edge pool carries federation, or none).`,
  ];
  if (e.xmpp && e.productVersion === '2015')
    detail.push(rt`Tick ${ui('Enable XMPP federation')} (Skype for Business Server 2015 only).`);
  for (const l of ctx.ix.out(e.id, 'nextHop'))
    detail.push(rt`${ui('Next Hop')} → ${ui('Next hop pool')} = ${code(ctx.label(ctx.ix.node(l.to)))}.`);
  detail.push(
    rt`Internal and external load balancing: ${e.internalLoadBalancing === 'dns' ? 'DNS' : 'hardware'} / ${e.externalLoadBalancing === 'dns' ? 'DNS' : 'hardware'}.`,
  );
  return makeStep({
    id: `tb-pool:${e.id}`,
    phase: 'topologyBuilder',
    title: `Define the Edge pool ${ctx.label(e)}`,
    tool: 'TB',
    detail,
    nodeIds: [e.id],
    docs: [DOC.edgeDeploy, DOC.loadBalancing],
    ruleIds: e.federation ? ['EDGE-FED-ROUTE'] : [],
  });
}

function tbBranch(ctx: PlanContext, b: NodeOfKind<'survivableBranch'>): Step {
  const backup = ctx.ix.out(b.id, 'backupRegistrar').map((l) => ctx.ix.node(l.to));
  return makeStep({
    id: `tb-pool:${b.id}`,
    phase: 'topologyBuilder',
    title: `Define the ${b.variant === 'sba' ? 'survivable branch appliance' : 'survivable branch server'} ${ctx.label(b)}`,
    tool: 'TB',
    detail: [
      rt`In the branch site ${ctx.siteName(b.siteId)}: ${ui(b.variant === 'sba' ? 'New Survivable Branch Appliance' : 'New Survivable Branch Server')} → ${ui('FQDN')} = ${code(b.fqdn)}.`,
      ...backup.map((p) => rt`Associated Front End pool (backup registrar) = ${code(ctx.label(p))}.`),
      rt`Users homed here have no disaster recovery through pool pairing: if the backup registrar's site is lost they keep only the branch's own survivability.`,
    ],
    nodeIds: [b.id, ...backup.flatMap((p) => (p ? [p.id] : []))],
    docs: [DOC.voiceResiliency],
    ruleIds: ['PAIR-SBA-NO-DR'],
  });
}

/** OWAS-EXTERNAL-FLAG: the external-network check box follows `zone`. */
function tbOfficeOnline(ctx: PlanContext, o: NodeOfKind<'officeOnlineServer'>): Step | undefined {
  const pools = ctx.ix
    .in(o.id, 'officeOnline')
    .map((l) => ctx.ix.node(l.from))
    .filter(isRegistrar);
  const external = o.zone !== 'internal';
  const box = ui('Office Web Apps Server is deployed in an external network (that is, perimeter/Internet)');
  const first = pools[0];
  return makeStep({
    id: `tb-oos:${o.id}`,
    phase: 'topologyBuilder',
    title: `Define the Office Online Server farm ${ctx.label(o)}${pools.length ? ` and associate it with ${pools.map((p) => ctx.name(p)).join(', ')}` : ''}`,
    tool: 'TB',
    detail: [
      first
        ? rt`${ctx.name(first)} → ${ui('Edit Properties')} → tick ${ui('Associate pool with an Office Web Apps Server')} → ${ui('New')}:`
        : rt`${ui('Define New Office Web Apps Server')}:`,
      rt`${ui('Office Web Apps Server FQDN')} = ${code(o.fqdn)}; ${ui('Office Web Apps Server discovery URL')} = ${code(`https://${o.fqdn}/hosting/discovery`)} (filled in automatically).`,
      external
        ? rt`Tick ${box}: the farm sits ${o.zone === 'perimeter' ? 'in the perimeter network' : 'outside the internal firewall'}.`
        : rt`Leave ${box} clear: the farm sits in the same network zone as Skype for Business Server.`,
      ...(pools.length > 1
        ? [
            rt`For ${joinRich(
              pools.slice(1).map((p) => rt`${ctx.name(p)}`),
              ', ',
            )}: tick ${ui('Associate pool with an Office Web Apps Server')} and pick this farm from the list.`,
          ]
        : []),
    ],
    nodeIds: [o.id, ...pools.map((p) => p.id)],
    docs: [DOC.owas, DOC.conferencingTopology],
    ruleIds: ['OWAS-EXTERNAL-FLAG'],
  });
}

function tbPairing(ctx: PlanContext, l: PoolPairing): Step | undefined {
  const a = ctx.ix.node(l.from);
  const b = ctx.ix.node(l.to);
  if (!isRegistrar(a) || !isRegistrar(b)) return undefined;
  const seconds = l.voiceFailoverSeconds ?? RECOVERY.voiceFailoverSeconds;
  return makeStep({
    id: `tb-pairing:${l.id}`,
    phase: 'topologyBuilder',
    title: `Pair ${ctx.name(a)} with ${ctx.name(b)} as backup pools`,
    tool: 'TB',
    detail: [
      rt`${ctx.name(a)} → ${ui('Edit Properties')} → ${ui('Resiliency')} → select ${ui('Associated Backup Pool')} → pick ${code(ctx.label(b))} (only pools not yet paired are offered).`,
      l.voiceFailover
        ? rt`Tick ${ui('Automatic failover and failback for Voice')}; failure detection interval ${code(String(seconds))} seconds. This covers voice only: pool failover stays manual.`
        : rt`Leave ${ui('Automatic failover and failback for Voice')} clear, as designed.`,
      rt`Do not change the Backup Service sync interval: its 2-minute default keeps the recovery point at about 5 minutes.`,
    ],
    preconditions: [
      rt`Both pools are defined, in different data centers, with the same edition, hosting and operating system, and sized to carry both pools' users.`,
      ...(ctx.cmsAfterPlan() && (ctx.cmsAfterPlan()!.id === a.id || ctx.cmsAfterPlan()!.id === b.id)
        ? [
            rt`The pair holds the Central Management store: publishing installs a standby CMS database in the backup pool and the CMS services in both pools.`,
          ]
        : []),
    ],
    nodeIds: [a.id, b.id],
    docs: [DOC.pairing, DOC.voiceResiliency, DOC.backupService],
    ruleIds: ['PAIR-SYNC-INTERVAL', ...(l.voiceFailover ? ['PAIR-VOICE-CHECKBOX'] : [])],
  });
}
