import fc from 'fast-check';
import { unzlibSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { arbTopology, HOSTILE_STRINGS } from '../model/arbitrary-test-kit';
import { parseTopology } from '../model/parse';
import { REFERENCE_DESIGNS } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { concatBytes, crc32, utf8 } from '../share/bytes';
import { adler32, embedInPng, extractFromPng, PNG_KEYWORD, PNG_SIGNATURE, pngChunk, pngChunks } from './png';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
/** Property tests share two cores with other work: allow time in proportion to the runs. */
const PROPERTY_TIMEOUT = 20_000 + RUNS * 100;

/** A valid 2×1 grayscale PNG, built by hand: IHDR, a tEXt chunk, IDAT, IEND. */
function tinyPng(): Uint8Array {
  const ihdr = new Uint8Array([0, 0, 0, 2, 0, 0, 0, 1, 8, 0, 0, 0, 0]); // 2×1, depth 8, grayscale
  const idat = zlibSync(new Uint8Array([0, 0x00, 0xff])); // filter 0, black, white
  return concatBytes([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('tEXt', utf8('Software\0test')),
    pngChunk('IDAT', idat),
    pngChunk('IEND', new Uint8Array()),
  ]);
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('PNG chunks', () => {
  it('pngChunk writes the CRC of type and data (IEND is the well-known ae426082)', () => {
    expect(hex(pngChunk('IEND', new Uint8Array()))).toBe('0000000049454e44ae426082');
    const ihdr = pngChunk('IHDR', new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]));
    // The IHDR of every 1×1 RGBA PNG: CRC 1f15c489.
    expect(hex(ihdr.subarray(ihdr.length - 4))).toBe('1f15c489');
  });

  it('walks a hand-made PNG and checks every CRC', () => {
    const chunks = pngChunks(tinyPng());
    expect(chunks.ok && chunks.value.map((c) => [c.type, c.crcOk])).toEqual([
      ['IHDR', true],
      ['tEXt', true],
      ['IDAT', true],
      ['IEND', true],
    ]);
  });

  it(
    'adler32 agrees with the checksum fflate writes',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 20_000 }), (b) => {
          const z = zlibSync(b);
          const stored = new DataView(z.buffer, z.byteOffset, z.byteLength).getUint32(z.length - 4);
          expect(adler32(b)).toBe(stored);
        }),
        { numRuns: 50 },
      );
      expect(adler32(utf8('Wikipedia'))).toBe(0x11e60398);
    },
    PROPERTY_TIMEOUT,
  );
});

describe('embedInPng / extractFromPng', () => {
  for (const d of REFERENCE_DESIGNS)
    it(`${d.id}: embed → extract → parseTopology gives the same document`, () => {
      const doc = d.build();
      const png = embedInPng(tinyPng(), doc);
      if (!png.ok) throw new Error(png.error.message);
      const back = extractFromPng(png.value);
      expect(back.ok && parseTopology(back.value)).toEqual(parseTopology(doc));
    });

  it('adds one iTXt chunk just before IEND, with a correct CRC, and keeps every other chunk byte for byte', () => {
    const original = tinyPng();
    const png = embedInPng(original, REFERENCE_DESIGNS[0]!.build());
    if (!png.ok) throw new Error(png.error.message);
    const chunks = pngChunks(png.value);
    if (!chunks.ok) throw new Error(chunks.error.message);
    expect(chunks.value.map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'IDAT', 'iTXt', 'IEND']);
    expect(chunks.value.every((c) => c.crcOk)).toBe(true);
    const itxt = chunks.value[3]!;
    // Independent CRC check over type + data.
    expect(crc32(png.value, itxt.offset + 4, itxt.offset + 8 + itxt.data.length)).toBe(
      new DataView(png.value.buffer).getUint32(itxt.offset + 8 + itxt.data.length),
    );
    expect(new TextDecoder().decode(itxt.data.subarray(0, PNG_KEYWORD.length + 1))).toBe(`${PNG_KEYWORD}\0`);
    expect(Array.from(itxt.data.subarray(PNG_KEYWORD.length + 1, PNG_KEYWORD.length + 5))).toEqual([1, 0, 0, 0]);
    const json = new TextDecoder().decode(unzlibSync(itxt.data.subarray(PNG_KEYWORD.length + 5)));
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(REFERENCE_DESIGNS[0]!.build())));
    // Everything before IEND of the original is unchanged.
    expect(hex(png.value.subarray(0, itxt.offset))).toBe(hex(original.subarray(0, original.length - 12)));
  });

  it('re-embedding replaces the earlier topology chunk', () => {
    const once = embedInPng(tinyPng(), REFERENCE_DESIGNS[0]!.build());
    const twice = once.ok ? embedInPng(once.value, REFERENCE_DESIGNS[2]!.build()) : once;
    if (!twice.ok) throw new Error('embed failed');
    const chunks = pngChunks(twice.value);
    expect(chunks.ok && chunks.value.filter((c) => c.type === 'iTXt')).toHaveLength(1);
    const back = extractFromPng(twice.value);
    expect(back.ok && (back.value as Topology).name).toBe(REFERENCE_DESIGNS[2]!.build().name);
  });

  it(
    'hostile and random documents round-trip',
    () => {
      const doc = REFERENCE_DESIGNS[0]!.build();
      doc.name = HOSTILE_STRINGS.join(' ').slice(0, 200);
      doc.description = HOSTILE_STRINGS.join('\n');
      fc.assert(
        fc.property(
          fc.oneof(fc.constant(doc), arbTopology({ maxNodes: 6, extraNames: HOSTILE_STRINGS, codecPredictions: true })),
          (d) => {
            const png = embedInPng(tinyPng(), d);
            if (!png.ok) throw new Error(png.error.message);
            // A file carries JSON: -0 comes back as 0, like any JSON file.
            const back = extractFromPng(png.value);
            expect(back.ok && parseTopology(back.value)).toEqual(parseTopology(JSON.parse(JSON.stringify(d))));
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('reads tEXt and uncompressed iTXt chunks written by other tools', () => {
    const json = JSON.stringify(REFERENCE_DESIGNS[2]!.build());
    const base = tinyPng();
    const withChunk = (chunk: Uint8Array) =>
      concatBytes([base.subarray(0, base.length - 12), chunk, base.subarray(base.length - 12)]);
    const latin1Json = json.replace(/[^\x00-\xff]/g, '?');
    const text = withChunk(pngChunk('tEXt', concatBytes([utf8(`${PNG_KEYWORD}\0`), utf8(latin1Json)])));
    const itxt = withChunk(
      pngChunk('iTXt', concatBytes([utf8(`${PNG_KEYWORD}\0`), new Uint8Array([0, 0]), utf8('en\0Topologie\0'), utf8(json)])),
    );
    for (const png of [text, itxt]) {
      const back = extractFromPng(png);
      expect(back.ok && (back.value as Topology).name).toBe(REFERENCE_DESIGNS[2]!.build().name);
    }
  });

  it('says what is wrong: not a PNG, no topology, cut off, damaged chunk, bad zlib, a zlib bomb', () => {
    const doc = REFERENCE_DESIGNS[2]!.build();
    expect(extractFromPng(utf8('GIF89a...'))).toMatchObject({ ok: false, error: { tag: 'notPng' } });
    expect(embedInPng(utf8('not a png'), doc)).toMatchObject({ ok: false, error: { tag: 'notPng' } });
    expect(extractFromPng(tinyPng())).toMatchObject({ ok: false, error: { tag: 'noTopology' } });
    const png = embedInPng(tinyPng(), doc);
    if (!png.ok) throw new Error(png.error.message);
    for (let cut = 8; cut < png.value.length; cut += 7)
      expect(extractFromPng(png.value.subarray(0, cut)).ok, `cut ${cut}`).toBe(false);
    const flipped = png.value.slice();
    const itxtAt = png.value.length - 12 - 40;
    flipped[itxtAt] = flipped[itxtAt]! ^ 0x10;
    expect(extractFromPng(flipped)).toMatchObject({ ok: false, error: { tag: 'corrupt' } });
    const base = tinyPng();
    const withChunk = (chunk: Uint8Array) =>
      concatBytes([base.subarray(0, base.length - 12), chunk, base.subarray(base.length - 12)]);
    const head = concatBytes([utf8(`${PNG_KEYWORD}\0`), new Uint8Array([1, 0, 0, 0])]);
    expect(extractFromPng(withChunk(pngChunk('iTXt', concatBytes([head, utf8('not zlib at all')]))))).toMatchObject({
      ok: false,
      error: { tag: 'corrupt' },
    });
    const bomb = zlibSync(new Uint8Array(30_000_000), { level: 9 });
    // How fast it stops: limits/png-zlib-bomb in npm run bench.
    expect(extractFromPng(withChunk(pngChunk('iTXt', concatBytes([head, bomb]))))).toMatchObject({
      ok: false,
      error: { tag: 'tooLarge' },
    });
    const badLength = base.slice();
    new DataView(badLength.buffer).setUint32(8, 0xfffffff0);
    expect(extractFromPng(badLength)).toMatchObject({ ok: false, error: { tag: 'corrupt' } });
  }, 30_000);

  it(
    'random bytes after the signature never throw',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
          const r = extractFromPng(concatBytes([PNG_SIGNATURE, b]));
          expect(r.ok).toBe(false);
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
