/**
 * `generateSteps(doc)`: the ordered deployment runbook for a topology, following
 * Microsoft's deployment pages for high availability and disaster recovery (each step cites its page). Only what the topology needs, in dependency order:
 * Windows/SQL first (clusters and AG prerequisites before Topology Builder,
 * BE-HA-TOOLING), Topology Builder definitions, publish and installs (the AG itself
 * after the databases exist, then the listener switch and login sync), pairing and
 * the Backup Service, verification. Never throws; what it cannot build becomes a
 * blocking note instead of a step.
 */
import { feQuorum, PORTS, RECOVERY } from '../model/reference-numbers';
import type { NodeOfKind, PoolPairing, ProductVersion, SqlStore, Topology, TopologyNode } from '../model/schema';
import { IdMap, isRegistrar, type RegistrarPool } from '../model/topology-index';
import { DOC } from './docs';
import { PlanContext, plural, type FrontEndPool, type PersistentChatPool } from './plan-context';
import { EDGE_TWO_NICS, platformDocs, registrarPlatform, SINGLE_NIC } from './preconditions';
import { agCreate, agLoginSync, agPrepare, clusterBuild, installDatabases, mirrorPrepare, sqlInstall, ssrsInstall, tbMirroring, tbSqlStore } from './sql-steps';
import { makeStep } from './step';
import { code, joinRich, psQuote, rt, ui } from './text';
import { buildRunbook, pairedPools } from './runbooks';
import { DEPLOYMENT_PHASES, type DeploymentPhase, type PlanNote, type RichText, type Step, type StepPlan } from './types';

export function generateSteps(doc: Topology): StepPlan {
  try {
    return new DeploymentBuilder(doc).build();
  } catch (e) {
    // Defensive: a bug must not take the designer down; the plan says what happened.
    const name = typeof doc?.name === 'string' ? doc.name : '';
    return {
      title: `Deployment runbook: ${name || 'untitled topology'}`,
      topologyName: name,
      productVersions: [],
      mode: doc?.deployment?.mode === 'transition' ? 'transition' : 'greenfield',
      steps: [],
      runbooks: [],
      notes: [{ severity: 'blocking', message: rt`The runbook could not be generated (${e instanceof Error ? e.message : String(e)}).`, nodeIds: [], ruleIds: [], docs: [] }],
    };
  }
}

type Edge = NodeOfKind<'edgePool'>;

/** §9: client web traffic on Front End and Director pools. */
const WEB_HLB: RichText = rt`Hardware load balancer for web traffic: ports 80 and 443 (and 4443 from the reverse proxy), source-address persistence for internal traffic, TCP idle timeout 1800 seconds.`;

class DeploymentBuilder {
  private readonly ctx: PlanContext;
  private readonly byPhase = new Map<DeploymentPhase, Step[]>(DEPLOYMENT_PHASES.map((p) => [p, []]));
  private readonly notes: PlanNote[] = [];
  /** Step ids given out (a 5,000-node plan has some 30,000: an IdMap keeps the tables small). */
  private readonly ids = new IdMap<true>();

  constructor(doc: Topology) {
    this.ctx = new PlanContext(doc);
  }

  build(): StepPlan {
    const { ctx } = this;
    this.blockingNotes();
    this.prepare();
    this.topologyBuilder();
    this.publishInstall();
    this.pairing();
    this.verification();
    const steps = ([] as Step[]).concat(...DEPLOYMENT_PHASES.map((p) => this.byPhase.get(p)!));
    const runbooks = pairedPools(ctx).map(([pool, partner]) => buildRunbook(ctx, pool, partner));
    const versions = [...new Set(ctx.doc.nodes.flatMap((n) => ('productVersion' in n ? [n.productVersion] : [])))].sort() as ProductVersion[];
    const plan: StepPlan = {
      title: `Deployment runbook: ${ctx.doc.name.trim() === '' ? 'untitled topology' : ctx.doc.name}`,
      topologyName: ctx.doc.name,
      productVersions: versions,
      mode: ctx.doc.deployment.mode,
      steps,
      runbooks,
      notes: this.notes,
    };
    if (ctx.doc.description !== undefined) plan.description = ctx.doc.description;
    return plan;
  }

  // ---------------------------------------------------------------- plumbing

  private add(step: Step): void {
    // Ids are unique by construction; a clash means two nodes share an id, which the parser refuses.
    // set() takes an id that is free and says whether it was.
    let id = step.id;
    for (let n = 2; !this.ids.set(id, true); n++) id = `${step.id}#${n}`;
    this.byPhase.get(step.phase as DeploymentPhase)!.push(id === step.id ? step : { ...step, id });
  }

  private note(severity: PlanNote['severity'], message: RichText, nodeIds: string[], ruleIds: string[], docs: string[]): void {
    this.notes.push({ severity, message, nodeIds, ruleIds, docs });
  }

  private get registrars(): readonly RegistrarPool[] {
    return this.ctx.registrarsInBuildOrder();
  }

  /** Principal stores in build order: Back Ends of registrars (build order), then the others, document order. Several phases ask: built once. */
  private principalStores(): readonly SqlStore[] {
    if (this.principals) return this.principals;
    const { ctx } = this;
    const out: SqlStore[] = [];
    const seen = new Set<SqlStore>();
    const push = (s: SqlStore | undefined) => {
      if (s && !seen.has(s) && !ctx.isPartnerStore(s)) {
        seen.add(s);
        out.push(s);
      }
    };
    for (const p of this.registrars) if (p.kind === 'frontEndPool') push(ctx.ix.backEnd(p.id));
    for (const s of ctx.ix.ofKind('sqlStore')) push(s);
    return (this.principals = out);
  }
  private principals: SqlStore[] | undefined;

  /** A store is built by these steps unless only existing pools use it, or its HA mode cannot be built. Asked per phase: remembered. */
  private storeIsNew(s: SqlStore): boolean {
    let isNew = this.newStores.get(s);
    if (isNew === undefined) {
      const users = this.ctx.ix.poolsUsingTransitively(s.id);
      isNew = users.length === 0 || users.some((p) => !this.ctx.existing(p));
      this.newStores.set(s, isNew);
    }
    return isNew;
  }
  private readonly newStores = new Map<SqlStore, boolean>();

  private pcPools(): PersistentChatPool[] {
    return this.ctx.ix.ofKind('persistentChatPool').filter((c) => c.productVersion === '2015');
  }

  // ---------------------------------------------------------------- notes

  private blockingNotes(): void {
    const { ctx } = this;
    for (const s of ctx.ix.ofKind('sqlStore')) {
      if (ctx.ix.mirrored(s) && ctx.mirroringBlocked(s))
        this.note('blocking', rt`${ctx.label(s)} is mirrored for a Skype for Business Server 2019 pool: SQL mirroring cannot be deployed on 2019, so the runbook builds no mirroring for it. Use an AlwaysOn availability group or a SQL failover cluster.`, [s.id], ['BE-MIRROR-2019'], [DOC.deprecated2019, DOC.backEndPlan]);
      else if (s.haMode === 'mirroring' && !ctx.mirrorSet(s))
        this.note('blocking', rt`${ctx.label(s)} is set to SQL mirroring but has no mirror: no mirroring steps until a mirror is drawn.`, [s.id], ['BE-HA-INCOMPLETE'], [DOC.mirroring]);
      if (s.haMode === 'alwaysOnAg' && !ctx.agOf(s))
        this.note('blocking', rt`${ctx.label(s)} is set to an AlwaysOn availability group without listener and replicas: no availability group steps until they are given.`, [s.id], ['BE-HA-INCOMPLETE'], [DOC.ag]);
      if (ctx.agOf(s) && (ctx.hasRole(s, 'persistentChat') || ctx.hasRole(s, 'persistentChatCompliance')))
        this.note('warning', rt`${ctx.label(s)} holds Persistent Chat databases and is an availability group: the Persistent Chat databases are left out of the group (not supported), so they have no high availability there.`, [s.id], ['PCHAT-NO-AG', 'BE-AG-EXCLUDED-DATABASES'], [DOC.ag]);
    }
    for (const c of ctx.ix.ofKind('persistentChatPool'))
      if (c.productVersion === '2019')
        this.note('blocking', rt`${ctx.label(c)} is a Persistent Chat pool on Skype for Business Server 2019, where the role does not exist: the runbook has no Persistent Chat steps for it.`, [c.id], ['PCHAT-2019'], [DOC.deprecated2019]);
    for (const e of ctx.ix.ofKind('edgePool'))
      if (e.xmpp && e.productVersion === '2019')
        this.note('blocking', rt`${ctx.label(e)} has XMPP federation on Skype for Business Server 2019, where the XMPP gateway was removed: no XMPP steps.`, [e.id], ['EDGE-XMPP-2019'], [DOC.deprecated2019]);
    for (const p of ctx.ix.ofKind('frontEndPool'))
      if (!ctx.ix.backEnd(p.id)) this.note('warning', rt`${ctx.label(p)} has no single Back End store: its SQL steps are missing until one Back End is drawn.`, [p.id], ['FE-EE-NEEDS-BE'], [DOC.topologyBasics]);
    if (!ctx.cmsHost() && this.registrars.length > 0)
      this.note('warning', rt`No Central Management store host is chosen: the publish step cannot say which pool gets it.`, [], ['CMS-EXACTLY-ONE'], [DOC.newTopology]);
    for (const p of ctx.ix.registrars())
      if (ctx.ix.partners(p.id).length > 1)
        this.note('warning', rt`${ctx.label(p)} has more than one backup pool; Topology Builder allows one, so no failover runbook is generated for it.`, [p.id], ['PAIR-ONE-TO-ONE'], [DOC.pairing]);
    for (const l of ctx.ix.linksOfKind('pairing'))
      if (l.voiceFailover)
        this.note('info', rt`"Automatic failover and failback for Voice" covers voice only (phones move after ${String(l.voiceFailoverSeconds ?? RECOVERY.voiceFailoverSeconds)} s); failing the pool over and back is always the manual runbook.`, [l.from, l.to], ['PAIR-VOICE-CHECKBOX', 'VOICE-FAILOVER-INTERVAL'], [DOC.pairing, DOC.voiceResiliency]);
    if (ctx.ix.linksOfKind('pairing').length)
      this.note('info', rt`The Location Information Server (E9-1-1) database is not replicated to the backup pool: back it up regularly; the failover runbooks restore it.`, [], ['PAIR-LIS-NOT-REPLICATED'], [DOC.userExperience]);
    if (!ctx.greenfield)
      this.note('info', rt`Transition mode: steps for servers that already exist can be skipped; only Front End pools record whether they are deployed, and those are left out of the build steps.`, [], [], []);
  }

  // ---------------------------------------------------------------- prepare

  private prepare(): void {
    const { ctx } = this;
    if (ctx.greenfield && this.registrars.some((p) => !ctx.existing(p)))
      this.add(
        makeStep({
          id: 'ad-prepare',
          phase: 'prepare',
          title: 'Prepare Active Directory and install the administrative tools',
          tool: 'DW',
          detail: [
            rt`Deployment Wizard → ${ui('Prepare Active Directory')}: ${ui('Prepare Schema')}, ${ui('Prepare Current Forest')}, then ${ui('Prepare Current Domain')} in every domain with Skype for Business servers or users.`,
            rt`Install the administrative tools (Topology Builder and the Management Shell) on the computer you publish from.`,
          ],
          preconditions: [rt`An account with the rights each step asks for (schema, forest and domain preparation) and membership of RTCUniversalServerAdmins for what follows.`],
          docs: [DOC.prepareAd, 'Skype/SfbServer/deploy/install/install-administrative-tools.md'],
        }),
      );
    this.transitionConversions();
    for (const p of this.registrars) if (!ctx.existing(p)) this.add(this.serversStep(p));
    for (const d of ctx.ix.ofKind('directorPool')) this.add(this.serversStep(d));
    for (const m of ctx.ix.ofKind('mediationPool')) this.add(this.serversStep(m));
    for (const c of this.pcPools()) {
      this.add(this.serversStep(c));
      this.add(
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
    for (const e of ctx.ix.ofKind('edgePool')) this.add(this.serversStep(e));
    for (const b of ctx.ix.ofKind('survivableBranch')) this.add(this.serversStep(b));

    for (const s of this.principalStores()) {
      if (!this.storeIsNew(s)) continue;
      if (ctx.clustered(s)) this.add(clusterBuild(ctx, s));
      else this.add(sqlInstall(ctx, s));
      if (ctx.hasRole(s, 'monitoring')) this.add(ssrsInstall(ctx, s));
      if (ctx.mirrorSet(s)) this.add(mirrorPrepare(ctx, s));
      if (ctx.agOf(s)) for (const st of agPrepare(ctx, s)) this.add(st);
      // Log-shipping secondaries (Persistent Chat DR) are SQL installs of their own.
      for (const l of ctx.ix.out(s.id, 'logShipping')) {
        const b = ctx.ix.node(l.to);
        if (b?.kind === 'sqlStore') {
          this.add({ ...sqlInstall(ctx, b), id: `sql-install:${b.id}` });
          if (ctx.mirrorSet(b)) this.add(mirrorPrepare(ctx, b));
        }
      }
    }
    this.pchatLogShippingShare();
    for (const f of ctx.ix.ofKind('fileStore')) this.add(this.fileShareStep(f));
    for (const o of ctx.ix.ofKind('officeOnlineServer')) this.add(this.oosFarmStep(o));
    this.dnsSteps();
    const cms = ctx.cmsHost();
    if (cms && cms.kind === 'standardEditionServer' && ctx.greenfield)
      this.add(
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

  private serversStep(n: RegistrarPool | NodeOfKind<'directorPool'> | NodeOfKind<'mediationPool'> | PersistentChatPool | Edge | NodeOfKind<'survivableBranch'>): Step {
    const { ctx } = this;
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
        pre.push(rt`Every server of the pool runs the same operating system${n.domain ? rt` and is joined to ${ui(n.domain)}` : ''}, in ${ctx.siteName(n.siteId)}; a pool is never stretched across sites.`);
        if (n.productVersion === '2015' && count === 2)
          pre.push(rt`A two-server Enterprise pool needs special care: restart both servers together, or in reverse order of shutdown, or run ${code('Reset-CsPoolRegistrarState -ResetType QuorumLossRecovery')} before starting it.`);
        docs = [...docs, ...platformDocs(n.productVersion)];
        break;
      }
      case 'standardEditionServer': {
        what = `the Standard Edition server ${ctx.label(n)}`;
        const platform = registrarPlatform(n);
        pre.push(...platform.preconditions, SINGLE_NIC);
        ruleIds.push(...platform.ruleIds, 'GEN-NO-MULTIHOMED');
        detail.push(rt`Setup installs SQL Server ${n.productVersion === '2019' ? '2016' : '2014'} Express as the server's own store; it cannot be moved or made highly available.`);
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
        detail.push(rt`Servers by data center: ${joinRich(this.pcServerSummary(n), '; ')}.`);
        docs = [...docs, DOC.pchatPlanHadr];
        break;
      case 'edgePool':
        what = `${servers('Edge server')} of ${ctx.label(n)}`;
        pre.push(EDGE_TWO_NICS, rt`The Edge servers sit in the perimeter network, not joined to the internal domain.`);
        ruleIds.push('EDGE-TWO-NICS');
        docs = [...docs, DOC.edgeDeploy, DOC.loadBalancing];
        break;
      case 'survivableBranch':
        what = n.variant === 'sba' ? `the survivable branch appliance ${ctx.label(n)}` : `the survivable branch server ${ctx.label(n)}`;
        detail.push(n.variant === 'sba' ? rt`An appliance from a qualified vendor; follow the vendor's procedure after it is defined in Topology Builder.` : rt`A Windows server running the Registrar and Mediation Server roles.`);
        docs = [DOC.voiceResiliency];
        break;
    }
    detail.unshift(rt`Install Windows Server, join the servers to the domain (Edge servers excepted), install the prerequisites for Skype for Business Server and every Windows update.`);
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

  private pcServerSummary(c: PersistentChatPool): RichText[] {
    const bySite = new Map<string, { active: number; standby: number }>();
    for (const s of c.servers) {
      const e = bySite.get(s.siteId) ?? { active: 0, standby: 0 };
      if (s.active) e.active++;
      else e.standby++;
      bySite.set(s.siteId, e);
    }
    return [...bySite].map(([site, e]) => rt`${this.ctx.siteName(site)}: ${String(e.active)} active, ${String(e.standby)} standby`);
  }

  private pchatLogShippingShare(): void {
    const { ctx } = this;
    for (const c of this.pcPools()) {
      const primaries = [...ctx.ix.stores(c.id, 'persistentChat'), ...ctx.ix.stores(c.id, 'persistentChatCompliance')];
      const shipped = primaries.filter((s) => ctx.ix.out(s.id, 'logShipping').length > 0);
      if (!shipped.length) continue;
      this.add(
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

  private fileShareStep(f: NodeOfKind<'fileStore'>): Step {
    const { ctx } = this;
    const unc = `\\\\${f.fqdn}\\${f.share}`;
    const detail: RichText[] = [rt`Create the share ${code(unc)} before publishing; Topology Builder sets its permissions when the topology is published.`];
    const pre: RichText[] = [];
    const ruleIds: string[] = [];
    switch (f.storage) {
      case 'singleServer':
        detail.push(rt`A single file server is a single point of failure for conferencing content and the pool's file store.`);
        ruleIds.push('FILE-SINGLE-SERVER');
        break;
      case 'dfs':
        detail.push(rt`A DFS namespace with replication; back the share up every ${String(RECOVERY.dfsBackupHours[0])}–${String(RECOVERY.dfsBackupHours[1])} hours when its content is critical (no RTO/RPO is published for DFS).`);
        ruleIds.push('FILE-DFS-NO-RTO');
        break;
      case 'cluster':
        detail.push(rt`A clustered file server on Windows Server 2012 or later.`);
        ruleIds.push('FILE-CLUSTER-OS');
        break;
      case 'nas':
        pre.push(rt`Network attached storage is not supported for the Skype for Business file share: use direct-attached or SAN storage.`);
        ruleIds.push('FILE-NAS');
        break;
    }
    const users = ctx.ix.in(f.id, 'fileStore').map((l) => ctx.ix.node(l.from));
    if (users.length) detail.push(rt`Used by ${joinRich(users.map((u) => rt`${ctx.name(u)}`), ', ')}.`);
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

  private oosFarmStep(o: NodeOfKind<'officeOnlineServer'>): Step {
    const { ctx } = this;
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

  private dnsSteps(): void {
    const { ctx } = this;
    const perServer = (fqdn: string, count: number, what: string): RichText[] =>
      Array.from({ length: count }, (_, i) => rt`${code(fqdn)} A → IP address of ${what} ${String(i + 1)}`);
    const add = (n: TopologyNode & { fqdn: string }, detail: RichText[], ruleIds: string[] = [], docs: string[] = [DOC.dnsRecords, DOC.loadBalancing]) =>
      this.add(makeStep({ id: `dns:${n.id}`, phase: 'prepare', title: `Create the DNS records for ${ctx.label(n)}`, tool: 'DNS', detail, nodeIds: [n.id], docs, ruleIds }));
    for (const p of this.registrars) {
      if (ctx.existing(p)) continue;
      if (p.kind === 'standardEditionServer') add(p, [rt`${code(p.fqdn)} A → the server's IP address.`]);
      else
        add(p, [
          ...(p.sipLoadBalancing === 'dns'
            ? [rt`DNS load balancing: one A record per Front End server for the pool FQDN (only servers that are deployed):`, ...perServer(p.fqdn, p.frontEndServers, 'Front End server')]
            : [rt`${code(p.fqdn)} A → the hardware load balancer's virtual IP.`]),
          p.sipLoadBalancing === 'dns'
            ? rt`Web services: override the internal web services FQDN in Topology Builder and point it, and the external web services FQDN, at the hardware load balancer's virtual IP (DNS load balancing cannot carry web traffic).`
            : rt`Web services FQDNs → the hardware load balancer's virtual IP.`,
          WEB_HLB,
        ]);
    }
    for (const d of ctx.ix.ofKind('directorPool'))
      add(d, [
        ...(d.sipLoadBalancing === 'dns' ? [rt`DNS load balancing: one A record per Director:`, ...perServer(d.fqdn, d.servers, 'Director')] : [rt`${code(d.fqdn)} A → the hardware load balancer's virtual IP.`]),
        rt`Web services FQDNs → the hardware load balancer's virtual IP.`,
        WEB_HLB,
      ]);
    for (const m of ctx.ix.ofKind('mediationPool'))
      add(m, [rt`DNS load balancing for the stand-alone Mediation pool: one A record per member.`, ...perServer(m.fqdn, m.servers, 'Mediation Server')], ['MED-STANDALONE-LB']);
    for (const e of ctx.ix.ofKind('edgePool')) {
      const rows: RichText[] = [];
      if (e.internalLoadBalancing === 'dns') rows.push(rt`Internal: one A record per Edge server's internal interface:`, ...perServer(e.fqdn, e.servers, 'Edge server (internal)'));
      else rows.push(rt`Internal: ${code(e.fqdn)} A → the internal hardware load balancer's virtual IP.`);
      rows.push(
        e.externalLoadBalancing === 'dns'
          ? rt`External: for each of the Access Edge, Web Conferencing Edge and A/V Edge FQDNs, one A record per Edge server (${String(e.servers)} each).`
          : rt`External: the Access Edge, Web Conferencing Edge and A/V Edge FQDNs → the external hardware load balancer's virtual IPs.`,
      );
      rows.push(
        e.internalLoadBalancing === e.externalLoadBalancing
          ? rt`Both interfaces use the same load-balancing type${e.internalLoadBalancing === 'hlb' ? '; the hardware load balancer must not use direct server return NAT' : ''}.`
          : rt`The design mixes DNS and hardware load balancing on the two interfaces: use the same type on both.`,
      );
      if (e.federation) rows.push(rt`Federation: SRV ${code('_sipfederationtls._tcp.<SIP domain>')} port ${code(String(PORTS.sipFederation))} → the Access Edge FQDN.`);
      if (e.xmpp && e.productVersion === '2015')
        rows.push(rt`XMPP: SRV ${code('_xmpp-server._tcp.<SIP domain>')} port ${code(String(PORTS.xmppFederation))} → this pool; give every Edge pool such a record with a different priority so XMPP federation can move.`);
      add(e, rows, e.xmpp ? ['EDGE-XMPP-SRV'] : [], [DOC.dnsRecords, DOC.loadBalancing, DOC.edgeDeploy]);
    }
    for (const o of ctx.ix.ofKind('officeOnlineServer'))
      add(o, [o.servers > 1 ? rt`${code(o.fqdn)} A → the load balancer in front of the ${String(o.servers)} farm servers.` : rt`${code(o.fqdn)} A → the Office Online Server.`], [], [DOC.owas]);
  }

  // ---------------------------------------------------------------- existing pools (transition)

  /** Existing pools converted to an AG (§2.3, §2.2 first on 2015) or given mirroring (§4.2). */
  private transitionConversions(): void {
    const { ctx } = this;
    if (ctx.greenfield) return;
    for (const p of ctx.ix.ofKind('frontEndPool')) {
      if (!ctx.existing(p)) continue;
      const s = ctx.ix.backEnd(p.id);
      if (!s) continue;
      if (ctx.agOf(s)) this.convertToAg(p, s);
      else if (ctx.mirrorSet(s)) this.addMirroring(p, s);
    }
  }

  /** §4.2: mirroring added to an existing 2015 pool (only stores no 2019 pool uses get here). */
  private addMirroring(p: FrontEndPool, s: SqlStore): void {
    const { ctx } = this;
    const m = ctx.mirrorSet(s)!;
    this.add(mirrorPrepare(ctx, s));
    this.add({
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
    this.pendingRestarts.push(p);
  }

  private readonly pendingRestarts: FrontEndPool[] = [];

  private convertToAg(p: FrontEndPool, s: SqlStore): void {
    const { ctx } = this;
    const cms = ctx.cmsHost();
    if (cms && cms.id === p.id) this.moveCmsAway(p);
    if (p.productVersion === '2015') {
      this.add(
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
    for (const st of agPrepare(ctx, s)) this.add(st);
    this.add(agCreate(ctx, s, 'prepare'));
    const ag = ctx.agOf(s)!;
    this.add(
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
    this.pendingAgLoginSync.push(s);
    this.pendingAgStores.add(s);
  }

  private readonly pendingAgLoginSync: SqlStore[] = [];
  /** The same stores, for asking whether one is there. */
  private readonly pendingAgStores = new Set<SqlStore>();

  /** §6.2: move the CMS off a pool before converting it (CMS-MOVE-BEFORE-AG). */
  private moveCmsAway(p: FrontEndPool): void {
    const { ctx } = this;
    const partner = ctx.ix.partner(p.id);
    const target = partner ?? ctx.ix.registrars().find((r) => r.id !== p.id);
    if (!target) {
      this.note('blocking', rt`${ctx.label(p)} holds the Central Management store and is being converted to an availability group, but there is no other pool to move the CMS to: deploy a temporary Standard Edition server and move the CMS there first.`, [p.id], ['CMS-MOVE-BEFORE-AG'], [DOC.ag, DOC.moveCms]);
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
    for (const st of steps) this.add(st);
  }

  // ---------------------------------------------------------------- Topology Builder

  private topologyBuilder(): void {
    const { ctx } = this;
    const sites = ctx.doc.sites.map((s) => rt`${ctx.siteName(s.id)} (${s.kind === 'central' ? 'central site' : 'branch site'}${s.region ? `, ${s.region}` : ''})`);
    this.add(
      makeStep({
        id: 'tb-start',
        phase: 'topologyBuilder',
        title: ctx.greenfield ? 'Start Topology Builder with a new topology' : 'Download the current topology and keep a copy',
        tool: 'TB',
        detail: ctx.greenfield
          ? [rt`Topology Builder → ${ui('New Topology')} → save the .tbxml file → primary SIP domain → define the sites:`, ...sites.map((s) => rt`• ${s}`)]
          : [rt`Topology Builder → ${ui('Download Topology from existing deployment')} → ${ui('OK')} → save a copy of the current topology, so it can be republished if the change goes wrong.`, ...sites.map((s) => rt`• ${s}`)],
        preconditions: ctx.greenfield ? [rt`Active Directory is prepared and the administrative tools are installed.`] : [],
        docs: ctx.greenfield ? [DOC.newTopology] : [DOC.owas, DOC.newTopology],
      }),
    );
    // A mirrored Back End is defined on the pool wizard's SQL store page, right after its pool (below).
    const mirroredBackEnds = new Map<string, SqlStore>();
    for (const p of this.registrars)
      if (p.kind === 'frontEndPool' && !ctx.existing(p)) {
        const be = ctx.ix.backEnd(p.id);
        if (be && ctx.mirrorSet(be) && !mirroredBackEnds.has(be.id)) mirroredBackEnds.set(be.id, be);
      }
    for (const s of this.principalStores()) {
      if (!this.storeIsNew(s) || mirroredBackEnds.has(s.id)) continue;
      if (ctx.mirrorSet(s)) this.add(tbMirroring(ctx, s));
      else this.add(tbSqlStore(ctx, s));
      for (const l of ctx.ix.out(s.id, 'logShipping')) {
        const b = ctx.ix.node(l.to);
        if (b?.kind === 'sqlStore') this.add(ctx.mirrorSet(b) ? tbMirroring(ctx, b) : tbSqlStore(ctx, b));
      }
    }
    for (const f of ctx.ix.ofKind('fileStore'))
      this.add(
        makeStep({
          id: `tb-file-store:${f.id}`,
          phase: 'topologyBuilder',
          title: `Define the file store ${ctx.label(f)}`,
          tool: 'TB',
          detail: [rt`${ui('Define New File Store')} (from a pool wizard's ${ui('New')} button or ${ui('Shared Components')} → ${ui('File Stores')}): ${ui('File server FQDN')} = ${code(f.fqdn)}, ${ui('File share')} = ${code(f.share)}.`],
          nodeIds: [f.id],
          docs: [DOC.newTopology, DOC.fileShare],
        }),
      );
    for (const p of this.registrars) {
      if (ctx.existing(p)) continue;
      this.add(this.tbRegistrar(p));
      const be = p.kind === 'frontEndPool' ? ctx.ix.backEnd(p.id) : undefined;
      if (be && mirroredBackEnds.get(be.id) === be) {
        this.add(tbMirroring(ctx, be, ctx.name(p)));
        mirroredBackEnds.delete(be.id);
      }
    }
    for (const d of ctx.ix.ofKind('directorPool')) this.add(this.tbSimplePool(d, 'Director pool', ['DIR-MIN-TWO']));
    for (const m of ctx.ix.ofKind('mediationPool')) this.add(this.tbSimplePool(m, 'Mediation pool', ['MED-STANDALONE-LB']));
    for (const c of this.pcPools()) this.add(this.tbPersistentChat(c));
    for (const e of ctx.ix.ofKind('edgePool')) this.add(this.tbEdge(e));
    for (const b of ctx.ix.ofKind('survivableBranch')) this.add(this.tbBranch(b));
    for (const o of ctx.ix.ofKind('officeOnlineServer')) {
      const step = this.tbOfficeOnline(o);
      if (step) this.add(step);
    }
    for (const l of ctx.ix.linksOfKind('pairing')) {
      const step = this.tbPairing(l);
      if (step) this.add(step);
    }
  }

  private tbRegistrar(p: RegistrarPool): Step {
    const { ctx } = this;
    const detail: RichText[] = [];
    const assoc: RichText[] = [];
    const be = p.kind === 'frontEndPool' ? ctx.ix.backEnd(p.id) : undefined;
    if (p.kind === 'frontEndPool') {
      detail.push(
        rt`${ui('Enterprise Edition Front End Pools')} → ${ui('New Front End Pool')} → ${ui('Pool FQDN')} = ${code(p.fqdn)} → ${ui('Define the computers in this pool')}: ${plural(p.frontEndServers, 'server')}.`,
        rt`${ui('Select features')}: ${p.conferencing ? rt`tick ${ui('Conferencing')}` : rt`leave ${ui('Conferencing')} clear`}; ${p.mediationCollocated ? rt`tick ${ui('Collocated Mediation Server')}` : rt`no collocated Mediation Server`}.`,
      );
      if (be) assoc.push(rt`${ui('SQL Server store')} = ${code(ctx.instanceLabel(ctx.primaryNode(be), be.instance))}${ctx.mirrorSet(be) ? ' (mirroring: next step)' : ''}`);
      if (p.sipLoadBalancing === 'dns') detail.push(rt`${ui('Web Services')}: tick ${ui('Override internal Web Services pool FQDN')} and give an FQDN of its own (unique across pools and Directors), since SIP uses DNS load balancing.`);
      if (p.largeMeetingPool) detail.push(rt`A dedicated large-meeting pool: home only the organisers of large meetings here.`);
    } else {
      detail.push(rt`${ui('Standard Edition Front End Servers')} → ${ui('New Front End Server')} → ${ui('FQDN')} = ${code(p.fqdn)}; ${p.mediationCollocated ? rt`tick ${ui('Collocated Mediation Server')}` : rt`no collocated Mediation Server`}.`);
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
      if (e) assoc.push(rt`${ui(p.kind === 'frontEndPool' ? 'Associate Edge pool (for media components)' : 'Associate Edge pool')} = ${code(ctx.label(e))}`);
    }
    if (assoc.length) detail.push(rt`Associations: ${joinRich(assoc, '; ')}.`);
    if (p.cumulativeUpdate) detail.push(rt`Target patch level: Skype for Business Server ${p.productVersion} ${p.cumulativeUpdate}.`);
    const title = p.kind === 'frontEndPool' ? `Define the Front End pool ${ctx.label(p)}` : `Define the Standard Edition server ${ctx.label(p)}`;
    return makeStep({
      id: `tb-pool:${p.id}`,
      phase: 'topologyBuilder',
      title,
      tool: 'TB',
      detail,
      preconditions: p.productVersion === '2019' && p.kind === 'frontEndPool' && p.frontEndServers === 2 ? [rt`Skype for Business Server 2019 will not publish an Enterprise pool of two Front End servers: use three or more.`] : [],
      nodeIds: [p.id, ...(be ? [be.id] : []), ...fs.flatMap((f) => (f ? [f.id] : []))],
      docs: [DOC.newTopology, 'Skype/SfbServer/help-topics/help-topobld/front-end-general-settings-expander.md'],
      ruleIds: p.kind === 'frontEndPool' && p.productVersion === '2019' && p.frontEndServers === 2 ? ['FE-2019-NOT-TWO'] : [],
    });
  }

  private tbSimplePool(n: NodeOfKind<'directorPool'> | NodeOfKind<'mediationPool'>, what: string, ruleIds: string[]): Step {
    const { ctx } = this;
    const detail: RichText[] = [
      rt`New ${what}: ${ui('Pool FQDN')} = ${code(n.fqdn)} → ${n.servers > 1 ? rt`${ui('Multiple computer pool')}` : rt`${ui('Multiple computer pool')} (servers can be added later)`} → ${plural(n.servers, 'server')}.`,
    ];
    if (n.kind === 'mediationPool') detail.push(rt`A pool of several Mediation Servers relies on DNS load balancing: the DNS step creates a record for every member.`);
    if (n.kind === 'directorPool') {
      const fs = ctx.ix.out(n.id, 'fileStore').map((l) => ctx.ix.node(l.to));
      for (const f of fs) if (f && f.kind === 'fileStore') detail.push(rt`${ui('File share')} = ${code(`\\\\${f.fqdn}\\${f.share}`)}.`);
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

  private tbPersistentChat(c: PersistentChatPool): Step {
    const { ctx } = this;
    const detail: RichText[] = [
      rt`${ui('Persistent Chat Pools')} → ${ui('New Persistent Chat Pool')} → ${ui('Pool FQDN')} = ${code(c.fqdn)} → ${ui('Multiple computer pool')} (a single-computer pool can never get more servers) → ${plural(c.servers.length, 'server')}.`,
    ];
    const assoc: RichText[] = [];
    for (const s of ctx.ix.stores(c.id, 'persistentChat')) {
      assoc.push(rt`${ui('SQL Server store')} = ${code(ctx.instanceLabel(s.fqdn, s.instance))}`);
      const m = ctx.mirrorSet(s);
      if (m) assoc.push(rt`tick ${ui('Enable SQL Server store mirroring')} with ${code(ctx.instanceLabel(m.mirror.fqdn, m.mirror.instance))}`);
      for (const l of ctx.ix.out(s.id, 'logShipping')) {
        const b = ctx.ix.node(l.to);
        if (b?.kind !== 'sqlStore') continue;
        assoc.push(rt`tick ${ui('Enable SQL Server Log Shipping')}, secondary store ${code(ctx.instanceLabel(b.fqdn, b.instance))}`);
        const bm = ctx.mirrorSet(b);
        if (bm) assoc.push(rt`mirror of the secondary ${code(ctx.instanceLabel(bm.mirror.fqdn, bm.mirror.instance))}`);
      }
    }
    if (c.compliance)
      for (const s of ctx.ix.stores(c.id, 'persistentChatCompliance')) assoc.push(rt`tick ${ui('Enable compliance')}, compliance store ${code(ctx.instanceLabel(s.fqdn, s.instance))}`);
    for (const l of ctx.ix.out(c.id, 'fileStore')) {
      const f = ctx.ix.node(l.to);
      if (f?.kind === 'fileStore') assoc.push(rt`${ui('File share')} = ${code(`\\\\${f.fqdn}\\${f.share}`)}`);
    }
    for (const l of ctx.ix.out(c.id, 'nextHop')) assoc.push(rt`${ui('Next hop pool')} = ${code(ctx.label(ctx.ix.node(l.to)))}`);
    if (assoc.length) detail.push(rt`${joinRich(assoc, '; ')}.`);
    detail.push(rt`Active servers per data center: ${joinRich(this.pcServerSummary(c), '; ')}.`);
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

  private tbEdge(e: Edge): Step {
    const { ctx } = this;
    const detail: RichText[] = [
      rt`${ui('Edge pools')} → ${ui('New Edge Pool')} → ${ui('Pool FQDN')} = ${code(e.fqdn)} → ${ui('Multiple computer pool')} → ${plural(e.servers, 'Edge server')}; internal and external interfaces on separate networks.`,
      e.federation
        ? rt`${ui('General')}: tick ${ui('Enable federation for this Edge pool (Port 5061)')}.`
        : rt`${ui('General')}: leave ${ui('Enable federation for this Edge pool (Port 5061)')} clear (another Edge pool carries federation, or none).`,
    ];
    if (e.xmpp && e.productVersion === '2015') detail.push(rt`Tick ${ui('Enable XMPP federation')} (Skype for Business Server 2015 only).`);
    for (const l of ctx.ix.out(e.id, 'nextHop')) detail.push(rt`${ui('Next Hop')} → ${ui('Next hop pool')} = ${code(ctx.label(ctx.ix.node(l.to)))}.`);
    detail.push(rt`Internal and external load balancing: ${e.internalLoadBalancing === 'dns' ? 'DNS' : 'hardware'} / ${e.externalLoadBalancing === 'dns' ? 'DNS' : 'hardware'}.`);
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

  private tbBranch(b: NodeOfKind<'survivableBranch'>): Step {
    const { ctx } = this;
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
  private tbOfficeOnline(o: NodeOfKind<'officeOnlineServer'>): Step | undefined {
    const { ctx } = this;
    const pools = ctx.ix.in(o.id, 'officeOnline').map((l) => ctx.ix.node(l.from)).filter(isRegistrar);
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
        external ? rt`Tick ${box}: the farm sits ${o.zone === 'perimeter' ? 'in the perimeter network' : 'outside the internal firewall'}.` : rt`Leave ${box} clear: the farm sits in the same network zone as Skype for Business Server.`,
        ...(pools.length > 1 ? [rt`For ${joinRich(pools.slice(1).map((p) => rt`${ctx.name(p)}`), ', ')}: tick ${ui('Associate pool with an Office Web Apps Server')} and pick this farm from the list.`] : []),
      ],
      nodeIds: [o.id, ...pools.map((p) => p.id)],
      docs: [DOC.owas, DOC.conferencingTopology],
      ruleIds: ['OWAS-EXTERNAL-FLAG'],
    });
  }

  private tbPairing(l: PoolPairing): Step | undefined {
    const { ctx } = this;
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
        ...(ctx.cmsHost() && (ctx.cmsHost()!.id === a.id || ctx.cmsHost()!.id === b.id) ? [rt`The pair holds the Central Management store: publishing installs a standby CMS database in the backup pool and the CMS services in both pools.`] : []),
      ],
      nodeIds: [a.id, b.id],
      docs: [DOC.pairing, DOC.voiceResiliency, DOC.backupService],
      ruleIds: ['PAIR-SYNC-INTERVAL', ...(l.voiceFailover ? ['PAIR-VOICE-CHECKBOX'] : [])],
    });
  }

  // ---------------------------------------------------------------- publish and install

  private publishInstall(): void {
    const { ctx } = this;
    const cms = ctx.cmsHost();
    const mirrored = this.principalStores().filter((s) => ctx.mirrorSet(s) && this.storeIsNew(s));
    const clustered = this.principalStores().filter((s) => ctx.clustered(s) && this.storeIsNew(s));
    this.add(
      makeStep({
        id: 'publish',
        phase: 'publishInstall',
        title: 'Publish the topology',
        tool: 'TB',
        detail: [
          rt`Fix every validation error first. ${ui('Action')} → ${ui('Topology')} → ${ui('Publish')} → ${ui('Next')}.`,
          ...(ctx.greenfield && cms ? [rt`${ui('Select Central Management Server')}: ${code(ctx.label(cms))}.`] : []),
          rt`${ui('Create databases')}: keep every store selected so the wizard creates the databases${clustered.length ? rt`; ${ui('Advanced')} → ${ui('Use SQL Server instance defaults')} for the clustered ${joinRich(clustered.map((s) => rt`${code(s.fqdn)}`), ', ')}` : ''}.`,
          ...(mirrored.length
            ? [
                rt`Mirrored stores (${joinRich(mirrored.map((s) => rt`${code(s.fqdn)}`), ', ')}): when the wizard offers to create the primary and mirror databases, ${ui('Settings')} → the file share for the mirroring backup files (the SQL Server accounts of principal and mirror can read and write it) → ${ui('OK')}; mirroring and the witness are deployed now.`,
              ]
            : []),
          rt`Publishing in Topology Builder also enables the topology. (${code('Publish-CsTopology')} cannot publish a .tbxml file.)`,
          ...(ctx.greenfield ? [] : [rt`Restart the Front End servers of every pool whose membership or mirroring changed, one at a time.`]),
        ],
        preconditions: [
          ...(cms && cms.kind === 'standardEditionServer' && ctx.greenfield ? [rt`${ui('Prepare First Standard Edition Server')} has run on ${code(cms.fqdn)}.`] : []),
          rt`Every file share exists and every SQL instance is reachable.`,
        ],
        verify: [{ text: rt`The wizard reports success; the to-do list names the servers to install.` }],
        nodeIds: cms ? [cms.id] : [],
        docs: [DOC.newTopology, DOC.psPublish],
        ruleIds: ['BE-CLUSTER-DB-PATHS'].filter(() => clustered.length > 0),
      }),
    );
    for (const s of this.principalStores()) {
      if (!this.storeIsNew(s)) continue;
      const users = ctx.ix.poolsUsingTransitively(s.id);
      if (users.length === 0) continue;
      this.add(installDatabases(ctx, s));
    }
    for (const s of this.principalStores()) if (this.storeIsNew(s) && ctx.agOf(s) && !this.pendingAgStores.has(s)) this.add(agCreate(ctx, s, 'publishInstall'));

    const agStores = new Set(this.principalStores().filter((s) => ctx.agOf(s) && this.storeIsNew(s)));
    for (const p of this.registrars) {
      if (ctx.existing(p)) continue;
      this.add(this.installServers(p));
      this.add(this.startPool(p));
      const be = p.kind === 'frontEndPool' ? ctx.ix.backEnd(p.id) : undefined;
      if (be && agStores.has(be)) {
        for (const st of agLoginSync(ctx, be, 'publishInstall')) this.add(st);
        agStores.delete(be);
      }
    }
    for (const s of [...agStores, ...this.pendingAgLoginSync]) for (const st of agLoginSync(ctx, s, 'publishInstall')) this.add(st);
    for (const p of this.pendingRestarts)
      this.add(
        makeStep({
          id: `mirror-restart-fe:${p.id}`,
          phase: 'publishInstall',
          title: `Restart every Front End server of ${ctx.label(p)}`,
          tool: 'Win',
          runOn: `each Front End server of ${ctx.name(p)}, one at a time`,
          detail: [rt`Required after any change to a mirroring relationship.`],
          verify: [{ text: rt`Mirroring is reported for the pool's databases.`, command: `Get-CsDatabaseMirrorState -PoolFqdn ${psQuote(p.fqdn)} -DatabaseType User` }],
          nodeIds: [p.id],
          docs: [DOC.mirroring],
        }),
      );

    for (const d of ctx.ix.ofKind('directorPool')) this.add(this.installOther(d, 'Director'));
    for (const m of ctx.ix.ofKind('mediationPool')) this.add(this.installOther(m, 'Mediation Server'));
    for (const c of this.pcPools()) this.add(this.installOther(c, 'Persistent Chat server'));
    for (const b of ctx.ix.ofKind('survivableBranch')) this.add(this.installOther(b, b.variant === 'sba' ? 'survivable branch appliance' : 'survivable branch server'));
    const edges = ctx.ix.ofKind('edgePool');
    if (edges.length) {
      this.add(
        makeStep({
          id: 'edge-export-config',
          phase: 'publishInstall',
          title: 'Export the topology for the Edge servers',
          tool: 'Shell',
          detail: [rt`Edge servers are outside the domain: they read the configuration from a file. Copy it to media or a share the Edge servers can reach.`],
          commands: [`Export-CsConfiguration -FileName ${psQuote('C:\\SfbEdgeConfiguration.zip')}`],
          nodeIds: edges.map((e) => e.id),
          docs: [DOC.edgeDeploy],
        }),
      );
      for (const e of edges) this.add(this.installOther(e, 'Edge server'));
    }
    for (const s of ctx.ix.ofKind('sqlStore'))
      if (ctx.hasRole(s, 'monitoring'))
        this.add(
          makeStep({
            id: `monitoring-reports:${s.id}`,
            phase: 'publishInstall',
            title: `Deploy the Monitoring reports to ${ctx.label(s)}`,
            tool: 'DW',
            detail: [rt`Deployment Wizard → ${ui('Deploy Monitoring Reports')} → the SQL Server Reporting Services instance on ${code(ctx.instanceLabel(s.fqdn, s.instance))}.`],
            preconditions: [rt`SQL Server Reporting Services is installed on the Monitoring store.`],
            nodeIds: [s.id],
            docs: [DOC.monitoring],
            ruleIds: ['SQL-MON-SSRS'],
            inferred: true,
          }),
        );
    for (const c of this.pcPools()) for (const st of this.pchatLogShipping(c)) this.add(st);
  }

  private installServers(p: RegistrarPool): Step {
    const { ctx } = this;
    const count = ctx.serverCount(p);
    const where = p.kind === 'frontEndPool' ? `each of the ${plural(count, 'Front End server')} of ${ctx.name(p)}` : p.fqdn;
    const cms = ctx.cmsHost();
    const detail: RichText[] = [
      rt`Deployment Wizard → ${ui('Install or Update Skype for Business Server System')}:`,
      rt`${ui('Step 1: Install Local Configuration Store')} → ${ui('Retrieve directly from the Central Management store')}.`,
      rt`${ui('Step 2: Setup or Remove Skype for Business Server Components')}.`,
      rt`${ui('Step 3: Request, Install or Assign Certificates')} (default, web internal, web external and OAuthTokenIssuer).`,
      ...(p.cumulativeUpdate ? [rt`Apply ${code(p.cumulativeUpdate)} to every server before the services start.`] : []),
    ];
    const platform = registrarPlatform(p);
    return makeStep({
      id: `install-servers:${p.id}`,
      phase: 'publishInstall',
      title: p.kind === 'frontEndPool' ? `Install Skype for Business Server on the Front End servers of ${ctx.label(p)}` : `Install Skype for Business Server on ${ctx.label(p)}`,
      tool: 'DW',
      runOn: where,
      detail,
      preconditions: [
        rt`The topology is published${cms && cms.id !== p.id && !ctx.existing(cms) ? rt` and the Central Management store host ${ctx.name(cms)} is installed` : ''}; the account is a local administrator and in RTCUniversalServerAdmins; Windows Firewall runs on the server.`,
        ...platform.preconditions.filter((_, i) => i > 0 || p.productVersion === '2019'),
      ],
      nodeIds: [p.id],
      docs: [DOC.installServers, ...platformDocs(p.productVersion)],
      ruleIds: p.productVersion === '2019' && p.os === 'WS2022' ? ['GEN-OS-SUPPORTED'] : [],
    });
  }

  private startPool(p: RegistrarPool): Step {
    const { ctx } = this;
    if (p.kind === 'standardEditionServer')
      return makeStep({
        id: `start-pool:${p.id}`,
        phase: 'publishInstall',
        title: `Start the services on ${ctx.label(p)}`,
        tool: 'Shell',
        detail: [rt`Deployment Wizard ${ui('Step 4: Start Services')} does the same on the server itself.`],
        commands: [`Start-CsWindowsService -ComputerName ${psQuote(p.fqdn)}`],
        verify: [{ text: rt`Every Skype for Business service on ${code(p.fqdn)} is running.`, command: `Get-CsWindowsService -ComputerName ${psQuote(p.fqdn)}` }],
        nodeIds: [p.id],
        docs: [DOC.installServers],
      });
    const q = feQuorum(p.frontEndServers, p.productVersion);
    const pre: RichText[] = [rt`Skype for Business Server is installed on every Front End server of the pool.`];
    if (q?.firstStart !== undefined) pre.push(rt`At least ${String(q.firstStart)} of the ${String(p.frontEndServers)} servers can start: a new pool needs that many running the first time.`);
    else if (q) pre.push(rt`No first-start figure is published for ${String(p.frontEndServers)} servers: start all of them.`);
    return makeStep({
      id: `start-pool:${p.id}`,
      phase: 'publishInstall',
      title: `Start the Front End pool ${ctx.label(p)}`,
      tool: 'Shell',
      detail: [rt`An Enterprise pool starts with ${code('Start-CsPool')}, not the Deployment Wizard's ${ui('Start Services')}.`],
      commands: [`Start-CsPool -PoolFqdn ${psQuote(p.fqdn)}`],
      preconditions: pre,
      verify: [{ text: rt`The pool and its servers are listed with their services.`, command: `Get-CsPool -Identity ${psQuote(p.fqdn)}` }],
      nodeIds: [p.id],
      docs: [DOC.installServers, DOC.psStartPool, DOC.haPlan],
      ruleIds: ['FE-QUORUM'],
    });
  }

  private installOther(n: NodeOfKind<'directorPool'> | NodeOfKind<'mediationPool'> | PersistentChatPool | Edge | NodeOfKind<'survivableBranch'>, server: string): Step {
    const { ctx } = this;
    const count = ctx.serverCount(n);
    const edge = n.kind === 'edgePool';
    const detail: RichText[] = [
      edge
        ? rt`Deployment Wizard → ${ui('Install or Update Skype for Business Server System')} → ${ui('Step 1: Install Local Configuration Store')} → import from the exported file ${code('SfbEdgeConfiguration.zip')}.`
        : rt`Deployment Wizard → ${ui('Install or Update Skype for Business Server System')} → ${ui('Step 1: Install Local Configuration Store')}.`,
      rt`${ui('Step 2: Setup or Remove Skype for Business Server Components')}; ${ui('Step 3: Request, Install or Assign Certificates')}${edge ? ' (internal certificate, and a public certificate for the external interface)' : ''}.`,
      rt`Start the services: ${code('Start-CsWindowsService')} on each server.`,
    ];
    if (n.kind === 'survivableBranch' && n.variant === 'sba') detail.splice(0, 3, rt`Follow the appliance vendor's set-up; the appliance reads its role from the published topology.`);
    return makeStep({
      id: `install-servers:${n.id}`,
      phase: 'publishInstall',
      title: `Install Skype for Business Server on ${count > 1 ? `the ${plural(count, server)} of ` : ''}${ctx.label(n)}`,
      tool: 'DW',
      runOn: count > 1 ? `each of the ${plural(count, server)} of ${ctx.name(n)}` : ctx.name(n),
      detail,
      commands: n.kind === 'survivableBranch' && n.variant === 'sba' ? [] : ['Start-CsWindowsService'],
      preconditions: [rt`The topology is published and the Front End pools are running.`],
      nodeIds: [n.id],
      docs: edge ? [DOC.edgeDeploy, DOC.installServers] : [DOC.installServers],
    });
  }

  /** §10.2 and §10.3: log shipping for the Persistent Chat database, from the primary and from its mirror. */
  private pchatLogShipping(c: PersistentChatPool): Step[] {
    const { ctx } = this;
    const out: Step[] = [];
    for (const s of ctx.ix.stores(c.id, 'persistentChat')) {
      const target = ctx.ix.out(s.id, 'logShipping').map((l) => ctx.ix.node(l.to)).find((n): n is SqlStore => n?.kind === 'sqlStore');
      if (!target) continue;
      out.push(
        makeStep({
          id: `pchat-logship:${s.id}`,
          phase: 'publishInstall',
          title: `Set up log shipping of the Persistent Chat database from ${ctx.label(s)} to ${ctx.label(target)}`,
          tool: 'SQL',
          detail: [
            rt`On ${code(ctx.instanceLabel(s.fqdn, s.instance))}: ${code('mgc')} → ${ui('Properties')} → ${ui('Transaction Log Shipping')} → tick ${ui('Enable this as a primary database in a log shipping configuration')}.`,
            rt`${ui('Backup Settings')}: the network path of the log-shipping share (and its local path if the folder is on this server); set ${ui('Delete files older than')} and ${ui('Alert if no backup occurs within')}; compression ${ui('Use the default server setting')}.`,
            rt`${ui('Secondary server instances and databases')} → ${ui('Add')} → connect to ${code(ctx.instanceLabel(target.fqdn, target.instance))}, secondary database ${code('mgc')}.`,
            rt`${ui('Initialize Secondary database')}: ${ui('Yes, generate a full backup of the primary database and restore it into the secondary database')}.`,
            rt`${ui('Copy Files')}: the destination folder on the secondary; ${ui('Restore')}: ${ui('No recovery mode')}, ${ui('Delay restoring backups at least')} 0 minutes → ${ui('OK')}.`,
          ],
          preconditions: [rt`SQL Server Agent runs on the secondary instance; the Persistent Chat databases are installed.`],
          nodeIds: [c.id, s.id, target.id],
          docs: [DOC.pchatHadrDeploy],
        }),
      );
      const m = ctx.mirrorSet(s);
      if (m)
        out.push(
          makeStep({
            id: `pchat-logship-mirror:${s.id}`,
            phase: 'publishInstall',
            title: `Set up log shipping from the Persistent Chat mirror ${ctx.label(m.mirror)}`,
            tool: 'SQL',
            mode: 'manual',
            detail: [
              rt`Fail the Persistent Chat database over to its mirror (first command), set up log shipping on ${code(ctx.instanceLabel(m.mirror.fqdn, m.mirror.instance))} with the same backup settings, ${ui('Initialize Secondary database')} = ${ui('No, the secondary database is initialized')}.`,
              rt`${ui('Script Configuration')} → ${ui('Script Configuration to New Query Window')}; run only the part up to "End: Script to be run at Primary", then ${ui('Cancel')} the dialog; fail the database back (second command).`,
            ],
            commands: [
              `Invoke-CsDatabaseFailover -PoolFqdn ${psQuote(c.fqdn)} -DatabaseType PersistentChat -NewPrincipal Mirror`,
              `Invoke-CsDatabaseFailover -PoolFqdn ${psQuote(c.fqdn)} -DatabaseType PersistentChat -NewPrincipal Primary`,
            ],
            nodeIds: [c.id, s.id, m.mirror.id],
            docs: [DOC.pchatHadrDeploy, DOC.psDatabaseFailover],
            inferred: true,
          }),
        );
    }
    return out;
  }

  // ---------------------------------------------------------------- pairing

  private pairing(): void {
    const { ctx } = this;
    for (const l of ctx.ix.linksOfKind('pairing')) {
      const a = ctx.ix.node(l.from);
      const b = ctx.ix.node(l.to);
      if (!isRegistrar(a) || !isRegistrar(b)) continue;
      const existing = ctx.existing(a) || ctx.existing(b);
      if (existing) {
        for (const v of new Set([a.productVersion, b.productVersion])) {
          const pools = [a, b].filter((p) => p.productVersion === v);
          this.add(
            makeStep({
              id: `pairing-bootstrapper:${l.id}${v === a.productVersion ? '' : `:${v}`}`,
              phase: 'pairing',
              title: `Run Bootstrapper on every Front End server of ${pools.map((p) => ctx.name(p)).join(' and ')}`,
              tool: 'Win',
              runOn: `every Front End server of ${pools.map((p) => ctx.name(p)).join(' and ')}`,
              detail: [rt`The pools existed before they were paired: Bootstrapper installs the services backup pairing needs (the Backup Service).`],
              commands: [`& "$env:SystemDrive\\Program Files\\Skype for Business Server ${v}\\Deployment\\Bootstrapper.exe"`],
              nodeIds: pools.map((p) => p.id),
              docs: [DOC.pairing],
              ruleIds: ['PAIR-EXISTING-POOLS'],
            }),
          );
        }
        this.add(
          makeStep({
            id: `pairing-cu:${l.id}`,
            phase: 'pairing',
            title: `Re-apply the installed cumulative update on every Front End server of ${ctx.name(a)} and ${ctx.name(b)}`,
            tool: 'Win',
            runOn: `every Front End server of ${ctx.name(a)} and ${ctx.name(b)}`,
            detail: [
              rt`So the freshly installed Backup Service matches the patch level${a.cumulativeUpdate || b.cumulativeUpdate ? rt` (${[a.cumulativeUpdate, b.cumulativeUpdate].filter(Boolean).join(' / ')})` : ''}.`,
              ...(a.productVersion === '2015' || b.productVersion === '2015' ? [rt`The 2015 version of the page does not list this step; it is applied anyway.`] : []),
            ],
            nodeIds: [a.id, b.id],
            docs: [DOC.pairing],
            ruleIds: ['PAIR-EXISTING-POOLS'],
            inferred: a.productVersion === '2015' || b.productVersion === '2015',
          }),
        );
        this.add(
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
      this.add(
        makeStep({
          id: `pairing-sync:${l.id}`,
          phase: 'pairing',
          title: `Synchronise ${ctx.name(a)} and ${ctx.name(b)} with the Backup Service`,
          tool: 'Shell',
          detail: [
            rt`Forces the user and conference data of both pools to synchronise in both directions, then shows each direction's state. Wait until both report a steady state: changes replicate within the sync interval (2 minutes by default, left unchanged).`,
            ...(existing ? [] : [rt`For pools deployed together this is a check: setup already installed the Backup Service.`]),
          ],
          commands: [`Invoke-CsBackupServiceSync -PoolFqdn ${psQuote(a.fqdn)}`, `Invoke-CsBackupServiceSync -PoolFqdn ${psQuote(b.fqdn)}`],
          preconditions: eePools.length ? [rt`${joinRich(eePools.map((p) => rt`${ctx.name(p)}`), ' and ')}: at least three Front End servers running at the same time at some point after pairing, so the data synchronises.`] : [],
          verify: [
            { text: rt`Backup pool of ${ctx.name(a)} is ${code(b.fqdn)}.`, command: `Get-CsPoolBackupRelationship -PoolFqdn ${psQuote(a.fqdn)}` },
            { text: rt`${ctx.name(a)} → ${ctx.name(b)} in steady state.`, command: `Get-CsBackupServiceStatus -PoolFqdn ${psQuote(a.fqdn)}` },
            { text: rt`${ctx.name(b)} → ${ctx.name(a)} in steady state.`, command: `Get-CsBackupServiceStatus -PoolFqdn ${psQuote(b.fqdn)}` },
          ],
          nodeIds: [a.id, b.id],
          docs: [DOC.pairing, DOC.backupService, DOC.psBackupSync, DOC.psBackupStatus],
          ruleIds: ['PAIR-SYNC-INTERVAL', ...(eePools.length ? ['FE-PAIRED-NEEDS-THREE'] : [])],
          inferred: !existing,
        }),
      );
      const cms = ctx.cmsHost();
      if (cms && (cms.id === a.id || cms.id === b.id)) {
        const standby = cms.id === a.id ? b : a;
        this.add(
          makeStep({
            id: `pairing-cms-standby:${l.id}`,
            phase: 'pairing',
            title: `Check the standby Central Management store in ${ctx.name(standby)}`,
            tool: 'Shell',
            detail: [rt`Pairing the CMS pool installs a standby CMS database in the backup pool; the Backup Service replicates the active master to it.`],
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

  // ---------------------------------------------------------------- verification

  private verification(): void {
    const { ctx } = this;
    const cms = ctx.cmsHost();
    if (this.registrars.length)
      this.add(
        makeStep({
          id: 'verify-cms',
          phase: 'verification',
          title: 'Check Central Management store replication',
          tool: 'Shell',
          commands: ['Get-CsManagementStoreReplicationStatus', 'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus'],
          verify: [
            { text: rt`Every replica reports ${code('True')}.` },
            { text: cms ? rt`${ui('ActiveMasterFQDN')} and ${ui('ActiveFileTransferAgents')} name ${code(cms.fqdn)}.` : rt`${ui('ActiveMasterFQDN')} names the Central Management store pool.` },
          ],
          nodeIds: cms ? [cms.id] : [],
          docs: [DOC.failoverPool],
        }),
      );
    for (const p of ctx.ix.ofKind('frontEndPool')) {
      const be = ctx.ix.backEnd(p.id);
      if (be && ctx.mirrorSet(be))
        this.add(
          makeStep({
            id: `verify-mirror:${p.id}`,
            phase: 'verification',
            title: `Check the mirroring state of ${ctx.name(p)}'s databases`,
            tool: 'Shell',
            commands: [`Get-CsDatabaseMirrorState -PoolFqdn ${psQuote(p.fqdn)} -DatabaseType User`],
            verify: [{ text: rt`Each database reports its principal and mirror; ${code('DatabaseInaccessibleOrMirroringNotEnabled')} means mirroring is missing.` }],
            nodeIds: [p.id, be.id],
            docs: [DOC.psMirrorState, DOC.mirroring],
          }),
        );
      if (ctx.existing(p)) continue;
      const q = feQuorum(p.frontEndServers, p.productVersion);
      this.add(
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
          preconditions: p.users > 0 ? [rt`Before the first users move in: at least three Front End servers of the pool are running.`] : [],
          nodeIds: [p.id],
          docs: [DOC.haPlan, DOC.psResetRegistrar],
          ruleIds: ['FE-QUORUM', ...(p.users > 0 ? ['FE-FIRST-USER-MOVE'] : [])],
        }),
      );
    }
  }
}
