/**
 * Migration planning (issue 20): current design + target design in, the migration
 * runbook out (procedures M1 side by side, M2 in place 2019 → Subscription Edition,
 * M3 rolling cumulative update), in Markdown, PowerShell and JSON. Pure: no DOM, React
 * or node imports.
 */
export { planCumulativeUpdate, planMigration, planMigrationOf, type MigrationOptions } from './migration-plan';
export { migrationToMarkdown, migrationToPowerShell, migrationToJson } from './render';
export { transitionDocument, matchingFromDiff, type NodeMatching, type TransitionDocument } from './transition-document';
export { PROCEDURE_STEPS, procedureStep, MIG_DOC, type ProcedureStep } from './procedures';
export {
  MIGRATION_PHASES,
  MIGRATION_PHASE_TITLES,
  MIGRATION_PROCEDURES,
  PROCEDURE_TITLES,
  type Effect,
  type MigrationPhase,
  type MigrationPlan,
  type MigrationProcedure,
  type MigrationStep,
} from './types';
