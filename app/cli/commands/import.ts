/**
 * `topo import <file.xml|file.tbxml|->`: a Topology Builder document (Get-CsTopology
 * -AsXml output or a saved .tbxml; UTF-8 or UTF-16) to a format-v1 topology on stdout.
 * Each warning is one line on stderr; unusable input exits 2 with one line on stderr.
 */
import fs from 'node:fs';
import { importTopologyXml } from '../../import/index';
import { oneLine } from '../../lib/text';
import { parseArgs, type CommandIo } from '../command';

const USAGE = 'usage: import <file.xml|file.tbxml|->';

export async function run(args: string[], io: CommandIo): Promise<number> {
  const a = parseArgs(args, [], []);
  if (a.error || a.positional.length !== 1) {
    io.err(`topo import: ${a.error ?? 'expected one Topology Builder file'} (${USAGE})`);
    return 2;
  }
  const arg = a.positional[0]!;
  let bytes: Uint8Array;
  const source = arg === '-' ? 'stdin' : arg;
  try {
    bytes = arg === '-' ? await readStdin() : fs.readFileSync(arg);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.err(
      `topo import: ${oneLine(source)}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : oneLine((e as Error).message)}`,
    );
    return 2;
  }
  const r = importTopologyXml(bytes);
  if (!r.ok) {
    io.err(`topo import: ${oneLine(source)}: ${oneLine(r.error.message)}`);
    return 2;
  }
  for (const w of r.value.warnings) io.err(`warning: ${oneLine(`${w.where ? `${w.where}: ` : ''}${w.message}`)}`);
  io.out(JSON.stringify(r.value.topology, null, 2));
  return 0;
}

/**
 * Text from the document on one terminal line: no control characters (escape sequences),
 * no line separators and no bidirectional overrides that could disguise the line.
 */

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
