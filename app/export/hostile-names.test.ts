/**
 * Output safety of exports (issue 9, part 3): every hostile name, put in every user
 * field, leaves the SVG well-formed with no `<script>` element and comes back unchanged
 * from the embedded topology; the title block shows it as one clean line; PNG exports
 * carry it exactly. And the designer never writes HTML from strings: no
 * dangerouslySetInnerHTML / innerHTML anywhere in app/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from '../import/xml';
import { HOSTILE_NAMES, TOO_LONG_NAME } from '../model/arbitrary-test-kit';
import { parseTopology } from '../model/parse';
import { pair2019AlwaysOn } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { concatBytes } from '../share/bytes';
import {
  appendTitleBlock,
  displayText,
  embedInPng,
  embedInSvg,
  extractFromPng,
  extractFromSvg,
  pngChunk,
  titleBlockInfo,
} from './index';

const APP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600"><rect width="800" height="600" fill="#fff"/></svg>';
const PNG = concatBytes([
  new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pngChunk('IHDR', new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
  pngChunk('IDAT', zlibSync(new Uint8Array([0, 255, 255, 255]))),
  pngChunk('IEND', new Uint8Array()),
]);
/** What XML 1.0 cannot carry at all (escapeXml writes U+FFFD for it). */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NAMES = [
  ...HOSTILE_NAMES,
  'x\u001b]0;title\u0007y',
  '\ud800 lone surrogate',
  '</title><script>alert(1)</script>',
  '</metadata><script>alert(1)</script>',
];

/** The reference design with `name` in every field a user types. */
function withName(name: string): Topology {
  const doc = pair2019AlwaysOn();
  return {
    ...doc,
    name,
    description: name,
    sites: doc.sites.map((s) => ({ ...s, name, region: name, datacenter: name })),
    nodes: doc.nodes.map((n) => ({ ...n, name, ...(n.kind === 'fileStore' && name ? { share: name } : {}) })),
  };
}

function elements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(elements)];
}

function parsedSvg(svg: string): XmlElement {
  const tree = parseXml(svg);
  if (!tree.ok) throw new Error(`the SVG is not well-formed: ${tree.error.message}`);
  return tree.value;
}

describe('SVG export with hostile names', () => {
  it.each(NAMES.map((n) => [JSON.stringify(n).slice(0, 40), n]))(
    '%s: well-formed, no <script>, title and embedded topology round-trip',
    (_label, name) => {
      const doc = withName(name);
      expect(parseTopology(doc).ok).toBe(true);
      const r = embedInSvg(SVG, doc);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const all = elements(parsedSvg(r.value));
      expect(all.filter((e) => e.local.toLowerCase() === 'script')).toEqual([]);
      expect(all.some((e) => e.attrs.some((a) => /^on/i.test(a.local)))).toBe(false);
      const title = all.find((e) => e.local === 'title');
      expect(title?.text).toBe(name.replace(NOT_XML, '\ufffd'));
      const back = extractFromSvg(r.value);
      const parsed = back.ok ? parseTopology(back.value) : undefined;
      expect(parsed?.ok && parsed.value).toEqual(doc);
    },
  );

  it.each(NAMES.map((n) => [JSON.stringify(n).slice(0, 40), n]))(
    '%s: the title block is well-formed and shows the name on one clean line',
    (_label, name) => {
      const doc = withName(name);
      const embedded = embedInSvg(SVG, doc);
      expect(embedded.ok).toBe(true);
      const r = appendTitleBlock(
        embedded.ok ? embedded.value : SVG,
        titleBlockInfo(doc, { error: 1, warning: 2, info: 3 }, new Date('2025-01-02T00:00:00Z')),
      );
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const all = elements(parsedSvg(r.value));
      expect(all.filter((e) => e.local.toLowerCase() === 'script')).toEqual([]);
      const block = all.find((e) => e.attrs.some((a) => a.local === 'class' && a.value === 'sfb-title-block'))!;
      const texts = elements(block).filter((e) => e.local === 'text');
      const shown = texts[0]!.text;
      const full = (displayText(name, 100_000) || 'Untitled design').replace(NOT_XML, '\ufffd');
      expect(shown === full || (shown.endsWith('…') && full.startsWith(shown.slice(0, -1).trimEnd()))).toBe(true);
      for (const t of texts) expect(t.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    },
  );
});

describe('PNG export with hostile names', () => {
  it.each(NAMES.map((n) => [JSON.stringify(n).slice(0, 40), n]))(
    '%s: the embedded topology round-trips exactly',
    (_label, name) => {
      const doc = withName(name);
      const png = embedInPng(PNG, doc);
      expect(png.ok).toBe(true);
      if (!png.ok) return;
      const back = extractFromPng(png.value);
      const parsed = back.ok ? parseTopology(back.value) : undefined;
      expect(parsed?.ok && parsed.value).toEqual(doc);
    },
  );
});

describe('names beyond the limit', () => {
  it('a 10,000-character name is refused by the one loader before anything is exported', () => {
    const r = parseTopology(withName(TOO_LONG_NAME));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/at most 200 characters/);
  });
});

describe('HTML: the designer renders with React only', () => {
  function* sources(dir: string): Generator<string> {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) yield* sources(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) yield p;
    }
  }

  it('no dangerouslySetInnerHTML, innerHTML, outerHTML, insertAdjacentHTML, document.write, eval or new Function in app/', () => {
    const files = [...sources(APP)];
    expect(files.filter((f) => f.endsWith('.tsx')).length).toBeGreaterThan(5);
    const found: string[] = [];
    for (const f of files) {
      fs.readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (
            /dangerouslySetInnerHTML|\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|\beval\s*\(|new\s+Function\s*\(/.test(
              line,
            )
          )
            found.push(`${path.relative(APP, f)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });
});
