/**
 * Collects the simulation's notes and runbook steps with a priority each, so that they
 * come out in the order a person acts on them (CMS before pool failover, next hops
 * before the pool failover that would otherwise refuse to run, federation after, ...)
 * whatever order the analysis found them in.
 */
import { QUORUM_DOC, RECOVERY } from '../model/reference-numbers';
import type { RunbookStep } from './types';

/** Order of action. Gaps leave room; equal priorities keep insertion order. */
export const PRIORITY = {
  summary: 0,
  backEndOfCmsTarget: 10,
  cms: 20,
  edgeNextHop: 30,
  poolFailover: 40,
  poolCapacity: 41,
  userImpact: 42,
  withoutService: 43,
  branch: 44,
  backEnd: 45,
  lis: 50,
  recoveryTargets: 55,
  federation: 60,
  xmpp: 65,
  remoteAccess: 70,
  mediaEdge: 72,
  director: 74,
  persistentChat: 80,
  voice: 82,
  officeOnline: 85,
  fileStore: 90,
  otherStores: 92,
  quorum: 95,
  failback: 100,
} as const;

export const DOCS = {
  failoverPool: 'Skype/SfbServer/manage/ha-dr-and-backup-service/failing-over-and-failing-back-a-pool.md',
  edgePool: 'Skype/SfbServer/manage/ha-dr-and-backup-service/failing-over-failing-back-or-changing-the-edge-pool.md',
  disasterRecovery: RECOVERY.poolFailover.doc,
  userExperience: 'Skype/SfbServer/plan-your-deployment/high-availability-and-disaster-recovery/user-experience.md',
  backEnd: RECOVERY.backEndMirrorFailover.doc,
  voiceResiliency: 'Skype/SfbServer/plan-your-deployment/enterprise-voice-solution/enterprise-voice-resiliency.md',
  cmsCmdlet: 'ps:Invoke-CsManagementServerFailover.md',
  poolFailoverCmdlet: 'ps:Invoke-CsPoolFailOver.md',
  poolFailbackCmdlet: 'ps:Invoke-CsPoolFailBack.md',
  databaseFailoverCmdlet: 'ps:Invoke-CsDatabaseFailover.md',
  cmsRestore: 'Lync/LyncServer/lync-server-2013-restoring-the-server-hosting-the-central-management-store.md',
  pchatManage: 'Skype/SfbServer/manage/persistent-chat/high-availability-and-disaster-recovery.md',
  pchatPlan: 'Skype/SfbServer/plan-your-deployment/persistent-chat-server/high-availability-and-disaster-recovery.md',
  pchatState: 'ps:Set-CsPersistentChatState.md',
  pchatActive: 'ps:Set-CsPersistentChatActiveServer.md',
  pchatNextHop: 'Skype/SfbServer/deploy/deploy-persistent-chat-server/add-persistent-chat-server.md',
  officeOnline: 'Skype/SfbServer/deploy/deploy-conferencing/office-web-app-server.md',
  conferenceContent: 'Skype/SfbServer/manage/ha-dr-and-backup-service/restoring-conference-contents-using-the-backup-service.md',
  backupService: 'Skype/SfbServer/manage/ha-dr-and-backup-service/configuring-and-monitoring-the-backup-service.md',
  quorum: QUORUM_DOC,
  capacity2015: 'Skype/SfbServer/plan-your-deployment/capacity/user-model.md',
  capacity2019: 'Skype/SfBServer2019/plan/user-model-2019.md',
} as const;

interface Entry<T> {
  priority: number;
  seq: number;
  value: T;
}

export class Plan {
  private readonly noteEntries: Entry<string>[] = [];
  private readonly stepEntries: Entry<Omit<RunbookStep, 'order'>>[] = [];
  private seq = 0;

  note(priority: number, text: string): void {
    this.noteEntries.push({ priority, seq: this.seq++, value: text });
  }

  step(priority: number, step: Omit<RunbookStep, 'order'>): void {
    this.stepEntries.push({ priority, seq: this.seq++, value: step });
  }

  notes(): string[] {
    return sorted(this.noteEntries).map((e) => e.value);
  }

  steps(): RunbookStep[] {
    return sorted(this.stepEntries).map((e, i) => ({ order: i + 1, ...e.value }));
  }
}

function sorted<T>(entries: Entry<T>[]): Entry<T>[] {
  return [...entries].sort((a, b) => a.priority - b.priority || a.seq - b.seq);
}
