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
  'Uninstall-CsMirrorDatabase',
]);

const lower = new Set([...WHATIF_CMDLETS].map((c) => c.toLowerCase()));

/** The command word of a command line (`Invoke-CsPoolFailOver -PoolFqdn …` → `Invoke-CsPoolFailOver`). */
export function commandName(command: string): string {
  // The first run of non-blanks after an optional `&`, without splitting the whole line.
  return COMMAND_WORD.exec(command)?.[1] ?? '';
}
const COMMAND_WORD = /^\s*(?:&\s*)?(\S*)/;

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

/** A copy of `xs` without repeats, first occurrences kept: a plain copy when nothing repeats, as in most steps' short lists. */
function distinct(xs: readonly string[] | undefined): string[] {
  if (!xs) return [];
  if (xs.length <= 8) {
    let repeats = false;
    for (let i = 1; i < xs.length && !repeats; i++) repeats = xs.indexOf(xs[i]!) < i;
    if (!repeats) return xs.slice();
  }
  return [...new Set(xs)];
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
    nodeIds: distinct(i.nodeIds),
    docs: distinct(i.docs),
    supportsWhatIf: allSupportWhatIf(commands),
    ruleIds: distinct(i.ruleIds),
    inferred: i.inferred ?? false,
    blockedBy: [],
  };
  if (i.runOn !== undefined) step.runOn = i.runOn;
  return step;
}
