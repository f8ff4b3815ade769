import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter, crc32, fromBase64, fromUtf8, toBase64, toBase64Url, utf8 } from './bytes';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** Property tests share two cores with other work: allow time in proportion to the runs. */
const PROPERTY_TIMEOUT = 20_000 + RUNS * 100;

describe('crc32', () => {
  it('gives the standard check value for "123456789"', () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
  });
  it('matches the CRC of a PNG IEND chunk (type bytes only)', () => {
    expect(crc32(utf8('IEND'))).toBe(0xae426082);
  });
  it('is 0 for no bytes and respects start/end', () => {
    expect(crc32(new Uint8Array())).toBe(0);
    const b = utf8('xx123456789yy');
    expect(crc32(b, 2, 11)).toBe(0xcbf43926);
  });
});

describe('base64', () => {
  it(
    'agrees with Node for standard and url alphabets',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
          expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
          expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
          const back = fromBase64(toBase64Url(bytes));
          expect(back.ok && Array.from(back.bytes)).toEqual(Array.from(bytes));
          const back2 = fromBase64(toBase64(bytes));
          expect(back2.ok && Array.from(back2.bytes)).toEqual(Array.from(bytes));
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
  it('refuses impossible lengths, foreign characters and non-canonical endings', () => {
    expect(fromBase64('abcde')).toEqual({ ok: false, problem: { at: 5, reason: 'badLength' } });
    expect(fromBase64('ab*d')).toEqual({ ok: false, problem: { at: 2, reason: 'badCharacter' } });
    expect(fromBase64('abé')).toMatchObject({ ok: false });
    // "QQ" is canonical for [0x41]; "QR" carries stray bits after the byte.
    expect(fromBase64('QQ')).toMatchObject({ ok: true, canonical: true });
    expect(fromBase64('QR')).toMatchObject({ ok: true, canonical: false });
  });
});

describe('varints', () => {
  it(
    'round-trip unsigned and signed integers',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat({ max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: -1e12, max: 1e12 }))),
          (pairs) => {
            const w = new ByteWriter();
            for (const [u, s] of pairs) {
              w.uint(u);
              w.int(s);
            }
            const r = new ByteReader(w.toBytes());
            for (const [u, s] of pairs) {
              expect(r.uint()).toBe(u);
              expect(r.int()).toBe(s);
            }
            expect(r.remaining).toBe(0);
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
  it('refuses to read past the end', () => {
    const r = new ByteReader(new Uint8Array([0x80]));
    expect(() => r.uint()).toThrow();
  });
});

describe('utf8', () => {
  it('is strict on decode', () => {
    expect(fromUtf8(new Uint8Array([0xc3, 0x28]))).toBeUndefined();
    expect(fromUtf8(utf8('Zürich ☎ 🏢'))).toBe('Zürich ☎ 🏢');
  });
});
