/**
 * The three procedures the migration runbook follows, step by step, with the Microsoft
 * pages each step comes from: M1 side-by-side migration (the Skype for Business Server
 * 2019 migration pages, which Subscription Edition inherits), M2 in-place upgrade from
 * 2019 to Subscription Edition, M3 rolling cumulative update. Source paths: bare =
 * MicrosoftDocs/OfficeDocs-SkypeForBusiness, `ps:` = a cmdlet page, `web:` = a page
 * outside those repositories.
 */
import type { MigrationProcedure } from './types';

const M = 'Skype/SfBServer2019/migration/';

export const MIG_DOC = {
  applyUpdates: `${M}apply-updates.md`,
  backUp: `${M}back-up-systems-and-data.md`,
  adminAfter: `${M}administering-servers-after-migration.md`,
  coexistence: `${M}verify-pilot-pool-coexistence-with-legacy-pool.md`,
  phase3: `${M}phase-3-deploy-pilot-pool.md`,
  prepareAd: `${M}prepare-active-directory.md`,
  downloadTopology: `${M}download-topology-from-existing-deployment.md`,
  pilotPool: `${M}deploy-pilot-pool.md`,
  legacyEdge: `${M}connect-pilot-pool-to-legacy-edge-servers.md`,
  moveTestUsers: `${M}move-multiple-users-to-the-pilot-pool.md`,
  moveRemaining: `${M}move-remaining-users.md`,
  meetings: `${M}migrate-existing-meetings-and-meeting-content.md`,
  pilotEdge: `${M}deploy-pilot-edge-server.md`,
  federationRoutes: `${M}configure-federation-routes-and-media-traffic.md`,
  verifyFederation: `${M}verify-federation-and-remote-access-for-external-users.md`,
  simpleUrls: `${M}change-simple-urls-after-migration.md`,
  multipleSites: `${M}migrating-multiple-sites-and-pools.md`,
  responseGroups: `${M}migrate-response-groups.md`,
  dialIn: `${M}migrate-dial-in-access-numbers.md`,
  callPark: `${M}migrate-call-park-application-settings.md`,
  commonAreaPhones: `${M}migrate-common-area-phones.md`,
  analogDevices: `${M}migrate-analog-devices.md`,
  trustedApps: `${M}configure-trusted-application-servers.md`,
  sba: `${M}connect-a-survivable-branch-appliance.md`,
  monarch: `${M}migrating-archiving-and-monitoring-servers.md`,
  removeMonarch: `${M}remove-legacy-archiving-and-monitoring-servers.md`,
  dnsSrv: `${M}update-dns-srv-records.md`,
  moveCms: `${M}move-the-central-management-server.md`,
  conferenceDirectories: `${M}move-conference-directories.md`,
  phase8: `${M}phase-8-decommission-legacy-pools.md`,
  removeArchivingAssociation: `${M}remove-the-archiving-server-association.md`,
  removeMonitoringAssociation: `${M}remove-the-monitoring-server-association.md`,
  resetCac: `${M}reset-call-admission-control.md`,
  preventSessions: `${M}prevent-sessions-for-services.md`,
  stopServices: `${M}stop-services.md`,
  removePool: `${M}remove-front-end-pool-or-standard-edition-server.md`,
  removePoolDatabases: `${M}remove-the-sql-server-database-for-a-front-end-pool.md`,
  removeBackEndInstances: `${M}remove-sql-server-instances-and-databases-on-the-back-end-server.md`,
  migration2019: `${M}migration-to-skype-for-business-server-2019.md`,
  upgrade2015: 'Skype/SfbServer/plan-your-deployment/upgrade.md',
  deprecated2019: 'Skype/SfBServer2019/deprecated.md',
  backEndPlan: 'Skype/SfbServer/plan-your-deployment/high-availability-and-disaster-recovery/back-end-server.md',
  drPlan: 'Skype/SfbServer/plan-your-deployment/high-availability-and-disaster-recovery/disaster-recovery.md',
  haPlan: 'Skype/SfbServer/plan-your-deployment/high-availability-and-disaster-recovery/high-availability.md',
  pairing: 'Skype/SfbServer/deploy/deploy-high-availability-and-disaster-recovery/front-end-pools-for-disaster-recovery.md',
  ag: 'Skype/SfbServer/deploy/deploy-high-availability-and-disaster-recovery/alwayson-availability-group.md',
  mirroring: 'Skype/SfbServer/deploy/deploy-high-availability-and-disaster-recovery/sql-mirroring-for-high-availability.md',
  failoverPool: 'Skype/SfbServer/manage/ha-dr-and-backup-service/failing-over-and-failing-back-a-pool.md',
  edgeChange: 'Skype/SfbServer/manage/ha-dr-and-backup-service/failing-over-failing-back-or-changing-the-edge-pool.md',
  addDatabases: 'Skype/SfbServer/manage/topology/add-databases.md',
  manageFrontEnds: 'Skype/SfbServer/manage/topology/manage-front-end-servers.md',
  patchFrontEnds: 'Skype/SfbServer/manage/topology/patch-or-update-front-end-servers.md',
  upgradeDomains: 'Skype/SfbServer/sfbs2019/upgrade-or-update-front-end-servers.md',
  patchBackEnd: 'Skype/SfbServer/manage/topology/patch-or-update-a-back-end-or-standard-edition-server.md',
  patchSql: 'Skype/SfbServer/manage/topology/patch-or-update-sql-server.md',
  sqlAgUpgrade:
    'sql-docs:docs/database-engine/availability-groups/windows/upgrading-always-on-availability-group-replica-instances.md',
  sqlAgFailover:
    'sql-docs:docs/database-engine/availability-groups/windows/perform-a-planned-manual-failover-of-an-availability-group-sql-server.md',
  // Microsoft's post on the 2019 → Subscription Edition in-place upgrade (read through a mirror).
  inPlaceSe:
    'web:https://azurefeeds.com/2025/06/26/why-in-place-upgrade-from-skype-for-business-server-2019-to-subscription-edition-se-is-low-risk',
  seAvailable:
    'web:https://techcommunity.microsoft.com/blog/skype_for_business_blog/skype-for-business-server-subscription-edition-se-is-now-available/4424925',
  psMoveUser: 'ps:Move-CsUser.md',
  psMoveCms: 'ps:Move-CsManagementServer.md',
  psEnableTopology: 'ps:Enable-CsTopology.md',
  psInstallDatabase: 'ps:Install-CsDatabase.md',
  psUninstallDatabase: 'ps:Uninstall-CsDatabase.md',
  psReplication: 'ps:Get-CsManagementStoreReplicationStatus.md',
  psRemoveScp: 'ps:Remove-CsConfigurationStoreLocation.md',
  psMoveConfDir: 'ps:Move-CsConferenceDirectory.md',
  psExportUserData: 'ps:Export-CsUserData.md',
  psMoveRgs: 'ps:Move-CsRgsConfiguration.md',
  psExportRgs: 'ps:Export-CsRgsConfiguration.md',
  psImportRgs: 'ps:Import-CsRgsConfiguration.md',
  psMoveEndpoint: 'ps:Move-CsApplicationEndpoint.md',
  psCallParkOrbit: 'ps:Set-CsCallParkOrbit.md',
  psExportConfig: 'ps:Export-CsConfiguration.md',
  psExportLis: 'ps:Export-CsLisConfiguration.md',
  psFabric: 'ps:Get-CsPoolFabricState.md',
  psUpgradeDomain: 'ps:Get-CsUpgradeDomainInfo.md',
  psReadiness: 'ps:Get-CsPoolUpgradeReadinessState.md',
  psComputerFailover: 'ps:Invoke-CsComputerFailOver.md',
  psComputerFailback: 'ps:Invoke-CsComputerFailBack.md',
  psPoolFailover: 'ps:Invoke-CsPoolFailOver.md',
  psCmsFailover: 'ps:Invoke-CsManagementServerFailover.md',
  psPoolFailback: 'ps:Invoke-CsPoolFailBack.md',
  psBackupStatus: 'ps:Get-CsBackupServiceStatus.md',
  psBackupSync: 'ps:Invoke-CsBackupServiceSync.md',
  psEdgeServer: 'ps:Set-CsEdgeServer.md',
  psUninstallMirror: 'ps:Uninstall-CsMirrorDatabase.md',
  psStartPool: 'ps:Start-CsPool.md',
} as const;

export interface ProcedureStep {
  /** `M1.12`: the procedure and its step number. */
  id: string;
  procedure: MigrationProcedure;
  title: string;
  docs: readonly string[];
  /** Our reading rather than a documented instruction (M2 throughout, beyond installing the build). */
  inferred: boolean;
}

const step = (id: string, title: string, docs: readonly string[], inferred = false): ProcedureStep => ({
  id,
  procedure: id.slice(0, 2) as MigrationProcedure,
  title,
  docs,
  inferred,
});

/** Every step of M1–M3, in procedure order: the runbook cites these ids, and a test checks each appears. */
export const PROCEDURE_STEPS: readonly ProcedureStep[] = [
  step('M1.0', 'Preconditions: latest cumulative update, backups, newest tools only', [
    MIG_DOC.applyUpdates,
    MIG_DOC.backUp,
    MIG_DOC.adminAfter,
  ]),
  step('M1.1', 'Prepare Active Directory and download the topology', [
    MIG_DOC.phase3,
    MIG_DOC.prepareAd,
    MIG_DOC.downloadTopology,
  ]),
  step('M1.2', 'Define and install the new pool', [MIG_DOC.pilotPool, MIG_DOC.coexistence, MIG_DOC.ag]),
  step('M1.3', 'Pair the new pools with each other', [MIG_DOC.pairing, MIG_DOC.upgrade2015]),
  step('M1.4', 'Connect the pilot pool to the legacy Edge', [MIG_DOC.legacyEdge]),
  step('M1.5', 'Move test users', [MIG_DOC.moveTestUsers, MIG_DOC.moveRemaining, MIG_DOC.psMoveUser]),
  step('M1.6', 'Meetings move with their organizer', [MIG_DOC.meetings, MIG_DOC.psMoveUser]),
  step('M1.7', 'Add the new Edge pool', [MIG_DOC.pilotEdge]),
  step('M1.8', 'Move federation and media to the new Edge pool', [MIG_DOC.federationRoutes, MIG_DOC.verifyFederation]),
  step('M1.9', 'Move the remaining users', [MIG_DOC.moveRemaining, MIG_DOC.multipleSites, MIG_DOC.psMoveUser]),
  step('M1.10', 'Move applications and contact objects', [
    MIG_DOC.responseGroups,
    MIG_DOC.dialIn,
    MIG_DOC.callPark,
    MIG_DOC.commonAreaPhones,
    MIG_DOC.analogDevices,
    MIG_DOC.trustedApps,
    MIG_DOC.sba,
    MIG_DOC.removeMonarch,
  ]),
  step('M1.11', 'Point DNS at the new pools', [MIG_DOC.dnsSrv]),
  step('M1.12', 'Move the Central Management store', [MIG_DOC.moveCms, MIG_DOC.psMoveCms]),
  step('M1.13', 'Move conference directories', [MIG_DOC.conferenceDirectories, MIG_DOC.psMoveConfDir]),
  step('M1.14', 'Decommission the legacy pools', [MIG_DOC.phase8, MIG_DOC.removePool, MIG_DOC.removePoolDatabases]),
  step('M2.0', 'Preconditions: latest 2019 update, backups, healthy pools', [MIG_DOC.inPlaceSe, MIG_DOC.psMoveCms], true),
  step('M2.1', 'Upgrade order: other pools, then Edge pools, the CMS pool last', [MIG_DOC.upgrade2015], true),
  step(
    'M2.2',
    'Upgrade an Enterprise pool, one upgrade domain at a time',
    [MIG_DOC.inPlaceSe, MIG_DOC.patchFrontEnds, MIG_DOC.psComputerFailover],
    true,
  ),
  step('M2.3', 'Upgrade Standard Edition servers and other roles', [MIG_DOC.inPlaceSe, MIG_DOC.patchBackEnd], true),
  step('M2.4', 'Paired pools: both in one window, without unpairing', [MIG_DOC.upgrade2015, MIG_DOC.psPoolFailover], true),
  step('M2.5', 'After the upgrade', [MIG_DOC.inPlaceSe, MIG_DOC.psReplication], true),
  step('M3.1', 'Readiness of the pool', [MIG_DOC.psFabric, MIG_DOC.psUpgradeDomain, MIG_DOC.psReadiness, MIG_DOC.upgradeDomains]),
  step('M3.2', 'Front End servers, one upgrade domain at a time', [
    MIG_DOC.patchFrontEnds,
    MIG_DOC.manageFrontEnds,
    MIG_DOC.psComputerFailover,
    MIG_DOC.psComputerFailback,
  ]),
  step('M3.3', 'Update the databases', [MIG_DOC.patchBackEnd, MIG_DOC.psInstallDatabase]),
  step('M3.4', 'Paired pools: one pool at a time', [MIG_DOC.upgradeDomains, MIG_DOC.pairing, MIG_DOC.psBackupStatus]),
  step('M3.5', 'AlwaysOn Back End: patch the secondary replicas first', [
    MIG_DOC.sqlAgUpgrade,
    MIG_DOC.sqlAgFailover,
    MIG_DOC.patchSql,
  ]),
  step('M3.6', 'Director, Mediation and Edge pools after the Front End pools', [MIG_DOC.upgrade2015], true),
];

export const procedureStep = (id: string): ProcedureStep | undefined => PROCEDURE_STEPS.find((s) => s.id === id);
