/**
 * `diff <current> <target> [--format text|md|json] [--json]`: what changes between the
 * deployment as it is (current) and the design it should become (target). Either input may
 * be a design, a Topology Builder document or a share link: a design re-imported from
 * Topology Builder has other ids, so nodes are also recognised by FQDN.
 * Exit 0 when both describe the same deployment, 1 when they differ (like diff(1)), 2 for
 * unusable input.
 */
import { diffTopologies, isEmptyDiff } from '../../migrate/diff';
import { diffJson, diffMarkdown, diffText } from '../../migrate/diff-report';
import { readInput } from '../input';
import { parseArgs, type CommandIo } from '../command';

const FORMATS = ['text', 'md', 'json'] as const;
type Format = (typeof FORMATS)[number];
const isFormat = (f: string): f is Format => (FORMATS as readonly string[]).includes(f);
const USAGE = '(usage: diff <current> <target> [--format text|md|json] [--json])';

export async function run(args: string[], io: CommandIo): Promise<number> {
  const a = parseArgs(args, ['json'], ['format']);
  if (a.error || a.positional.length !== 2) {
    io.err(
      `topo diff: ${a.error ?? (a.positional.length < 2 ? 'expected two inputs, the current deployment and the target design' : `expected two inputs, got ${a.positional.length}`)} ${USAGE}`,
    );
    return 2;
  }
  const format = a.options.format === undefined ? (a.options.json ? 'json' : 'text') : String(a.options.format);
  if (!isFormat(format)) {
    io.err(`topo diff: unknown format "${format.slice(0, 40).replace(/[^\x20-\x7e]/g, '?')}"; use text, md or json ${USAGE}`);
    return 2;
  }
  if (a.options.json && format !== 'json') {
    io.err(`topo diff: --json and --format ${format} disagree ${USAGE}`);
    return 2;
  }
  const [currentArg, targetArg] = a.positional as [string, string];
  if (currentArg === '-' && targetArg === '-') {
    io.err(`topo diff: only one of the two inputs can be read from stdin ${USAGE}`);
    return 2;
  }
  const current = await readInput(currentArg);
  if (!current.ok) {
    io.err(`topo diff: current: ${current.error}`);
    return 2;
  }
  const target = await readInput(targetArg);
  if (!target.ok) {
    io.err(`topo diff: target: ${target.error}`);
    return 2;
  }
  for (const w of current.value.warnings) io.err(`warning: current (${current.value.source}): ${w}`);
  for (const w of target.value.warnings) io.err(`warning: target (${target.value.source}): ${w}`);
  const c = current.value.topology;
  const t = target.value.topology;
  const d = diffTopologies(c, t);
  switch (format) {
    case 'json':
      io.out(diffJson(c, t, d));
      break;
    case 'md':
      io.out(diffMarkdown(c, t, d));
      break;
    case 'text':
      io.out(diffText(c, t, d));
      break;
  }
  return isEmptyDiff(d) ? 0 : 1;
}
