/**
 * Byte helpers shared by the share-link codec and the file export (PNG chunks):
 * base64url, CRC-32, UTF-8, and a varint writer/reader. Pure; the same in Node and
 * the browser (no Buffer, no atob/btoa, which only take Latin-1).
 */

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[B64URL.charCodeAt(i)] = i;
  // Standard base64 too, so a link re-encoded by some mail client still reads.
  t['+'.charCodeAt(0)] = 62;
  t['/'.charCodeAt(0)] = 63;
  return t;
})();

/** base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64With(bytes, B64URL, false);
}

/** Standard base64 with padding (what draw.io and data: URLs use). */
export function toBase64(bytes: Uint8Array): string {
  return toBase64With(bytes, B64_STD, true);
}

function toBase64With(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  const out: string[] = [];
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out.push(alphabet[n >> 18]!, alphabet[(n >> 12) & 63]!, alphabet[(n >> 6) & 63]!, alphabet[n & 63]!);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out.push(alphabet[n >> 18]!, alphabet[(n >> 12) & 63]!);
    if (pad) out.push('==');
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out.push(alphabet[n >> 18]!, alphabet[(n >> 12) & 63]!, alphabet[(n >> 6) & 63]!);
    if (pad) out.push('=');
  }
  return out.join('');
}

export type Base64Problem = { at: number; reason: 'badCharacter' | 'badLength' };

/**
 * Decodes base64url or standard base64 (padding optional). A length of 4k+1 cannot
 * come from any byte string: the text was cut or had a character added.
 */
export function fromBase64(
  text: string,
): { ok: true; bytes: Uint8Array; canonical: boolean } | { ok: false; problem: Base64Problem } {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (end % 4 === 1) return { ok: false, problem: { at: end, reason: 'badLength' } };
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B64_VALUE[c]! : -1;
    if (v < 0) return { ok: false, problem: { at: i, reason: 'badCharacter' } };
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Bits left over after the last byte are zero in any text an encoder wrote; when they are
  // not, the text was cut (or changed) there. The caller decides which, from the length.
  const canonical = bits === 0 || (acc & ((1 << bits) - 1)) === 0;
  return { ok: true, bytes: out.subarray(0, o), canonical };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO 3309 / ITU-T V.42, as in PNG and zip). `crc32(ascii('123456789')) === 0xcbf43926`. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const latin1Decoder = new TextDecoder('latin1');

export const utf8 = (text: string): Uint8Array => utf8Encoder.encode(text);

/** Strict UTF-8: undefined for byte sequences that are not UTF-8. */
export function fromUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Bytes as Latin-1 characters (one character per byte; never fails). */
export const latin1 = (bytes: Uint8Array): string => latin1Decoder.decode(bytes);

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Growable byte buffer with LEB128 varints. */
export class ByteWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  get length(): number {
    return this.len;
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.len++] = b & 0xff;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  /** Unsigned integer 0 ≤ n ≤ 2^53, 7 bits a byte. */
  uint(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not an unsigned integer: ${n}`);
    while (n >= 0x80) {
      this.byte((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    this.byte(n);
  }

  /** Signed integer, zigzag so that small magnitudes take one byte. */
  int(n: number): void {
    if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
    this.uint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  toBytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** Thrown only inside this module's callers' decode loops; they turn it into a tagged error. */
export class ReadPastEnd extends Error {
  constructor() {
    super('read past the end');
  }
}

export class ByteReader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  byte(): number {
    if (this.pos >= this.buf.length) throw new ReadPastEnd();
    return this.buf[this.pos++]!;
  }

  bytes(n: number): Uint8Array {
    if (n > this.remaining) throw new ReadPastEnd();
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  uint(): number {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
    }
    throw new RangeError('varint too long');
  }

  int(): number {
    const z = this.uint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }
}
