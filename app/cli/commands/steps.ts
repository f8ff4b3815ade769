// STUB: the steps command is filled in by its feature's work.
import type { CommandIo } from '../main';

export async function run(_args: string[], io: CommandIo): Promise<number> {
  io.err('topo steps: not available yet');
  return 2;
}
