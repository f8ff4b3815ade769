/**
 * Building one step: defaults, and -WhatIf support derived from the commands, so a
 * step never claims what its cmdlets cannot do.
 */
import type { Phase, RichText, Step, StepMode, Tool, Verification } from './types';

/**
 * Cmdlets (as the steps use them) whose reference page lists -WhatIf. Checked against
 * the cmdlet pages; anything not listed (Invoke-CsBackupServiceSync, Get-* reads,
 * Bootstrapper.exe, Export-CsConfiguration) is gated by ShouldProcess in the .ps1.
 */
export const WHATIF_CMDLETS: ReadonlySet<string> = new Set([
  'Install-CsDatabase',
  'Uninstall-CsDatabase',
  'Enable-CsTopology',
  'Move-CsManagementServer',
  'Invoke-CsManagementServerFailover',
  'Invoke-CsPoolFailOver',
  'Invoke-CsPoolFailback',
  'Invoke-CsDatabaseFailover',
  'Install-CsMirrorDatabase',
  'Set-CsEdgeServer',
  'Set-CsSite',
  'Start-CsWindowsService',
  'Stop-CsWindowsService',
  'Start-CsPool',
  'Set-CsPersistentChatState',
  'Set-CsPersistentChatActiveServer',
  'Install-WindowsFeature',
]);

const lower = new Set([...WHATIF_CMDLETS].map((c) => c.toLowerCase()));

/** The command word of a command line (`Invoke-CsPoolFailOver -PoolFqdn …` → `Invoke-CsPoolFailOver`). */
export function commandName(command: string): string {
  return command.trim().replace(/^&\s*/, '').split(/\s+/)[0] ?? '';
}

export function allSupportWhatIf(commands: readonly string[]): boolean {
  return commands.length > 0 && commands.every((c) => lower.has(commandName(c).toLowerCase()));
}

export interface StepInput {
  id: string;
  phase: Phase;
  title: string;
  tool: Tool;
  detail?: RichText[];
  /** Default: `script` when there are commands, no `runOn` and the tool is the Shell. */
  mode?: StepMode;
  runOn?: string;
  commands?: string[];
  preconditions?: RichText[];
  verify?: Verification[];
  nodeIds?: string[];
  docs?: string[];
  ruleIds?: string[];
  inferred?: boolean;
}

export function makeStep(i: StepInput): Step {
  const commands = i.commands ?? [];
  const mode: StepMode = i.mode ?? (commands.length > 0 && i.runOn === undefined && i.tool === 'Shell' ? 'script' : 'manual');
  const step: Step = {
    id: i.id,
    phase: i.phase,
    title: i.title,
    detail: i.detail ?? [],
    tool: i.tool,
    mode,
    commands,
    preconditions: i.preconditions ?? [],
    verify: i.verify ?? [],
    nodeIds: [...new Set(i.nodeIds ?? [])],
    docs: [...new Set(i.docs ?? [])],
    supportsWhatIf: allSupportWhatIf(commands),
    ruleIds: [...new Set(i.ruleIds ?? [])],
    inferred: i.inferred ?? false,
  };
  if (i.runOn !== undefined) step.runOn = i.runOn;
  return step;
}
