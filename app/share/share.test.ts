import fs from 'node:fs';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { arbTopology, HOSTILE_STRINGS, type TopologyArbitraryOptions } from '../model/arbitrary-test-kit';
import { LIMITS } from '../model/limits';
import { parseTopology } from '../model/parse';
import { REFERENCE_DESIGNS } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { ByteWriter, crc32, toBase64Url, utf8 } from './bytes';
import { readCompact, writeCompact } from './compact-codec';
import { DICTIONARY_1 } from './dictionary';
import { generatedDesign } from './generated-design';
import {
  CODEC,
  DEFAULT_BASE,
  decodeShareLink,
  encodeTopologyFragment,
  encodeWithDetails,
  findShareLink,
  inflateCapped,
  looksLikeShareLink,
  MARKER,
  sameData,
  shareLink,
  withRoundedLayout,
  type LinkError,
} from './index';
import { runLinkBench } from './link-bench';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** Property tests share two cores with other work: allow time in proportion to the runs. */
const PROPERTY_TIMEOUT = 20_000 + RUNS * 100;
/** Random documents with the hostile names and the values the compact codec predicts (names, link ids, layout). */
const DOCS: TopologyArbitraryOptions = { extraNames: HOSTILE_STRINGS, codecPredictions: true };
const TAGS: readonly LinkError['tag'][] = ['notALink', 'truncated', 'corrupt', 'tooLarge', 'versionTooNew', 'invalidTopology'];

function parsed(doc: unknown): Topology {
  const r = parseTopology(doc);
  if (!r.ok) throw new Error(`test document invalid: ${r.error.message}`);
  return r.value;
}

/** An envelope around arbitrary deflated bytes, with a correct CRC: what a hostile link can build. */
function forge(codec: number, payload: Uint8Array, options: { dictionary?: boolean } = {}): string {
  const deflated = deflateSync(payload, { level: 6, ...(options.dictionary === false ? {} : { dictionary: DICTIONARY_1 }) });
  return forgeRaw(codec, deflated);
}

function forgeRaw(codec: number, deflated: Uint8Array): string {
  const w = new ByteWriter();
  w.byte(codec);
  w.uint(deflated.length);
  w.bytes(deflated);
  const body = w.toBytes();
  const crc = crc32(body);
  const out = new Uint8Array(body.length + 4);
  out.set(body);
  new DataView(out.buffer).setUint32(body.length, crc);
  return MARKER + toBase64Url(out);
}

const designs = [
  ...REFERENCE_DESIGNS.map((d) => ({ name: d.id, doc: d.build() })),
  { name: 'generated-10-site', doc: generatedDesign(10) },
];

describe('share link round trip', () => {
  for (const { name, doc } of designs)
    it(`${name}: link → document is the same document, with the compact codec`, () => {
      const link = shareLink(doc);
      expect(link.startsWith(`${DEFAULT_BASE}#${MARKER}`)).toBe(true);
      expect(/^[A-Za-z0-9_-]+$/.test(link.slice(DEFAULT_BASE.length + 1 + MARKER.length))).toBe(true);
      const back = decodeShareLink(link);
      expect(back).toEqual({ ok: true, value: parsed(doc) });
      expect(encodeWithDetails(doc).codec).toBe(CODEC.compact);
    });

  it('is deterministic: the same document gives the same link', () => {
    const doc = REFERENCE_DESIGNS[0]!.build();
    expect(encodeTopologyFragment(doc)).toBe(encodeTopologyFragment(structuredClone(doc)));
  });

  it('keeps a custom base and replaces an old fragment', () => {
    const doc = REFERENCE_DESIGNS[2]!.build();
    const link = shareLink(doc, 'https://designer.example.com/app/?x=1#old');
    expect(link.startsWith('https://designer.example.com/app/?x=1#t1.')).toBe(true);
    expect(decodeShareLink(link).ok).toBe(true);
  });

  it(
    'random valid documents round-trip exactly (layout rounded to whole numbers)',
    () => {
      fc.assert(
        fc.property(arbTopology(DOCS), (doc) => {
          const valid = parsed(doc);
          const details = encodeWithDetails(valid);
          const back = decodeShareLink(details.fragment);
          expect(back).toEqual({ ok: true, value: withRoundedLayout(valid) });
          // Well-formed Unicode text never needs the JSON fallback.
          expect(details.codec).toBe(CODEC.compact);
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('hostile names and descriptions survive unchanged', () => {
    const doc = REFERENCE_DESIGNS[0]!.build();
    HOSTILE_STRINGS.forEach((s, i) => {
      doc.nodes[i % doc.nodes.length]!.name = s;
      doc.sites[i % doc.sites.length]!.name = s;
    });
    doc.name = HOSTILE_STRINGS.join(' ').slice(0, 200);
    doc.description = HOSTILE_STRINGS.join('\n');
    const back = decodeShareLink(shareLink(doc));
    expect(back).toEqual({ ok: true, value: parsed(doc) });
  });

  it('rounds non-integer positions and nothing else', () => {
    const doc = REFERENCE_DESIGNS[2]!.build();
    doc.layout = { 'se-hq': { x: 10.4, y: -20.6 }, 'se-dr': { x: -0, y: 3.5 }, hq: { x: 1e7, y: -1e7 } };
    const back = decodeShareLink(encodeTopologyFragment(doc));
    expect(back.ok && back.value.layout).toEqual({
      hq: { x: 1e7, y: -1e7 },
      'se-hq': { x: 10, y: -21 },
      'se-dr': { x: 0, y: 4 },
    });
    expect(back.ok && Object.is(back.value.layout!['se-dr']!.x, 0)).toBe(true);
  });

  it('falls back to the JSON codec for text the compact codec cannot carry (lone surrogates), still exact', () => {
    const doc = REFERENCE_DESIGNS[2]!.build();
    doc.name = 'broken \ud800 surrogate';
    const details = encodeWithDetails(doc);
    expect(details.codec).toBe(CODEC.json);
    expect(decodeShareLink(details.fragment)).toEqual({ ok: true, value: parsed(doc) });
  });

  it('never throws on a document that is not valid, and its link says what is wrong', () => {
    const bad = { ...REFERENCE_DESIGNS[2]!.build(), nodes: [{ id: 'x', kind: 'frontEndPool' }] } as unknown as Topology;
    const fragment = encodeTopologyFragment(bad);
    const back = decodeShareLink(fragment);
    expect(back.ok).toBe(false);
    if (!back.ok) {
      expect(back.error.tag).toBe('invalidTopology');
      expect(back.error.cause?.tag).toBe('invalidDocument');
      expect(back.error.message).toContain('nodes[0]');
    }
    expect(() => encodeTopologyFragment(null as unknown as Topology)).not.toThrow();
    const cyclic: Record<string, unknown> = { format: 'sfb-topology' };
    cyclic.self = cyclic;
    expect(decodeShareLink(encodeTopologyFragment(cyclic as unknown as Topology))).toMatchObject({
      ok: false,
      error: { tag: 'invalidTopology' },
    });
  });
});

describe('link size', () => {
  it('is at most 0.6 of draw.io’s encoding in the median, and below it for every design', () => {
    const rows = runLinkBench();
    const medianRow = rows.find((r) => r.name === 'link-size/median')!;
    expect(medianRow.ratio).toBeLessThanOrEqual(0.6);
    for (const r of rows) expect(r.ratio, r.name).toBeLessThan(1);
    expect(rows.map((r) => r.name)).toEqual([
      'link-size/pair-2019-ag',
      'link-size/pair-2015-mirror',
      'link-size/pair-se',
      'link-size/global',
      'link-size/generated-10-site',
      'link-size/median',
    ]);
  });

  it('the compact codec beats plain JSON deflated with the same dictionary', () => {
    for (const { doc } of designs) {
      const compact = deflateSync(writeCompact(doc), { level: 9, dictionary: DICTIONARY_1 }).length;
      const json = deflateSync(utf8(JSON.stringify(doc)), { level: 9, dictionary: DICTIONARY_1 }).length;
      expect(compact).toBeLessThan(json * 0.75);
    }
  });
});

describe('decoding hostile and damaged links', () => {
  const good = encodeTopologyFragment(REFERENCE_DESIGNS[2]!.build());
  const payload = good.slice(MARKER.length);

  it('accepts a whole link, the fragment with or without #, whitespace, wrapping and brackets', () => {
    const link = `${DEFAULT_BASE}#${good}`;
    for (const form of [
      link,
      `#${good}`,
      good,
      `  ${link}\n`,
      `<${link}>`,
      `"${link}".`,
      `${DEFAULT_BASE}#${MARKER}${payload.slice(0, 40)}\n  ${payload.slice(40)}`,
    ])
      expect(decodeShareLink(form).ok, form.slice(0, 60)).toBe(true);
  });

  it('notALink: no marker, another app’s fragment, empty text', () => {
    for (const text of [
      '',
      '   ',
      'http://localhost:5173/',
      'http://localhost:5173/#',
      'https://app.diagrams.net/#R7VxZc',
      '#x1.abc',
      'hello world',
      'tt1.abc',
      '{"format":"sfb-topology"}',
    ]) {
      const r = decodeShareLink(text);
      expect(r.ok ? 'ok' : r.error.tag, text).toBe('notALink');
      if (!r.ok) expect(r.error.message).toMatch(/not a topology share link/);
    }
  });

  it('truncated: cut at every point, including inside the marker', () => {
    const link = `${DEFAULT_BASE}#${good}`;
    const start = link.indexOf('#') + 2; // after "#t"
    for (let end = start; end < link.length; end++) {
      const r = decodeShareLink(link.slice(0, end));
      expect(r.ok ? 'ok' : r.error.tag, `cut at ${end}`).toBe('truncated');
      if (!r.ok)
        expect(r.error.message).toBe('This link is cut off: it ends before the topology is complete. Ask for the whole link.');
    }
  });

  it('corrupt: every single changed character is caught (never a different topology)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < payload.length; i++) {
      for (const delta of [1, 17, 32]) {
        const ch = alphabet[(alphabet.indexOf(payload[i]!) + delta) % 64]!;
        const damaged = MARKER + payload.slice(0, i) + ch + payload.slice(i + 1);
        const r = decodeShareLink(damaged);
        expect(r.ok, `char ${i}`).toBe(false);
        // The first characters hold the length: a changed length reads as cut off or as extra bytes.
        if (!r.ok) expect(i < 4 ? ['corrupt', 'truncated'] : ['corrupt'], `char ${i} → ${r.error.tag}`).toContain(r.error.tag);
      }
    }
  });

  it('corrupt: characters that are not base64, extra bytes, bad structure behind a valid checksum', () => {
    expect(decodeShareLink(`${MARKER}${payload.slice(0, 10)}*${payload.slice(11)}`)).toMatchObject({
      ok: false,
      error: { tag: 'corrupt' },
    });
    expect(decodeShareLink(`${MARKER}${payload}AAAA`)).toMatchObject({ ok: false, error: { tag: 'corrupt' } });
    expect(decodeShareLink(forge(CODEC.compact, new Uint8Array([5, 1, 2, 3, 4, 5, 6, 7])))).toMatchObject({
      ok: false,
      error: { tag: 'corrupt' },
    });
    expect(decodeShareLink(forgeRaw(CODEC.compact, new Uint8Array([0xff, 0xff, 0xff])))).toMatchObject({
      ok: false,
      error: { tag: 'corrupt' },
    });
    expect(decodeShareLink(forge(CODEC.json, new Uint8Array([0xc3, 0x28])))).toMatchObject({
      ok: false,
      error: { tag: 'corrupt' },
    });
    expect(decodeShareLink(forge(0, utf8('{}')))).toMatchObject({ ok: false, error: { tag: 'corrupt' } });
    // Deflated without the dictionary, but a back-reference reaches into it.
    expect(decodeShareLink(forge(CODEC.json, utf8('x'.repeat(100)), { dictionary: false })).ok).toBe(false);
  });

  it('versionTooNew: a newer marker, a newer codec, a newer document version', () => {
    expect(decodeShareLink(`${DEFAULT_BASE}#t2.${payload}`)).toMatchObject({ ok: false, error: { tag: 'versionTooNew' } });
    expect(decodeShareLink(forge(9, utf8('{}')))).toMatchObject({
      ok: false,
      error: { tag: 'versionTooNew', message: expect.stringMatching(/newer version of the designer/) },
    });
    const newer = { ...REFERENCE_DESIGNS[2]!.build(), version: 7 };
    const r = decodeShareLink(forge(CODEC.json, utf8(JSON.stringify(newer))));
    expect(r).toMatchObject({ ok: false, error: { tag: 'versionTooNew', cause: { tag: 'versionTooNew' } } });
  });

  it('invalidTopology: the decoded document goes through parseTopology', () => {
    const doc = { ...REFERENCE_DESIGNS[2]!.build(), links: [{ id: 'l1', kind: 'backEnd', from: 'se-hq', to: 'fs-hq' }] };
    const r = decodeShareLink(forge(CODEC.json, utf8(JSON.stringify(doc))));
    expect(r).toMatchObject({ ok: false, error: { tag: 'invalidTopology', cause: { tag: 'invalidDocument' } } });
    if (!r.ok) expect(r.error.message).toMatch(/^The link opened, but the topology in it is not valid: links\[0\]/);
    expect(decodeShareLink(forge(CODEC.json, utf8('not json')))).toMatchObject({
      ok: false,
      error: { tag: 'invalidTopology', cause: { tag: 'notJson' } },
    });
  });

  // How fast it stops: limits/link-bomb-40mb in npm run bench.
  it('tooLarge: a small link that would inflate to hundreds of megabytes stops at the cap', () => {
    const bomb = deflateSync(new Uint8Array(40_000_000), { level: 9, dictionary: DICTIONARY_1 });
    const link = forgeRaw(CODEC.json, bomb);
    expect(link.length).toBeLessThan(80_000);
    const r = decodeShareLink(link);
    expect(r).toMatchObject({ ok: false, error: { tag: 'tooLarge' } });
    if (!r.ok) expect(r.error.message).toMatch(/more than 5 MB/);
  }, 30_000);

  it('tooLarge: inflateCapped never returns more than the cap', () => {
    const data = deflateSync(new Uint8Array(300_000).fill(7));
    expect(inflateCapped(data, undefined, 299_999)).toEqual({ ok: false, error: 'tooLarge' });
    const fits = inflateCapped(data, undefined, 300_000);
    expect(fits.ok && fits.value.length).toBe(300_000);
    expect(inflateCapped(new Uint8Array(), undefined, 10)).toEqual({ ok: false, error: 'corrupt' });
  });

  it('tooLarge: an absurdly long link is refused before decoding', () => {
    const r = decodeShareLink(`#${MARKER}${'A'.repeat(Math.ceil((LIMITS.maxInflatedBytes * 4) / 3) + 100)}`);
    expect(r).toMatchObject({ ok: false, error: { tag: 'tooLarge' } });
  });

  it(
    'random text never throws and always gives a tagged error with a message',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string(),
            fc.string().map((s) => `${MARKER}${s}`),
            fc.string({ unit: fc.constantFrom(...'ABCDEFabcdef0123456789-_'.split('')) }).map((s) => `#t1.${s}`),
          ),
          (text) => {
            const r = decodeShareLink(text);
            expect(r.ok).toBe(false);
            if (!r.ok) {
              expect(TAGS).toContain(r.error.tag);
              expect(r.error.message.length).toBeGreaterThan(20);
            }
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'random bytes behind a valid envelope never throw (compact and JSON codecs)',
    () => {
      fc.assert(
        fc.property(fc.constantFrom(CODEC.compact, CODEC.json), fc.uint8Array({ maxLength: 400 }), (codec, bytes) => {
          const r = decodeShareLink(forge(codec, bytes));
          expect(r.ok).toBe(false);
          if (!r.ok) expect(['corrupt', 'invalidTopology', 'tooLarge', 'versionTooNew']).toContain(r.error.tag);
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'mutated compact bytes behind a valid envelope never throw',
    () => {
      const raw = writeCompact(REFERENCE_DESIGNS[0]!.build());
      fc.assert(
        fc.property(
          fc.nat({ max: raw.length - 1 }),
          fc.integer({ min: 1, max: 255 }),
          fc.nat({ max: raw.length }),
          (i, x, cut) => {
            const mutated = raw.slice(0, Math.max(cut, i + 1));
            mutated[i] = mutated[i]! ^ x;
            const r = decodeShareLink(forge(CODEC.compact, mutated));
            // A mutation can still give a valid document (a changed letter in a name); it must never throw.
            if (!r.ok) expect(TAGS).toContain(r.error.tag);
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('a non-string input is refused, not thrown', () => {
    expect(decodeShareLink(undefined as unknown as string)).toMatchObject({ ok: false, error: { tag: 'notALink' } });
    expect(decodeShareLink(42 as unknown as string)).toMatchObject({ ok: false, error: { tag: 'notALink' } });
  });
});

describe('compact codec', () => {
  it('decodes what it encodes for every reference design without the envelope', () => {
    for (const { doc } of designs) expect(sameData(readCompact(writeCompact(doc)), doc)).toBe(true);
  });
  it(
    'both layout predictors are exact',
    () => {
      fc.assert(
        fc.property(
          arbTopology({ ...DOCS, maxNodes: 6 }),
          fc.constantFrom('grid' as const, 'previous' as const),
          (doc, predictor) => {
            expect(sameData(readCompact(writeCompact(doc, { predictor })), withRoundedLayout(doc))).toBe(true);
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('detection', () => {
  const fragment = encodeTopologyFragment(REFERENCE_DESIGNS[2]!.build());
  it('looksLikeShareLink', () => {
    expect(looksLikeShareLink(`${DEFAULT_BASE}#${fragment}`)).toBe(true);
    expect(looksLikeShareLink(`  #${fragment}`)).toBe(true);
    expect(looksLikeShareLink(fragment)).toBe(true);
    expect(looksLikeShareLink('https://example.com/#section-2')).toBe(false);
    expect(looksLikeShareLink('{"format":"sfb-topology"}')).toBe(false);
    expect(looksLikeShareLink('<?xml version="1.0"?>')).toBe(false);
  });
  it('findShareLink finds the link inside a mail', () => {
    const link = `${DEFAULT_BASE}#${fragment}`;
    expect(findShareLink(`Hi,\nhere is the design: ${link}\nThanks`)).toBe(link);
    expect(findShareLink(`see <${link}>.`)).toBe(link);
    expect(findShareLink('no link here https://example.com/#top')).toBeUndefined();
  });
});

describe('links written by link format 1 keep opening', () => {
  // Fixtures written once with the format-1 codec and dictionary; never regenerate them.
  for (const name of ['pair-se', 'pair-2015-mirror', 'json-codec']) {
    it(`fixtures/format1-${name}.link.txt decodes to fixtures/format1-${name}.json`, () => {
      const link = fs.readFileSync(new URL(`./fixtures/format1-${name}.link.txt`, import.meta.url), 'utf8').trim();
      const doc: unknown = JSON.parse(fs.readFileSync(new URL(`./fixtures/format1-${name}.json`, import.meta.url), 'utf8'));
      expect(decodeShareLink(`${DEFAULT_BASE}#${link}`)).toEqual({ ok: true, value: parsed(doc) });
    });
  }
});

describe('links written by codec 3 keep opening after a field was appended', () => {
  // Written once by codec 3 before Standard Edition servers had `deployed`; never regenerate.
  const link = fs.readFileSync(new URL('./fixtures/codec3-pair-se.link.txt', import.meta.url), 'utf8').trim();
  const doc = JSON.parse(fs.readFileSync(new URL('./fixtures/codec3-pair-se.json', import.meta.url), 'utf8')) as Topology;
  it('decodes to the same document, and the same document still encodes to the same link', () => {
    expect(decodeShareLink(`${DEFAULT_BASE}#${link}`)).toEqual({ ok: true, value: parsed(doc) });
    expect(encodeTopologyFragment(doc)).toBe(link);
  });
  it('carries deployed on a Standard Edition server in the compact codec', () => {
    const changed = structuredClone(doc);
    for (const [i, n] of changed.nodes.entries()) if (n.kind === 'standardEditionServer') n.deployed = i % 2 === 0;
    expect(encodeWithDetails(changed).codec).toBe(CODEC.compact);
    expect(decodeShareLink(shareLink(changed))).toEqual({ ok: true, value: parsed(changed) });
  });
});

// How fast (linear): limits/link-near-misses in npm run bench.
describe('detection on hostile text', () => {
  it('findShareLink, looksLikeShareLink and decodeShareLink answer on a megabyte of near-misses', () => {
    const texts = [
      'http://'.repeat(150_000),
      `${'http://a'.repeat(120_000)}#t`,
      '#t1'.repeat(300_000),
      `${'a'.repeat(1_000_000)}#t1.AAAA`,
    ];
    for (const t of texts.slice(0, 3)) {
      expect(findShareLink(t)).toBeUndefined();
      expect(looksLikeShareLink(t)).toBe(false);
      expect(decodeShareLink(t).ok).toBe(false);
    }
    expect(findShareLink(texts[3]!)).toBe('#t1.AAAA');
    expect(findShareLink(`see http://host/app/#t1.AAAA`)).toBe('http://host/app/#t1.AAAA');
  }, 30_000);
});
