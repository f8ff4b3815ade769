/**
 * M1, side-by-side migration (2015 → Subscription Edition, 2019 → Subscription Edition,
 * 2015 → 2019): new pools beside the legacy ones, paired with each other, Edge and
 * federation moved, users and their applications moved, DNS, the Central Management
 * store moved last with its replication checked, then the legacy pools retired, Edge and
 * Director last. The Skype for Business Server 2019 migration pages describe it for a
 * 2019 target; for Subscription Edition every step is the same (Subscription Edition is
 * the 2019 code base).
 */
import type { SqlStore, TopologyNode } from '../model/schema';
import type { RegistrarPool } from '../model/topology-index';
import { fam2019, productVersionLabel, verRank } from '../model/product-versions';
import { agBuild, agLoginSync, agPrepare, clusterBuild, sqlInstall, tbSqlStore } from '../steps/sql-steps';
import { code, psQuote, rt, ui } from '../steps/text';
import type { RichText } from '../steps/types';
import type { EdgePool, MigrationContext } from './migration-context';
import { MIG_DOC } from './procedures';
import type { Effect } from './types';
import { num } from '../lib/text';

const kindWord = (p: RegistrarPool) =>
  p.kind === 'frontEndPool' ? 'Enterprise Edition Front End pool' : 'Standard Edition server';
const versionName = (n: TopologyNode) =>
  'productVersion' in n && n.productVersion ? productVersionLabel(n.productVersion) : 'Skype for Business Server';

/** Does the change migrate side by side: new registrar pools, or retired ones? */
export function needsSideBySide(m: MigrationContext): boolean {
  return (
    m.newPools.length > 0 ||
    m.retiredPools.length > 0 ||
    m.addedOfKind('edgePool').length > 0 ||
    m.removedOfKind('edgePool').length > 0
  );
}

export function m1Preconditions(m: MigrationContext): void {
  const legacy = [...m.retiredPools, ...m.removedOfKind('edgePool')];
  m.add({
    id: 'M1.0:updates',
    phase: 'preconditions',
    procedure: 'M1',
    procedureStep: 'M1.0',
    title: 'Install the latest cumulative update on every server that is being migrated',
    tool: 'Win',
    runOn: 'every server of the current deployment',
    detail: [
      rt`Microsoft's migration starts from legacy servers at their latest cumulative update (${legacy.length ? legacy.map((n) => m.ctx.label(n)).join(', ') : 'the legacy pools'}).`,
      rt`Skype for Business Server 2015 and 2019 reached end of support on 14 October 2025: there are no further updates, so the last one released is the level to reach.`,
    ],
    nodeIds: legacy.map((n) => n.id),
    docs: [MIG_DOC.applyUpdates],
    ruleIds: ['LIFE-EOS-DECOMMISSION'],
  });
  m.add({
    id: 'M1.0:backup',
    phase: 'preconditions',
    procedure: 'M1',
    procedureStep: 'M1.0',
    title: 'Back up the configuration, the E9-1-1 configuration and the databases',
    tool: 'Shell',
    detail: [
      rt`Keep these exports with the SQL Server backups of every Back End, Monitoring and Archiving database and a copy of every file store: they are what ${code('Move-CsManagementServer')} needs if the Central Management store is lost during the migration.`,
    ],
    commands: [
      "Export-CsConfiguration -FileName 'C:\\MigrationBackup\\CsConfiguration.zip'",
      "Export-CsLisConfiguration -FileName 'C:\\MigrationBackup\\CsLisConfiguration.zip'",
    ],
    verify: [
      {
        text: rt`Both files exist.`,
        command: "Test-Path 'C:\\MigrationBackup\\CsConfiguration.zip', 'C:\\MigrationBackup\\CsLisConfiguration.zip'",
      },
    ],
    docs: [MIG_DOC.backUp, MIG_DOC.psExportConfig, MIG_DOC.psExportLis, MIG_DOC.psMoveCms],
  });
  m.add({
    id: 'M1.0:tools',
    phase: 'preconditions',
    procedure: 'M1',
    procedureStep: 'M1.0',
    title: "From now on, administer every pool with the new version's tools",
    tool: 'Win',
    mode: 'manual',
    detail: [
      rt`Install the administrative tools (Topology Builder, Control Panel, Management Shell) of ${versionName(m.newPools[0] ?? m.ix.registrars()[0]!)} on an administration computer. From the pilot pool on, use only its Topology Builder and Control Panel, for the legacy pools too; never open the topology in the legacy Topology Builder again.`,
    ],
    docs: [MIG_DOC.adminAfter, MIG_DOC.coexistence],
    ruleIds: ['TOPO-ADMIN-TOOLS-2019'],
  });
  m.add({
    id: 'M1.0:replication',
    phase: 'preconditions',
    procedure: 'M1',
    procedureStep: 'M1.0',
    title: 'Check that the Central Management store replicates to every server',
    tool: 'Shell',
    commands: ['Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus'],
    verify: [
      {
        text: rt`No replica is out of date (the command lists none).`,
        command: 'Get-CsManagementStoreReplicationStatus | Where-Object {$_.UpToDate -eq $false}',
      },
    ],
    docs: [MIG_DOC.psReplication, MIG_DOC.failoverPool],
  });
}

export function m1Prepare(m: MigrationContext): void {
  if (m.newPools.length === 0 && m.addedOfKind('edgePool').length === 0) return;
  const version = versionName(m.newPools[0] ?? m.addedOfKind('edgePool')[0]!);
  m.add({
    id: 'M1.1:prepare-ad',
    phase: 'newPools',
    procedure: 'M1',
    procedureStep: 'M1.1',
    title: `Prepare Active Directory for ${version}`,
    tool: 'DW',
    mode: 'manual',
    runOn:
      "a domain-joined computer with the new version's setup, as a member of Schema Admins, then Enterprise Admins and Domain Admins",
    detail: [
      rt`Deployment Wizard → ${ui('Prepare Active Directory')}: ${ui('Prepare Schema')}, ${ui('Prepare Current Forest')}, ${ui('Prepare Current Domain')} (each domain with Skype for Business users), waiting for Active Directory replication between them.`,
      rt`The same from the Management Shell: the commands below.`,
    ],
    commands: ['Install-CsAdServerSchema', 'Enable-CsAdForest', 'Enable-CsAdDomain'],
    verify: [
      { text: rt`The forest and the domain report ready.`, command: 'Get-CsAdForest' },
      { text: rt`The domain reports ready.`, command: 'Get-CsAdDomain' },
    ],
    docs: [MIG_DOC.phase3, MIG_DOC.prepareAd],
    ruleIds: ['TOPO-AD-LEVELS'],
  });
  m.add({
    id: 'M1.1:download-topology',
    phase: 'newPools',
    procedure: 'M1',
    procedureStep: 'M1.1',
    title: 'Download the current topology in the new Topology Builder',
    tool: 'TB',
    detail: [
      rt`Start the new version's Topology Builder → ${ui('Download Topology from existing deployment')} → ${ui('OK')} → save a copy (the pre-migration topology, to republish if a change goes wrong).`,
      rt`The legacy pools appear under their own version's node; the new pools are defined under the new version's node.`,
    ],
    docs: [MIG_DOC.downloadTopology],
  });
}

/** M1.2: each new pool with its Back End high availability, then M1.3 pairing. */
export function m1NewPools(m: MigrationContext): void {
  const { ctx } = m;
  const takesUsersOf = new Map<string, RegistrarPool[]>();
  for (const r of m.retiredPools) {
    const q = m.usersTarget(r);
    if (q) takesUsersOf.set(q.id, [...(takesUsersOf.get(q.id) ?? []), r]);
  }
  for (const p of m.newPools) {
    const s = m.backEnd(p);
    const newStore = s && m.isAdded(s.id) ? s : undefined;
    if (newStore) backEndBefore(m, p, newStore);
    const legacyOf = takesUsersOf.get(p.id) ?? [];
    const effects: Effect[] = [{ kind: 'deploy', nodeId: p.id }];
    const newDeps = [...ctx.ix.out(p.id)].map((l) => l.to).filter((id) => m.isAdded(id) && ctx.ix.node(id)?.kind !== 'edgePool');
    for (const id of newDeps) effects.push({ kind: 'deploy', nodeId: id });
    for (const id of newStore ? [ctx.ix.mirrorOf(newStore.id)?.id, ctx.ix.witnessOf(newStore.id)?.id] : [])
      if (id && m.isAdded(id)) effects.push({ kind: 'deploy', nodeId: id });
    m.add({
      id: `M1.2:define:${p.id}`,
      phase: 'newPools',
      procedure: 'M1',
      procedureStep: 'M1.2',
      title: `Define the new ${kindWord(p)} ${ctx.label(p)} (${versionName(p)})`,
      tool: 'TB',
      detail: [
        rt`Under the ${versionName(p)} node → ${ui(p.kind === 'frontEndPool' ? 'Enterprise Edition Front End pools' : 'Standard Edition Front End Servers')} → ${ui(p.kind === 'frontEndPool' ? 'New Front End Pool' : 'New Front End Server')}: FQDN ${code(p.fqdn)}${p.kind === 'frontEndPool' ? rt`, ${String(p.frontEndServers)} Front End servers` : ''}, site ${ctx.siteName(p.siteId)}. A new pool never reuses a legacy pool's FQDN.`,
        legacyOf.length
          ? rt`${ui('Select features')}: the same features as ${legacyOf.map((r) => ctx.label(r)).join(' and ')} (conferencing, dial-in conferencing, Enterprise Voice, call admission control), so every workload of ${legacyOf.length === 1 ? 'that pool' : 'those pools'} can move here.`
          : rt`${ui('Select features')}: the features its users need (conferencing, dial-in conferencing, Enterprise Voice, call admission control).`,
        rt`${p.mediationCollocated ? rt`Tick ${ui('Collocate Mediation Server')} (recommended). ` : ''}Do not tick ${ui('Enable an Edge pool to be used by the media component of this Front End pool')} yet: the Edge association comes later (M1.4 or M1.8).`,
        ...(s
          ? [
              rt`${ui('SQL Server store')}: ${ctx.label(s)}${newStore ? '' : ' (existing store)'}; file store, Office Online Server and Monitoring or Archiving stores as the target design has them. Archiving and Monitoring data are not migrated: the new pool collects into its own stores from now on.`,
            ]
          : []),
      ],
      nodeIds: [p.id, ...newDeps],
      docs: [MIG_DOC.pilotPool, MIG_DOC.monarch],
      ruleIds: ['MIG-POOL-FQDN-UNIQUE', 'MIG-MONARCH-NOT-MIGRATED', 'COEX-ONE-VERSION-PER-POOL'],
    });
    m.add({
      id: `M1.2:publish-install:${p.id}`,
      phase: 'newPools',
      procedure: 'M1',
      procedureStep: 'M1.2',
      title: `Publish the topology and install ${ctx.label(p)}`,
      tool: 'DW',
      mode: 'manual',
      runOn:
        p.kind === 'frontEndPool'
          ? `each of the ${p.frontEndServers} Front End servers of ${ctx.name(p)}`
          : `the Standard Edition server ${p.fqdn}`,
      detail: [
        rt`Topology Builder → ${ui('Action')} → ${ui('Topology')} → ${ui('Publish')}; the wizard creates the pool's databases.`,
        rt`On every server: Deployment Wizard → ${ui('Install or Update Skype for Business Server System')} → Step 1 ${ui('Install Local Configuration Store')}, Step 2 ${ui('Setup or Remove Skype for Business Server Components')}, Step 3 ${ui('Request, Install or Assign Certificates')}, then start the services.`,
        ...(p.kind === 'frontEndPool'
          ? [
              rt`First start of the pool: start enough servers together for its quorum (all of three, three of four, about 85% of a larger pool), with the command below.`,
            ]
          : []),
      ],
      commands: p.kind === 'frontEndPool' ? [`Start-CsPool -PoolFqdn ${psQuote(p.fqdn)}`] : [],
      verify: [
        { text: rt`The pool is listed with its servers; its services run.`, command: `Get-CsPool -Identity ${psQuote(p.fqdn)}` },
      ],
      nodeIds: [p.id],
      docs: [MIG_DOC.pilotPool, MIG_DOC.haPlan, MIG_DOC.psStartPool],
      ruleIds: ['FE-FIRST-START-QUORUM'],
      effects,
    });
    if (newStore) backEndAfter(m, p, newStore);
    m.add({
      id: `M1.2:verify:${p.id}`,
      phase: 'newPools',
      procedure: 'M1',
      procedureStep: 'M1.2',
      title: `Verify that ${ctx.name(p)} coexists with the legacy pools`,
      tool: 'Shell',
      mode: 'manual',
      runOn: `each Front End server of ${ctx.name(p)}`,
      detail: [
        rt`On each server the services run: Front-End, Replica Replicator Agent, Audio/Video Conferencing, Web Conferencing, Mediation (when collocated), Response Group, Call Park and the others the pool's features need.`,
        rt`The new Control Panel lists both the legacy pools and ${ctx.name(p)} (${ui('Topology')} → ${ui('Status')}).`,
      ],
      commands: ['Get-CsWindowsService'],
      nodeIds: [p.id],
      docs: [MIG_DOC.coexistence],
    });
  }
  for (const role of [...m.addedOfKind('directorPool'), ...m.addedOfKind('mediationPool')]) {
    m.add({
      id: `M1.2:role:${role.id}`,
      phase: 'newPools',
      procedure: 'M1',
      procedureStep: 'M1.2',
      title: `Define, publish and install the new ${role.kind === 'directorPool' ? 'Director' : 'Mediation'} pool ${ctx.label(role)}`,
      tool: 'TB',
      detail: [
        rt`Under the ${versionName(role)} node: ${ui(role.kind === 'directorPool' ? 'Director pools' : 'Mediation pools')} → ${ui('New')}: FQDN ${code(role.fqdn)}, ${String(role.servers)} servers; publish; Deployment Wizard on each server (Steps 1–3); start the services.`,
      ],
      nodeIds: [role.id],
      docs: [MIG_DOC.pilotPool],
      effects: [{ kind: 'deploy', nodeId: role.id }],
    });
  }
  // M1.3: pairings the target adds (the legacy pairs stay until M1.14).
  for (const l of ctx.ix.linksOfKind('pairing')) {
    const a = ctx.ix.node(l.from);
    const b = ctx.ix.node(l.to);
    if (!a || !b || (!m.isAdded(a.id) && !m.isAdded(b.id))) continue;
    pairPools(m, a as RegistrarPool, b as RegistrarPool, l.voiceFailover === true);
  }
}

/** The new pool's Back End: SQL Server and its high availability before the pool is published (§2.1 steps 1–6). */
function backEndBefore(m: MigrationContext, p: RegistrarPool, s: SqlStore): void {
  const { ctx } = m;
  if (s.haMode === 'mirroring' && fam2019(p.productVersion)) {
    m.add({
      id: `M1.2:back-end-ha:${s.id}`,
      phase: 'newPools',
      procedure: 'M1',
      procedureStep: 'M1.2',
      title: `Build the Back End ${ctx.label(s)} as an AlwaysOn availability group, not with SQL mirroring`,
      tool: 'SQL',
      mode: 'manual',
      detail: [
        rt`${versionName(p)} cannot deploy SQL mirroring. Give the new Back End an AlwaysOn availability group (SQL Server Enterprise, two or more synchronous replicas with automatic failover, listener on port 1433), an AlwaysOn failover cluster instance or a SQL failover cluster, and change the target design to match; the legacy pools keep their mirroring until they are retired.`,
      ],
      nodeIds: [s.id, p.id],
      docs: [MIG_DOC.backEndPlan, MIG_DOC.deprecated2019, MIG_DOC.ag],
      ruleIds: ['BE-MIRROR-2019'],
    });
    return;
  }
  if (ctx.agOf(s)) {
    m.adopt(sqlInstall(ctx, s), 'newPools', 'M1.2');
    for (const step of agPrepare(ctx, s)) m.adopt(step, 'newPools', 'M1.2');
  } else if (ctx.clustered(s)) m.adopt(clusterBuild(ctx, s), 'newPools', 'M1.2');
  else m.adopt(sqlInstall(ctx, s), 'newPools', 'M1.2');
  if (p.kind === 'frontEndPool') m.adopt(tbSqlStore(ctx, s), 'newPools', 'M1.2');
}

/** After the publish: the availability group over the new databases and the login sync (§2.1 steps 7–8). */
function backEndAfter(m: MigrationContext, _p: RegistrarPool, s: SqlStore): void {
  const { ctx } = m;
  if (!ctx.agOf(s)) return;
  for (const step of agBuild(ctx, s, 'publishInstall')) m.adopt(step, 'newPools', 'M1.2');
  for (const step of agLoginSync(ctx, s, 'publishInstall')) m.adopt(step, 'newPools', 'M1.2');
}

function pairPools(m: MigrationContext, a: RegistrarPool, b: RegistrarPool, voice: boolean): void {
  const { ctx } = m;
  m.add({
    id: `M1.3:pair:${a.id}:${b.id}`,
    phase: 'newPools',
    procedure: 'M1',
    procedureStep: 'M1.3',
    title: `Pair ${ctx.name(a)} with ${ctx.name(b)} (${versionName(a)})`,
    tool: 'TB',
    detail: [
      rt`${ctx.name(a)} → ${ui('Edit Properties')} → ${ui('Resiliency')} → tick ${ui('Associated Backup Pool')} → ${code(b.fqdn)}${voice ? rt` → tick ${ui('Automatic failover and failback for Voice')}` : ''} → ${ui('OK')} → publish.`,
      rt`Pair the new pools with each other, never a new pool with a legacy pool: failing over between pools of different versions is not supported. The legacy pair stays paired until it is retired.`,
    ],
    nodeIds: [a.id, b.id],
    docs: [MIG_DOC.pairing, MIG_DOC.upgrade2015],
    ruleIds: ['PAIR-SAME-VERSION', 'PAIR-ONE-TO-ONE'],
    effects: [{ kind: 'pair', a: a.id, b: b.id }],
  });
  const bootstrapper = (p: RegistrarPool) =>
    p.productVersion === '2015'
      ? '%ProgramFiles%\\Skype for Business Server 2015\\Deployment\\Bootstrapper.exe'
      : p.productVersion === '2019'
        ? '%ProgramFiles%\\Skype for Business Server 2019\\Deployment\\Bootstrapper.exe'
        : 'Bootstrapper.exe in the Deployment folder of the installation';
  m.add({
    id: `M1.3:backup-service:${a.id}:${b.id}`,
    phase: 'newPools',
    procedure: 'M1',
    procedureStep: 'M1.3',
    title: `Install and start the Backup Service on ${ctx.name(a)} and ${ctx.name(b)}`,
    tool: 'Win',
    mode: 'manual',
    runOn: `every Front End server of ${ctx.name(a)} and ${ctx.name(b)}`,
    detail: [
      rt`Both pools are already deployed, so on every Front End server run ${code(bootstrapper(a))}${a.productVersion === 'SE' ? rt` (Not confirmed: the folder name on Subscription Edition servers)` : ''}, then apply the cumulative update installed on the server again, so that the new Backup Service matches it, then start it (the command below, on each server).`,
    ],
    commands: ['Start-CsWindowsService -Name LYNCBACKUP'],
    nodeIds: [a.id, b.id],
    docs: [MIG_DOC.pairing],
    ruleIds: ['UPG-CU-PAIR-MISMATCH'],
  });
  m.add({
    id: `M1.3:sync:${a.id}:${b.id}`,
    phase: 'newPools',
    procedure: 'M1',
    procedureStep: 'M1.3',
    title: `Synchronise the Backup Service between ${ctx.name(a)} and ${ctx.name(b)}`,
    tool: 'Shell',
    commands: [
      `Invoke-CsBackupServiceSync -PoolFqdn ${psQuote(a.fqdn)}`,
      `Invoke-CsBackupServiceSync -PoolFqdn ${psQuote(b.fqdn)}`,
    ],
    verify: [
      {
        text: rt`Both directions reach a steady state (repeat until they do).`,
        command: `Get-CsBackupServiceStatus -PoolFqdn ${psQuote(a.fqdn)}`,
      },
      { text: rt`The other direction.`, command: `Get-CsBackupServiceStatus -PoolFqdn ${psQuote(b.fqdn)}` },
    ],
    nodeIds: [a.id, b.id],
    docs: [MIG_DOC.pairing, MIG_DOC.psBackupSync, MIG_DOC.psBackupStatus],
  });
}

/** Edge pools older than the newest new pool, or retired: the ones Microsoft's pilot connects to first. */
function legacyEdges(m: MigrationContext): EdgePool[] {
  const newest = Math.max(0, ...m.newPools.map((p) => verRank(p.productVersion)));
  return m.ctx.ix.ofKind('edgePool').filter((e) => m.isRemoved(e.id) || (!m.isAdded(e.id) && verRank(e.productVersion) < newest));
}

export function m1Edge(m: MigrationContext): void {
  const { ctx } = m;
  const legacy = legacyEdges(m);
  const added = m.addedOfKind('edgePool');
  // M1.4: the new pools use the legacy Edge until a new-version Edge pool takes over.
  if (legacy.length && m.newPools.length) {
    const effects: Effect[] = [];
    const lines: RichText[] = [];
    for (const p of m.newPools) {
      const e = legacy.find((x) => x.siteId === p.siteId) ?? legacy[0]!;
      effects.push({ kind: 'mediaEdge', poolId: p.id, edgeId: e.id });
      lines.push(
        rt`${ctx.name(p)} → ${ui('Edit Properties')} → ${ui('Associations')} → tick ${ui('Associate Edge pool (for media components)')} → ${code(e.fqdn)}.`,
      );
    }
    const director = m.ix.ofKind('directorPool').find((d) => !m.isAdded(d.id));
    const route = director ?? legacy.find((e) => e.federation) ?? legacy[0]!;
    m.add({
      id: 'M1.4:legacy-edge',
      phase: 'edge',
      procedure: 'M1',
      procedureStep: 'M1.4',
      title: 'Connect the new pools to the legacy Edge',
      tool: 'TB',
      detail: [
        rt`The site (directly under ${ui('Skype for Business Server')}) → ${ui('Edit Properties')} → ${ui('Federation route')} → ${ui('Site federation route assignment')} → tick ${ui('Enable SIP federation')} → ${code(route.fqdn)} (the legacy ${route.kind === 'directorPool' ? 'Director' : 'Edge pool'}).`,
        ...lines,
        rt`Publish the topology.`,
      ],
      nodeIds: [...m.newPools.map((p) => p.id), ...legacy.map((e) => e.id)],
      docs: [MIG_DOC.legacyEdge],
      ruleIds: ['COEX-EDGE-LEGACY-MEDIA'],
      effects,
    });
  }
  // M1.7: new Edge pools, without federation, next hop on the legacy side.
  for (const e of added) {
    const legacyPeer = legacy.find((x) => x.siteId === e.siteId) ?? legacy[0];
    const legacyHop = legacyPeer
      ? ctx.ix
          .out(legacyPeer.id, 'nextHop')
          .map((l) => ctx.ix.node(l.to))
          .find((n) => n !== undefined)
      : undefined;
    const hop = legacyHop ?? targetNextHop(m, e);
    m.add({
      id: `M1.7:edge:${e.id}`,
      phase: 'edge',
      procedure: 'M1',
      procedureStep: 'M1.7',
      title: `Add the new Edge pool ${ctx.label(e)} (${versionName(e)})`,
      tool: 'TB',
      detail: [
        rt`Under the ${versionName(e)} node → ${ui('Edge pools')} → ${ui('New Edge Pool')}: FQDN ${code(e.fqdn)}, ${e.servers > 1 ? 'multiple computer pool' : 'single computer pool'} (${String(e.servers)} servers).`,
        rt`${ui('Select features')}: do not tick federation${e.productVersion === '2015' ? ' or XMPP federation' : ''} yet.`,
        hop
          ? rt`${ui('Define the next hop')}: ${code(('fqdn' in hop && hop.fqdn) || hop.id)}${legacyHop ? ' (the next hop the legacy Edge pool uses)' : ''}.`
          : rt`${ui('Define the next hop')}: a Director or Front End pool of the target design.`,
        rt`${ui('Associate Front End or Mediation pools')}: none yet. Publish; install the Edge servers with the Deployment Wizard, assign certificates, start the services, and check that both Edge deployments run.`,
      ],
      nodeIds: [e.id],
      docs: [MIG_DOC.pilotEdge],
      ruleIds: ['COEX-EDGE-NEXTHOP-LEGACY'],
      effects: [{ kind: 'deploy', nodeId: e.id }, ...(hop ? [{ kind: 'nextHop' as const, edgeId: e.id, to: hop.id }] : [])],
    });
  }
  federationAndMedia(m, legacy, added);
}

function targetNextHop(m: MigrationContext, e: EdgePool): TopologyNode | undefined {
  const l = m.ix.out(e.id, 'nextHop')[0];
  return l ? m.ix.node(l.to) : undefined;
}

/** M1.8: federation, next hops and media associations as the target design has them. */
function federationAndMedia(m: MigrationContext, legacy: EdgePool[], _added: EdgePool[]): void {
  const { ctx } = m;
  const staying = ctx.ix.ofKind('edgePool').filter((e) => !m.isRemoved(e.id));
  const effects: Effect[] = [];
  const lines: RichText[] = [];
  const commands: string[] = [];
  // Next hops of the Edge pools that stay, as the target has them.
  for (const e of staying) {
    const hop = targetNextHop(m, e);
    if (!hop) continue;
    const before = m.isAdded(e.id) ? undefined : m.before(e.id);
    const changed = m.isAdded(e.id) || !before || m.td.fromCurrent.get(currentNextHop(m, before) ?? '') !== hop.id;
    if (!changed) continue;
    effects.push({ kind: 'nextHop', edgeId: e.id, to: hop.id });
    lines.push(
      rt`${ctx.name(e)} → ${ui('Edit Properties')} → ${ui('Next hop selection')} → ${code(('fqdn' in hop && hop.fqdn) || hop.id)}.`,
    );
    if (hop.siteId !== e.siteId && 'fqdn' in hop)
      commands.push(
        `Set-CsEdgeServer -Identity ${psQuote(`EdgeServer:${e.fqdn}`)} -Registrar ${psQuote(`Registrar:${hop.fqdn}`)}`,
      );
  }
  // Media associations of the pools that stay.
  for (const l of ctx.ix.linksOfKind('mediaEdge')) {
    const p = ctx.ix.node(l.from);
    const e = ctx.ix.node(l.to);
    if (!p || !e || m.isRemoved(p.id) || m.isRemoved(e.id)) continue;
    const before = m.isAdded(p.id) ? undefined : m.before(p.id);
    const was = before ? m.ix.node(m.td.fromCurrent.get(currentMediaEdge(m, before) ?? '') ?? '') : undefined;
    if (!m.isAdded(p.id) && was?.id === e.id) continue;
    effects.push({ kind: 'mediaEdge', poolId: p.id, edgeId: e.id });
    lines.push(
      rt`${ctx.name(p)} → ${ui('Associations')} → ${ui('Associate Edge pool (for media components)')} → ${code((e as { fqdn?: string }).fqdn ?? e.id)}.`,
    );
  }
  const fedTarget = staying.find((e) => e.federation);
  const fedSource = m.current.nodes.find((n) => n.kind === 'edgePool' && n.federation);
  const fedSourceId = fedSource ? m.td.fromCurrent.get(fedSource.id) : undefined;
  const federationMoves = fedTarget !== undefined && fedSourceId !== fedTarget.id;
  if (federationMoves) effects.push({ kind: 'federation', from: fedSourceId ?? null, to: fedTarget.id });
  if (!effects.length) {
    if (legacy.some((e) => m.isRemoved(e.id)) && staying.length === 0)
      m.note(
        'warning',
        rt`The target design has no Edge pool: remote access, federation and external media end when the legacy Edge pools are retired.`,
        legacy.map((e) => e.id),
        [],
        [MIG_DOC.federationRoutes],
      );
    return;
  }
  const source = fedSourceId ? ctx.ix.node(fedSourceId) : undefined;
  const legacyAlias =
    source &&
    source.kind === 'edgePool' &&
    source.externalSipFqdn !== undefined &&
    source.externalSipFqdn === source.externalWebConfFqdn &&
    source.externalSipFqdn === source.externalAvFqdn;
  if (federationMoves && source) {
    m.add({
      id: 'M1.8:disable-legacy-federation',
      phase: 'edge',
      procedure: 'M1',
      procedureStep: 'M1.8',
      title: `Maintenance window: turn federation off on the legacy Edge pool ${ctx.label(source)}`,
      tool: 'TB',
      detail: [
        rt`Federation is down from here until the new Edge pool takes it over: do this in a maintenance window.`,
        ...(legacyAlias
          ? [
              rt`The legacy Edge pool uses one FQDN for the Access, Web Conferencing and A/V Edge services: Microsoft does not support moving federation from it. Move every user and retire it first, then enable federation on the new Edge pool.`,
            ]
          : []),
        rt`The site → ${ui('Federation route')} → clear ${ui('Enable SIP federation')} → publish.`,
        rt`${ctx.name(source)} → ${ui('Edit Properties')} → ${ui('General')} → clear ${ui('Enable federation for this Edge pool (port 5061)')} → publish; check that it shows disabled.`,
      ],
      nodeIds: [source.id],
      docs: [MIG_DOC.federationRoutes],
    });
    m.add({
      id: 'M1.8:certificates',
      phase: 'edge',
      procedure: 'M1',
      procedureStep: 'M1.8',
      title: `Move the external Access Edge certificate to ${ctx.name(fedTarget!)}`,
      tool: 'Win',
      mode: 'manual',
      runOn: `the servers of ${ctx.name(source)} and ${ctx.name(fedTarget!)}`,
      detail: [
        rt`Export the legacy Edge's external (Access Edge) certificate with its private key; import it on each new Edge server and assign it to the external interface; assign an internal certificate from the internal certification authority.`,
      ],
      nodeIds: [source.id, fedTarget!.id],
      docs: [MIG_DOC.federationRoutes],
    });
  }
  if (fedTarget)
    lines.unshift(
      rt`${ctx.name(fedTarget)} → ${ui('Edit Properties')} → ${ui('General')} → tick ${ui('Enable federation for this Edge pool (port 5061)')}.`,
    );
  lines.push(
    rt`Each site → ${ui('Federation route')} → ${ui('Enable SIP federation')} → ${fedTarget ? code(fedTarget.fqdn) : 'the federating Edge pool'}; publish; wait for Active Directory replication. The warning "The topology contains more than one Federated Edge Server" is expected while the legacy Edge pool is still in the topology.`,
  );
  m.add({
    id: 'M1.8:federation-and-media',
    phase: 'edge',
    procedure: 'M1',
    procedureStep: 'M1.8',
    title: fedTarget
      ? `Federation, next hops and media on ${ctx.label(fedTarget)}`
      : 'Next hops and media associations as the target design has them',
    tool: 'TB',
    detail: lines,
    commands,
    nodeIds: [
      ...new Set(
        effects.flatMap((e) =>
          e.kind === 'mediaEdge'
            ? [e.poolId, e.edgeId]
            : e.kind === 'nextHop'
              ? [e.edgeId, e.to]
              : e.kind === 'federation'
                ? [e.to]
                : [],
        ),
      ),
    ],
    docs: [MIG_DOC.federationRoutes, MIG_DOC.edgeChange, ...(commands.length ? [MIG_DOC.psEdgeServer] : [])],
    ruleIds: [
      'COEX-FEDERATION-MULTI',
      'COEX-EDGE-NEXTHOP-DECOMMISSION',
      'COEX-MEDIA-EDGE-DECOMMISSION',
      ...(commands.length ? ['EDGE-NEXTHOP-OTHER-SITE'] : []),
    ],
    effects,
  });
  if (federationMoves && source) {
    m.add({
      id: 'M1.8:external-routing',
      phase: 'edge',
      procedure: 'M1',
      procedureStep: 'M1.8',
      title: `Send external traffic to ${ctx.name(fedTarget!)}`,
      tool: 'DNS',
      mode: 'manual',
      detail: [
        rt`Point external SIP (443) and federation (5061) at the new Edge pool on the firewall, or repoint the federation A record in external DNS (lower its TTL a day before).`,
        rt`On each legacy Edge server: stop ${ui('Skype for Business Server Access Edge')} and set its startup type to ${ui('Disabled')}.`,
      ],
      nodeIds: [fedTarget!.id, source.id],
      docs: [MIG_DOC.federationRoutes],
    });
  }
  m.add({
    id: 'M1.8:verify',
    phase: 'edge',
    procedure: 'M1',
    procedureStep: 'M1.8',
    title: 'Verify federation and remote access',
    tool: 'Win',
    mode: 'manual',
    detail: [
      rt`From outside: sign in remotely, exchange IM and presence with a federated partner, join a meeting as an anonymous user, place an external audio and video call. Change the simple URLs if they move to the new pools.`,
    ],
    nodeIds: fedTarget ? [fedTarget.id] : [],
    docs: [MIG_DOC.verifyFederation, MIG_DOC.simpleUrls],
  });
}

function currentNextHop(m: MigrationContext, before: TopologyNode): string | undefined {
  return m.current.links.find((l) => l.kind === 'nextHop' && l.from === before.id)?.to;
}
function currentMediaEdge(m: MigrationContext, before: TopologyNode): string | undefined {
  return m.current.links.find((l) => l.kind === 'mediaEdge' && l.from === before.id)?.to;
}

/** M1.5–M1.11: test users, meetings, the remaining users, applications and contact objects, DNS. */
export function m1Users(m: MigrationContext): void {
  const { ctx } = m;
  const pilot = m.newPools[0];
  if (pilot && m.retiredPools.length) {
    m.add({
      id: `M1.5:test-users:${pilot.id}`,
      phase: 'users',
      procedure: 'M1',
      procedureStep: 'M1.5',
      title: `Move a few test users to the pilot pool ${ctx.name(pilot)}`,
      tool: 'Shell',
      mode: 'manual',
      preconditions: [rt`At least three Front End servers of ${ctx.name(pilot)} run (the first user move needs them).`],
      detail: [
        rt`Move the test users with the Management Shell (or the new Control Panel), never with Active Directory Users and Computers or the legacy tools. Replace the placeholder with each test user's SIP address.`,
        rt`Their meetings need ${code('AllowAnonymousParticipantsInMeetings')} = True in their conferencing policy to work with federated users while the legacy deployment is still there.`,
      ],
      commands: [`Move-CsUser -Identity '<test user SIP address>' -Target ${psQuote(pilot.fqdn)}`],
      verify: [
        {
          text: rt`${ui('RegistrarPool')} is ${code(pilot.fqdn)} for each test user.`,
          command: "Get-CsUser -Identity '<test user SIP address>'",
        },
        {
          text: rt`The conferencing policy allows anonymous participants.`,
          command: 'Get-CsConferencingPolicy | Select-Object Identity, AllowAnonymousParticipantsInMeetings',
        },
      ],
      nodeIds: [pilot.id],
      docs: [MIG_DOC.moveTestUsers, MIG_DOC.moveRemaining, MIG_DOC.psMoveUser],
      ruleIds: ['FE-FIRST-USER-MOVE'],
    });
    m.add({
      id: 'M1.6:meetings',
      phase: 'users',
      procedure: 'M1',
      procedureStep: 'M1.6',
      title: "Know what moves with a user's meetings",
      tool: 'Shell',
      mode: 'manual',
      detail: [
        rt`Scheduled meetings, their conference directories and the user's PIN move with the user. Meeting content (PowerPoint decks, whiteboards, polls) moves only with ${code('-MoveConferenceData')}, which is for moves between on-premises pools (the user moves below use it), not for disaster recovery.`,
      ],
      nodeIds: [],
      docs: [MIG_DOC.meetings, MIG_DOC.psMoveUser],
    });
  }
  for (const r of m.retiredPools) {
    const q = m.usersTarget(r);
    if (!q) {
      m.note(
        'blocking',
        rt`${ctx.label(r)} is retired, but no pool of the target design can take its users.`,
        [r.id],
        ['MIG-USERS-ON-DECOMMISSION'],
        [MIG_DOC.multipleSites],
      );
      continue;
    }
    const filter = `{RegistrarPool -eq ${psQuote(r.fqdn)}}`;
    m.add({
      id: `M1.9:move-users:${r.id}`,
      phase: 'users',
      procedure: 'M1',
      procedureStep: 'M1.9',
      title: `Move the remaining ${num(r.users)} users of ${ctx.name(r)} to ${ctx.name(q)}`,
      tool: 'Shell',
      detail: [
        rt`Every user homed on ${code(r.fqdn)} moves with its meetings and their content. ${code('Move-CsUser')} asks for confirmation: answer ${code('A')} (Yes to All). Large pools: move in batches (a filter on the department or the SIP address) and check each batch.`,
      ],
      commands: [`Get-CsUser -Filter ${filter} | Move-CsUser -Target ${psQuote(q.fqdn)} -MoveConferenceData`],
      verify: [
        { text: rt`No user remains on ${code(r.fqdn)} (the count is 0).`, command: `@(Get-CsUser -Filter ${filter}).Count` },
      ],
      nodeIds: [r.id, q.id],
      docs: [MIG_DOC.moveRemaining, MIG_DOC.multipleSites, MIG_DOC.psMoveUser],
      ruleIds: ['MIG-USERS-ON-DECOMMISSION'],
      effects: [{ kind: 'moveUsers', from: r.id, to: q.id }],
    });
    applications(m, r, q);
  }
  dns(m);
}

function applications(m: MigrationContext, r: RegistrarPool, q: RegistrarPool): void {
  const { ctx } = m;
  const exportImport = r.productVersion === q.productVersion || (r.productVersion === '2019' && q.productVersion === 'SE');
  m.add({
    id: `M1.10:response-groups:${r.id}`,
    phase: 'users',
    procedure: 'M1',
    procedureStep: 'M1.10',
    title: `Move the response groups of ${ctx.name(r)} to ${ctx.name(q)}`,
    tool: 'Shell',
    preconditions: [rt`The Response Group application runs on ${ctx.name(q)} (${code('Get-CsService -ApplicationServer')}).`],
    detail: exportImport
      ? [
          rt`${code('Move-CsRgsConfiguration')} migrates only from an older version to a newer one; between two instances of one version Microsoft documents export and import.${r.productVersion === '2019' && q.productVersion === 'SE' ? ' Not confirmed: whether Subscription Edition counts as newer than 2019 for Move-CsRgsConfiguration; export and import work either way.' : ''}`,
        ]
      : [
          rt`Moves the whole pool's response groups. The legacy copies stay (for a rollback) and must not be deleted by hand. Then a backup of the new configuration.`,
        ],
    commands: exportImport
      ? [
          `Export-CsRgsConfiguration -Source ${psQuote(`ApplicationServer:${r.fqdn}`)} -FileName ${psQuote(`C:\\MigrationBackup\\${r.fqdn}-rgs.zip`)}`,
          `Import-CsRgsConfiguration -Destination ${psQuote(`ApplicationServer:${q.fqdn}`)} -FileName ${psQuote(`C:\\MigrationBackup\\${r.fqdn}-rgs.zip`)} -OverwriteOwner`,
        ]
      : [
          `Move-CsRgsConfiguration -Source ${psQuote(r.fqdn)} -Destination ${psQuote(q.fqdn)}`,
          `Export-CsRgsConfiguration -Source ${psQuote(`ApplicationServer:${q.fqdn}`)} -FileName ${psQuote(`C:\\MigrationBackup\\${q.fqdn}-rgs.zip`)}`,
        ],
    verify: [
      {
        text: rt`The workflows are served by ${code(q.fqdn)}.`,
        command: `Get-CsRgsWorkflow -Identity ${psQuote(`service:ApplicationServer:${q.fqdn}`)}`,
      },
    ],
    nodeIds: [r.id, q.id],
    docs: exportImport
      ? [MIG_DOC.responseGroups, MIG_DOC.psExportRgs, MIG_DOC.psImportRgs, MIG_DOC.psMoveRgs]
      : [MIG_DOC.responseGroups, MIG_DOC.psMoveRgs, MIG_DOC.psExportRgs],
    ruleIds: exportImport && r.productVersion === '2019' ? ['MIG-RGS-2019-SE'] : [],
    inferred: exportImport && r.productVersion !== q.productVersion,
  });
  m.add({
    id: `M1.10:dial-in:${r.id}`,
    phase: 'users',
    procedure: 'M1',
    procedureStep: 'M1.10',
    title: `Move the dial-in access numbers of ${ctx.name(r)}`,
    tool: 'Shell',
    mode: 'manual',
    detail: [
      rt`Control Panel → ${ui('Conferencing')} → ${ui('Dial-in Access Number')}: sort by ${ui('Serviced by pool')} and note the ${ui('SIP URI')} of every number on ${code(r.fqdn)}; move each (the command, once per number). A number left on the legacy pool stops answering when the pool goes.`,
    ],
    commands: [`Move-CsApplicationEndpoint -Identity '<SIP URI of the access number>' -TargetApplicationPool ${psQuote(q.fqdn)}`],
    verify: [
      {
        text: rt`No access number remains on the legacy pool (the command lists none).`,
        command: `Get-CsDialInConferencingAccessNumber -Filter {Pool -eq ${psQuote(r.fqdn)}}`,
      },
    ],
    nodeIds: [r.id, q.id],
    docs: [MIG_DOC.dialIn, MIG_DOC.psMoveEndpoint],
  });
  m.add({
    id: `M1.10:call-park:${r.id}`,
    phase: 'users',
    procedure: 'M1',
    procedureStep: 'M1.10',
    title: `Move Call Park from ${ctx.name(r)} to ${ctx.name(q)}`,
    tool: 'Shell',
    mode: 'manual',
    detail: [
      rt`Copy any custom music-on-hold files from the legacy file store's ${code('\\AppServerFiles\\CPS\\')} folder to the new pool's file store (Xcopy); apply the legacy Call Park settings with ${code('Set-CsCpsConfiguration')} if they differ; then assign every orbit range of the legacy pool to the new pool's Call Park service (the command, once per range).`,
    ],
    commands: [
      `Set-CsCallParkOrbit -Identity '<orbit range name>' -CallParkService ${psQuote(`service:ApplicationServer:${q.fqdn}`)}`,
    ],
    verify: [{ text: rt`Every orbit range names the new pool.`, command: 'Get-CsCallParkOrbit' }],
    nodeIds: [r.id, q.id],
    docs: [MIG_DOC.callPark, MIG_DOC.psCallParkOrbit],
  });
  const devFilter = `{RegistrarPool -eq ${psQuote(r.fqdn)}}`;
  m.add({
    id: `M1.10:devices:${r.id}`,
    phase: 'users',
    procedure: 'M1',
    procedureStep: 'M1.10',
    title: `Move the common area phones and analog devices of ${ctx.name(r)}`,
    tool: 'Shell',
    commands: [
      `Get-CsCommonAreaPhone -Filter ${devFilter} | Move-CsCommonAreaPhone -Target ${psQuote(q.fqdn)}`,
      `Get-CsAnalogDevice -Filter ${devFilter} | Move-CsAnalogDevice -Target ${psQuote(q.fqdn)}`,
    ],
    verify: [
      { text: rt`No common area phone remains (0).`, command: `@(Get-CsCommonAreaPhone -Filter ${devFilter}).Count` },
      { text: rt`No analog device remains (0).`, command: `@(Get-CsAnalogDevice -Filter ${devFilter}).Count` },
    ],
    nodeIds: [r.id, q.id],
    docs: [MIG_DOC.commonAreaPhones, MIG_DOC.analogDevices],
  });
  m.add({
    id: `M1.10:trusted-applications:${r.id}`,
    phase: 'users',
    procedure: 'M1',
    procedureStep: 'M1.10',
    title: `Move trusted application endpoints off ${ctx.name(r)}`,
    tool: 'Shell',
    mode: 'manual',
    detail: [
      rt`For each trusted application endpoint homed on the legacy pool (the command, once per endpoint). A trusted application pool must use a new-version pool as its next hop: change it in Topology Builder and publish.`,
    ],
    commands: [`Move-CsApplicationEndpoint -Identity '<SIP URI of the endpoint>' -TargetApplicationPool ${psQuote(q.fqdn)}`],
    nodeIds: [r.id, q.id],
    docs: [MIG_DOC.trustedApps, MIG_DOC.psMoveEndpoint],
  });
  for (const l of m.ix.in(r.id, 'backupRegistrar')) {
    const b = m.ix.node(l.from);
    if (!b || b.kind !== 'survivableBranch' || m.isRemoved(b.id)) continue;
    const newRegistrar =
      m.ix
        .out(b.id, 'backupRegistrar')
        .map((x) => m.ix.node(x.to))
        .find((n) => n && !m.isRemoved(n.id)) ?? q;
    m.add({
      id: `M1.10:branch:${b.id}`,
      phase: 'users',
      procedure: 'M1',
      procedureStep: 'M1.10',
      title: `Re-home the branch appliance ${ctx.label(b)} on ${ctx.name(newRegistrar)}`,
      tool: 'TB',
      detail: [
        rt`Move the branch's users to ${code(q.fqdn)}; delete the appliance from the legacy topology and publish; add it again under the new version with ${code((newRegistrar as { fqdn?: string }).fqdn ?? newRegistrar.id)} as its backup registrar and publish; set the appliance up again; move the branch's users back to it.`,
      ],
      nodeIds: [b.id, r.id, newRegistrar.id],
      docs: [MIG_DOC.sba],
      ruleIds: ['MIG-SBA-REGISTRAR-DECOMMISSION'],
      effects: [{ kind: 'backupRegistrar', branchId: b.id, poolId: newRegistrar.id }],
    });
  }
  const monarch = m.ix.out(r.id, 'store').filter((l) => l.role === 'monitoring' || l.role === 'archiving');
  if (monarch.length)
    m.add({
      id: `M1.10:archiving-monitoring:${r.id}`,
      phase: 'users',
      procedure: 'M1',
      procedureStep: 'M1.10',
      title: `Back up the Archiving and Monitoring databases of ${ctx.name(r)}`,
      tool: 'SQL',
      detail: [
        rt`The data is not migrated: the backup is the legacy history. The legacy Archiving and Monitoring roles can go once no user is homed on a legacy pool.`,
        ...monarch.map((l) => rt`• ${ctx.label(m.ix.node(l.to))} (${l.role === 'monitoring' ? 'Monitoring' : 'Archiving'})`),
      ],
      nodeIds: [r.id, ...monarch.map((l) => l.to)],
      docs: [MIG_DOC.monarch, MIG_DOC.removeMonarch],
      ruleIds: ['MIG-MONARCH-NOT-MIGRATED'],
    });
}

function dns(m: MigrationContext): void {
  const byDomain = new Map<string, RegistrarPool[]>();
  for (const r of m.retiredPools) {
    const q = m.usersTarget(r);
    if (!q) continue;
    const domain = (r.domain ?? q.domain ?? q.fqdn.split('.').slice(1).join('.')) || q.fqdn;
    const pools = byDomain.get(domain) ?? [];
    if (!pools.includes(q)) pools.push(q);
    byDomain.set(domain, pools);
  }
  for (const [domain, pools] of byDomain) {
    const record = `_sipinternaltls._tcp.${domain}`;
    m.add({
      id: `M1.11:dns:${domain}`,
      phase: 'users',
      procedure: 'M1',
      procedureStep: 'M1.11',
      title: `Point ${record} at the new pools`,
      tool: 'DNS',
      mode: 'manual',
      detail: [
        rt`After all users moved and before the legacy pool or Director is retired: the internal SRV record ${code(record)} (port 5061) → ${
          pools.length === 1
            ? code(pools[0]!.fqdn)
            : rt`${code(pools[0]!.fqdn)}, with ${pools
                .slice(1)
                .map((p) => p.fqdn)
                .join(', ')} as lower-priority targets`
        }, in place of the legacy pool. Repeat for every SIP domain.`,
      ],
      verify: [{ text: rt`The record answers with the new pool.`, command: `nslookup -type=SRV ${psQuote(record)}` }],
      nodeIds: pools.map((p) => p.id),
      docs: [MIG_DOC.dnsSrv],
    });
  }
}

/** M1.12: the CMS to its new pool, with the exact sequence and the replication check. */
export function m1Cms(m: MigrationContext): void {
  const { ctx } = m;
  const from = m.cmsSource();
  const to = m.cmsTarget();
  if (!from || !to || from.id === to.id) return;
  const s = m.backEnd(to);
  const target = to.kind === 'standardEditionServer' ? to.fqdn : s ? ctx.primaryNode(s) : to.fqdn;
  const instance = to.kind === 'standardEditionServer' ? 'RTC' : (s?.instance ?? '');
  const instanceArg = instance === '' ? '' : ` -SqlInstanceName ${psQuote(instance)}`;
  const ag = s ? ctx.agOf(s) : undefined;
  m.add({
    id: `M1.12.1:install-cms-database:${to.id}`,
    phase: 'cms',
    procedure: 'M1',
    procedureStep: 'M1.12',
    title: `Create the new Central Management store database for ${ctx.name(to)}`,
    tool: 'Shell',
    preconditions: [
      rt`The account is in RTCUniversalServerAdmins and is SQL sysadmin on ${code(target)}; every user has moved (the CMS moves after the users, before the legacy pools are removed).`,
    ],
    detail: [
      ...(to.kind === 'standardEditionServer'
        ? [
            rt`On ${code(to.fqdn)}: Deployment Wizard → ${ui('Prepare first Standard Edition server')} (installs SQL Server Express and the firewall rules), then the command.`,
          ]
        : []),
      ...(ag
        ? [
            rt`The Back End is an availability group: the database is created on the primary replica ${code(target)}; afterwards add it to the group in SQL Server Management Studio and set Topology Builder's ${ui('SQL Server FQDN')} back to the listener ${code(ag.listenerFqdn)} (our reading of two documented procedures).`,
          ]
        : []),
      rt`Check that the Front-End service runs on the server where ${code('Move-CsManagementServer')} will run.`,
    ],
    commands: [`Install-CsDatabase -CentralManagementDatabase -SqlServerFqdn ${psQuote(target)}${instanceArg}`],
    nodeIds: [to.id, ...(s ? [s.id] : [])],
    docs: [MIG_DOC.moveCms, MIG_DOC.psInstallDatabase, ...(ag ? [MIG_DOC.addDatabases] : [])],
    ruleIds: ['MIG-CMS-LAST'],
    inferred: ag !== undefined,
    effects: [{ kind: 'installCmsDatabase', poolId: to.id }],
  });
  m.add({
    id: 'M1.12.2:enable-topology',
    phase: 'cms',
    procedure: 'M1',
    procedureStep: 'M1.12',
    title: 'Enable the topology',
    tool: 'Shell',
    detail: [rt`Stop here if it fails: a failed move can leave no Central Management store at all.`],
    commands: ['Enable-CsTopology'],
    nodeIds: [to.id],
    docs: [MIG_DOC.moveCms, MIG_DOC.psEnableTopology, MIG_DOC.psMoveCms],
  });
  m.add({
    id: `M1.12.3:move-cms:${to.id}`,
    phase: 'cms',
    procedure: 'M1',
    procedureStep: 'M1.12',
    title: `Move the Central Management Server from ${ctx.name(from)} to ${ctx.name(to)}`,
    tool: 'Shell',
    mode: 'manual',
    runOn: `a server of ${ctx.name(to)}, locally (not from a remote session)`,
    detail: [
      rt`Read the ${ui('Current State')} and ${ui('Proposed State')} (servers, file stores, database stores, service connection points), then type ${code('Y')}. Resolve every warning or error it reports before going on.`,
    ],
    commands: ['Move-CsManagementServer'],
    nodeIds: [from.id, to.id],
    docs: [MIG_DOC.moveCms, MIG_DOC.psMoveCms],
    ruleIds: ['CMS-2019-MIGRATION'],
    effects: [{ kind: 'moveCms', from: from.id, to: to.id }],
  });
  m.add({
    id: `M1.12.5:setup:${to.id}`,
    phase: 'cms',
    procedure: 'M1',
    procedureStep: 'M1.12',
    title: `Run setup again on the servers the move lists, then restart ${ctx.name(to)}'s CMS server`,
    tool: 'DW',
    mode: 'manual',
    runOn: `the servers of ${ctx.name(to)} first, then those of ${ctx.name(from)}, and every other computer Move-CsManagementServer listed`,
    detail: [
      rt`Deployment Wizard → ${ui('Install or Update Skype for Business Server System')} → Step 2 ${ui('Setup or Remove Skype for Business Server Components')} → ${ui('Run Again')}. Then restart the server that now holds the Central Management Server (its group membership changed).`,
    ],
    nodeIds: [to.id, from.id],
    docs: [MIG_DOC.moveCms],
  });
  m.add({
    id: 'M1.12.7:replication',
    phase: 'cms',
    procedure: 'M1',
    procedureStep: 'M1.12',
    title: 'Check that the Central Management store has replicated everywhere',
    tool: 'Shell',
    detail: [
      rt`The step stops while any replica is out of date: wait a few minutes and run it again. Only then may the old database go.`,
    ],
    commands: [
      "if (Get-CsManagementStoreReplicationStatus | Where-Object {$_.UpToDate -eq $false}) { throw 'Central Management store replication is not complete: wait, then run this step again.' }",
    ],
    verify: [
      {
        text: rt`${ui('ActiveMasterFqdn')} and ${ui('ActiveFileTransferAgents')} name ${code(to.fqdn)}.`,
        command: 'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus',
      },
    ],
    nodeIds: [to.id],
    docs: [MIG_DOC.moveCms, MIG_DOC.psReplication],
    ruleIds: ['CMS-REPLICATION-BEFORE-CLEANUP'],
    effects: [{ kind: 'checkCmsReplication' }],
  });
  const partner = m.ix.partner(to.id);
  if (partner)
    m.add({
      id: `M1.12.8:standby-cms:${to.id}`,
      phase: 'cms',
      procedure: 'M1',
      procedureStep: 'M1.12',
      title: `Check the standby Central Management store on ${ctx.name(partner)}`,
      tool: 'Shell',
      detail: [
        rt`${ctx.name(to)} is paired: its partner holds the standby Central Management store, kept in sync by the Backup Service (our reading of the disaster recovery page).`,
      ],
      commands: [],
      verify: [
        {
          text: rt`The CMS category reaches a steady state.`,
          command: `Get-CsBackupServiceStatus -PoolFqdn ${psQuote(to.fqdn)} -Category CMS`,
        },
      ],
      nodeIds: [to.id, partner.id],
      docs: [MIG_DOC.drPlan, MIG_DOC.psBackupStatus],
      inferred: true,
    });
  const old = m.backEnd(from);
  const oldTarget = from.kind === 'standardEditionServer' ? from.fqdn : old ? ctx.primaryNode(old) : from.fqdn;
  const oldInstance = from.kind === 'standardEditionServer' ? 'RTC' : (old?.instance ?? '');
  m.add({
    id: `M1.12.9:remove-old-cms-database:${from.id}`,
    phase: 'cms',
    procedure: 'M1',
    procedureStep: 'M1.12',
    title: `Remove the old Central Management store database from ${ctx.name(from)}`,
    tool: 'Shell',
    preconditions: [rt`The replication check above passed.`],
    detail: [
      rt`Never run ${code('Remove-CsConfigurationStoreLocation')} in a migration: ${code('Move-CsManagementServer')} already moved the service connection point, and removing it leaves every tool unable to find the Central Management store.`,
    ],
    commands: [
      `Uninstall-CsDatabase -CentralManagementDatabase -SqlServerFqdn ${psQuote(oldTarget)}${oldInstance === '' ? '' : ` -SqlInstanceName ${psQuote(oldInstance)}`}`,
    ],
    nodeIds: [from.id, ...(old ? [old.id] : [])],
    docs: [MIG_DOC.moveCms, MIG_DOC.psUninstallDatabase, MIG_DOC.psRemoveScp],
    ruleIds: ['CMS-REPLICATION-BEFORE-CLEANUP'],
    effects: [{ kind: 'uninstallCmsDatabase', poolId: from.id }],
  });
}

/** M1.13 and M1.14: conference directories, then each legacy pool retired; Edge and Director pools last. */
export function m1Decommission(m: MigrationContext): void {
  const { ctx } = m;
  for (const r of m.retiredPools) {
    const q = m.usersTarget(r);
    if (!q) continue;
    m.add({
      id: `M1.13:conference-directories:${r.id}`,
      phase: 'decommission',
      procedure: 'M1',
      procedureStep: 'M1.13',
      title: `Move the conference directories of ${ctx.name(r)} to ${ctx.name(q)}`,
      tool: 'Shell',
      detail: [
        rt`First a backup of the pool's user data (conference directories included). Never add ${code('-Force')}: the dial-in code of existing meetings would be lost. On the error "Unable to cast COM object", open a new Management Shell and run the step again.`,
      ],
      commands: [
        `Export-CsUserData -PoolFqdn ${psQuote(r.fqdn)} -FileName ${psQuote(`C:\\MigrationBackup\\${r.fqdn}-userdata.zip`)}`,
        `Get-CsConferenceDirectory | Where-Object {$_.ServiceId -match [regex]::Escape(${psQuote(r.fqdn)})} | Move-CsConferenceDirectory -TargetPool ${psQuote(q.fqdn)}`,
      ],
      verify: [
        {
          text: rt`No conference directory remains on the legacy pool (0).`,
          command: `@(Get-CsConferenceDirectory | Where-Object {$_.ServiceId -match [regex]::Escape(${psQuote(r.fqdn)})}).Count`,
        },
      ],
      nodeIds: [r.id, q.id],
      docs: [MIG_DOC.conferenceDirectories, MIG_DOC.psMoveConfDir, MIG_DOC.psExportUserData],
    });
  }
  // Roles that depend on a legacy pool go before it: Persistent Chat, branch appliances, Mediation pools.
  for (const n of [
    ...m.removedOfKind('persistentChatPool'),
    ...m.removedOfKind('survivableBranch'),
    ...m.removedOfKind('mediationPool'),
  ])
    retireRole(m, n);
  // Then the legacy Edge pools (a pool or Director cannot be deleted while an Edge pool uses it as next hop),
  // the Directors, and the legacy pools.
  for (const n of [...m.removedOfKind('edgePool'), ...m.removedOfKind('directorPool')]) retireRole(m, n);
  const unpaired = new Set<string>();
  for (const r of m.retiredPools) retirePool(m, r, unpaired);
}

function retirePool(m: MigrationContext, r: RegistrarPool, unpaired: Set<string>): void {
  const { ctx } = m;
  const filter = `{RegistrarPool -eq ${psQuote(r.fqdn)}}`;
  m.add({
    id: `M1.14:verify-empty:${r.id}`,
    phase: 'decommission',
    procedure: 'M1',
    procedureStep: 'M1.14',
    title: `Check that ${ctx.name(r)} is empty`,
    tool: 'Shell',
    detail: [
      rt`No users, common area phones, analog devices, dial-in access numbers or conference directories may remain; the step stops if any does.`,
    ],
    commands: [
      `$left = @(Get-CsUser -Filter ${filter}).Count + @(Get-CsCommonAreaPhone -Filter ${filter}).Count + @(Get-CsAnalogDevice -Filter ${filter}).Count + @(Get-CsDialInConferencingAccessNumber -Filter {Pool -eq ${psQuote(r.fqdn)}}).Count + @(Get-CsConferenceDirectory | Where-Object {$_.ServiceId -match [regex]::Escape(${psQuote(r.fqdn)})}).Count`,
      `if ($left -gt 0) { throw ('{0} objects are still homed on the legacy pool: move them first.' -f $left) }`,
    ],
    nodeIds: [r.id],
    docs: [MIG_DOC.phase8, MIG_DOC.multipleSites],
    ruleIds: ['MIG-USERS-ON-DECOMMISSION'],
  });
  const monarch = m.ix.out(r.id, 'store').filter((l) => l.role === 'monitoring' || l.role === 'archiving');
  if (monarch.length)
    m.add({
      id: `M1.14:archiving-monitoring:${r.id}`,
      phase: 'decommission',
      procedure: 'M1',
      procedureStep: 'M1.14',
      title: `Remove the Archiving and Monitoring associations of ${ctx.name(r)}`,
      tool: 'TB',
      detail: [
        rt`${ctx.name(r)} → ${ui('Edit Properties')} → clear ${ui('Associate Archiving Server')} and the Monitoring association; delete any separate Archiving or Monitoring server and accept ${ui('Delete Dependent Stores')}; publish; check replication.`,
      ],
      nodeIds: [r.id, ...monarch.map((l) => l.to)],
      docs: [MIG_DOC.removeArchivingAssociation, MIG_DOC.removeMonitoringAssociation],
    });
  const partners = m.current.links
    .filter((l) => l.kind === 'pairing' && (m.td.fromCurrent.get(l.from) === r.id || m.td.fromCurrent.get(l.to) === r.id))
    .map((l) => m.td.fromCurrent.get(m.td.fromCurrent.get(l.from) === r.id ? l.to : l.from)!)
    .filter((id) => id !== undefined);
  for (const x of partners) {
    const key = [r.id, x].sort().join('|');
    if (unpaired.has(key)) continue;
    unpaired.add(key);
    const other = m.ix.node(x);
    m.add({
      id: `M1.14:unpair:${r.id}:${x}`,
      phase: 'decommission',
      procedure: 'M1',
      procedureStep: 'M1.14',
      title: `Unpair ${ctx.name(r)} from ${ctx.name(other)}`,
      tool: 'TB',
      detail: [
        rt`${ctx.name(r)} → ${ui('Edit Properties')} → ${ui('Resiliency')} → clear ${ui('Associated Backup Pool')} → ${ui('OK')} → publish. The new pools are paired with each other already; this pair has no users left to protect.`,
      ],
      nodeIds: [r.id, x],
      docs: [MIG_DOC.pairing, MIG_DOC.drPlan],
      ruleIds: ['MIG-PAIR-PARTNER-DECOMMISSION'],
      inferred: true,
      effects: [{ kind: 'unpair', a: r.id, b: x }],
    });
  }
  m.add({
    id: `M1.14:stop:${r.id}`,
    phase: 'decommission',
    procedure: 'M1',
    procedureStep: 'M1.14',
    title: `Stop new sessions and the services on ${ctx.name(r)}`,
    tool: 'Win',
    mode: 'manual',
    runOn: `each server of ${ctx.name(r)}`,
    detail: [
      rt`Reset call admission control for the legacy pool if it was configured. Control Panel → ${ui('Topology')} → ${ui('Status')} → each legacy server → ${ui('Prevent new sessions for all services')}; then stop the Skype for Business Server services.`,
    ],
    nodeIds: [r.id],
    docs: [MIG_DOC.resetCac, MIG_DOC.preventSessions, MIG_DOC.stopServices],
  });
  const s = m.backEnd(r);
  const mirrored = s && m.ix.mirrored(s);
  if (s && mirrored)
    m.add({
      id: `M1.14:remove-mirroring:${s.id}`,
      phase: 'decommission',
      procedure: 'M1',
      procedureStep: 'M1.14',
      title: `Remove SQL mirroring from the empty Back End ${ctx.label(s)}`,
      tool: 'Shell',
      detail: [
        rt`The legacy pool kept its mirrored Back End until now; with no user left it no longer needs it. The command also deletes the databases on the mirror.`,
      ],
      commands: ['User', 'Application'].map(
        (t) =>
          `Uninstall-CsMirrorDatabase -SqlServerFqdn ${psQuote(s.fqdn)}${ctx.sqlInstanceArg(s.instance)} -DatabaseType ${t} -DropExistingDatabasesOnMirror`,
      ),
      nodeIds: [s.id, r.id],
      docs: [MIG_DOC.mirroring, MIG_DOC.psUninstallMirror],
    });
  const removedDeps = [...m.ix.out(r.id)]
    .map((l) => l.to)
    .filter((id) => m.isRemoved(id) && m.ix.node(id)?.kind !== 'edgePool' && !m.ix.node(id)?.kind.endsWith('Pool'));
  const storeDeps =
    s && m.isRemoved(s.id)
      ? [m.ix.mirrorOf(s.id)?.id, m.ix.witnessOf(s.id)?.id].filter((id): id is string => id !== undefined && m.isRemoved(id))
      : [];
  m.add({
    id: `M1.14:delete:${r.id}`,
    phase: 'decommission',
    procedure: 'M1',
    procedureStep: 'M1.14',
    title: `Delete ${ctx.label(r)} from the topology and publish`,
    tool: 'TB',
    detail: [
      rt`Topology Builder → ${ui(r.kind === 'frontEndPool' ? 'Enterprise Edition Front End pools' : 'Standard Edition Front End Servers')} → ${ctx.name(r)} → ${ui('Delete')}${r.kind === 'standardEditionServer' ? ' (with its SQL store definition)' : ''}; publish; check replication (${code('Get-CsManagementStoreReplicationStatus')}); on each removed server run the legacy Deployment Wizard, Step 2, to remove the components.`,
      ...(s && r.kind === 'frontEndPool'
        ? [
            rt`Then ${ui('Shared Components')} → ${ui('SQL Server Stores')} → delete ${ctx.label(s)}${mirrored ? ' with its mirror and witness' : ''}; publish.`,
          ]
        : []),
    ],
    nodeIds: [r.id, ...(s ? [s.id] : [])],
    docs: [MIG_DOC.removePool, MIG_DOC.phase8],
    effects: [
      { kind: 'decommission', nodeId: r.id },
      ...[...removedDeps, ...storeDeps].map((id) => ({ kind: 'decommission' as const, nodeId: id })),
    ],
  });
  if (s && r.kind === 'frontEndPool')
    m.add({
      id: `M1.14:uninstall-databases:${r.id}`,
      phase: 'decommission',
      procedure: 'M1',
      procedureStep: 'M1.14',
      title: `Remove the databases of ${ctx.name(r)} from ${ctx.label(s)}`,
      tool: 'Shell',
      detail: [rt`Archiving and Monitoring databases only after their roles are removed.`],
      commands: ['User', 'Application'].map(
        (t) => `Uninstall-CsDatabase -DatabaseType ${t} -SqlServerFqdn ${psQuote(s.fqdn)}${ctx.sqlInstanceArg(s.instance)}`,
      ),
      nodeIds: [s.id],
      docs: [MIG_DOC.removePoolDatabases, MIG_DOC.removeBackEndInstances, MIG_DOC.psUninstallDatabase],
    });
}

function retireRole(m: MigrationContext, n: TopologyNode): void {
  const { ctx } = m;
  // Legacy pools still associated with this Edge pool for media: the association is cleared first.
  const associated =
    n.kind === 'edgePool'
      ? m.ix
          .in(n.id, 'mediaEdge')
          .map((l) => m.ix.node(l.from))
          .filter((p): p is TopologyNode => p !== undefined && m.isRemoved(p.id))
      : [];
  const what =
    n.kind === 'edgePool'
      ? 'Edge pool'
      : n.kind === 'directorPool'
        ? 'Director pool'
        : n.kind === 'mediationPool'
          ? 'Mediation pool'
          : n.kind === 'persistentChatPool'
            ? 'Persistent Chat pool'
            : 'branch appliance';
  m.add({
    id: `M1.14:delete:${n.id}`,
    phase: 'decommission',
    procedure: 'M1',
    procedureStep: 'M1.14',
    title: `Delete the legacy ${what} ${ctx.label(n)}`,
    tool: 'TB',
    detail: [
      n.kind === 'edgePool' || n.kind === 'directorPool'
        ? rt`${associated.length ? rt`First clear ${ui('Associate Edge pool (for media components)')} on ${associated.map((p) => ctx.name(p)).join(', ')} (empty legacy pools). ` : ''}Nothing else points at it any more (next hops, media associations of the new pools and federation moved in M1.8). Topology Builder → delete it → publish → check replication; on its servers run the legacy Deployment Wizard, Step 2, to remove the components.`
        : n.kind === 'persistentChatPool'
          ? rt`Persistent Chat does not exist in Skype for Business Server 2019 or Subscription Edition: it ends here (plan its move to Teams). Export the chat history first if it must be kept (${code('Export-CsPersistentChatData')}); delete the pool in Topology Builder and publish.`
          : rt`Delete it in Topology Builder, publish, check replication, and remove the components from its servers.`,
    ],
    nodeIds: [n.id],
    docs: [
      MIG_DOC.phase8,
      MIG_DOC.removePool,
      ...(n.kind === 'edgePool' ? [MIG_DOC.federationRoutes] : []),
      ...(n.kind === 'persistentChatPool' ? [MIG_DOC.multipleSites, MIG_DOC.deprecated2019] : []),
    ],
    ruleIds:
      n.kind === 'edgePool'
        ? ['COEX-EDGE-NEXTHOP-DECOMMISSION', 'COEX-MEDIA-EDGE-DECOMMISSION', ...(n.xmpp ? ['COEX-XMPP-RETIRE'] : [])]
        : n.kind === 'persistentChatPool'
          ? ['COEX-PCHAT-LEGACY-USERS']
          : [],
    effects: [
      ...associated.map((p) => ({ kind: 'clearMediaEdge' as const, poolId: p.id })),
      { kind: 'decommission', nodeId: n.id },
    ],
  });
}
