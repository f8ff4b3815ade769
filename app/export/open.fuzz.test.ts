/**
 * Fuzzing `openDocumentBytes`, the drop target of the designer: random bytes, and
 * every kind of file it opens (topology JSON, SVG and PNG exports, share links in a
 * text file, Topology Builder XML) cut short, with bytes changed or inserted, under
 * hostile file names. Properties: never throws; a topology that passes parseTopology
 * or a tagged error whose message starts with the (cleaned) file name; quick; an
 * undamaged export opens to the same document.
 * Plus the limits: the JSON inside an SVG or PNG export is held to the same document
 * size limit as a .json file, and SVG scanning stays linear.
 */
import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { arbTopology, HOSTILE_NAMES } from '../model/arbitrary-test-kit';
import { LIMITS } from '../model/limits';
import { parseTopology } from '../model/parse';
import { pair2019AlwaysOn } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { concatBytes, utf8 } from '../share/bytes';
import { shareLink } from '../share/index';
import { FIXTURE_FILES, fixtureBytes } from '../import/fixture-test-kit';
import { displayText } from './escape';
import { embedInPng, embedInSvg, openDocumentBytes, pngChunk, type OpenError } from './index';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const TAGS: readonly OpenError['tag'][] = [
  'tooLarge',
  'unknownFormat',
  'noTopology',
  'corrupt',
  'versionTooNew',
  'invalidTopology',
  'importFailed',
];
const ENGINE_ERROR =
  /Cannot read propert|Cannot set propert|is not a function|is not iterable|Maximum call stack|Invalid array length|Invalid typed array length|Unhandled case|could not be read \(/;
const SAMPLE_BYTES = [...FIXTURE_FILES].sort().map(fixtureBytes);

const SVG =
  '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480" viewBox="0 0 640 480"><rect width="640" height="480" fill="#fff"/><foreignObject width="100%" height="100%"><div xmlns="http://www.w3.org/1999/xhtml">drawing</div></foreignObject></svg>';

/** A real 1×1 PNG: signature, IHDR, one IDAT, IEND. */
const PNG = concatBytes([
  new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pngChunk('IHDR', new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
  pngChunk('IDAT', zlibSync(new Uint8Array([0, 255, 255, 255]))),
  pngChunk('IEND', new Uint8Array()),
]);

function svgOf(doc: Topology): string {
  const r = embedInSvg(SVG, doc);
  if (!r.ok) throw new Error(`test setup: ${r.error.message}`);
  return r.value;
}

function pngOf(doc: Topology): Uint8Array {
  const r = embedInPng(PNG, doc);
  if (!r.ok) throw new Error(`test setup: ${r.error.message}`);
  return r.value;
}

/** A PNG whose topology sits in an uncompressed tEXt chunk (as other tools may write it). */
function pngWithText(json: string): Uint8Array {
  const chunk = pngChunk('tEXt', concatBytes([utf8('sfb-topology'), new Uint8Array([0]), utf8(json)]));
  return concatBytes([PNG.subarray(0, PNG.length - 12), chunk, PNG.subarray(PNG.length - 12)]);
}

function openChecked(name: string, bytes: Uint8Array): ReturnType<typeof openDocumentBytes> {
  const r = openDocumentBytes(name, bytes);
  if (r.ok) {
    expect(['json', 'svg', 'png', 'topologyBuilder', 'link']).toContain(r.value.kind);
    expect(parseTopology(r.value.topology).ok).toBe(true);
  } else {
    expect(TAGS).toContain(r.error.tag);
    const shown = displayText(name || 'this file', 80);
    expect(r.error.message.startsWith(`${shown}: `), r.error.message).toBe(true);
    expect(r.error.message.length).toBeGreaterThan(shown.length + 2);
    expect(r.error.message).not.toMatch(ENGINE_ERROR);
    // The file name part is cleaned: no control characters, no bidi overrides.
    expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  }
  return r;
}

const arbFileName = fc.oneof(
  fc.constantFrom('design.json', 'export.svg', 'export.png', 'Topology.tbxml', 'link.txt', ''),
  fc.constantFrom(...HOSTILE_NAMES),
  fc.string({ maxLength: 300 }),
);

type Kind = 'json' | 'jsonPretty' | 'svg' | 'png' | 'link' | 'linkInMail' | 'xml';
const KINDS: readonly Kind[] = ['json', 'jsonPretty', 'svg', 'png', 'link', 'linkInMail', 'xml'];

function fileOf(kind: Kind, doc: Topology, sample: number): Uint8Array {
  switch (kind) {
    case 'json':
      return utf8(JSON.stringify(doc));
    case 'jsonPretty':
      return utf8(`\uFEFF${JSON.stringify(doc, null, 2)}\n`);
    case 'svg':
      return utf8(svgOf(doc));
    case 'png':
      return pngOf(doc);
    case 'link':
      return utf8(shareLink(doc));
    case 'linkInMail':
      return utf8(`Hi,\n\nhere is the design: <${shareLink(doc, 'https://designer.example/app/')}>\n\nRegards`);
    case 'xml':
      return SAMPLE_BYTES[sample % SAMPLE_BYTES.length]!;
  }
}

type ByteEdit = { op: 'flip' | 'set' | 'insert' | 'delete' | 'truncate'; at: number; value: number };
const arbByteEdit: fc.Arbitrary<ByteEdit> = fc.record({
  op: fc.constantFrom('flip', 'set', 'insert', 'delete', 'truncate'),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  value: fc.integer({ min: 0, max: 255 }),
});

function damage(bytes: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let b: Uint8Array = bytes.slice();
  for (const e of edits) {
    const at = Math.min(b.length, Math.floor(e.at * b.length));
    switch (e.op) {
      case 'flip':
        if (at < b.length) b[at]! ^= 1 << (e.value % 8);
        break;
      case 'set':
        if (at < b.length) b[at] = e.value;
        break;
      case 'insert':
        b = concatBytes([b.subarray(0, at), new Uint8Array([e.value]), b.subarray(at)]);
        break;
      case 'delete':
        b = concatBytes([b.subarray(0, at), b.subarray(at + 1)]);
        break;
      case 'truncate':
        b = b.slice(0, at);
        break;
    }
  }
  return b;
}

const comparable = (doc: Topology) => JSON.parse(JSON.stringify(doc)) as unknown;

describe('openDocumentBytes on anything', () => {
  it('random bytes, with and without the signatures and byte-order marks of what it opens', () => {
    const prefixes = [
      [],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0xef, 0xbb, 0xbf],
      [0xff, 0xfe],
      [0xfe, 0xff],
      [...utf8('{')],
      [...utf8('<svg ')],
      [...utf8('<?xml version="1.0"?>')],
      [...utf8('#t1.')],
    ];
    fc.assert(
      fc.property(arbFileName, fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 600 }), (name, prefix, bytes) => {
        openChecked(name, concatBytes([new Uint8Array(prefix), bytes]));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('openDocumentBytes on exports and imports', () => {
  it('an undamaged file opens to the same document, whatever its kind', () => {
    fc.assert(
      fc.property(arbTopology({ maxNodes: 8 }), fc.constantFrom(...KINDS.filter((k) => k !== 'xml')), (doc, kind) => {
        const r = openChecked('file', fileOf(kind, doc, 0));
        expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
        if (!r.ok) return;
        // Share links round layout positions to whole numbers; every other export is exact.
        if (kind === 'link' || kind === 'linkInMail')
          expect(comparable({ ...r.value.topology, layout: undefined })).toEqual(comparable({ ...doc, layout: undefined }));
        else expect(comparable(r.value.topology)).toEqual(comparable(doc));
      }),
      { numRuns: RUNS },
    );
  });

  it('damaged files (bits flipped, bytes changed, inserted, dropped, cut) never throw', () => {
    fc.assert(
      fc.property(
        arbTopology({ maxNodes: 8 }),
        fc.constantFrom(...KINDS),
        fc.nat(),
        fc.array(arbByteEdit, { minLength: 1, maxLength: 4 }),
        arbFileName,
        (doc, kind, sample, edits, name) => {
          openChecked(name, damage(fileOf(kind, doc, sample), edits));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('SVG exports with hostile edits to the markup around the metadata', () => {
    const pieces = [
      '<metadata>',
      '</metadata>',
      '<sfbt:topology xmlns:sfbt="urn:sfb-hadr-designer:topology">',
      '</sfbt:topology>',
      '<![CDATA[',
      ']]>',
      '<!--',
      '-->',
      '&amp;',
      '&#0;',
      '&#x110000;',
      '&lt;',
      '<script>alert(1)</script>',
      '<!DOCTYPE svg [<!ENTITY x "y">]>',
      '<svg>',
      '</svg>',
      '"',
      "'",
      '>',
    ];
    fc.assert(
      fc.property(
        arbTopology({ maxNodes: 6 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...pieces)), {
          minLength: 1,
          maxLength: 4,
        }),
        (doc, inserts) => {
          let svg = svgOf(doc);
          for (const [where, what] of inserts) {
            const at = Math.floor(where * svg.length);
            svg = svg.slice(0, at) + what + svg.slice(at);
          }
          openChecked('edited.svg', utf8(svg));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------- limits (issue 9, part 2)

describe('the document size limit holds for exports too', () => {
  let oversized: Topology | undefined;
  /** A topology valid in every field whose text is just over LIMITS.maxDocumentChars (built once). */
  function oversizedDocument(): Topology {
    oversized ??= buildOversized();
    return oversized;
  }
  function buildOversized(): Topology {
    const doc = pair2019AlwaysOn();
    // Back Ends with the most AG replicas allowed: a few thousand of them pass the size limit within the node limit.
    const store = doc.nodes.find((n) => n.kind === 'sqlStore' && n.ag)! as Extract<
      Topology['nodes'][number],
      { kind: 'sqlStore' }
    >;
    const replicas = Array.from({ length: LIMITS.maxListItems }, () => store.ag!.replicas[0]!);
    const sized = (i: number) => ({
      ...store,
      id: `sqlx${i}`,
      name: 'N'.repeat(LIMITS.maxNameChars),
      ag: { ...store.ag!, replicas },
    });
    const count = Math.ceil(LIMITS.maxDocumentChars / JSON.stringify(sized(0)).length) + 10;
    expect(count).toBeLessThan(LIMITS.maxNodes);
    const nodes = Array.from({ length: count }, (_, i) => sized(i));
    const big: Topology = { ...doc, nodes: [...doc.nodes, ...nodes], layout: undefined };
    delete big.layout;
    expect(JSON.stringify(big).length).toBeGreaterThan(LIMITS.maxDocumentChars);
    // Refused as a value too: what opens must save and open again, so one limit holds for both.
    const asValue = parseTopology(big);
    expect(asValue.ok || asValue.error.tag).toBe('tooLarge');
    return big;
  }

  // How fast these are refused: limits/open-* in npm run bench.
  it('a .json file over the limit is refused as tooLarge', () => {
    const bytes = utf8(JSON.stringify(oversizedDocument()));
    const r = openDocumentBytes('big.json', bytes);
    expect(r.ok || r.error.tag).toBe('tooLarge');
  });

  it('an SVG export carrying the same document is refused the same way', () => {
    const svg = utf8(svgOf(oversizedDocument()));
    const r = openDocumentBytes('big.svg', svg);
    expect(r.ok || r.error.tag).toBe('tooLarge');
  });

  it('a PNG export carrying it compressed (iTXt) is refused by the inflation cap', () => {
    const r = openDocumentBytes('big.png', pngOf(oversizedDocument()));
    expect(r.ok || r.error.tag).toBe('tooLarge');
  });

  it('a PNG carrying it uncompressed (tEXt) is refused the same way', () => {
    const r = openDocumentBytes('big.png', pngWithText(JSON.stringify(oversizedDocument())));
    expect(r.ok || r.error.tag).toBe('tooLarge');
  });

  it('4,000 unclosed <topology tags in an SVG: no topology found (how fast, linear: limits/open-svg-unclosed-tags)', () => {
    // 40 kB of `<topology ` and no `>` until the end: a backtracking pattern rescans the rest for each tag.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg">${'<topology '.repeat(4_000)}${'a'.repeat(250_000)}</svg>`;
    const r = openDocumentBytes('slow.svg', utf8(svg));
    expect(r.ok || r.error.tag).toBe('noTopology');
  });

  it(`a file over ${(200_000_000).toLocaleString('en-US')} bytes is refused on its length`, () => {
    const bytes = new Uint8Array(200_000_001);
    const r = openDocumentBytes('huge.bin', bytes);
    expect(r.ok || r.error.tag).toBe('tooLarge');
    if (!r.ok) expect(r.error.message).toMatch(/200,000,001 bytes/);
  });
});
