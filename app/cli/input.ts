/**
 * Reads a command's `<input>`: a topology JSON file, a Topology Builder XML file, a
 * share link, or `-` for stdin. Everything goes through the same doors as in the
 * designer (parseTopology, the XML importer, the link decoder).
 */
import fs from 'node:fs';
import { err, ok, type Result } from '../lib/result';
import { decodeUtf8Strict } from '../lib/utf8';
import { LIMITS } from '../model/limits';
import { parseTopology } from '../model/parse';
import type { Topology } from '../model/schema';
import { num } from '../lib/text';

/** The most read from a file or stdin: the designer's own limit (LIMITS.maxInputBytes), so both open the same inputs. */

export interface CliInput {
  topology: Topology;
  /** Warnings from the XML importer, printed on stderr. */
  warnings: string[];
  source: string;
}

export async function readInput(arg: string | undefined): Promise<Result<CliInput, string>> {
  if (!arg) return err('missing <input>: give a topology file, a Topology Builder XML file, a share link, or - for stdin');
  let text: string;
  let bytes: Uint8Array;
  let source = arg;
  if (arg === '-') {
    source = 'stdin';
    const read = await readCapped(process.stdin, stdinCap);
    if (!read.ok) return err(`stdin: ${read.error}`);
    bytes = read.value;
    text = '';
  } else if (/^https?:\/\//.test(arg) || arg.startsWith('#') || /^t\d{1,6}\./.test(arg)) {
    const { decodeShareLink } = await import('../share/index');
    const r = decodeShareLink(arg);
    if (!r.ok) return err(`share link: ${r.error.message}`);
    return ok({ topology: r.value, warnings: [], source: 'share link' });
  } else {
    try {
      // stat does not open the file: a FIFO or a device is refused before anything blocks or streams.
      const st = fs.statSync(arg);
      if (st.isDirectory()) return err(`${arg}: is a folder, not a file`);
      if (!st.isFile())
        return err(
          `${arg}: is not a regular file (${st.isFIFO() ? 'a named pipe' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'a socket'}); give a file, or pipe the input to - (stdin)`,
        );
      if (st.size > LIMITS.maxInputBytes)
        return err(`${arg}: the file is ${num(st.size)} bytes; the limit is ${num(LIMITS.maxInputBytes)}`);
      bytes = readFileCapped(arg, LIMITS.maxInputBytes);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return err(
        `${arg}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EFBIG' ? `the file grew past ${num(LIMITS.maxInputBytes)} bytes while it was read` : (e as Error).message}`,
      );
    }
    text = '';
  }
  const { looksLikeXml } = await import('../import/index');
  const utf16 =
    bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || bytes[1] === 0);
  if (!utf16) {
    // Strict, as in the designer: a file in another encoding is refused where it goes wrong, not misread.
    const decoded = decodeUtf8Strict(bytes);
    if (!decoded.ok) return err(`${source}: ${decoded.error.message}`);
    text = decoded.value;
  }
  if (utf16 || looksLikeXml(text)) {
    const { importTopologyXml } = await import('../import/index');
    const r = importTopologyXml(bytes);
    if (!r.ok) return err(`${source}: ${r.error.message}`);
    return ok({
      topology: r.value.topology,
      warnings: r.value.warnings.map((w) => (w.where ? `${w.where}: ${w.message}` : w.message)),
      source,
    });
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

/**
 * How much stdin may hold, from its first bytes: JSON or a share link at most a design's
 * limit (3 bytes a character at worst), Topology Builder XML the importer's, and anything
 * else (zeros, random bytes, `yes`) is refused at once instead of being read to the cap.
 */
export function stdinCap(head: Uint8Array): Result<number, string> {
  const xmlBytes = LIMITS.maxXmlChars * 4;
  const designBytes = LIMITS.maxDocumentChars * 3;
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return ok(xmlBytes);
  if (head.length >= 2 && (head[0] === 0) !== (head[1] === 0)) return ok(xmlBytes); // UTF-16 without a BOM
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (i === head.length) return ok(designBytes); // only blank so far: the parser says what is wrong
  const c = String.fromCharCode(head[i]!);
  if (c === '{' || c === '[') return ok(designBytes);
  if (c === '<') return ok(xmlBytes);
  if (c === '#' || c === 'h' || c === 't') return ok(designBytes); // a share link, alone or in a line of text
  return err(
    `does not start like a topology (JSON), a Topology Builder document (XML) or a share link (first byte 0x${head[i]!.toString(16).padStart(2, '0')}); nothing more was read`,
  );
}

/** Reads a stream up to a cap decided from its first bytes; past it, reading stops (an endless stream ends here). */
export async function readCapped(
  stream: NodeJS.ReadableStream & { destroy?: () => void },
  capFor: (head: Uint8Array) => Result<number, string>,
): Promise<Result<Uint8Array, string>> {
  const chunks: Buffer[] = [];
  let total = 0;
  let max = -1;
  const json = new JsonStreamCheck();
  let scan: JsonStreamCheck | undefined;
  try {
    for await (const c of stream) {
      const chunk = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
      if (max < 0) {
        const cap = capFor(chunk);
        if (!cap.ok) {
          stream.destroy?.();
          return cap;
        }
        max = Math.min(cap.value, LIMITS.maxInputBytes);
        if (json.start(chunk)) scan = json;
      }
      const bad = scan?.feed(chunk);
      if (bad) {
        stream.destroy?.();
        return err(bad);
      }
      total += chunk.length;
      if (total > max) {
        stream.destroy?.();
        return err(`more than ${num(max)} bytes; the limit is ${num(max)} (stopped reading there)`);
      }
      chunks.push(chunk);
    }
  } catch (e) {
    return err(`could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
  return ok(Buffer.concat(chunks));
}

/** Reads a regular file, never more than `max` bytes (a file that grows past it while it is read is refused). */
function readFileCapped(file: string, max: number): Uint8Array {
  const fd = fs.openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(1 << 20);
      const got = fs.readSync(fd, buf, 0, buf.length, null);
      if (got === 0) break;
      total += got;
      if (total > max) throw Object.assign(new Error('grew'), { code: 'EFBIG' });
      chunks.push(buf.subarray(0, got));
    }
    return Buffer.concat(chunks);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Watches JSON as it streams in, so an endless or absurd stream stops early: nesting past
 * LIMITS.maxJsonDepth, or anything but blanks after the top-level value has closed.
 */
class JsonStreamCheck {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private closed = false;
  private offset = 0;

  /** True when the stream starts (after a BOM and blanks) with an object or array. */
  start(head: Uint8Array): boolean {
    let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
    return head[i] === 0x7b || head[i] === 0x5b;
  }

  feed(chunk: Uint8Array): string | undefined {
    for (let i = 0; i < chunk.length; i++, this.offset++) {
      const c = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) this.inString = false;
        continue;
      }
      if (this.closed) {
        if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
        return `more follows the JSON document at byte ${num(this.offset)}; give one document`;
      }
      if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) {
        if (++this.depth > LIMITS.maxJsonDepth)
          return `the JSON nests more than ${LIMITS.maxJsonDepth} levels deep (at byte ${num(this.offset)}); a topology document nests about 6`;
      } else if (c === 0x7d || c === 0x5d) {
        if (--this.depth <= 0) this.closed = true;
      }
    }
    return undefined;
  }
}
