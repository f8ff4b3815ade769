/**
 * `simulate <input> --fail-site <siteId>` (or `--fail-pool <poolId>`): prints, as JSON,
 * what happens when that site or pool is lost (docs/cli.md, "simulate").
 * Exit 0 with the outcome on stdout, or 2 with one line on stderr.
 */
import { simulateFailure } from '../../simulate/index';
import type { Failure } from '../../simulate/types';
import { oneLine } from '../../lib/text';
import { readInput } from '../input';
import { parseArgs, type CommandIo } from '../command';

/** Messages on one terminal line (ids typed on the command line may hold control characters). */

const USAGE = 'usage: simulate <input> --fail-site <siteId> | --fail-pool <poolId>';

export async function run(args: string[], io: CommandIo): Promise<number> {
  const a = parseArgs(args, [], ['fail-site', 'fail-pool']);
  if (a.error || a.positional.length !== 1) {
    io.err(`topo simulate: ${a.error ?? 'expected one <input>'} (${USAGE})`);
    return 2;
  }
  const site = a.options['fail-site'];
  const pool = a.options['fail-pool'];
  if (site !== undefined && pool !== undefined) {
    io.err(`topo simulate: give --fail-site or --fail-pool, not both (${USAGE})`);
    return 2;
  }
  if (typeof site !== 'string' && typeof pool !== 'string') {
    io.err(`topo simulate: missing --fail-site <siteId> (${USAGE})`);
    return 2;
  }
  const input = await readInput(a.positional[0]);
  if (!input.ok) {
    io.err(`topo simulate: ${oneLine(input.error)}`);
    return 2;
  }
  for (const w of input.value.warnings) io.err(`warning: ${oneLine(w)}`);
  const failure: Failure = typeof site === 'string' ? { siteId: site } : { poolId: pool as string };
  const r = simulateFailure(input.value.topology, failure);
  if (!r.ok) {
    io.err(`topo simulate: ${oneLine(r.error.message)}`);
    return 2;
  }
  io.out(JSON.stringify(r.value, null, 2));
  return 0;
}
