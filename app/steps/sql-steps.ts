/**
 * SQL Server steps per Back End HA mode (AlwaysOn availability group, failover
 * clustering, mirroring, then the database install), plus SSRS for Monitoring stores.
 * Mirroring is only ever built for stores that no 2019 pool uses (BE-MIRROR-2019).
 */
import { PORTS } from '../model/reference-numbers';
import type { SqlStore } from '../model/schema';
import { DOC } from './docs';
import type { PlanContext } from './plan-context';
import { CLUSTER_ACTIVE_PASSIVE, FILE_SHARE_WITNESS, SINGLE_NIC, sqlPlatform } from './preconditions';
import { makeStep } from './step';
import { code, joinRich, psQuote, rt, ui } from './text';
import type { Phase, RichText, Step } from './types';

const editionLabel = (s: SqlStore) =>
  s.sqlEdition === 'enterprise' ? 'Enterprise' : s.sqlEdition === 'standard' ? 'Standard' : 'Express';

/** Which pools a store serves, for titles ("Back End of Pool A"). */
export function storeRoleLabel(ctx: PlanContext, s: SqlStore): string {
  const parts: string[] = [];
  for (const l of ctx.ix.in(s.id)) {
    const from = ctx.ix.node(l.from);
    if (l.kind === 'backEnd') parts.push(`Back End of ${ctx.name(from)}`);
    else if (l.kind === 'store') parts.push(`${roleName(l.role)} store of ${ctx.name(from)}`);
    else if (l.kind === 'mirror') parts.push(`mirror of ${ctx.name(from)}`);
    else if (l.kind === 'witness') parts.push(`mirroring witness of ${ctx.name(from)}`);
    else if (l.kind === 'logShipping') parts.push(`log-shipping secondary of ${ctx.name(from)}`);
  }
  return [...new Set(parts)].join(', ') || 'SQL store';
}

const roleName = (role: string) =>
  role === 'monitoring'
    ? 'Monitoring'
    : role === 'archiving'
      ? 'Archiving'
      : role === 'persistentChat'
        ? 'Persistent Chat'
        : 'Persistent Chat compliance';

// ---------------------------------------------------------------- prepare

/** Install SQL Server on a stand-alone, mirrored or AG store (clusters are built by `clusterBuild`). */
export function sqlInstall(ctx: PlanContext, s: SqlStore): Step {
  const ag = ctx.agOf(s);
  const mirror = ctx.mirrorSet(s);
  const targets: RichText[] = [];
  if (ag)
    for (const r of ag.replicas)
      targets.push(rt`${code(ctx.instanceLabel(r.fqdn, s.instance))} (replica in ${ctx.siteName(r.siteId)})`);
  else targets.push(rt`${code(ctx.instanceLabel(s.fqdn, s.instance))}`);
  if (mirror) {
    targets.push(
      rt`${code(ctx.instanceLabel(mirror.mirror.fqdn, mirror.mirror.instance))} (mirror, ${editionLabel(mirror.mirror)} edition, same as the principal)`,
    );
    if (mirror.witness)
      targets.push(
        rt`${code(ctx.instanceLabel(mirror.witness.fqdn, mirror.witness.instance))} (witness; same SQL version, any edition)`,
      );
  }
  const platform = sqlPlatform(ctx, s);
  const pre = [...platform.preconditions];
  const ruleIds = [...platform.ruleIds];
  if (ctx.isBackEnd(s)) {
    pre.push(SINGLE_NIC);
    ruleIds.push('GEN-NO-MULTIHOMED');
  }
  const detail: RichText[] = [
    rt`Install SQL Server ${s.sqlVersion} ${editionLabel(s)} edition on:`,
    ...targets.map((t) => rt`• ${t}`),
  ];
  if (ag) {
    pre.push(
      rt`SQL Server Enterprise edition on every replica (availability groups are not supported on Standard edition for Skype for Business).`,
    );
    detail.push(
      s.instance === ''
        ? rt`Use the default instance on every replica: all replicas of an availability group must use the same instance name.`
        : rt`Use the instance name ${code(s.instance)} on every replica: all replicas of an availability group must use the same instance name.`,
    );
    ruleIds.push('BE-AG-INSTANCE-NAMES', 'BE-AG-ENTERPRISE-ONLY');
  }
  if (mirror) pre.push(rt`Principal and mirror on the same SQL Server version and edition; the witness on the same version.`);
  return makeStep({
    id: `sql-install:${s.id}`,
    phase: 'prepare',
    title: `Install SQL Server for ${storeRoleLabel(ctx, s)}`,
    tool: 'SQL',
    detail,
    preconditions: pre,
    nodeIds: [s.id, ...(mirror ? [mirror.mirror.id, ...(mirror.witness ? [mirror.witness.id] : [])] : [])],
    docs: [DOC.backEndPlan, DOC.serverReq2015, DOC.systemReq2019],
    ruleIds,
  });
}

/** SQL-MON-SSRS: SQL Server Reporting Services on every store with a Monitoring role. */
export function ssrsInstall(ctx: PlanContext, s: SqlStore): Step {
  return makeStep({
    id: `sql-ssrs:${s.id}`,
    phase: 'prepare',
    title: `Install SQL Server Reporting Services on ${ctx.label(s)}`,
    tool: 'SQL',
    detail: [
      rt`Add SQL Server Reporting Services to ${code(ctx.instanceLabel(s.fqdn, s.instance))}: the Monitoring reports need it.`,
      rt`Its ${code('ReportServer')} and ${code('ReportServerTempDB')} databases never join an availability group.`,
    ],
    nodeIds: [s.id],
    docs: [DOC.serverReq2015, DOC.monitoring],
    ruleIds: ['SQL-MON-SSRS'],
  });
}

/** §3: build the Windows cluster and the SQL failover cluster instance before the pool (BE-CLUSTER-ACTIVE-PASSIVE). */
export function clusterBuild(ctx: PlanContext, s: SqlStore): Step {
  const platform = sqlPlatform(ctx, s);
  const nodes = s.clusterNodes ?? 2;
  const limit = s.sqlEdition === 'standard' ? 2 : 16;
  return makeStep({
    id: `sql-cluster:${s.id}`,
    phase: 'prepare',
    title: `Build the SQL Server failover cluster for ${storeRoleLabel(ctx, s)}`,
    tool: 'Cluster',
    detail: [
      rt`Build the Windows Server failover cluster on ${String(nodes)} nodes, then install SQL Server ${s.sqlVersion} ${editionLabel(s)} as a failover cluster instance, following the SQL Server documentation.`,
      rt`Network name and instance: ${code(ctx.instanceLabel(s.fqdn, s.instance))} (what Topology Builder will call the ${ui('SQL Server FQDN')}).`,
      rt`Install SQL Server Management Studio with it, to manage data and log file locations.`,
      rt`The cluster must exist before the Front End pool is deployed.`,
    ],
    preconditions: [
      ...CLUSTER_ACTIVE_PASSIVE,
      // A fact of the edition, never a verdict on the design: the validator's BE-CLUSTER-NODE-LIMIT decides, and blocks this step.
      rt`SQL Server ${editionLabel(s)} edition allows at most ${String(limit)} failover cluster nodes.`,
      ...platform.preconditions,
      ...(ctx.isBackEnd(s) ? [SINGLE_NIC] : []),
    ],
    nodeIds: [s.id],
    docs: [DOC.backEndPlan, DOC.serverReq2015, DOC.systemReq2019],
    ruleIds: [
      'BE-CLUSTER-ACTIVE-PASSIVE',
      'BE-CLUSTER-NODE-LIMIT',
      'BE-HA-TOOLING',
      ...platform.ruleIds,
      ...(ctx.isBackEnd(s) ? ['GEN-NO-MULTIHOMED'] : []),
    ],
  });
}

/** §2.1 steps 1–5: Failover Clustering, validation, WSFC, file share witness, AlwaysOn enabled. */
export function agPrepare(ctx: PlanContext, s: SqlStore): Step[] {
  const ag = ctx.agOf(s)!;
  const replicas = ag.replicas.map((r) => r.fqdn);
  const list = joinRich(
    replicas.map((f) => rt`${code(f)}`),
    ', ',
  );
  return [
    makeStep({
      id: `ag-failover-clustering:${s.id}`,
      phase: 'prepare',
      title: `Add the Failover Clustering feature to the replicas of ${ctx.name(s)}`,
      tool: 'Win',
      mode: 'script',
      detail: [
        rt`On every server that will be a replica (${list}): Server Manager → ${ui('Add roles and features')} → ${ui('Features')} → tick ${ui('Failover Clustering')} → ${ui('Add Features')} → ${ui('Install')}.`,
        rt`The commands below do the same remotely.`,
      ],
      commands: replicas.map(
        (f) => `Install-WindowsFeature -Name Failover-Clustering -IncludeManagementTools -ComputerName ${psQuote(f)}`,
      ),
      verify: replicas.map((f) => ({
        text: rt`Failover Clustering is installed on ${code(f)}.`,
        command: `Get-WindowsFeature -Name Failover-Clustering -ComputerName ${psQuote(f)}`,
      })),
      nodeIds: [s.id],
      docs: [DOC.ag],
      ruleIds: ['BE-HA-TOOLING'],
    }),
    makeStep({
      id: `ag-validate-cluster:${s.id}`,
      phase: 'prepare',
      title: `Validate the cluster configuration for ${ctx.name(s)}`,
      tool: 'Cluster',
      detail: [
        rt`Failover Cluster Manager → ${ui('Validate Configuration')} → select ${list} → ${ui('Run all tests')}.`,
        rt`Warnings (for example about missing shared storage) are acceptable: an availability group needs no shared storage. Fix every ${ui('Error')} before continuing.`,
      ],
      commands: [`Test-Cluster -Node ${replicas.map(psQuote).join(',')}`],
      nodeIds: [s.id],
      docs: [DOC.ag],
    }),
    makeStep({
      id: `ag-wsfc:${s.id}`,
      phase: 'prepare',
      title: `Create the Windows Server Failover Cluster for ${ctx.name(s)}`,
      tool: 'Cluster',
      detail: [
        rt`Failover Cluster Manager → ${ui('Create Cluster')} → add ${list} → give the cluster name and IP address → ${ui('Next')} → ${ui('Finish')}.`,
        rt`The cluster name is not the listener: the listener ${code(ag.listenerFqdn)} is created with the availability group.`,
      ],
      nodeIds: [s.id],
      docs: [DOC.ag],
    }),
    makeStep({
      id: `ag-quorum-witness:${s.id}`,
      phase: 'prepare',
      title: `Configure a file share witness for the cluster of ${ctx.name(s)}`,
      tool: 'Cluster',
      detail: [
        rt`Right-click the cluster → ${ui('More Actions')} → ${ui('Configure Cluster Quorum Settings')} → ${ui('Select the quorum witness')} → ${ui('Configure a file share witness')} → type the share path → ${ui('Next')}.`,
      ],
      preconditions: [FILE_SHARE_WITNESS],
      nodeIds: [s.id],
      docs: [DOC.ag],
      ruleIds: ['BE-AG-QUORUM-WITNESS'],
    }),
    makeStep({
      id: `ag-enable-alwayson:${s.id}`,
      phase: 'prepare',
      title: `Enable AlwaysOn Availability Groups on every replica of ${ctx.name(s)}`,
      tool: 'SQL',
      detail: [
        rt`On each replica, SQL Server Configuration Manager → ${ui('SQL Server Services')} → the SQL Server service of ${s.instance === '' ? 'the default instance' : rt`instance ${code(s.instance)}`} → ${ui('Properties')} → ${ui('AlwaysOn High Availability')} tab → tick ${ui('Enable AlwaysOn Availability Groups')} → restart the service.`,
        ...ag.replicas.map((r) => rt`• ${code(ctx.instanceLabel(r.fqdn, s.instance))}`),
      ],
      nodeIds: [s.id],
      docs: [DOC.ag],
      ruleIds: ['BE-AG-INSTANCE-NAMES'],
    }),
  ];
}

/**
 * Before the New Availability Group Wizard: every database that joins is in the FULL
 * recovery model with a full backup (the wizard refuses one in SIMPLE recovery), then the
 * group itself.
 */
export function agBuild(ctx: PlanContext, s: SqlStore, phase: Phase): Step[] {
  return [agRecovery(ctx, s, phase), agCreate(ctx, s, phase)];
}

function agRecovery(ctx: PlanContext, s: SqlStore, phase: Phase): Step {
  const dbs = ctx.agDatabases(s);
  const on = code(ctx.instanceLabel(ctx.primaryNode(s), s.instance));
  return makeStep({
    id: `ag-full-recovery:${s.id}`,
    phase,
    title: `Set the Skype for Business databases on ${ctx.primaryNode(s)} to the FULL recovery model and back them up`,
    tool: 'SQL',
    detail: [
      rt`SQL Server Management Studio on ${on}, for every database that will join the availability group${
        dbs.include.length
          ? rt` (${joinRich(
              dbs.include.map((d) => rt`${code(d)}`),
              ', ',
            )})`
          : ''
      }: ${ui('Properties')} → ${ui('Options')} → ${ui('Recovery model')} = ${ui('Full')}, then ${ui('Tasks')} → ${ui('Back Up')} → ${ui('Backup type')} = ${ui('Full')}.`,
      rt`In Transact-SQL, per database: ${code("ALTER DATABASE [<database>] SET RECOVERY FULL; BACKUP DATABASE [<database>] TO DISK = N'<backup folder>\\<database>.bak';")}`,
      rt`The New Availability Group Wizard lists a database in the SIMPLE recovery model, or without a full backup, as not meeting the prerequisites and will not add it.`,
    ],
    preconditions: [rt`The databases exist on ${on} (created when the topology was published).`],
    verify: [
      {
        text: rt`${code('SELECT name, recovery_model_desc FROM sys.databases')} shows FULL for every database above, and each has a full backup.`,
      },
    ],
    nodeIds: [s.id],
    docs: [DOC.ag, DOC.sqlAgPrereqs],
    ruleIds: [],
  });
}

/** §2.1 step 7: the availability group itself (endpoints on 5022, listener on 1433, never the excluded databases). */
function agCreate(ctx: PlanContext, s: SqlStore, phase: Phase): Step {
  const ag = ctx.agOf(s)!;
  const dbs = ctx.agDatabases(s);
  const port = ag.listenerPort ?? PORTS.agListener;
  const detail: RichText[] = [
    rt`SQL Server Management Studio on ${code(ctx.instanceLabel(ctx.primaryNode(s), s.instance))} → ${ui('Always On High Availability')} → right-click ${ui('Availability Groups')} → ${ui('New Availability Group Wizard')}; name the availability group.`,
    rt`${ui('Select Databases')}: the Skype for Business databases on this instance${
      dbs.include.length
        ? rt` (${joinRich(
            dbs.include.map((d) => rt`${code(d)}`),
            ', ',
          )})`
        : ''
    }. Never ${joinRich(
      dbs.exclude.map((d) => rt`${code(d)}`),
      ', ',
    )}: ReportServer, ReportServerTempDB and Persistent Chat databases are not supported in an availability group.`,
    rt`${ui('Specify Replicas')} → ${ui('Replicas')} tab → ${ui('Add Replicas')}: ${joinRich(
      ag.replicas.map((r) => rt`${code(ctx.instanceLabel(r.fqdn, s.instance))}`),
      ', ',
    )}; for each tick ${ui('Automatic Failover')} and ${ui('Synchronous Commit')}, leave ${ui('Readable Secondary')} off.`,
    rt`${ui('Endpoints')} tab: ${ui('Port Number')} = ${code(String(PORTS.agEndpoint))} on every replica.`,
    rt`${ui('Listener')} tab: ${ui('Create an availability group listener')}, name ${code(ag.listenerFqdn)}, ${ui('Port')} = ${code(String(PORTS.agListener))} (no other port is supported) → ${ui('Add')} → the IPv4 virtual IP.`,
    rt`${ui('Select Initial Data Synchronization')}: ${ui('Full')}, with a folder every replica's SQL Server service account can write to (for very large databases, initialise the secondaries manually).`,
    rt`${ui('Validation')}: all green → ${ui('Summary')} → ${ui('Finish')}.`,
  ];
  const pre: RichText[] = [
    rt`The Skype for Business databases exist on the primary replica ${code(ctx.primaryNode(s))} (created when the topology is published).`,
  ];
  if (port !== PORTS.agListener)
    pre.push(
      rt`The design gives the listener port ${String(port)}; Skype for Business supports only ${String(PORTS.agListener)}, which this step uses.`,
    );
  const nonSync = ag.replicas.filter((r) => r.commitMode !== 'synchronous' || r.failoverMode !== 'automatic' || r.readable);
  if (nonSync.length)
    pre.push(
      rt`The design marks ${joinRich(
        nonSync.map((r) => rt`${code(r.fqdn)}`),
        ', ',
      )} as asynchronous, manual or readable; the documented procedure makes every replica synchronous with automatic failover and not readable, and so does this step.`,
    );
  return makeStep({
    id: `ag-create:${s.id}`,
    phase,
    title: `Create the availability group and its listener ${ag.listenerFqdn}`,
    tool: 'SQL',
    detail,
    preconditions: pre,
    verify: [
      {
        text: rt`The availability group dashboard shows every replica synchronised and healthy, and the listener ${code(ag.listenerFqdn)} answers on port ${String(PORTS.agListener)}.`,
      },
    ],
    nodeIds: [s.id, ...ctx.ix.poolsUsing(s.id).map((p) => p.id)],
    docs: [DOC.ag],
    ruleIds: ['BE-AG-ENDPOINT-PORT', 'BE-AG-EXCLUDED-DATABASES', 'BE-AG-INSTANCE-NAMES', 'BE-AG-LISTENER-PORT'],
  });
}

/** §2.1 step 8: point the store at the listener, then create the SQL logins on every replica. */
export function agLoginSync(ctx: PlanContext, s: SqlStore, phase: Phase): Step[] {
  const ag = ctx.agOf(s)!;
  const steps: Step[] = [
    makeStep({
      id: `ag-listener-tb:${s.id}`,
      phase,
      title: `Point the store ${ctx.name(s)} at the listener ${ag.listenerFqdn} and publish`,
      tool: 'TB',
      detail: [
        rt`Topology Builder → ${ui('Download Topology from existing deployment')} → save a copy.`,
        rt`${ui('Shared Components')} → ${ui('SQL Server Stores')} → the store of this availability group → ${ui('Edit Properties')} → ${ui('SQL Server FQDN')} = ${code(ag.listenerFqdn)} (the listener FQDN).`,
        rt`${ui('Action')} → ${ui('Topology')} → ${ui('Publish')} → ${ui('Next')}; wait a few minutes for the change to replicate.`,
      ],
      nodeIds: [s.id],
      docs: [DOC.ag, DOC.newTopology],
      ruleIds: ['BE-AG-LISTENER-FQDN'],
    }),
  ];
  ag.replicas.forEach((r, i) => {
    steps.push(
      makeStep({
        id: `ag-login-sync:${s.id}:${i + 1}`,
        phase,
        title: `Create the SQL logins on replica ${r.fqdn}`,
        tool: 'Shell',
        mode: 'manual',
        detail: [
          i === 0
            ? rt`${code(r.fqdn)} is the primary after the wizard: run the command while it is primary.`
            : rt`SQL Server Management Studio → the availability group → ${ui('Failover')} to ${code(ctx.instanceLabel(r.fqdn, s.instance))}; when it is primary, run the command.`,
          rt`The form Microsoft documents for databases in an availability group: ${code('-SqlServerFqdn')} names the listener, which now reaches this replica. The topology is published again once every replica has its logins (next step).`,
        ],
        commands: [
          `Install-CsDatabase -Update -ConfiguredDatabases -SqlServerFqdn ${psQuote(ag.listenerFqdn)}${ctx.forInstanceArg(s.instance)} -Verbose`,
        ],
        verify: [{ text: rt`The command completes without errors and the pool keeps working with ${code(r.fqdn)} as primary.` }],
        nodeIds: [s.id],
        docs: [DOC.ag, DOC.psInstallDatabase, DOC.patchAgSql],
        ruleIds: [],
        inferred: true,
      }),
    );
  });
  steps.push(
    makeStep({
      id: `ag-republish:${s.id}`,
      phase,
      title: `Publish the topology again after the database update on ${ag.listenerFqdn}`,
      tool: 'TB',
      detail: [
        rt`Topology Builder → ${ui('Action')} → ${ui('Topology')} → ${ui('Publish')} → ${ui('Next')}, as after any ${code('Install-CsDatabase -Update')} against an availability group.`,
      ],
      verify: [{ text: rt`The wizard reports success.` }],
      nodeIds: [s.id],
      docs: [DOC.patchAgSql, DOC.newTopology],
    }),
  );
  return steps;
}

/** §4 preconditions, on the SQL side (2015 only). */
export function mirrorPrepare(ctx: PlanContext, s: SqlStore): Step {
  const m = ctx.mirrorSet(s)!;
  const pre: RichText[] = [
    rt`Principal ${code(s.fqdn)}, mirror ${code(m.mirror.fqdn)}${m.witness ? rt` and witness ${code(m.witness.fqdn)}` : ''} in the same Active Directory domain (otherwise build mirroring with SQL Server tools, not Topology Builder).`,
    rt`SQL Server permissions for database mirroring set up (SQL Server's article on login accounts for mirroring).`,
    rt`A file share for the mirroring backup files; the accounts running SQL Server and SQL Server Agent on the principal and the mirror can read and write it (with Network Service, grant the computer accounts of both servers).`,
    rt`Firewall: TCP ${String(m.mirrorPort)} open on the principal and the mirror${m.witness ? `, TCP ${m.witnessPort} on the witness` : ''}.`,
    rt`The WMI provider runs on every server of the relationship, and the installing account may create data and log folders on the mirror.`,
    rt`Each SQL instance on one host uses its own mirroring port.`,
    rt`Transaction-log backups planned (full recovery model).`,
  ];
  const sync = ctx.ix.out(s.id, 'mirror')[0]?.synchronous;
  if (sync === false)
    pre.push(
      rt`The design marks the mirror asynchronous; Skype for Business supports only synchronous (high-safety) mirroring, which Topology Builder sets up.`,
    );
  return makeStep({
    id: `mirror-prepare:${s.id}`,
    phase: 'prepare',
    title: `Prepare SQL mirroring for ${storeRoleLabel(ctx, s)}`,
    tool: 'SQL',
    detail: [rt`Topology Builder builds the mirroring at publish time; these are the SQL Server side prerequisites.`],
    preconditions: pre,
    nodeIds: [s.id, m.mirror.id, ...(m.witness ? [m.witness.id] : [])],
    docs: [DOC.mirroring, DOC.backEndPlan],
    ruleIds: ['BE-MIRROR-SAME-DOMAIN', 'BE-MIRROR-PORT-UNIQUE', 'BE-MIRROR-LOG-BACKUP', 'BE-MIRROR-SYNC-ONLY'],
  });
}

// ---------------------------------------------------------------- Topology Builder

/** Define the SQL store (non-mirrored): plain, AG (primary node first) or cluster. */
export function tbSqlStore(ctx: PlanContext, s: SqlStore): Step {
  const ag = ctx.agOf(s);
  const detail: RichText[] = [
    rt`${ui('Define New SQL Store')} (from the pool wizard's ${ui('New')} button, or ${ui('Shared Components')} → ${ui('SQL Server Stores')} → ${ui('New SQL Server Store')}):`,
  ];
  let inferred = false;
  if (ag) {
    detail.push(
      rt`Tick ${ui('High Availability Settings')} and pick ${ui('SQL AlwaysOn Availability Groups')}.`,
      rt`${ui('SQL Server Availability Listener FQDN')} = ${code(ag.listenerFqdn)}.`,
      rt`${ui('SQL Server FQDN')} = ${code(ctx.primaryNode(s))}, the primary replica (it becomes the listener once the availability group exists).`,
    );
    inferred = true;
  } else if (ctx.clustered(s)) {
    detail.push(rt`${ui('SQL Server FQDN')} = ${code(s.fqdn)}, the network name of the SQL failover cluster instance.`);
    inferred = true;
  } else detail.push(rt`${ui('SQL Server FQDN')} = ${code(s.fqdn)}.`);
  detail.push(s.instance === '' ? rt`${ui('Default instance')}.` : rt`${ui('Named instance')} = ${code(s.instance)}.`);
  return makeStep({
    id: `tb-sql-store:${s.id}`,
    phase: 'topologyBuilder',
    title: `Define the SQL store ${ctx.label(s)}`,
    tool: 'TB',
    detail,
    nodeIds: [s.id],
    docs: ag ? [DOC.ag, DOC.addSqlStore] : [DOC.addSqlStore, DOC.backEndPlan],
    ruleIds: ag ? ['BE-AG-INSTANCE-NAMES'] : [],
    inferred,
  });
}

/** §4.1: mirroring defined with the store in Topology Builder. */
export function tbMirroring(ctx: PlanContext, s: SqlStore, poolName?: string): Step {
  const m = ctx.mirrorSet(s)!;
  const detail: RichText[] = [
    rt`${poolName ? `In the wizard of ${poolName}, o` : 'O'}n ${ui('Define the SQL Store')} → ${ui('New')} next to ${ui('SQL store')}: ${ui('SQL Server FQDN')} = ${code(s.fqdn)}, ${s.instance === '' ? rt`${ui('Default instance')}` : rt`${ui('Named instance')} = ${code(s.instance)}`}; tick ${ui('This SQL instance is in mirroring relation')}, ${ui('Mirroring port number')} = ${code(String(m.mirrorPort))} → ${ui('OK')}.`,
    rt`Back on ${ui('Define the SQL Store')}: tick ${ui('Enable SQL Store mirroring')} → ${ui('New')}: mirror ${code(ctx.instanceLabel(m.mirror.fqdn, m.mirror.instance))}, tick ${ui('This SQL instance is in mirroring relation')}, port ${code(String(m.mirrorPort))} → ${ui('OK')}.`,
  ];
  if (m.witness)
    detail.push(
      rt`Tick ${ui('Use SQL mirroring witness to enable automatic failover')} → ${ui('New')}: witness ${code(ctx.instanceLabel(m.witness.fqdn, m.witness.instance))}, tick ${ui('This SQL instance is in mirroring relation')}, port ${code(String(m.witnessPort))} → ${ui('OK')}.`,
    );
  else
    detail.push(
      rt`No witness: Back End failover stays manual (${code('Invoke-CsDatabaseFailover')}); users get about 30 minutes before Resiliency mode.`,
    );
  return makeStep({
    id: `tb-sql-mirroring:${s.id}`,
    phase: 'topologyBuilder',
    title: `Define SQL mirroring for ${storeRoleLabel(ctx, s)}`,
    tool: 'TB',
    detail,
    nodeIds: [s.id, m.mirror.id, ...(m.witness ? [m.witness.id] : [])],
    docs: [DOC.mirroring],
  });
}

// ---------------------------------------------------------------- publish / install

/** C6: install the databases of one store by cmdlet (the publish wizard normally has done it; nothing is overwritten). */
export function installDatabases(ctx: PlanContext, s: SqlStore): Step {
  const target = ctx.primaryNode(s);
  const clustered = ctx.clustered(s);
  const cmd = `Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn ${psQuote(target)}${ctx.forInstanceArg(s.instance)}${clustered ? ' -UseDefaultSqlPaths' : ''}`;
  const detail: RichText[] = [
    rt`Installs every database the published topology places on ${code(ctx.instanceLabel(target, s.instance))}. Without ${code('-Clean')} it never overwrites a database the publish wizard already created.`,
  ];
  if (clustered)
    detail.push(
      rt`On a SQL cluster the cmdlet cannot place files by itself, hence ${code('-UseDefaultSqlPaths')} (or give ${code('-DatabasePaths <log>,<data>')}).`,
    );
  if (ctx.agOf(s))
    detail.push(
      rt`The availability group does not exist yet: the databases go to the primary replica, and the wizard adds them to the group afterwards.`,
    );
  if (ctx.mirrorSet(s))
    detail.push(
      rt`Mirroring is set up by the publish wizard; if it was not, run ${code(`Install-CsMirrorDatabase -ConfiguredDatabases -FileShare <\\\\server\\share> -SqlServerFqdn ${psQuote(s.fqdn)}${ctx.forInstanceArg(s.instance)} -Verbose`)} and answer A (Yes to All).`,
    );
  return makeStep({
    id: `install-databases:${s.id}`,
    phase: 'publishInstall',
    title: `Install the databases on ${ctx.label(s)}`,
    tool: 'Shell',
    detail,
    commands: [cmd],
    preconditions: [rt`The topology is published; the account is in RTCUniversalServerAdmins and is SQL sysadmin on the target.`],
    nodeIds: [s.id],
    docs: [DOC.psInstallDatabase, DOC.addSqlStore],
    ruleIds: clustered ? ['BE-CLUSTER-DB-PATHS'] : [],
  });
}
