/**
 * Reads a command's `<input>`: a topology JSON file, a Topology Builder XML file, a
 * share link, or `-` for stdin. Everything goes through the same doors as in the
 * designer (parseTopology, the XML importer, the link decoder).
 */
import fs from 'node:fs';
import { err, ok, type Result } from '../lib/result';
import { parseTopology } from '../model/parse';
import type { Topology } from '../model/schema';

/** Larger than any topology (5 MB of JSON) or Topology Builder file (20 M characters of UTF-16). */
const MAX_INPUT_BYTES = 64_000_000;

export interface CliInput {
  topology: Topology;
  /** Warnings from the XML importer, printed on stderr. */
  warnings: string[];
  source: string;
}

export async function readInput(arg: string | undefined): Promise<Result<CliInput, string>> {
  if (!arg) return err('missing <input>: give a topology file, a Topology Builder XML file, a share link, or - for stdin');
  let text: string;
  let bytes: Uint8Array | undefined;
  let source = arg;
  if (arg === '-') {
    source = 'stdin';
    bytes = await readStdin();
    text = Buffer.from(bytes).toString('utf8');
  } else if (/^https?:\/\//.test(arg) || arg.startsWith('#') || /^t\d{1,6}\./.test(arg)) {
    const { decodeShareLink } = await import('../share/index');
    const r = decodeShareLink(arg);
    if (!r.ok) return err(`share link: ${r.error.message}`);
    return ok({ topology: r.value, warnings: [], source: 'share link' });
  } else {
    try {
      const size = fs.statSync(arg).size;
      if (size > MAX_INPUT_BYTES) return err(`${arg}: the file is ${size.toLocaleString('en-US')} bytes; the limit is ${MAX_INPUT_BYTES.toLocaleString('en-US')}`);
      bytes = fs.readFileSync(arg);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return err(`${arg}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : (e as Error).message}`);
    }
    text = Buffer.from(bytes).toString('utf8');
  }
  const { looksLikeXml } = await import('../import/index');
  const utf16 = bytes !== undefined && bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || bytes[1] === 0);
  if (utf16 || looksLikeXml(text)) {
    const { importTopologyXml } = await import('../import/index');
    const r = importTopologyXml(bytes ?? text);
    if (!r.ok) return err(`${source}: ${r.error.message}`);
    return ok({ topology: r.value.topology, warnings: r.value.warnings.map((w) => (w.where ? `${w.where}: ${w.message}` : w.message)), source });
  }
  const { findShareLink, decodeShareLink } = await import('../share/index');
  const linkInText = /^\s*[{[]/.test(text) ? undefined : findShareLink(text);
  if (linkInText) {
    const r = decodeShareLink(linkInText);
    if (!r.ok) return err(`${source}: share link: ${r.error.message}`);
    return ok({ topology: r.value, warnings: [], source });
  }
  const r = parseTopology(text.replace(/^\uFEFF/, ''));
  if (!r.ok) return err(`${source}: ${r.error.message}`);
  return ok({ topology: r.value, warnings: [], source });
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
