/**
 * `steps <input> [--format md|ps1|json]`: the ordered deployment runbook for a
 * topology, with the failover/failback runbooks of every paired pool
 * (docs/cli.md). Exit 0, or 2 with one line on stderr for unusable input; a plan with
 * blocking notes still exits 0 and says so in one line on stderr.
 */
import { generateSteps, toJson, toMarkdown, toPowerShell } from '../../steps/index';
import { readInput } from '../input';
import { parseArgs, type CommandIo } from '../command';

const FORMATS = ['md', 'ps1', 'json'] as const;
type Format = (typeof FORMATS)[number];
const isFormat = (f: string): f is Format => (FORMATS as readonly string[]).includes(f);

export async function run(args: string[], io: CommandIo): Promise<number> {
  const a = parseArgs(args, [], ['format']);
  const usage = '(usage: steps <input> [--format md|ps1|json])';
  if (a.error || a.positional.length !== 1) {
    io.err(`topo steps: ${a.error ?? 'expected one <input>'} ${usage}`);
    return 2;
  }
  const format = a.options.format === undefined ? 'md' : String(a.options.format);
  if (!isFormat(format)) {
    io.err(`topo steps: unknown format "${format.slice(0, 40).replace(/[^\x20-\x7e]/g, '?')}"; use md, ps1 or json ${usage}`);
    return 2;
  }
  const input = await readInput(a.positional[0]);
  if (!input.ok) {
    io.err(`topo steps: ${input.error}`);
    return 2;
  }
  for (const w of input.value.warnings) io.err(`warning: ${w}`);
  const plan = generateSteps(input.value.topology);
  const blocking = plan.notes.filter((n) => n.severity === 'blocking');
  if (blocking.length)
    io.err(
      `topo steps: ${blocking.length} blocking ${blocking.length === 1 ? 'note' : 'notes'} (${[...new Set(blocking.flatMap((n) => n.ruleIds))].join(', ') || 'see the plan'}): fix the design before following this plan; the .ps1 refuses to run without -Force`,
    );
  switch (format) {
    case 'md':
      io.out(toMarkdown(plan));
      break;
    case 'ps1':
      io.out(toPowerShell(plan));
      break;
    case 'json':
      io.out(toJson(plan));
      break;
  }
  return 0;
}
