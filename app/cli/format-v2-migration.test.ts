/**
 * Format v1 → v2 (migration `v1-to-v2-additive`) across every way a design travels: a v1
 * document migrates, gets the same findings, and round-trips through the share link and
 * the SVG and PNG exports. Golden files written by the v1 designer still open. Here
 * because the cli layer is the one that may import rules, share and export together.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { embedInPng, extractFromPng, PNG_SIGNATURE, pngChunk } from '../export/png';
import { openDocumentBytes } from '../export/open';
import { embedInSvg, extractFromSvg } from '../export/svg';
import { arbTopology, arbV1Document } from '../model/arbitrary-test-kit';
import { parseTopology } from '../model/parse';
import { CURRENT_VERSION } from '../model/schema';
import { runRules } from '../rules/engine';
import { concatBytes } from '../share/bytes';
import { decodeShareLink, shareLink, withRoundedLayout } from '../share/index';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const TIMEOUT = 60_000 + RUNS * 500;

function tinyPng(): Uint8Array {
  const ihdr = new Uint8Array([0, 0, 0, 2, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  return concatBytes([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlibSync(new Uint8Array([0, 0, 255]))),
    pngChunk('IEND', new Uint8Array()),
  ]);
}
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10"/></svg>';
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('v1-to-v2-additive across rules, share links and exports', () => {
  it(
    'a v1 document validates the same before and after migration, and travels unchanged',
    () => {
      fc.assert(
        fc.property(arbV1Document({ maxNodes: 10, maxLinks: 14 }), (v1) => {
          const migrated = parseTopology(JSON.stringify(v1));
          expect(migrated.ok).toBe(true);
          if (!migrated.ok) return;
          const doc = migrated.value;
          expect(doc.version).toBe(CURRENT_VERSION);
          // Findings of the v1 document as read (migrated) equal those of the v2 document written from it.
          const again = parseTopology(JSON.stringify(doc));
          expect(again.ok && runRules(again.value)).toEqual(runRules(doc));
          // Share link.
          expect(decodeShareLink(shareLink(doc))).toEqual({ ok: true, value: json(withRoundedLayout(doc)) });
          // SVG and PNG exports.
          const svg = embedInSvg(SVG, doc);
          expect(
            svg.ok &&
              parseTopology(extractFromSvg(svg.value).ok ? (extractFromSvg(svg.value) as { value: unknown }).value : null),
          ).toEqual({ ok: true, value: json(doc) });
          const png = embedInPng(tinyPng(), doc);
          const back = png.ok ? extractFromPng(png.value) : undefined;
          expect(back?.ok && parseTopology(back.value)).toEqual({ ok: true, value: json(doc) });
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'a v2 document with every new field travels unchanged through the share link and the exports',
    () => {
      fc.assert(
        fc.property(arbTopology({ maxNodes: 10, maxLinks: 14 }), (doc) => {
          expect(parseTopology(JSON.stringify(doc))).toEqual({ ok: true, value: json(doc) });
          expect(decodeShareLink(shareLink(doc))).toEqual({ ok: true, value: json(withRoundedLayout(doc)) });
          const svg = embedInSvg(SVG, doc);
          const fromSvg = svg.ok ? extractFromSvg(svg.value) : undefined;
          expect(fromSvg?.ok && parseTopology(fromSvg.value)).toEqual({ ok: true, value: json(doc) });
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

describe('files exported by the v1 designer keep opening', () => {
  // Written once by the format-v1 designer (embedInSvg / embedInPng); never regenerate them.
  const dir = new URL('../export/fixtures/', import.meta.url);
  const expected = parseTopology(fs.readFileSync(new URL('format1-pair-2015-mirror.json', dir), 'utf8'));
  for (const ext of ['svg', 'png']) {
    it(`fixtures/format1-pair-2015-mirror.${ext} opens as the same design, now version ${CURRENT_VERSION}`, () => {
      const bytes = new Uint8Array(fs.readFileSync(new URL(`format1-pair-2015-mirror.${ext}`, dir)));
      expect(ext === 'svg' ? fs.readFileSync(new URL(`format1-pair-2015-mirror.${ext}`, dir), 'utf8') : '').toMatch(
        ext === 'svg' ? /"version":1/ : /^$/,
      );
      const r = openDocumentBytes(`drawing.${ext}`, bytes);
      expect(r.ok && r.value.topology).toEqual(expected.ok && expected.value);
      expect(r.ok && r.value.topology.version).toBe(CURRENT_VERSION);
    });
  }
  it('the v1 fixture document is version 1 on disk', () => {
    expect(JSON.parse(fs.readFileSync(new URL('format1-pair-2015-mirror.json', dir), 'utf8')).version).toBe(1);
  });
});
