/**
 * The deployment step generator (issue 5): topology in, ordered runbook out, plus the
 * failover/failback runbooks per paired pool and three output formats. Pure: no
 * DOM, React or node imports.
 */
export { generateSteps } from './deployment';
export { failoverRunbook, siteLossRunbook, type SiteLossRunbook } from './runbooks';
export { toMarkdown, runbookToMarkdown } from './markdown';
export { toPowerShell, runbookToPowerShell, psLiteral } from './powershell';
export { toJson } from './json';
export { docUrl, plain, mdText, mdCode, psQuote, psComment, oneLine } from './text';
export { WHATIF_CMDLETS } from './step';
export { AG_EXCLUDED_DATABASES } from './plan-context';
export {
  DEPLOYMENT_PHASES,
  RUNBOOK_PHASES,
  PHASE_TITLES,
  TOOLS,
  TOOL_TITLES,
  type DeploymentPhase,
  type RunbookPhase,
  type Phase,
  type Tool,
  type Span,
  type RichText,
  type Verification,
  type StepMode,
  type Step,
  type NoteSeverity,
  type PlanNote,
  type Runbook,
  type StepPlan,
  type StepsError,
  type StepsErrorCode,
} from './types';
