import { DEFAULT_BASE, shareLink } from '../../share/index';
import { readInput } from '../input';
import { parseArgs, type CommandIo } from '../command';
import { num } from '../../lib/text';

/** Beyond this, some mail and chat programs cut links; the link still works where it arrives whole. */
const LONG_LINK = 8_000;

export async function run(args: string[], io: CommandIo): Promise<number> {
  const a = parseArgs(args, [], ['base']);
  if (a.error || a.positional.length !== 1) {
    io.err(`topo link: ${a.error ?? 'expected one <input>'} (usage: link <input> [--base URL])`);
    return 2;
  }
  const base = typeof a.options.base === 'string' ? a.options.base : DEFAULT_BASE;
  if (!/^https?:\/\/[^\s]+$/.test(base)) {
    io.err(`topo link: --base must be an http:// or https:// address without spaces, got ${JSON.stringify(base.slice(0, 80))}`);
    return 2;
  }
  const input = await readInput(a.positional[0]);
  if (!input.ok) {
    io.err(`topo link: ${input.error}`);
    return 2;
  }
  for (const w of input.value.warnings) io.err(`warning: ${w}`);
  const link = shareLink(input.value.topology, base);
  if (link.length > LONG_LINK)
    io.err(
      `note: the link is ${num(link.length)} characters long; some mail and chat programs cut links that long. Send the topology file instead if it arrives cut off.`,
    );
  io.out(link);
  return 0;
}
