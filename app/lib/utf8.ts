/**
 * Strict UTF-8, with the place of the first bad byte: the CLI and the designer refuse the
 * same files with the same words ("not UTF-8 text: byte 1,234 …"). Overlong forms,
 * surrogates and code points above U+10FFFF are errors, as in the WHATWG decoder.
 */
import { err, ok, type Result } from './result';
import { num } from './text';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The byte offset of the first byte that does not start or continue a valid UTF-8 sequence; -1 when all are valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i + k;
    }
    i += need + 1;
  }
  return -1;
}

/** The text, or the offset of the first bad byte (a leading BOM is kept: callers strip it). */
export function decodeUtf8Strict(bytes: Uint8Array): Result<string, { offset: number; message: string }> {
  try {
    return ok(decoder.decode(bytes));
  } catch {
    const offset = Math.max(0, firstInvalidUtf8(bytes));
    return err({
      offset,
      message: `is not UTF-8 text: byte ${num(offset)} (0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')}) cannot start or continue a UTF-8 character; save it as UTF-8`,
    });
  }
}
