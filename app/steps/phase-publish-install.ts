/**
 * Publish and install phase: the publish, the databases, the availability groups
 * (after the databases exist, then the listener switch and login sync), the servers
 * of every pool, Edge from an exported configuration, Monitoring reports and
 * Persistent Chat log shipping.
 */
import { feQuorum } from '../model/reference-numbers';
import type { NodeOfKind, SqlStore } from '../model/schema';
import type { RegistrarPool } from '../model/topology-index';
import { DOC } from './docs';
import type { PlanBuilder } from './plan-builder';
import { plural, type EdgePool, type PersistentChatPool, type PlanContext } from './plan-context';
import { platformDocs, registrarPlatform } from './preconditions';
import { agBuild, agLoginSync, installDatabases } from './sql-steps';
import { makeStep } from './step';
import { code, joinRich, psQuote, rt, ui } from './text';
import type { RichText, Step } from './types';

type Edge = EdgePool;

export function publishInstall(plan: PlanBuilder): void {
  const { ctx } = plan;
  const cms = ctx.cmsHost();
  const mirrored = plan.principalStores().filter((s) => ctx.mirrorSet(s) && plan.storeIsNew(s));
  const clustered = plan.principalStores().filter((s) => ctx.clustered(s) && plan.storeIsNew(s));
  plan.add(
    makeStep({
      id: 'publish',
      phase: 'publishInstall',
      title: 'Publish the topology',
      tool: 'TB',
      detail: [
        rt`Fix every validation error first. ${ui('Action')} → ${ui('Topology')} → ${ui('Publish')} → ${ui('Next')}.`,
        ...(ctx.greenfield && cms ? [rt`${ui('Select Central Management Server')}: ${code(ctx.label(cms))}.`] : []),
        rt`${ui('Create databases')}: keep every store selected so the wizard creates the databases${
          clustered.length
            ? rt`; ${ui('Advanced')} → ${ui('Use SQL Server instance defaults')} for the clustered ${joinRich(
                clustered.map((s) => rt`${code(s.fqdn)}`),
                ', ',
              )}`
            : ''
        }.`,
        ...(mirrored.length
          ? [
              rt`Mirrored stores (${joinRich(
                mirrored.map((s) => rt`${code(s.fqdn)}`),
                ', ',
              )}): when the wizard offers to create the primary and mirror databases, ${ui('Settings')} → the file share for the mirroring backup files (the SQL Server accounts of principal and mirror can read and write it) → ${ui('OK')}; mirroring and the witness are deployed now.`,
            ]
          : []),
        rt`Publishing in Topology Builder also enables the topology. (${code('Publish-CsTopology')} cannot publish a .tbxml file.)`,
        ...(ctx.greenfield
          ? []
          : [rt`Restart the Front End servers of every pool whose membership or mirroring changed, one at a time.`]),
      ],
      preconditions: [
        ...(cms && cms.kind === 'standardEditionServer' && ctx.greenfield
          ? [rt`${ui('Prepare First Standard Edition Server')} has run on ${code(cms.fqdn)}.`]
          : []),
        rt`Every file share exists and every SQL instance is reachable.`,
      ],
      verify: [{ text: rt`The wizard reports success; the to-do list names the servers to install.` }],
      nodeIds: cms ? [cms.id] : [],
      docs: [DOC.newTopology, DOC.psPublish],
      ruleIds: ['BE-CLUSTER-DB-PATHS'].filter(() => clustered.length > 0),
    }),
  );
  for (const s of plan.principalStores()) {
    if (!plan.storeIsNew(s)) continue;
    const users = ctx.ix.poolsUsingTransitively(s.id);
    if (users.length === 0) continue;
    plan.add(installDatabases(ctx, s));
  }
  for (const s of plan.principalStores())
    if (plan.storeIsNew(s) && ctx.agOf(s)) for (const st of agBuild(ctx, s, 'publishInstall')) plan.add(st);

  const agStores = new Set(plan.principalStores().filter((s) => ctx.agOf(s) && plan.storeIsNew(s)));
  for (const p of plan.registrars) {
    if (ctx.existing(p)) continue;
    plan.add(installServers(ctx, p));
    plan.add(startPool(ctx, p));
    const be = p.kind === 'frontEndPool' ? ctx.ix.backEnd(p.id) : undefined;
    if (be && agStores.has(be)) {
      for (const st of agLoginSync(ctx, be, 'publishInstall')) plan.add(st);
      agStores.delete(be);
    }
  }
  for (const s of agStores) for (const st of agLoginSync(ctx, s, 'publishInstall')) plan.add(st);

  for (const d of ctx.ix.ofKind('directorPool')) plan.add(installOther(ctx, d, 'Director'));
  for (const m of ctx.ix.ofKind('mediationPool')) plan.add(installOther(ctx, m, 'Mediation Server'));
  for (const c of plan.pcPools()) plan.add(installOther(ctx, c, 'Persistent Chat server'));
  for (const b of ctx.ix.ofKind('survivableBranch'))
    plan.add(installOther(ctx, b, b.variant === 'sba' ? 'survivable branch appliance' : 'survivable branch server'));
  const edges = ctx.ix.ofKind('edgePool');
  if (edges.length) {
    plan.add(
      makeStep({
        id: 'edge-export-config',
        phase: 'publishInstall',
        title: 'Export the topology for the Edge servers',
        tool: 'Shell',
        detail: [
          rt`Edge servers are outside the domain: they read the configuration from a file. Copy it to media or a share the Edge servers can reach.`,
        ],
        commands: [`Export-CsConfiguration -FileName ${psQuote('C:\\SfbEdgeConfiguration.zip')}`],
        nodeIds: edges.map((e) => e.id),
        docs: [DOC.edgeDeploy],
      }),
    );
    for (const e of edges) plan.add(installOther(ctx, e, 'Edge server'));
  }
  for (const s of ctx.ix.ofKind('sqlStore'))
    if (ctx.hasRole(s, 'monitoring'))
      plan.add(
        makeStep({
          id: `monitoring-reports:${s.id}`,
          phase: 'publishInstall',
          title: `Deploy the Monitoring reports to ${ctx.label(s)}`,
          tool: 'DW',
          detail: [
            rt`Deployment Wizard → ${ui('Deploy Monitoring Reports')} → the SQL Server Reporting Services instance on ${code(ctx.instanceLabel(s.fqdn, s.instance))}.`,
          ],
          preconditions: [rt`SQL Server Reporting Services is installed on the Monitoring store.`],
          nodeIds: [s.id],
          docs: [DOC.monitoring],
          ruleIds: ['SQL-MON-SSRS'],
          inferred: true,
        }),
      );
  for (const c of plan.pcPools()) for (const st of pchatLogShipping(ctx, c)) plan.add(st);
}

function installServers(ctx: PlanContext, p: RegistrarPool): Step {
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
    title:
      p.kind === 'frontEndPool'
        ? `Install Skype for Business Server on the Front End servers of ${ctx.label(p)}`
        : `Install Skype for Business Server on ${ctx.label(p)}`,
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

function startPool(ctx: PlanContext, p: RegistrarPool): Step {
  if (p.kind === 'standardEditionServer')
    return makeStep({
      id: `start-pool:${p.id}`,
      phase: 'publishInstall',
      title: `Start the services on ${ctx.label(p)}`,
      tool: 'Shell',
      detail: [rt`Deployment Wizard ${ui('Step 4: Start Services')} does the same on the server itself.`],
      commands: [`Start-CsWindowsService -ComputerName ${psQuote(p.fqdn)}`],
      verify: [
        {
          text: rt`Every Skype for Business service on ${code(p.fqdn)} is running.`,
          command: `Get-CsWindowsService -ComputerName ${psQuote(p.fqdn)}`,
        },
      ],
      nodeIds: [p.id],
      docs: [DOC.installServers],
    });
  const q = feQuorum(p.frontEndServers, p.productVersion);
  const pre: RichText[] = [rt`Skype for Business Server is installed on every Front End server of the pool.`];
  if (q?.firstStart !== undefined)
    pre.push(
      rt`At least ${String(q.firstStart)} of the ${String(p.frontEndServers)} servers can start: a new pool needs that many running the first time.`,
    );
  else if (q) pre.push(rt`No first-start figure is published for ${String(p.frontEndServers)} servers: start all of them.`);
  return makeStep({
    id: `start-pool:${p.id}`,
    phase: 'publishInstall',
    title: `Start the Front End pool ${ctx.label(p)}`,
    tool: 'Shell',
    detail: [rt`An Enterprise pool starts with ${code('Start-CsPool')}, not the Deployment Wizard's ${ui('Start Services')}.`],
    commands: [`Start-CsPool -PoolFqdn ${psQuote(p.fqdn)}`],
    preconditions: pre,
    verify: [
      { text: rt`The pool and its servers are listed with their services.`, command: `Get-CsPool -Identity ${psQuote(p.fqdn)}` },
    ],
    nodeIds: [p.id],
    docs: [DOC.installServers, DOC.psStartPool, DOC.haPlan],
    ruleIds: ['FE-QUORUM'],
  });
}

function installOther(
  ctx: PlanContext,
  n: NodeOfKind<'directorPool'> | NodeOfKind<'mediationPool'> | PersistentChatPool | Edge | NodeOfKind<'survivableBranch'>,
  server: string,
): Step {
  const count = ctx.serverCount(n);
  const edge = n.kind === 'edgePool';
  const detail: RichText[] = [
    edge
      ? rt`Deployment Wizard → ${ui('Install or Update Skype for Business Server System')} → ${ui('Step 1: Install Local Configuration Store')} → import from the exported file ${code('SfbEdgeConfiguration.zip')}.`
      : rt`Deployment Wizard → ${ui('Install or Update Skype for Business Server System')} → ${ui('Step 1: Install Local Configuration Store')}.`,
    rt`${ui('Step 2: Setup or Remove Skype for Business Server Components')}; ${ui('Step 3: Request, Install or Assign Certificates')}${edge ? ' (internal certificate, and a public certificate for the external interface)' : ''}.`,
    rt`Start the services: ${code('Start-CsWindowsService')} on each server.`,
  ];
  if (n.kind === 'survivableBranch' && n.variant === 'sba')
    detail.splice(0, 3, rt`Follow the appliance vendor's set-up; the appliance reads its role from the published topology.`);
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
function pchatLogShipping(ctx: PlanContext, c: PersistentChatPool): Step[] {
  const out: Step[] = [];
  for (const s of ctx.ix.stores(c.id, 'persistentChat')) {
    const target = ctx.ix
      .out(s.id, 'logShipping')
      .map((l) => ctx.ix.node(l.to))
      .find((n): n is SqlStore => n?.kind === 'sqlStore');
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
