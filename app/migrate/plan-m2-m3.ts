/**
 * M2, in-place upgrade from Skype for Business Server 2019 to Subscription Edition, and
 * M3, the rolling cumulative update. Microsoft states one step of M2: the Subscription
 * Edition build is installed on top of the 2019 servers. Everything else in M2 is our
 * reading, taken from the documented in-place order of 2015 (pools, then Edge pools, the
 * CMS pool last) and from the cumulative-update procedure, and is marked inferred. M3
 * follows the Front End patching pages: upgrade domains, one server at a time, databases
 * after the servers, paired pools one at a time, AlwaysOn secondaries before the primary.
 */
import type { TopologyNode } from '../model/schema';
import { isRegistrar, type RegistrarPool } from '../model/topology-index';
import { code, psQuote, rt, ui } from '../steps/text';
import type { MigrationContext } from './migration-context';
import { MIG_DOC } from './procedures';
import type { MigrationPhase, MigrationProcedure } from './types';

const SE_RTM_BUILD = '7.0.2046.820';

/** M2.0: before any in-place upgrade. */
export function m2Preconditions(m: MigrationContext): void {
  const upgrades = m.upgrades;
  if (!upgrades.length) return;
  const pools = upgrades.map((u) => u.node).filter(isRegistrar);
  m.add({
    id: 'M2.0:latest-2019-update',
    phase: 'preconditions',
    procedure: 'M2',
    procedureStep: 'M2.0',
    title: 'Bring every 2019 server to the latest 2019 cumulative update',
    tool: 'Win',
    mode: 'manual',
    runOn: 'every Skype for Business Server 2019 server that is upgraded',
    detail: [
      rt`Not confirmed: the minimum 2019 update for the in-place upgrade. The last one listed is Cumulative Update 8 Hotfix 2 (August 2025).`,
    ],
    nodeIds: upgrades.map((u) => u.node.id),
    docs: [MIG_DOC.inPlaceSe],
    ruleIds: ['UPG-INPLACE-2019-SE'],
    inferred: true,
  });
  m.add({
    id: 'M2.0:backup',
    phase: 'preconditions',
    procedure: 'M2',
    procedureStep: 'M2.0',
    title: 'Back up the configuration and the databases before the upgrade',
    tool: 'Shell',
    detail: [
      rt`SQL Server backups of every Back End and of the Central Management store database as well; Microsoft documents no rollback of the upgrade.`,
    ],
    commands: [
      "Export-CsConfiguration -FileName 'C:\\UpgradeBackup\\CsConfiguration.zip'",
      "Export-CsLisConfiguration -FileName 'C:\\UpgradeBackup\\CsLisConfiguration.zip'",
    ],
    docs: [MIG_DOC.backUp, MIG_DOC.psExportConfig, MIG_DOC.psExportLis, MIG_DOC.psMoveCms],
    inferred: true,
  });
  m.add({
    id: 'M2.0:health',
    phase: 'preconditions',
    procedure: 'M2',
    procedureStep: 'M2.0',
    title: 'Check the health of every pool before the upgrade',
    tool: 'Shell',
    commands: pools.filter((p) => p.kind === 'frontEndPool').map((p) => `Get-CsPoolFabricState -PoolFqdn ${psQuote(p.fqdn)}`),
    verify: [
      {
        text: rt`No replica is out of date.`,
        command: 'Get-CsManagementStoreReplicationStatus | Where-Object {$_.UpToDate -eq $false}',
      },
      ...pools
        .filter((p) => m.ix.partner(p.id))
        .map((p) => ({
          text: rt`The Backup Service of ${m.ctx.name(p)} is steady.`,
          command: `Get-CsBackupServiceStatus -PoolFqdn ${psQuote(p.fqdn)}`,
        })),
    ],
    nodeIds: pools.map((p) => p.id),
    docs: [MIG_DOC.psFabric, MIG_DOC.psReplication, MIG_DOC.psBackupStatus],
    inferred: true,
  });
}

/** M2.1–M2.5: pools other than the CMS pool, then Edge pools, the CMS pool last; paired pools in one window. */
export function m2Upgrades(m: MigrationContext): void {
  const upgrades = m.upgrades.map((u) => u.node);
  if (!upgrades.length) return;
  const cms = m.cmsSource();
  const rank = (n: TopologyNode) => (n.kind === 'edgePool' ? 2 : cms && n.id === cms.id ? 3 : 1);
  // Units of one window: a pool with its upgraded partner; a unit runs when its latest member may (the CMS pool last).
  const units: TopologyNode[][] = [];
  const seen = new Set<string>();
  for (const n of upgrades) {
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    const partner = isRegistrar(n) ? m.ix.partner(n.id) : undefined;
    const unit = [n];
    if (partner && upgrades.includes(partner) && !seen.has(partner.id)) {
      seen.add(partner.id);
      unit.push(partner);
    }
    // Within a window the CMS pool goes second.
    unit.sort((a, b) => rank(a) - rank(b));
    units.push(unit);
  }
  const unitRank = (u: TopologyNode[]) => Math.max(...u.map(rank));
  const sequence = units
    .map((u, i) => ({ u, i }))
    .sort((a, b) => unitRank(a.u) - unitRank(b.u) || a.i - b.i)
    .flatMap((x) => x.u);
  m.add({
    id: 'M2.1:order',
    phase: 'inPlaceUpgrade',
    procedure: 'M2',
    procedureStep: 'M2.1',
    title: 'Upgrade in this order: the other pools, then the Edge pools, the CMS pool last',
    tool: 'Win',
    mode: 'manual',
    detail: [
      rt`Not confirmed for Subscription Edition: Microsoft's in-place order for 2015 was inside out. This runbook follows it: ${sequence.map((n) => m.ctx.name(n)).join(' → ')}. Paired pools are upgraded one right after the other, without unpairing them.`,
    ],
    nodeIds: sequence.map((n) => n.id),
    docs: [MIG_DOC.upgrade2015, MIG_DOC.inPlaceSe],
    ruleIds: ['UPG-SUB-ORDER', 'UPG-PAIR-BOTH'],
    inferred: true,
  });
  for (const n of sequence) {
    if (isRegistrar(n)) upgradePool(m, n);
    else upgradeRole(m, n);
  }
  m.add({
    id: 'M2.5:after',
    phase: 'inPlaceUpgrade',
    procedure: 'M2',
    procedureStep: 'M2.5',
    title: 'After the upgrade: check the build and the replication',
    tool: 'Shell',
    detail: [
      rt`Every server reports build ${code(SE_RTM_BUILD)} (Subscription Edition RTM) or later in ${ui('Programs and Features')}. Hybrid deployments with Exchange Online: install the August 2025 hotfix and run ${code('ConfigureSkypeforBusinessHybridApplication.ps1')} on a Front End server.`,
      rt`From now on Subscription Edition is supported only while it is kept current: apply each cumulative update with the rolling procedure (M3).`,
    ],
    commands: [],
    verify: [
      {
        text: rt`No replica is out of date.`,
        command: 'Get-CsManagementStoreReplicationStatus | Where-Object {$_.UpToDate -eq $false}',
      },
    ],
    nodeIds: upgrades.map((n) => n.id),
    docs: [MIG_DOC.inPlaceSe, MIG_DOC.psReplication],
    ruleIds: ['LIFE-SUB-MODERN'],
    inferred: true,
  });
}

function upgradePool(m: MigrationContext, p: RegistrarPool): void {
  const { ctx } = m;
  const partner = m.ix.partner(p.id);
  const paired = partner !== undefined && m.upgrades.some((u) => u.node.id === partner.id);
  if (paired)
    m.add({
      id: `M2.4:failover:${p.id}`,
      phase: 'inPlaceUpgrade',
      procedure: 'M2',
      procedureStep: 'M2.4',
      title: `Optional: move ${ctx.name(p)}'s users to ${ctx.name(partner)} for its upgrade (planned failover)`,
      tool: 'Shell',
      mode: 'manual',
      detail: [
        rt`To keep users signed in during the upgrade, fail ${ctx.name(p)} over to its partner as a planned failover (no ${code('-DisasterMode')}: failover "by administrator choice", for upgrades). Not confirmed: failing users over between a 2019 pool and a Subscription Edition pool, which the second pool of the pair does. Otherwise skip this and its failback and upgrade in a window.`,
      ],
      commands: [`Invoke-CsPoolFailover -PoolFqdn ${psQuote(p.fqdn)}`],
      nodeIds: [p.id, partner.id],
      docs: [MIG_DOC.psPoolFailover, MIG_DOC.upgrade2015],
      ruleIds: ['SUB-PAIR-2019', 'UPG-PAIR-BOTH'],
      inferred: true,
    });
  const holdsCms = m.cmsSource()?.id === p.id;
  if (paired && holdsCms)
    m.add({
      id: `M2.4:cms-failover:${p.id}`,
      phase: 'inPlaceUpgrade',
      procedure: 'M2',
      procedureStep: 'M2.4',
      title: `Optional: fail the Central Management store over to ${ctx.name(partner)} while ${ctx.name(p)} is upgraded`,
      tool: 'Shell',
      mode: 'manual',
      runOn: `a Front End server of ${ctx.name(partner)}`,
      detail: [
        rt`${ctx.name(p)} holds the Central Management store and its partner the standby: a planned failover (no database parameters: the standby in the topology) keeps the store writable during the upgrade. ${code('-WhatIf')} first shows which pool holds it. Fail it back the same way from ${ctx.name(p)} afterwards, or leave it on ${ctx.name(partner)}.`,
      ],
      commands: ['Invoke-CsManagementServerFailover -WhatIf', 'Invoke-CsManagementServerFailover'],
      verify: [
        {
          text: rt`${ui('ActiveMasterFqdn')} names ${code(partner.fqdn)}.`,
          command: 'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus',
        },
      ],
      nodeIds: [p.id, partner.id],
      docs: [MIG_DOC.psCmsFailover, MIG_DOC.drPlan],
      inferred: true,
    });
  if (p.kind === 'frontEndPool') {
    m.add({
      id: `M2.2:readiness:${p.id}`,
      phase: 'inPlaceUpgrade',
      procedure: 'M2',
      procedureStep: 'M2.2',
      title: `Check that ${ctx.name(p)} is ready for a rolling upgrade`,
      tool: 'Shell',
      mode: 'manual',
      runOn: `a Front End server of ${ctx.name(p)} (locally)`,
      detail: [rt`${ui('PoolUpgradeState')} must be ${ui('Ready')}; ${ui('Busy')}: wait 10 minutes and retry.`],
      commands: ['Get-CsUpgradeDomainInfo'],
      nodeIds: [p.id],
      docs: [MIG_DOC.psUpgradeDomain, MIG_DOC.upgradeDomains],
      inferred: true,
    });
    m.add({
      id: `M2.2:servers:${p.id}`,
      phase: 'inPlaceUpgrade',
      procedure: 'M2',
      procedureStep: 'M2.2',
      title: `Install Subscription Edition on the ${p.frontEndServers} Front End servers of ${ctx.name(p)}, one upgrade domain at a time`,
      tool: 'Shell',
      mode: 'manual',
      runOn: `each Front End server of ${ctx.name(p)}, in upgrade-domain order`,
      detail: [
        rt`Per server: fail it over (its users and data move to the other servers, conferences drain, the services stop), install the Subscription Edition RTM build on top of 2019 (the one step Microsoft states), restart, fail it back and check it accepts connections. Then the next server, then the next upgrade domain; keep a record of the servers done.`,
      ],
      commands: [
        "Invoke-CsComputerFailOver -ComputerName '<Front End server FQDN>'",
        "Invoke-CsComputerFailBack -ComputerName '<Front End server FQDN>'",
      ],
      nodeIds: [p.id],
      docs: [MIG_DOC.inPlaceSe, MIG_DOC.psComputerFailover, MIG_DOC.psComputerFailback, MIG_DOC.patchFrontEnds],
      ruleIds: ['UPG-INPLACE-2019-SE', 'COEX-ONE-VERSION-PER-POOL'],
      inferred: true,
      effects: [{ kind: 'upgrade', nodeId: p.id, to: 'SE' }],
    });
    databaseUpdate(m, p, 'inPlaceUpgrade', 'M2', 'M2.2', true);
  } else {
    m.add({
      id: `M2.3:server:${p.id}`,
      phase: 'inPlaceUpgrade',
      procedure: 'M2',
      procedureStep: 'M2.3',
      title: `Install Subscription Edition on the Standard Edition server ${ctx.label(p)}`,
      tool: 'Shell',
      mode: 'manual',
      runOn: `the Standard Edition server ${p.fqdn}`,
      detail: [
        rt`Stop the services, install the Subscription Edition RTM build on top of 2019, update the local databases, restart.`,
      ],
      commands: ['Stop-CsWindowsService', 'Install-CsDatabase -Update -LocalDatabases', 'Start-CsWindowsService'],
      nodeIds: [p.id],
      docs: [MIG_DOC.inPlaceSe, MIG_DOC.patchBackEnd, MIG_DOC.psInstallDatabase],
      ruleIds: ['UPG-INPLACE-2019-SE'],
      inferred: true,
      effects: [{ kind: 'upgrade', nodeId: p.id, to: 'SE' }],
    });
  }
  if (paired)
    m.add({
      id: `M2.4:failback:${p.id}`,
      phase: 'inPlaceUpgrade',
      procedure: 'M2',
      procedureStep: 'M2.4',
      title: `Fail ${ctx.name(p)}'s users back and check the Backup Service`,
      tool: 'Shell',
      mode: 'manual',
      detail: [
        rt`Only if the planned failover above was used. Then the Backup Service must be steady in both directions before the partner is upgraded.`,
      ],
      commands: [`Invoke-CsPoolFailback -PoolFqdn ${psQuote(p.fqdn)}`],
      verify: [
        { text: rt`Steady from ${ctx.name(p)}.`, command: `Get-CsBackupServiceStatus -PoolFqdn ${psQuote(p.fqdn)}` },
        { text: rt`Steady from ${ctx.name(partner)}.`, command: `Get-CsBackupServiceStatus -PoolFqdn ${psQuote(partner.fqdn)}` },
      ],
      nodeIds: [p.id, partner.id],
      docs: [MIG_DOC.psPoolFailback, MIG_DOC.psBackupStatus],
      ruleIds: ['UPG-PAIR-BOTH'],
      inferred: true,
    });
}

function upgradeRole(m: MigrationContext, n: TopologyNode): void {
  const { ctx } = m;
  const what =
    n.kind === 'edgePool' ? 'Edge' : n.kind === 'directorPool' ? 'Director' : n.kind === 'mediationPool' ? 'Mediation' : 'server';
  m.add({
    id: `M2.3:role:${n.id}`,
    phase: 'inPlaceUpgrade',
    procedure: 'M2',
    procedureStep: 'M2.3',
    title: `Install Subscription Edition on the ${what} servers of ${ctx.label(n)}, one at a time`,
    tool: 'Shell',
    mode: 'manual',
    runOn: `each server of ${ctx.name(n)}, one at a time`,
    detail: [
      rt`Stop the services gracefully, install the Subscription Edition RTM build on top of 2019, restart, start the services; the other servers of the pool keep serving meanwhile.`,
    ],
    commands: ['Stop-CsWindowsService -Graceful', 'Start-CsWindowsService'],
    nodeIds: [n.id],
    docs: [MIG_DOC.inPlaceSe, MIG_DOC.upgrade2015],
    ruleIds: ['UPG-INPLACE-2019-SE'],
    inferred: true,
    effects: [{ kind: 'upgrade', nodeId: n.id, to: 'SE' }],
  });
}

/** M3.3 (and M2.2's database step): the Back End's databases after all Front End servers. */
function databaseUpdate(
  m: MigrationContext,
  p: RegistrarPool,
  phase: MigrationPhase,
  procedure: MigrationProcedure,
  procedureStep: string,
  inferred: boolean,
): void {
  const { ctx } = m;
  if (p.kind !== 'frontEndPool') return;
  const s = m.backEnd(p);
  if (!s) return;
  const ag = ctx.agOf(s);
  const mirrored = m.ix.mirrored(s);
  const fqdn = ag ? ag.listenerFqdn : s.fqdn;
  const commands: string[] = [];
  if (mirrored)
    commands.push(
      ...['User', 'Application'].map(
        (t) => `Uninstall-CsMirrorDatabase -SqlServerFqdn ${psQuote(s.fqdn)}${ctx.sqlInstanceArg(s.instance)} -DatabaseType ${t}`,
      ),
    );
  commands.push(
    `Install-CsDatabase -Update -ConfiguredDatabases -SqlServerFqdn ${psQuote(fqdn)}${ctx.forInstanceArg(s.instance)}${ag ? ' -Verbose' : ''}`,
  );
  m.add({
    id: `${procedureStep}:databases:${p.id}`,
    phase,
    procedure,
    procedureStep,
    title: `Update the databases of ${ctx.name(p)} on ${ctx.label(s)}`,
    tool: 'Shell',
    preconditions: [rt`Every Front End server of the pool is done.`],
    detail: [
      ...(ag
        ? [
            rt`The Back End is an availability group: the update goes to the listener ${code(ag.listenerFqdn)}; then republish the topology.`,
          ]
        : []),
      ...(mirrored
        ? [
            rt`The update fails on mirrored databases: the mirror is removed first (the commands) and set up again afterwards in Topology Builder (${ui('Enable SQL Store Mirroring')}, publish). Until then the Back End has no high availability: keep the window short.`,
          ]
        : []),
      rt`If a Back End is unreachable for 30 minutes or more meanwhile, users may go into resiliency mode.`,
    ],
    commands,
    nodeIds: [p.id, s.id],
    docs: [MIG_DOC.patchBackEnd, MIG_DOC.psInstallDatabase, ...(mirrored ? [MIG_DOC.psUninstallMirror, MIG_DOC.mirroring] : [])],
    inferred,
  });
}

/**
 * M3 for the given pools (patched ones in a migration; every pool of the target design
 * for a maintenance runbook). Paired pools one at a time; other roles after the Front End pools.
 */
export function m3CumulativeUpdates(m: MigrationContext, nodes: readonly TopologyNode[], forAll: boolean): void {
  const { ctx } = m;
  if (!nodes.length) return;
  const pools = nodes.filter(isRegistrar);
  const others = nodes.filter((n) => !isRegistrar(n) && 'productVersion' in n);
  const done = new Set<string>();
  for (const p of pools) {
    if (done.has(p.id)) continue;
    done.add(p.id);
    const partner = m.ix.partner(p.id);
    poolUpdate(m, p, forAll);
    if (partner && pools.includes(partner) && !done.has(partner.id)) {
      m.add({
        id: `M3.4:between:${p.id}:${partner.id}`,
        phase: 'cumulativeUpdates',
        procedure: 'M3',
        procedureStep: 'M3.4',
        title: `Let the Backup Service settle between ${ctx.name(p)} and ${ctx.name(partner)} before updating ${ctx.name(partner)}`,
        tool: 'Shell',
        detail: [
          rt`One pool of a pair at a time: the partner keeps its users' disaster recovery meanwhile. Both pools should end at the same cumulative update.`,
        ],
        commands: [],
        verify: [
          { text: rt`Steady from ${ctx.name(p)}.`, command: `Get-CsBackupServiceStatus -PoolFqdn ${psQuote(p.fqdn)}` },
          {
            text: rt`Steady from ${ctx.name(partner)}.`,
            command: `Get-CsBackupServiceStatus -PoolFqdn ${psQuote(partner.fqdn)}`,
          },
        ],
        nodeIds: [p.id, partner.id],
        docs: [MIG_DOC.upgradeDomains, MIG_DOC.psBackupStatus],
        ruleIds: ['UPG-CU-PAIR-MISMATCH'],
        inferred: true,
      });
      done.add(partner.id);
      poolUpdate(m, partner, forAll);
    }
  }
  for (const n of others) {
    m.add({
      id: `M3.6:role:${n.id}`,
      phase: 'cumulativeUpdates',
      procedure: 'M3',
      procedureStep: 'M3.6',
      title: `Update the servers of ${ctx.label(n)}, one at a time`,
      tool: 'Shell',
      mode: 'manual',
      runOn: `each server of ${ctx.name(n)}, one at a time`,
      detail: [
        rt`After the Front End pools (inside out). Per server: stop the services gracefully, install ${m.cu(n)}, restart, start the services.`,
      ],
      commands: ['Stop-CsWindowsService -Graceful', 'Start-CsWindowsService'],
      nodeIds: [n.id],
      docs: [MIG_DOC.upgrade2015, MIG_DOC.patchFrontEnds],
      inferred: true,
    });
  }
}

function poolUpdate(m: MigrationContext, p: RegistrarPool, forAll: boolean): void {
  const { ctx } = m;
  const cu = forAll ? 'the cumulative update' : m.cu(p);
  const partner = m.ix.partner(p.id);
  if (p.kind === 'standardEditionServer') {
    m.add({
      id: `M3.3:standard-edition:${p.id}`,
      phase: 'cumulativeUpdates',
      procedure: 'M3',
      procedureStep: 'M3.3',
      title: `Install ${cu} on the Standard Edition server ${ctx.label(p)}`,
      tool: 'Shell',
      mode: 'manual',
      runOn: `the Standard Edition server ${p.fqdn}`,
      detail: [
        rt`Stop the services, install the update, update the local databases, restart.${partner ? ` Its users can be failed over to ${ctx.name(partner)} first (planned failover) and back afterwards.` : ''}`,
      ],
      commands: ['Stop-CsWindowsService', 'Install-CsDatabase -Update -LocalDatabases', 'Start-CsWindowsService'],
      nodeIds: [p.id],
      docs: [MIG_DOC.patchBackEnd, MIG_DOC.psInstallDatabase],
    });
    return;
  }
  m.add({
    id: `M3.1:readiness:${p.id}`,
    phase: 'cumulativeUpdates',
    procedure: 'M3',
    procedureStep: 'M3.1',
    title: `Check that ${ctx.name(p)} is ready to be updated`,
    tool: 'Shell',
    mode: 'manual',
    runOn: `a Front End server of ${ctx.name(p)} (locally)`,
    detail: [
      rt`No missing replicas (otherwise ${code(`Reset-CsPoolRegistrarState -PoolFqdn ${psQuote(p.fqdn)} -ResetType QuorumLossRecovery`)} first). ${ui('PoolUpgradeState')} ${ui('Ready')}: go on; ${ui('Busy')}: wait 10 minutes and retry.`,
      partner
        ? rt`${ui('Busy')} three times in a row, or ${ui('InsufficientActiveFrontEnds')}: the pool has a problem; fail it over to ${ctx.name(partner)} (${code(`Invoke-CsPoolFailover -PoolFqdn ${psQuote(p.fqdn)}`)}, a planned failover), update its servers, then ${code(`Invoke-CsPoolFailback -PoolFqdn ${psQuote(p.fqdn)}`)}.`
        : rt`${ui('Busy')} three times in a row, or ${ui('InsufficientActiveFrontEnds')}: the pool has a problem; fix it before updating.`,
    ],
    commands: [
      `Get-CsPoolFabricState -PoolFqdn ${psQuote(p.fqdn)}`,
      p.productVersion === '2015' ? 'Get-CsPoolUpgradeReadinessState' : 'Get-CsUpgradeDomainInfo',
    ],
    nodeIds: [p.id],
    docs: [
      MIG_DOC.psFabric,
      p.productVersion === '2015' ? MIG_DOC.psReadiness : MIG_DOC.psUpgradeDomain,
      MIG_DOC.upgradeDomains,
      ...(partner ? [MIG_DOC.psPoolFailover] : []),
    ],
  });
  m.add({
    id: `M3.2:servers:${p.id}`,
    phase: 'cumulativeUpdates',
    procedure: 'M3',
    procedureStep: 'M3.2',
    title: `Install ${cu} on the ${p.frontEndServers} Front End servers of ${ctx.name(p)}, one upgrade domain at a time`,
    tool: 'Shell',
    mode: 'manual',
    runOn: `each Front End server of ${ctx.name(p)}, in upgrade-domain order (only domains whose ReadyforUpgrade is True)`,
    detail: [
      rt`Per server: fail it over (users and data move to the other servers, conferences drain; default wait one hour), install the update, restart, fail it back and check it accepts connections. Then the next server, then the next upgrade domain; keep a record of the servers done.`,
      ...(p.productVersion === '2015' && p.frontEndServers === 2
        ? [rt`A two-server 2015 pool: bring each server back quickly; if both must go down, restart them together.`]
        : []),
    ],
    commands: [
      "Invoke-CsComputerFailOver -ComputerName '<Front End server FQDN>'",
      "Invoke-CsComputerFailBack -ComputerName '<Front End server FQDN>'",
    ],
    nodeIds: [p.id],
    docs: [MIG_DOC.patchFrontEnds, MIG_DOC.manageFrontEnds, MIG_DOC.psComputerFailover, MIG_DOC.psComputerFailback],
  });
  databaseUpdate(m, p, 'cumulativeUpdates', 'M3', 'M3.3', false);
  const s = m.backEnd(p);
  const ag = s ? ctx.agOf(s) : undefined;
  if (s && ag)
    m.add({
      id: `M3.5:ag-replicas:${s.id}`,
      phase: 'cumulativeUpdates',
      procedure: 'M3',
      procedureStep: 'M3.5',
      title: `When SQL Server or Windows is patched too: the replicas of ${ctx.label(s)}, secondaries first`,
      tool: 'SQL',
      mode: 'manual',
      detail: [
        rt`Before: a full backup of every availability database, ${code('DBCC CHECKDB')}, a practice manual failover. Remove automatic failover from the synchronous replicas; patch the asynchronous secondaries, then the synchronous secondaries, never the primary first.`,
        rt`When the patched secondary is ${ui('SYNCHRONIZED')}, connected to it: ${code('ALTER AVAILABILITY GROUP <group> FAILOVER;')}. Patch the former primary, restore automatic failover, fail back if wanted; then update the Skype for Business databases (the step above) if the update touched them.`,
        rt`Replicas: ${ag.replicas.map((r) => r.fqdn).join(', ')}.`,
      ],
      nodeIds: [s.id],
      docs: [MIG_DOC.sqlAgUpgrade, MIG_DOC.sqlAgFailover, MIG_DOC.patchSql],
    });
}
