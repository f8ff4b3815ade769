/**
 * `migrate <current> <target> [--format md|ps1|json] [--procedure M1|M2|M3]`: the migration
 * runbook from the current (as-is) design to the target design (docs/cli.md). Exit 0 when
 * the plan has no blocking note, 1 when it has (the rule engine reports errors on the
 * change; the plan is still written), 2 with one line on stderr for unusable input.
 */
import {
  migrationToJson,
  migrationToMarkdown,
  migrationToPowerShell,
  MIGRATION_PROCEDURES,
  planMigrationOf,
  type MigrationProcedure,
} from '../../migrate/index';
import { readInput } from '../input';
import { parseArgs, type CommandIo } from '../command';

const FORMATS = ['md', 'ps1', 'json'] as const;
type Format = (typeof FORMATS)[number];
const isFormat = (f: string): f is Format => (FORMATS as readonly string[]).includes(f);
const isProcedure = (p: string): p is MigrationProcedure => (MIGRATION_PROCEDURES as readonly string[]).includes(p);
const shown = (s: string) => s.slice(0, 40).replace(/[^\x20-\x7e]/g, '?');

export async function run(args: string[], io: CommandIo): Promise<number> {
  const a = parseArgs(args, [], ['format', 'procedure']);
  const usage = '(usage: migrate <current> <target> [--format md|ps1|json] [--procedure M1|M2|M3])';
  if (a.error || a.positional.length !== 2) {
    io.err(`topo migrate: ${a.error ?? 'expected two inputs, the current design and the target design'} ${usage}`);
    return 2;
  }
  const format = a.options.format === undefined ? 'md' : String(a.options.format);
  if (!isFormat(format)) {
    io.err(`topo migrate: unknown format "${shown(format)}"; use md, ps1 or json ${usage}`);
    return 2;
  }
  const procedure = a.options.procedure === undefined ? undefined : String(a.options.procedure).toUpperCase();
  if (procedure !== undefined && !isProcedure(procedure)) {
    io.err(
      `topo migrate: unknown procedure "${shown(String(a.options.procedure))}"; use M1 (side by side), M2 (in place) or M3 (cumulative update) ${usage}`,
    );
    return 2;
  }
  if (a.positional[0] === '-' && a.positional[1] === '-') {
    io.err(`topo migrate: only one of the two inputs can be stdin (-) ${usage}`);
    return 2;
  }
  const current = await readInput(a.positional[0]);
  if (!current.ok) {
    io.err(`topo migrate: current design: ${current.error}`);
    return 2;
  }
  const target = await readInput(a.positional[1]);
  if (!target.ok) {
    io.err(`topo migrate: target design: ${target.error}`);
    return 2;
  }
  for (const w of current.value.warnings) io.err(`warning: current design: ${w}`);
  for (const w of target.value.warnings) io.err(`warning: target design: ${w}`);
  const plan = planMigrationOf(current.value.topology, target.value.topology, procedure ? { procedure } : {});
  switch (format) {
    case 'md':
      io.out(migrationToMarkdown(plan));
      break;
    case 'ps1':
      io.out(migrationToPowerShell(plan));
      break;
    case 'json':
      io.out(migrationToJson(plan));
      break;
  }
  const blocking = plan.notes.filter((n) => n.severity === 'blocking');
  if (blocking.length) {
    io.err(
      `topo migrate: ${blocking.length} blocking ${blocking.length === 1 ? 'note' : 'notes'} (${[...new Set(blocking.flatMap((n) => n.ruleIds))].join(', ') || 'see the plan'}): fix the target design before following this runbook; the .ps1 refuses to run without -Force`,
    );
    return 1;
  }
  return 0;
}
