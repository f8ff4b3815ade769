/**
 * PNG export, the pure half: the topology rides in an `iTXt` chunk (keyword
 * `sfb-topology`, zlib-compressed UTF-8 JSON) just before `IEND`, so the designer can
 * open its own PNGs again. Image viewers ignore the chunk. Chunk walking checks every
 * length and CRC, so a damaged or hostile file gives a message, never a crash.
 */
import { zlibSync } from 'fflate';
import { err, ok, type Result } from '../lib/result';
import { LIMITS } from '../model/limits';
import { jsonNestingDepth } from '../model/parse';
import type { Topology } from '../model/schema';
import { concatBytes, crc32, fromUtf8, latin1, utf8 } from '../share/bytes';
import { inflateCapped } from '../share/index';
import { num } from '../lib/text';

export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const PNG_KEYWORD = 'sfb-topology';
/** Far above any exported drawing (LIMITS.maxInputBytes, the limit of every file). */
/** The embedded design is compact JSON, shorter than the file Save writes: it unpacks to at most the design limit. */
const MAX_EMBEDDED_BYTES = LIMITS.maxDocumentChars;

export interface PngError {
  tag: 'notPng' | 'noTopology' | 'corrupt' | 'tooLarge';
  message: string;
}

export interface PngChunk {
  type: string;
  /** Offset of the chunk's length field in the file. */
  offset: number;
  data: Uint8Array;
  crcOk: boolean;
}

export const isPng = (bytes: Uint8Array): boolean => bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);

const u32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/** Every chunk up to and including IEND, or what is wrong with the file. */
export function pngChunks(bytes: Uint8Array): Result<PngChunk[], PngError> {
  if (!isPng(bytes))
    return err({ tag: 'notPng', message: 'this file is not a PNG image (its first bytes are not the PNG signature)' });
  if (bytes.length > LIMITS.maxInputBytes)
    return err({
      tag: 'tooLarge',
      message: `the PNG is ${num(bytes.length)} bytes; the limit is ${num(LIMITS.maxInputBytes)}`,
    });
  // Count first, reading only the length fields: millions of tiny chunks are refused before any is walked.
  let count = 0;
  for (let at = 8; at + 12 <= bytes.length;) {
    if (++count > LIMITS.maxPngChunks)
      return err({
        tag: 'tooLarge',
        message: `the PNG has more than ${num(LIMITS.maxPngChunks)} chunks; an exported drawing has far fewer. It was not opened`,
      });
    const length = u32(bytes, at);
    if (length > 0x7fffffff) break;
    if (bytes[at + 4] === 0x49 && bytes[at + 5] === 0x45 && bytes[at + 6] === 0x4e && bytes[at + 7] === 0x44) break; // IEND
    at += 12 + length;
  }
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = u32(bytes, at);
    if (length > 0x7fffffff || at + 12 + length > bytes.length)
      return err({ tag: 'corrupt', message: `the PNG is damaged: chunk ${chunks.length + 1} runs past the end of the file` });
    const typeBytes = bytes.subarray(at + 4, at + 8);
    if (!typeBytes.every((c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)))
      return err({ tag: 'corrupt', message: `the PNG is damaged: chunk ${chunks.length + 1} has no valid type` });
    const type = latin1(typeBytes);
    const start = at;
    // Checked when asked: the topology chunk's CRC matters; hashing every image chunk would take seconds on a large PNG.
    chunks.push({
      type,
      offset: at,
      data: bytes.subarray(at + 8, at + 8 + length),
      get crcOk() {
        return crc32(bytes, start + 4, start + 8 + length) === u32(bytes, start + 8 + length);
      },
    });
    at += 12 + length;
    if (type === 'IEND')
      return chunks[0]?.type === 'IHDR'
        ? ok(chunks)
        : err({ tag: 'corrupt', message: 'the PNG is damaged: it does not begin with an IHDR chunk' });
  }
  return err({ tag: 'corrupt', message: 'the PNG is cut off: it ends before its IEND chunk' });
}

/** One complete chunk: length, type, data, CRC over type and data. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i) & 0xff;
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** iTXt: keyword, 0, compression flag, method, language tag, 0, translated keyword, 0, text. */
function topologyChunk(doc: Topology): Uint8Array {
  const text = zlibSync(utf8(JSON.stringify(doc)), { level: 9 });
  const head = concatBytes([utf8(PNG_KEYWORD), new Uint8Array([0, 1, 0, 0, 0])]);
  return pngChunk('iTXt', concatBytes([head, text]));
}

/** Keyword of a tEXt/zTXt/iTXt chunk (Latin-1, up to the first NUL). */
function keywordOf(data: Uint8Array): { keyword: string; rest: Uint8Array } | undefined {
  const nul = data.indexOf(0);
  if (nul < 1 || nul > 79) return undefined;
  return { keyword: latin1(data.subarray(0, nul)), rest: data.subarray(nul + 1) };
}

const isOurs = (c: PngChunk): boolean =>
  (c.type === 'iTXt' || c.type === 'tEXt' || c.type === 'zTXt') && keywordOf(c.data)?.keyword === PNG_KEYWORD;

/** The PNG with the topology chunk before IEND (an earlier topology chunk is replaced). */
export function embedInPng(pngBytes: Uint8Array, doc: Topology): Result<Uint8Array, PngError> {
  const chunks = pngChunks(pngBytes);
  if (!chunks.ok) return chunks;
  const parts: Uint8Array[] = [PNG_SIGNATURE];
  for (const c of chunks.value) {
    if (isOurs(c)) continue;
    if (c.type === 'IEND') parts.push(topologyChunk(doc));
    parts.push(pngBytes.subarray(c.offset, c.offset + 12 + c.data.length));
  }
  return ok(concatBytes(parts));
}

/** The topology JSON value embedded by embedInPng (not yet checked: give it to parseTopology). */
export function extractFromPng(bytes: Uint8Array): Result<unknown, PngError> {
  const chunks = pngChunks(bytes);
  if (!chunks.ok) return chunks;
  const chunk = chunks.value.find(isOurs);
  if (!chunk)
    return err({ tag: 'noTopology', message: 'this PNG has no topology in it; only images exported by the designer carry one' });
  if (!chunk.crcOk)
    return err({ tag: 'corrupt', message: 'the topology inside this PNG is damaged (its checksum does not match)' });
  const { rest } = keywordOf(chunk.data)!;
  let text: string | undefined;
  if (chunk.type === 'tEXt') text = latin1(rest);
  else {
    let compressed: boolean;
    let payload: Uint8Array;
    if (chunk.type === 'zTXt') {
      compressed = true;
      payload = rest.subarray(1);
    } else {
      // iTXt: flag, method, language tag\0, translated keyword\0, text
      if (rest.length < 2) return err({ tag: 'corrupt', message: 'the topology chunk of this PNG is cut short' });
      compressed = rest[0] === 1;
      const lang = rest.indexOf(0, 2);
      const translated = lang < 0 ? -1 : rest.indexOf(0, lang + 1);
      if (translated < 0) return err({ tag: 'corrupt', message: 'the topology chunk of this PNG is cut short' });
      payload = rest.subarray(translated + 1);
    }
    const raw = compressed ? unzlibCapped(payload) : ok(payload);
    if (!raw.ok) return raw;
    text = chunk.type === 'zTXt' ? latin1(raw.value) : fromUtf8(raw.value);
  }
  if (text === undefined) return err({ tag: 'corrupt', message: 'the topology inside this PNG is not UTF-8 text' });
  if (text.length > LIMITS.maxDocumentChars)
    return err({
      tag: 'tooLarge',
      message: `the topology inside this PNG is ${num(text.length)} characters; the limit is ${num(LIMITS.maxDocumentChars)}`,
    });
  if (jsonNestingDepth(text, LIMITS.maxJsonDepth) > LIMITS.maxJsonDepth)
    return err({
      tag: 'tooLarge',
      message: `the topology inside this PNG nests more than ${LIMITS.maxJsonDepth} levels deep; a topology nests about 6`,
    });
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    return err({
      tag: 'corrupt',
      message: `the topology inside this PNG is damaged (${e instanceof Error ? e.message : String(e)})`,
    });
  }
}

/** zlib (RFC 1950) with the same inflation cap as share links, Adler-32 checked. */
function unzlibCapped(data: Uint8Array): Result<Uint8Array, PngError> {
  const damaged = (why: string): Result<never, PngError> =>
    err({ tag: 'corrupt', message: `the topology inside this PNG is damaged (${why})` });
  if (data.length < 6) return damaged('too short');
  const cmf = data[0]!;
  const flg = data[1]!;
  if ((cmf & 0x0f) !== 8 || ((cmf << 8) | flg) % 31 !== 0 || flg & 0x20) return damaged('not zlib data');
  // Topology JSON deflates some 10 to 30 times; a far higher ratio is a bomb, stopped early.
  const cap = Math.min(MAX_EMBEDDED_BYTES, Math.max(1_000_000, data.length * 200));
  const inflated = inflateCapped(data.subarray(2, data.length - 4), undefined, cap);
  if (!inflated.ok)
    return inflated.error === 'tooLarge'
      ? err({
          tag: 'tooLarge',
          message: `the topology inside this PNG unpacks to more than ${(cap / 1e6).toLocaleString('en-US')} MB${cap < MAX_EMBEDDED_BYTES ? ` (over 200 times its packed size)` : ''}; it was not opened`,
        })
      : damaged('it does not unpack');
  // More characters than a design may have: refused before the checksum and the decoding.
  if (codePoints(inflated.value) > LIMITS.maxDocumentChars)
    return err({
      tag: 'tooLarge',
      message: `the topology inside this PNG is more than ${num(LIMITS.maxDocumentChars)} characters; it was not opened`,
    });
  if (adler32(inflated.value) !== u32(data, data.length - 4)) return damaged('its checksum does not match');
  return ok(inflated.value);
}

/** Characters in UTF-8 bytes (bytes that do not continue a character), a lower bound of the text's length. */
function codePoints(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if ((bytes[i]! & 0xc0) !== 0x80) n++;
  return n;
}

export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length;) {
    const end = Math.min(bytes.length, i + 3800);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
