/**
 * Fuzzing the share-link decoder: arbitrary text, links of generated documents cut or
 * with characters changed, envelopes whose checksum was recomputed after bits of the
 * payload were flipped (what a hostile link can build), and hostile documents carried
 * by either codec. Properties: never throws; a topology or a tagged error with a
 * message; a damaged link never opens as a different topology.
 */
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { applyMutations, arbMutatedDocument, arbTopology } from '../model/arbitrary-test-kit';
import { LIMITS } from '../model/limits';
import { pair2019AlwaysOn } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { ByteWriter, crc32, fromBase64, toBase64Url, utf8 } from './bytes';
import { writeCompact } from './compact-codec';
import { DICTIONARY_1 } from './dictionary';
import { CODEC, decodeShareLink, encodeTopologyFragment, MARKER, shareLink, withRoundedLayout, type LinkError } from './index';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const TAGS: readonly LinkError['tag'][] = ['notALink', 'truncated', 'corrupt', 'tooLarge', 'versionTooNew', 'invalidTopology'];
/** Texts of JavaScript engine errors: a message with one means a defensive catch hid a defect. */
const ENGINE_ERROR =
  /Cannot read propert|Cannot set propert|is not a function|is not iterable|Maximum call stack|Invalid array length|Invalid typed array length|out of memory|Unhandled case/;

type Decoded = ReturnType<typeof decodeShareLink>;

function decodeChecked(link: string): Decoded {
  const r = decodeShareLink(link);
  if (!r.ok) {
    expect(TAGS).toContain(r.error.tag);
    expect(r.error.message.trim().length).toBeGreaterThan(0);
    expect(r.error.message).not.toMatch(ENGINE_ERROR);
    // The decoder's own messages are one line; parseTopology's (invalidTopology) are checked in parse.fuzz.test.ts.
    if (!r.error.cause) expect(r.error.message).not.toMatch(/[\n\r]/);
  }
  return r;
}

/** The document as a link carries it, as comparable JSON (key order and -0 aside). */
const asCarried = (doc: Topology): unknown => JSON.parse(JSON.stringify(withRoundedLayout(doc)));
const asJson = (doc: Topology): unknown => JSON.parse(JSON.stringify(doc));

/** An envelope around any payload with a correct CRC, as a hostile link can build one. */
function forge(codec: number, payload: Uint8Array): string {
  const deflated = deflateSync(payload, { level: 6, dictionary: DICTIONARY_1 });
  const w = new ByteWriter();
  w.byte(codec);
  w.uint(deflated.length);
  w.bytes(deflated);
  return MARKER + toBase64Url(withCrc(w.toBytes()));
}

function withCrc(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + 4);
  out.set(body);
  new DataView(out.buffer).setUint32(body.length, crc32(body));
  return out;
}

/** The envelope bytes of a fragment. */
function envelopeOf(fragment: string): Uint8Array {
  const d = fromBase64(fragment.slice(MARKER.length));
  if (!d.ok) throw new Error('test setup: not base64');
  return d.bytes;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('');

describe('decodeShareLink on anything', () => {
  it('arbitrary text, URLs and base64 behind the marker', () => {
    const arbText = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom(...B64URL), maxLength: 400 }).map((s) => `${MARKER}${s}`),
      fc
        .tuple(
          fc.webUrl(),
          fc.nat({ max: 1_000_000 }),
          fc.string({ unit: fc.constantFrom(...B64URL, '=', '+', '/', ' ', '\n', '"', '>'), maxLength: 200 }),
        )
        .map(([url, v, s]) => `${url}#t${v}.${s}`),
      fc.constantFrom(
        '#',
        '#t',
        '#t1',
        '#t1.',
        't1.',
        't0.AAAA',
        't999999.AAAA',
        't1.====',
        `t1.${'A'.repeat(5)}`,
        'http://localhost:5173/#t1.%00',
        '\u202E#t1.AAAA',
      ),
    );
    fc.assert(
      fc.property(arbText, (text) => {
        decodeChecked(text);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('links of generated documents', () => {
  it('open to the same document (layout rounded), with hostile names and extreme counts', () => {
    fc.assert(
      fc.property(arbTopology({ maxNodes: 10 }), (doc) => {
        const r = decodeChecked(shareLink(doc));
        expect(r.ok && asJson(r.value)).toEqual(asCarried(doc));
      }),
      { numRuns: RUNS },
    );
  });

  it('cut anywhere: never opens as a different topology', () => {
    fc.assert(
      fc.property(arbTopology({ maxNodes: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), (doc, at) => {
        const link = shareLink(doc);
        const cut = link.slice(0, Math.floor(at * link.length));
        const r = decodeChecked(cut);
        if (r.ok) expect(asJson(r.value)).toEqual(asCarried(doc));
      }),
      { numRuns: RUNS },
    );
  });

  it('characters changed, inserted or dropped: never opens as a different topology', () => {
    fc.assert(
      fc.property(
        arbTopology({ maxNodes: 8 }),
        fc.array(
          fc.tuple(
            fc.constantFrom('replace', 'insert', 'drop'),
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.constantFrom(...B64URL, '=', '.', '#', ' ', '%'),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        (doc, edits) => {
          let fragment = encodeTopologyFragment(doc);
          for (const [op, where, ch] of edits) {
            const at = MARKER.length + Math.floor(where * (fragment.length - MARKER.length));
            if (op === 'replace') fragment = fragment.slice(0, at) + ch + fragment.slice(at + 1);
            else if (op === 'insert') fragment = fragment.slice(0, at) + ch + fragment.slice(at);
            else fragment = fragment.slice(0, at) + fragment.slice(at + 1);
          }
          const r = decodeChecked(fragment);
          if (r.ok) expect(asJson(r.value)).toEqual(asCarried(doc));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('any single bit flipped in the envelope is caught by the checksum', () => {
    fc.assert(
      fc.property(arbTopology({ maxNodes: 8 }), fc.nat(), fc.nat({ max: 7 }), (doc, byte, bit) => {
        const bytes = envelopeOf(encodeTopologyFragment(doc));
        bytes[byte % bytes.length]! ^= 1 << bit;
        const r = decodeChecked(MARKER + toBase64Url(bytes));
        expect(r.ok).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('forged envelopes (valid checksum over a hostile payload)', () => {
  it('bits flipped inside the deflated payload, checksum recomputed', () => {
    fc.assert(
      fc.property(
        arbTopology({ maxNodes: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 7 })), { minLength: 1, maxLength: 4 }),
        (doc, flips) => {
          const bytes = envelopeOf(encodeTopologyFragment(doc));
          const body = bytes.slice(0, bytes.length - 4);
          // Keep the codec byte and the length: flip bits of the deflated stream.
          for (const [at, bit] of flips) {
            const i = 3 + (at % Math.max(1, body.length - 3));
            if (i < body.length) body[i]! ^= 1 << bit;
          }
          decodeChecked(MARKER + toBase64Url(withCrc(body)));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('compact bytes of generated documents, cut or changed, in the compact codec', () => {
    fc.assert(
      fc.property(
        arbTopology({ maxNodes: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (doc, edits, keep) => {
          const raw = writeCompact(doc);
          const cut = raw.slice(0, Math.max(1, Math.ceil(keep * raw.length)));
          for (const [at, x] of edits) cut[at % cut.length]! ^= x;
          decodeChecked(forge(CODEC.compact, cut));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('hostile documents in the JSON codec go through parseTopology', () => {
    fc.assert(
      fc.property(arbMutatedDocument({ maxNodes: 6 }), ({ original, mutations }) => {
        let text: string | undefined;
        try {
          text = JSON.stringify(applyMutations(original, mutations));
        } catch {
          return; // 10,000 levels deep: JSON.stringify cannot write it
        }
        // Megabyte strings only cost time here: the size limits have their own tests below.
        if (text !== undefined && text.length > 200_000) return;
        const r = decodeChecked(forge(CODEC.json, utf8(text ?? 'null')));
        if (!r.ok) expect(['invalidTopology', 'tooLarge', 'versionTooNew']).toContain(r.error.tag);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------- limits (issue 9, part 2)

describe('decompression is capped', () => {
  for (const codec of [CODEC.json, CODEC.compact]) {
    it(`codec ${codec}: 12 MB of zeros in a link of a few kilobytes is refused as tooLarge`, () => {
      const bomb = deflateSync(new Uint8Array(12_000_000), { level: 1, dictionary: DICTIONARY_1 });
      const w = new ByteWriter();
      w.byte(codec);
      w.uint(bomb.length);
      w.bytes(bomb);
      const link = MARKER + toBase64Url(withCrc(w.toBytes()));
      expect(link.length).toBeLessThan(200_000);
      const r = decodeShareLink(link);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.tag).toBe('tooLarge');
        expect(r.error.message).toContain(`${LIMITS.maxInflatedBytes / 1e6} MB`);
      }
    }, 60_000);
  }

  it('a 10 MB link is refused on its length, before any decoding', () => {
    const link = `http://localhost:5173/#${MARKER}${'A'.repeat(10_000_000)}`;
    const r = decodeShareLink(link);
    expect(r.ok || r.error.tag).toBe('tooLarge');
  });

  it('a document just over the node limit, carried in a small link, is refused by parseTopology', () => {
    const doc = pair2019AlwaysOn();
    const nodes = Array.from({ length: LIMITS.maxNodes + 1 }, (_, i) => ({
      id: `n${i}`,
      name: '',
      siteId: 'dc1',
      kind: 'mediationPool',
      productVersion: '2019',
      fqdn: 'm',
      servers: 1,
    }));
    const r = decodeChecked(forge(CODEC.json, utf8(JSON.stringify({ ...doc, nodes, links: [] }))));
    expect(r.ok || r.error.tag).toBe('tooLarge');
    if (!r.ok) expect(r.error.message).toContain(LIMITS.maxNodes.toLocaleString('en-US'));
  });
});
