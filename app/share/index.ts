/**
 * Share links: the whole topology in the URL fragment, compressed. Pure (Node and the
 * browser alike); never throws.
 *
 * A fragment is `t1.` + base64url of the envelope
 *   [codec: 1 byte][deflated length: varint][raw deflate …][CRC-32 of everything before: 4 bytes, big-endian]
 * - `t1` names the envelope; a link whose marker is `t2.` or later is from a newer designer.
 * - codec 3: the schema-aware compact encoding of format-v2 documents (compact-codec.ts,
 *   one field table per kind), deflated with the format-1 dictionary; codec 2: the
 *   document's JSON text, deflated with the same dictionary (the fallback for anything
 *   codec 3 cannot carry exactly); codec 1: format-v1 documents as the v1 designer wrote
 *   them (compact-codec-1.ts, read only: old links keep opening and are migrated).
 *   A codec above the highest known one is "made by a newer designer".
 * - The length tells a link that was cut off (truncated) from one that was changed; the
 *   CRC catches changed characters before anything is inflated.
 * - Inflation stops at LIMITS.maxInflatedBytes, so a small hostile link cannot unpack to
 *   hundreds of megabytes.
 * Whatever comes out goes through parseTopology, like every other input.
 */
import { Inflate, deflateSync } from 'fflate';
import { err, ok, type Result } from '../lib/result';
import type { TopologyError } from '../model/errors';
import { LIMITS } from '../model/limits';
import { parseTopology } from '../model/parse';
import type { Topology } from '../model/schema';
import { ByteReader, ByteWriter, crc32, fromBase64, fromUtf8, toBase64Url, utf8 } from './bytes';
import { readCompact, roundCoordinate, writeCompact, type LayoutPredictor } from './compact-codec';
import { readCompact1 } from './compact-codec-1';
import { DICTIONARY_1 } from './dictionary';

export const DEFAULT_BASE = 'http://localhost:5173/';

export type LinkErrorTag = 'notALink' | 'truncated' | 'corrupt' | 'tooLarge' | 'versionTooNew' | 'invalidTopology';

export interface LinkError {
  tag: LinkErrorTag;
  message: string;
  cause?: TopologyError;
}

/** The envelope this designer writes, and the newest it reads. */
export const ENVELOPE_VERSION = 1;
export const MARKER = `t${ENVELOPE_VERSION}.`;

export const CODEC = { compactV1: 1, json: 2, compact: 3 } as const;
export type CodecId = (typeof CODEC)[keyof typeof CODEC];
const NEWEST_CODEC = 3;

const CRC_BYTES = 4;

// ---------------------------------------------------------------- encode

export interface EncodeDetails {
  fragment: string;
  codec: CodecId;
  /** Bytes before deflate and after. */
  rawBytes: number;
  deflatedBytes: number;
}

/**
 * The fragment payload (without `#`). Exact for any valid document, except that layout
 * positions that are not whole numbers are rounded to whole numbers.
 */
export function encodeTopologyFragment(doc: Topology): string {
  return encodeWithDetails(doc).fragment;
}

/** Same as encodeTopologyFragment, with what was chosen (for the benchmark and tests). */
export function encodeWithDetails(doc: Topology): EncodeDetails {
  const candidates: { codec: CodecId; raw: Uint8Array }[] = [];
  const expected = withRoundedLayout(doc);
  for (const predictor of ['grid', 'previous'] as const satisfies readonly LayoutPredictor[]) {
    const raw = tryCompact(doc, predictor, expected);
    if (raw) candidates.push({ codec: CODEC.compact, raw });
  }
  if (candidates.length === 0) candidates.push({ codec: CODEC.json, raw: utf8(safeJson(expected)) });
  let best: EncodeDetails | undefined;
  for (const c of candidates) {
    const deflated = deflateSync(c.raw, { level: 9, dictionary: DICTIONARY_1 });
    const fragment = MARKER + toBase64Url(envelope(c.codec, deflated));
    if (!best || fragment.length < best.fragment.length)
      best = { fragment, codec: c.codec, rawBytes: c.raw.length, deflatedBytes: deflated.length };
  }
  return best!;
}

/** The compact bytes, only if they decode back to exactly the expected document. */
function tryCompact(doc: Topology, predictor: LayoutPredictor, expected: unknown): Uint8Array | undefined {
  try {
    const raw = writeCompact(doc, { predictor });
    return sameData(readCompact(raw), expected) ? raw : undefined;
  } catch {
    return undefined;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    // Not plain data (a cycle, a BigInt): the link opens to a clear "not a topology" message.
    return 'null';
  }
}

function envelope(codec: CodecId, deflated: Uint8Array): Uint8Array {
  const w = new ByteWriter();
  w.byte(codec);
  w.uint(deflated.length);
  w.bytes(deflated);
  const body = w.toBytes();
  const crc = crc32(body);
  const out = new Uint8Array(body.length + CRC_BYTES);
  out.set(body);
  out[body.length] = crc >>> 24;
  out[body.length + 1] = (crc >>> 16) & 0xff;
  out[body.length + 2] = (crc >>> 8) & 0xff;
  out[body.length + 3] = crc & 0xff;
  return out;
}

/** The document as the link will carry it: layout positions rounded to whole numbers. */
export function withRoundedLayout<T extends { layout?: Record<string, { x: number; y: number }> | undefined }>(doc: T): T {
  if (!doc || typeof doc !== 'object' || !doc.layout || typeof doc.layout !== 'object') return doc;
  const layout: Record<string, { x: number; y: number }> = {};
  for (const [k, p] of Object.entries(doc.layout))
    layout[k] = p && typeof p === 'object' ? { x: roundCoordinate(p.x), y: roundCoordinate(p.y) } : p;
  return { ...doc, layout };
}

/** Deep equality of JSON-like data; a key holding `undefined` counts as absent. */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameData(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && sameData(ao[k], bo[k]));
}

export function shareLink(doc: Topology, base = DEFAULT_BASE): string {
  return `${base.replace(/#.*$/s, '')}#${encodeTopologyFragment(doc)}`;
}

// ---------------------------------------------------------------- decode

const MESSAGES = {
  notALink: 'This is not a topology share link: a share link ends in "#t1." followed by letters and digits.',
  truncated: 'This link is cut off: it ends before the topology is complete. Ask for the whole link.',
  tooLarge: `This link unpacks to more than ${(LIMITS.maxInflatedBytes / 1e6).toLocaleString('en-US')} MB, far more than any topology; it was not opened.`,
} as const;

/** "This link is damaged (why): …" — the reason in the middle, the advice at the end. */
const damaged = (why: string): string =>
  `This link is damaged (${why}): some of its characters were changed or lost on the way, so the topology cannot be read. Ask for the link again, or copy it whole.`;

const fail = (tag: LinkErrorTag, message: string, cause?: TopologyError): Result<never, LinkError> =>
  err(cause ? { tag, message, cause } : { tag, message });

/** Accepts a whole link or just its fragment (with or without `#`). */
export function decodeShareLink(link: string): Result<Topology, LinkError> {
  try {
    return decodeUnsafe(link);
  } catch (e) {
    // Defensive: a bug must never crash the caller.
    return fail('corrupt', damaged(`${e instanceof Error ? e.message : String(e)}`));
  }
}

/** The marker and payload of a link or fragment, or undefined when there is none. */
function splitLink(link: string): { envelope: number; payload: string } | undefined {
  let text = link.trim();
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(hash + 1);
  const m = /^t(\d{1,6})\.(.*)$/s.exec(text);
  if (!m) return undefined;
  // Mail clients wrap long links and add quotes or brackets around them.
  const payload = m[2]!.replace(/\s+/g, '').replace(/[^A-Za-z0-9_\-+/=]+$/, '');
  return { envelope: Number(m[1]), payload };
}

function decodeUnsafe(link: string): Result<Topology, LinkError> {
  if (typeof link !== 'string') return fail('notALink', MESSAGES.notALink);
  const parts = splitLink(link);
  if (!parts) {
    const hash = link.indexOf('#');
    const fragment = link.slice(hash + 1).trim();
    // Cut inside the marker itself: `…#t` or `…#t1`.
    if (hash >= 0 && fragment.length > 0 && MARKER.startsWith(fragment)) return fail('truncated', MESSAGES.truncated);
    return fail(
      'notALink',
      hash >= 0 ? MESSAGES.notALink : `${MESSAGES.notALink} This one has no "#" part at all (if it was longer, it was cut off).`,
    );
  }
  if (parts.envelope > ENVELOPE_VERSION)
    return fail(
      'versionTooNew',
      `This link was made by a newer version of the designer (link format ${parts.envelope}); this one reads link format ${ENVELOPE_VERSION}. Open it in the newer designer, or update this one.`,
    );
  if (parts.envelope < 1) return fail('notALink', MESSAGES.notALink);
  if (parts.payload.length > Math.ceil((LIMITS.maxInflatedBytes * 4) / 3) + 64) return fail('tooLarge', MESSAGES.tooLarge);
  if (parts.payload.length === 0) return fail('truncated', MESSAGES.truncated);

  const decoded = fromBase64(parts.payload);
  if (!decoded.ok) {
    if (decoded.problem.reason === 'badLength') return fail('truncated', MESSAGES.truncated);
    const ch = parts.payload[decoded.problem.at]!;
    return fail(
      'corrupt',
      damaged(`character ${decoded.problem.at + 1} after "t1.", ${JSON.stringify(ch)}, cannot be part of a link`),
    );
  }
  const bytes = decoded.bytes;
  const r = new ByteReader(bytes);
  let codec: number;
  let deflatedLength: number;
  try {
    codec = r.byte();
    deflatedLength = r.uint();
  } catch {
    return fail('truncated', MESSAGES.truncated);
  }
  const expected = r.pos + deflatedLength + CRC_BYTES;
  if (bytes.length < expected) return fail('truncated', MESSAGES.truncated);
  if (bytes.length > expected) return fail('corrupt', damaged(`it has ${bytes.length - expected} more bytes than it says`));
  if (!decoded.canonical) return fail('corrupt', damaged(`its last character was changed`));
  const crcAt = expected - CRC_BYTES;
  const stored = ((bytes[crcAt]! << 24) | (bytes[crcAt + 1]! << 16) | (bytes[crcAt + 2]! << 8) | bytes[crcAt + 3]!) >>> 0;
  if (crc32(bytes, 0, crcAt) !== stored) return fail('corrupt', damaged(`the checksum does not match`));
  if (codec > NEWEST_CODEC)
    return fail(
      'versionTooNew',
      `This link was made by a newer version of the designer (encoding ${codec}); this one reads encodings up to ${NEWEST_CODEC}. Open it in the newer designer, or update this one.`,
    );
  if (codec !== CODEC.compact && codec !== CODEC.compactV1 && codec !== CODEC.json)
    return fail('corrupt', damaged(`unknown encoding ${codec}`));

  const inflated = inflateCapped(bytes.subarray(r.pos, crcAt), DICTIONARY_1, LIMITS.maxInflatedBytes);
  if (!inflated.ok)
    return fail(inflated.error, inflated.error === 'tooLarge' ? MESSAGES.tooLarge : damaged(`it does not unpack`));

  let value: unknown;
  if (codec === CODEC.json) {
    const text = fromUtf8(inflated.value);
    if (text === undefined) return fail('corrupt', damaged(`the unpacked text is not UTF-8`));
    value = text;
  } else {
    try {
      value = codec === CODEC.compactV1 ? readCompact1(inflated.value) : readCompact(inflated.value);
    } catch (e) {
      return fail('corrupt', damaged(`${e instanceof Error ? e.message : 'bad structure'}`));
    }
  }
  const parsed = parseTopology(value);
  if (parsed.ok) return parsed;
  const cause = parsed.error;
  switch (cause.tag) {
    case 'versionTooNew':
      return fail(
        'versionTooNew',
        `The topology in this link was made by a newer version of the designer: ${cause.message}`,
        cause,
      );
    case 'tooLarge':
      return fail('tooLarge', `The topology in this link is too large: ${cause.message}`, cause);
    case 'notJson':
    case 'notATopology':
    case 'unsupportedVersion':
    case 'invalidDocument':
      return fail('invalidTopology', `The link opened, but the topology in it is not valid: ${cause.message}`, cause);
  }
}

/**
 * Raw inflate that stops as soon as the output passes `cap` bytes. The input goes in
 * small pieces: deflate expands at most about 1032 times, so a piece never produces
 * much more than the room left.
 */
export function inflateCapped(
  data: Uint8Array,
  dictionary: Uint8Array | undefined,
  cap: number,
): Result<Uint8Array, 'tooLarge' | 'corrupt'> {
  if (data.length === 0) return err('corrupt');
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  let finished = false;
  const sink = (chunk: Uint8Array, final: boolean) => {
    total += chunk.length;
    if (total > cap) over = true;
    else chunks.push(chunk);
    if (final) finished = true;
  };
  const inflater = dictionary ? new Inflate({ dictionary }, sink) : new Inflate(sink);
  try {
    let i = 0;
    while (i < data.length && !over) {
      const step = Math.max(64, Math.min(65_536, Math.floor((cap - total) / 1100)));
      const end = Math.min(data.length, i + step);
      inflater.push(data.subarray(i, end), end === data.length);
      i = end;
    }
  } catch {
    return err('corrupt');
  }
  if (over) return err('tooLarge');
  if (!finished) return err('corrupt');
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return ok(out);
}

// ---------------------------------------------------------------- detection

/** Does this text look like a share link (so callers know which door to use)? */
export function looksLikeShareLink(text: string): boolean {
  return /^\s*(?:https?:\/\/[^\s#]*)?#t\d{1,6}\./.test(text) || /^\s*t\d{1,6}\.[A-Za-z0-9_-]/.test(text);
}

/**
 * The first share link inside a longer text (a mail, a note), if any. Linear in the
 * text's length, whatever it holds: find the fragment first, then look back for its address.
 */
export function findShareLink(text: string): string | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /#t\d{1,6}\.[A-Za-z0-9_\-+/=]*/.exec(text);
  if (!m) return undefined;
  let start = m.index;
  while (start > 0 && !/[\s"'<>#]/.test(text[start - 1]!)) start--;
  const token = text.slice(start, m.index);
  const at = Math.max(token.lastIndexOf('http://'), token.lastIndexOf('https://'));
  return at >= 0 ? token.slice(at) + m[0] : m[0];
}
