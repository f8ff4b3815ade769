import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FIXTURE, fixtureBytes } from '../import/fixture-test-kit';
import { parseTopology } from '../model/parse';
import { REFERENCE_DESIGNS } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { concatBytes, utf8 } from '../share/bytes';
import { shareLink } from '../share/index';
import { openDocumentBytes, type OpenedKind } from './open';
import { embedInPng, PNG_SIGNATURE, pngChunk } from './png';
import { embedInSvg } from './svg';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** Property tests share two cores with other work: allow time in proportion to the runs. */
const PROPERTY_TIMEOUT = 20_000 + RUNS * 100;

const doc = REFERENCE_DESIGNS[1]!.build();
const expected = (d: Topology) => {
  const r = parseTopology(d);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

function tinyPng(): Uint8Array {
  return concatBytes([
    PNG_SIGNATURE,
    pngChunk('IHDR', new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])),
    pngChunk('IDAT', zlibSync(new Uint8Array([0, 0]))),
    pngChunk('IEND', new Uint8Array()),
  ]);
}

function utf16le(text: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) new DataView(out.buffer).setUint16((bom ? 2 : 0) + i * 2, text.charCodeAt(i), true);
  return out;
}

function opens(name: string, bytes: Uint8Array, kind: OpenedKind): Topology {
  const r = openDocumentBytes(name, bytes);
  if (!r.ok) throw new Error(r.error.message);
  expect(r.value.kind).toBe(kind);
  return r.value.topology;
}

describe('openDocumentBytes tells files apart by content', () => {
  it('topology JSON: UTF-8, with a BOM, UTF-16 with and without BOM, pretty or compact', () => {
    const json = JSON.stringify(doc, null, 2);
    for (const bytes of [utf8(json), utf8(`\uFEFF${json}`), utf16le(json), utf16le(json, false), utf8(JSON.stringify(doc))])
      expect(opens('design.json', bytes, 'json')).toEqual(expected(doc));
  });

  it('SVG and PNG exported by the designer, whatever the file is called', () => {
    const svg = embedInSvg('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', doc);
    const png = embedInPng(tinyPng(), doc);
    if (!svg.ok || !png.ok) throw new Error('embed failed');
    expect(opens('drawing.svg', utf8(svg.value), 'svg')).toEqual(expected(doc));
    expect(opens('renamed.json', png.value, 'png')).toEqual(expected(doc));
    expect(opens('drawing.txt', utf8(svg.value), 'svg')).toEqual(expected(doc));
  });

  it('a share link, alone or inside a mail', () => {
    const link = shareLink(doc);
    expect(opens('link.url', utf8(link), 'link')).toEqual(expected(doc));
    expect(opens('mail.eml', utf8(`Subject: design\r\n\r\nHere it is:\r\n${link}\r\n-- \r\nJo`), 'link')).toEqual(expected(doc));
  });

  it('Topology Builder XML goes to the importer (UTF-8 with BOM, UTF-16 LE with BOM)', () => {
    for (const file of [FIXTURE.builderFile, FIXTURE.enterpriseAg, FIXTURE.standardEditionUtf16]) {
      const r = openDocumentBytes(file, fixtureBytes(file));
      if (!r.ok) throw new Error(`${file}: ${r.error.message}`);
      expect(r.value.kind).toBe('topologyBuilder');
      expect(r.value.topology.nodes.length).toBeGreaterThan(0);
      expect(parseTopology(r.value.topology).ok).toBe(true);
    }
  });
});

describe('openDocumentBytes says what is wrong', () => {
  it('empty, binary, unknown text', () => {
    expect(openDocumentBytes('a.json', new Uint8Array())).toMatchObject({
      ok: false,
      error: { tag: 'unknownFormat', message: expect.stringMatching(/^a\.json: the file is empty/) },
    });
    expect(openDocumentBytes('a.bin', new Uint8Array([0xc3, 0x28, 0xff, 0xfe, 0x00]))).toMatchObject({
      ok: false,
      error: { tag: 'unknownFormat' },
    });
    expect(openDocumentBytes('notes.txt', utf8('just some notes'))).toMatchObject({
      ok: false,
      error: { tag: 'unknownFormat', message: expect.stringMatching(/opens topology files/) },
    });
    expect(openDocumentBytes('a.gif', utf8('GIF89a'))).toMatchObject({ ok: false, error: { tag: 'unknownFormat' } });
  });

  it('a drawing without a topology, a PNG that is not from the designer', () => {
    expect(openDocumentBytes('x.svg', utf8('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toMatchObject({
      ok: false,
      error: { tag: 'noTopology' },
    });
    expect(openDocumentBytes('x.png', tinyPng())).toMatchObject({ ok: false, error: { tag: 'noTopology' } });
  });

  it('JSON that is not a valid topology keeps parseTopology’s cause', () => {
    expect(openDocumentBytes('x.json', utf8('{"format":'))).toMatchObject({
      ok: false,
      error: { tag: 'invalidTopology', cause: { tag: 'notJson' } },
    });
    expect(openDocumentBytes('x.json', utf8(JSON.stringify({ ...doc, version: 9 })))).toMatchObject({
      ok: false,
      error: { tag: 'versionTooNew', cause: { tag: 'versionTooNew' } },
    });
    const bad = openDocumentBytes('x.json', utf8(JSON.stringify({ ...doc, nodes: [{ ...doc.nodes[0], users: -1 }] })));
    expect(bad).toMatchObject({
      ok: false,
      error: { tag: 'invalidTopology', message: expect.stringContaining('nodes[0].users') },
    });
  });

  it('an XML file that is not a topology, a damaged share link', () => {
    expect(openDocumentBytes('x.xml', utf8('<?xml version="1.0"?><html/>'))).toMatchObject({
      ok: false,
      error: { tag: 'importFailed' },
    });
    const link = shareLink(doc);
    expect(openDocumentBytes('x.txt', utf8(link.slice(0, -20)))).toMatchObject({
      ok: false,
      error: { tag: 'corrupt', message: expect.stringMatching(/cut off/) },
    });
  });

  it('a hostile file name is shown flattened and short', () => {
    const r = openDocumentBytes(`evil\n\u202Egpj.exe${'x'.repeat(500)}`, utf8('nothing'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).not.toMatch(/[\n\u202e]/);
      expect(r.error.message.indexOf(':')).toBeLessThanOrEqual(81);
    }
  });

  it(
    'random bytes and random text never throw',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.uint8Array({ maxLength: 300 }),
            fc.string().map(utf8),
            fc.string().map((s) => utf8(`<svg>${s}`)),
            fc.uint8Array({ maxLength: 100 }).map((b) => concatBytes([PNG_SIGNATURE, b])),
          ),
          (bytes) => {
            const r = openDocumentBytes('random', bytes);
            if (!r.ok) expect(r.error.message.length).toBeGreaterThan(10);
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
