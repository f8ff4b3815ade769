/**
 * The migration plan: what `planMigration(current, target)` returns and what the
 * Markdown, PowerShell and JSON renderers and the designer's Migration tab read. Steps
 * are the deployment runbook's steps (same rich text, escaping, -WhatIf and manual
 * confirmation), with the migration phase they belong to, the procedure step they carry
 * out (M1.12 = "Move the Central Management store") and what they change in the
 * deployment (effects), so tests can replay a plan and check that high availability and
 * disaster recovery hold after every step.
 */
import type { ProductVersion } from '../model/schema';
import type { PlanNote, Step } from '../steps/types';

export const MIGRATION_PROCEDURES = ['M1', 'M2', 'M3'] as const;
export type MigrationProcedure = (typeof MIGRATION_PROCEDURES)[number];

export const PROCEDURE_TITLES: Record<MigrationProcedure, string> = {
  M1: 'Side-by-side migration',
  M2: 'In-place upgrade from Skype for Business Server 2019 to Subscription Edition',
  M3: 'Rolling cumulative update',
};

/** Phases in the order the runbook runs them (in-place upgrades first, the CMS after the users, decommissioning last). */
export const MIGRATION_PHASES = [
  'preconditions',
  'inPlaceUpgrade',
  'newPools',
  'edge',
  'users',
  'cms',
  'decommission',
  'cumulativeUpdates',
] as const;
export type MigrationPhase = (typeof MIGRATION_PHASES)[number];

export const MIGRATION_PHASE_TITLES: Record<MigrationPhase, string> = {
  preconditions: 'Before you start: updates, backups and health',
  inPlaceUpgrade: 'Upgrade Skype for Business Server 2019 in place to Subscription Edition',
  newPools: 'Deploy the new pools and pair them with each other',
  edge: 'Edge, federation and media',
  users: 'Move users, meetings, applications and DNS',
  cms: 'Move the Central Management store',
  decommission: 'Conference directories and decommissioning',
  cumulativeUpdates: 'Cumulative updates',
};

/**
 * What a step changes in the deployment, in the transition document's node ids. The
 * generator states them; tests replay them over the current deployment and check that
 * nothing is removed before its replacement exists and that the end state is the target.
 */
export type Effect =
  | { kind: 'deploy'; nodeId: string }
  | { kind: 'pair'; a: string; b: string }
  | { kind: 'unpair'; a: string; b: string }
  | { kind: 'moveUsers'; from: string; to: string }
  | { kind: 'installCmsDatabase'; poolId: string }
  | { kind: 'moveCms'; from: string; to: string }
  | { kind: 'checkCmsReplication' }
  | { kind: 'uninstallCmsDatabase'; poolId: string }
  | { kind: 'mediaEdge'; poolId: string; edgeId: string }
  | { kind: 'clearMediaEdge'; poolId: string }
  | { kind: 'nextHop'; edgeId: string; to: string }
  | { kind: 'federation'; from: string | null; to: string }
  | { kind: 'backupRegistrar'; branchId: string; poolId: string }
  | { kind: 'upgrade'; nodeId: string; to: ProductVersion }
  | { kind: 'decommission'; nodeId: string };

export interface MigrationStep extends Omit<Step, 'phase'> {
  phase: MigrationPhase;
  procedure: MigrationProcedure;
  /** The procedure step this carries out: `M1.12` (Move the CMS), `M2.4`, `M3.2`. */
  procedureStep: string;
  effects: Effect[];
}

export interface MigrationPlan {
  title: string;
  /** The designs' names as the user typed them. */
  currentName: string;
  targetName: string;
  /** Product versions of the current and target designs' server roles, oldest first. */
  currentVersions: ProductVersion[];
  targetVersions: ProductVersion[];
  /** The procedures this plan uses, in the order they run. */
  procedures: MigrationProcedure[];
  steps: MigrationStep[];
  notes: PlanNote[];
  /** A maintenance runbook (a cumulative update of one design), not a migration between two. */
  maintenance?: true;
}
