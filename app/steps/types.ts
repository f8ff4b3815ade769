/**
 * The step plan: what the deployment step generator returns, and what the Markdown,
 * PowerShell and JSON formatters and the designer's Steps panel read. Procedures
 * follow Microsoft's deployment pages; ids are stable (procedure + node ids) so a
 * panel can remember which steps a person has ticked.
 */
import type { ProductVersion } from '../model/schema';

export const DEPLOYMENT_PHASES = [
  'prepare',
  'existingPools',
  'topologyBuilder',
  'publishInstall',
  'pairing',
  'verification',
  'decommission',
] as const;
export type DeploymentPhase = (typeof DEPLOYMENT_PHASES)[number];
export const RUNBOOK_PHASES = ['failover', 'failback'] as const;
export type RunbookPhase = (typeof RUNBOOK_PHASES)[number];
export type Phase = DeploymentPhase | RunbookPhase;

export const PHASE_TITLES: Record<Phase, string> = {
  prepare: 'Prepare Windows and SQL Server',
  existingPools: 'Change the existing pools',
  topologyBuilder: 'Define the topology in Topology Builder',
  publishInstall: 'Publish, install databases and servers',
  pairing: 'Pool pairing and the Backup Service',
  verification: 'Verify the deployment',
  decommission: 'Decommission what the design retires',
  failover: 'Failover',
  failback: 'Failback',
};

/** The tool a step is carried out with. */
export const TOOLS = ['Win', 'Cluster', 'SQL', 'TB', 'Shell', 'DW', 'DNS'] as const;
export type Tool = (typeof TOOLS)[number];

export const TOOL_TITLES: Record<Tool, string> = {
  Win: 'Windows Server',
  Cluster: 'Failover Cluster Manager',
  SQL: 'SQL Server Configuration Manager / Management Studio',
  TB: 'Topology Builder',
  Shell: 'Skype for Business Server Management Shell',
  DW: 'Deployment Wizard',
  DNS: 'DNS server',
};

/**
 * Text with a little structure, so every output can mark up what matters without
 * ever mixing markup into user-typed text: `ui` = a label in a product's user
 * interface (a check box, a page, a menu), `code` = a literal value to type.
 * User-typed names always travel in `text` or `code` spans and are escaped by each
 * formatter for its own format.
 */
export type Span = { kind: 'text'; value: string } | { kind: 'ui'; value: string } | { kind: 'code'; value: string };
export type RichText = Span[];

export interface Verification {
  /** What to check, for a person. */
  text: RichText;
  /** A read-only command that shows it (run after the step by the .ps1). */
  command?: string;
}

/**
 * How a step is carried out: `script` steps run unattended from one Skype for
 * Business Server Management Shell (the .ps1 executes them); `manual` steps need a
 * person (a GUI, or a command to run on every server of a pool, whose names the
 * model does not know), and the .ps1 asks for confirmation.
 */
export type StepMode = 'script' | 'manual';

export interface Step {
  /** Stable: procedure + node ids, e.g. `ag-listener:sql-a`. */
  id: string;
  phase: Phase;
  title: string;
  /** Where to click, which field gets which value, which SQL Server action. */
  detail: RichText[];
  tool: Tool;
  mode: StepMode;
  /** Where `commands` run when not from any Management Shell ("every Front End server of …"). */
  runOn?: string;
  /** PowerShell, parameters filled from the topology. Values are single-quoted and escaped. */
  commands: string[];
  preconditions: RichText[];
  verify: Verification[];
  nodeIds: string[];
  /** Source paths: bare = OfficeDocs-SkypeForBusiness, `ps:` = cmdlet page. */
  docs: string[];
  /** Every cmdlet in `commands` accepts -WhatIf (false when there are no commands). */
  supportsWhatIf: boolean;
  /** Catalogue rules whose step-exporter obligation this step carries out. */
  ruleIds: string[];
  /** Our reading of the documentation rather than a documented instruction. */
  inferred: boolean;
  /**
   * Rule ids of the validator's errors on a node this step builds: the step would build
   * what the validator calls an error (the plan's blocking notes say what and why).
   */
  blockedBy: string[];
}

export type NoteSeverity = 'blocking' | 'warning' | 'info';

/** Something the plan could not do, or a person must know before following it. */
export interface PlanNote {
  severity: NoteSeverity;
  message: RichText;
  nodeIds: string[];
  ruleIds: string[];
  docs: string[];
}

/** What to run when a paired pool's site is lost, and how to come back. */
export interface Runbook {
  /** "Losing Amsterdam: fail Pool A over to Pool B" (user text inside; formatters escape it). */
  title: string;
  /** The pool whose site is lost (the `-PoolFqdn` of both cmdlets). */
  poolId: string;
  /** Its backup pool, which takes the users. */
  partnerId: string;
  /** The lost site. */
  siteId: string;
  failover: Step[];
  failback: Step[];
  notes: PlanNote[];
}

export interface StepPlan {
  title: string;
  /** The topology's name as the user typed it. */
  topologyName: string;
  description?: string;
  productVersions: ProductVersion[];
  mode: 'greenfield' | 'transition';
  /** Deployment steps in dependency order (phases appear in DEPLOYMENT_PHASES order). */
  steps: Step[];
  /** One per paired pool. */
  runbooks: Runbook[];
  notes: PlanNote[];
}

export type StepsErrorCode = 'unknownPool' | 'unknownSite' | 'notPaired' | 'internal';

export interface StepsError {
  code: StepsErrorCode;
  message: string;
}
