import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict, firstInvalidUtf8 } from './utf8';

const runs = Number(process.env.FUZZ_RUNS ?? 300);

describe('strict UTF-8', () => {
  it('agrees with the WHATWG decoder on random bytes, and names the first bad byte', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        let valid = true;
        try {
          strict.decode(bytes);
        } catch {
          valid = false;
        }
        const at = firstInvalidUtf8(bytes);
        expect(at === -1).toBe(valid);
        if (!valid) {
          // Everything before the bad byte decodes; the prefix up to and including it does not.
          expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, at), { stream: true })).not.toThrow();
        }
      }),
      { numRuns: runs },
    );
  });

  it('accepts any text encoded as UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(decodeUtf8Strict(new TextEncoder().encode(s))).toEqual({ ok: true, value: s });
      }),
      { numRuns: runs },
    );
  });

  it('names the offset of a Latin-1 byte', () => {
    const bytes = new TextEncoder().encode('{"name":"Z xx"}');
    bytes[12] = 0xfc; // ü in Latin-1
    const r = decodeUtf8Strict(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.offset).toBe(12);
      expect(r.error.message).toContain('byte 12 (0xfc)');
    }
  });

  it('refuses overlong forms, surrogates and code points past U+10FFFF', () => {
    expect(firstInvalidUtf8(Uint8Array.of(0xc0, 0xaf))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.of(0x41, 0xe0, 0x80, 0xaf))).toBe(2);
    expect(firstInvalidUtf8(Uint8Array.of(0xed, 0xa0, 0x80))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.of(0xf4, 0x90, 0x80, 0x80))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.of(0xe2, 0x82))).toBe(0);
  });
});
