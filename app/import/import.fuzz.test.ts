/**
 * Fuzzing the Topology Builder importer with structural edits of the project's
 * Topology Builder fixtures (app/import/fixtures): elements deleted, duplicated, swapped and moved,
 * attribute values changed (to values used elsewhere in the document, so references
 * stay plausible but inconsistent, or to hostile text), attributes dropped, entities
 * and character references inserted, then random byte damage on the encoded file.
 * Properties: never throws; a topology that passes parseTopology or a tagged error
 * with a one-line message; never an "importer defect"; quick.
 * Plus the safety limits: no DTD, no entity expansion, nothing fetched, size caps.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOSTILE_NAMES } from '../model/arbitrary-test-kit';
import { LIMITS } from '../model/limits';
import { parseTopology } from '../model/parse';
import { importTopologyXml, type ImportError } from './index';
import { FIXTURE_FILES, fixtureBytes } from './fixture-test-kit';
import { esc, TOPOLOGY_NS } from './xml-test-kit';
import { parseXml, type XmlElement } from './xml';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const SAMPLE_FILES = [...FIXTURE_FILES].sort();
const TAGS: readonly ImportError['tag'][] = ['notXml', 'notTopologyBuilder', 'tooLarge', 'unsafeXml', 'invalidResult'];
const ENGINE_ERROR =
  /Cannot read propert|Cannot set propert|is not a function|is not iterable|Maximum call stack|Invalid array length|Unhandled case|failed unexpectedly/;

function textOf(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  return new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
}

const SAMPLE_TREES: XmlElement[] = SAMPLE_FILES.map((f) => {
  const r = parseXml(textOf(fixtureBytes(f)));
  if (!r.ok) throw new Error(`sample ${f} does not parse: ${r.error.message}`);
  return r.value;
});

function importChecked(input: string | Uint8Array): ReturnType<typeof importTopologyXml> {
  const r = importTopologyXml(input);
  if (r.ok) {
    const again = parseTopology(r.value.topology);
    expect(again.ok, again.ok ? '' : again.error.message).toBe(true);
    for (const w of r.value.warnings) expect(`${w.where ?? ''} ${w.message}`).not.toMatch(/[\n\r]/);
  } else {
    expect(TAGS).toContain(r.error.tag);
    expect(r.error.message.trim().length).toBeGreaterThan(0);
    expect(r.error.message).not.toMatch(/[\n\r]/);
    expect(r.error.message).not.toMatch(ENGINE_ERROR);
    // "invalidResult" is the importer admitting a defect: edited input must never cause it.
    expect(r.error.tag, r.error.message).not.toBe('invalidResult');
  }
  return r;
}

// ---------------------------------------------------------------- tree edits and serialisation

const clone = (e: XmlElement): XmlElement => ({ ...e, attrs: e.attrs.map((a) => ({ ...a })), children: e.children.map(clone) });

function elementsOf(root: XmlElement): { el: XmlElement; parent: XmlElement | undefined }[] {
  const out: { el: XmlElement; parent: XmlElement | undefined }[] = [];
  const walk = (el: XmlElement, parent: XmlElement | undefined) => {
    out.push({ el, parent });
    for (const c of el.children) walk(c, el);
  };
  walk(root, undefined);
  return out;
}

/** Writes a tree back as XML; each element declares the namespaces it and its attributes use. */
function serialize(el: XmlElement): string {
  const decls = new Map<string, string>();
  const colon = el.name.indexOf(':');
  if (colon < 0) decls.set('xmlns', el.ns);
  else decls.set(`xmlns:${el.name.slice(0, colon)}`, el.ns);
  for (const a of el.attrs) {
    const c = a.name.indexOf(':');
    if (c > 0 && a.name.slice(0, c) !== 'xml') decls.set(`xmlns:${a.name.slice(0, c)}`, a.ns);
  }
  const attrs = [
    ...[...decls].filter(([k, v]) => !(k === 'xmlns' && v === '')).map(([k, v]) => `${k}="${esc(v)}"`),
    ...el.attrs.map((a) => `${a.name}="${esc(a.value)}"`),
  ];
  const open = `<${el.name}${attrs.length ? ` ${attrs.join(' ')}` : ''}`;
  if (!el.children.length && !el.text) return `${open}/>`;
  return `${open}>${esc(el.text)}${el.children.map(serialize).join('')}</${el.name}>`;
}

type TreeEdit =
  | { op: 'delete'; at: number }
  | { op: 'duplicate'; at: number }
  | { op: 'swap'; at: number; with: number }
  | { op: 'move'; at: number; to: number }
  | { op: 'setAttr'; at: number; attr: number; value: string | number }
  | { op: 'dropAttr'; at: number; attr: number }
  | { op: 'setText'; at: number; text: string };

const arbValue = fc.oneof(
  { weight: 4, arbitrary: fc.nat() }, // an index into the values used in the document
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '1',
      '2',
      '0',
      '-1',
      '',
      'true',
      'false',
      '7',
      '8',
      '6',
      'Default',
      'Mirror',
      'Witness',
      'UserStore',
      'Registrar',
      'EdgeServer',
      'PstnGateway',
      'MediationServer',
      'FileStore',
      'WacService',
      'x.contoso.com',
      '99999999999999999999',
      '1e3',
      'NaN',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

const arbTreeEdit: fc.Arbitrary<TreeEdit> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
  { weight: 4, arbitrary: fc.record({ op: fc.constant('setAttr' as const), at: fc.nat(), attr: fc.nat(), value: arbValue }) },
  fc.record({ op: fc.constant('dropAttr' as const), at: fc.nat(), attr: fc.nat() }),
  fc.record({
    op: fc.constant('setText' as const),
    at: fc.nat(),
    text: fc.oneof(arbValue.map(String), fc.constantFrom(...HOSTILE_NAMES)),
  }),
) as fc.Arbitrary<TreeEdit>;

function applyTreeEdits(sample: XmlElement, edits: readonly TreeEdit[]): XmlElement {
  const root = clone(sample);
  const values = [...new Set(elementsOf(root).flatMap(({ el }) => el.attrs.map((a) => a.value)))];
  for (const e of edits) {
    const all = elementsOf(root);
    const { el, parent } = all[e.at % all.length]!;
    switch (e.op) {
      case 'delete':
        if (parent) parent.children.splice(parent.children.indexOf(el), 1);
        break;
      case 'duplicate':
        if (parent) parent.children.splice(parent.children.indexOf(el), 0, clone(el));
        break;
      case 'swap': {
        if (!parent || parent.children.length < 2) break;
        const i = parent.children.indexOf(el);
        const j = e.with % parent.children.length;
        [parent.children[i], parent.children[j]] = [parent.children[j]!, parent.children[i]!];
        break;
      }
      case 'move': {
        const target = all[e.to % all.length]!.el;
        if (!parent || target === el || elementsOf(el).some((x) => x.el === target)) break;
        parent.children.splice(parent.children.indexOf(el), 1);
        target.children.push(el);
        break;
      }
      case 'setAttr':
        if (el.attrs.length)
          el.attrs[e.attr % el.attrs.length]!.value =
            typeof e.value === 'number' ? (values[e.value % values.length] ?? '') : e.value;
        break;
      case 'dropAttr':
        if (el.attrs.length) el.attrs.splice(e.attr % el.attrs.length, 1);
        break;
      case 'setText':
        el.text = e.text;
        break;
    }
  }
  return root;
}

type ByteEdit = { at: number; value: number };

function encode(text: string, utf16: boolean, byteEdits: readonly ByteEdit[]): Uint8Array {
  let bytes: Uint8Array;
  if (utf16) {
    bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      bytes[2 + i * 2] = c & 0xff;
      bytes[3 + i * 2] = c >> 8;
    }
  } else bytes = new TextEncoder().encode(text);
  for (const e of byteEdits) if (bytes.length) bytes[e.at % bytes.length] = e.value;
  return bytes;
}

const INSERTS = [
  '&lol;',
  '&xxe;',
  '&#0;',
  '&#xD800;',
  '&#x110000;',
  '&#65;',
  '&amp;amp;',
  '&',
  '<!DOCTYPE Topology [<!ENTITY a "b">]>',
  '<!DOCTYPE Topology SYSTEM "http://127.0.0.1:1/x.dtd">',
  '<!ENTITY % p SYSTEM "file:///etc/passwd">',
  '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/>',
  '<?xml-stylesheet href="http://127.0.0.1:1/x.xsl"?>',
  '<![CDATA[]]>',
  ']]>',
  '\u0000',
  '\uFEFF',
  '\u202E',
];

describe('importTopologyXml on edited samples', () => {
  it('structural edits (delete, duplicate, swap, move elements; change or drop attributes)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: SAMPLE_TREES.length - 1 }),
        fc.array(arbTreeEdit, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('text', 'utf8', 'utf16'),
        (s, edits, form) => {
          const xml = `<?xml version="1.0" encoding="utf-8"?>\n${serialize(applyTreeEdits(SAMPLE_TREES[s]!, edits))}`;
          importChecked(form === 'text' ? xml : encode(xml, form === 'utf16', []));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('structural edits, then entities inserted and bytes damaged', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: SAMPLE_TREES.length - 1 }),
        fc.array(arbTreeEdit, { maxLength: 3 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...INSERTS)), { maxLength: 2 }),
        fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 3 }),
        fc.boolean(),
        (s, edits, inserts, bytes, utf16) => {
          let xml = serialize(applyTreeEdits(SAMPLE_TREES[s]!, edits));
          for (const [where, what] of inserts) {
            const at = Math.floor(where * xml.length);
            xml = xml.slice(0, at) + what + xml.slice(at);
          }
          importChecked(encode(xml, utf16, bytes));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the unedited samples, re-serialised, still import (the serialiser is faithful)', () => {
    for (const tree of SAMPLE_TREES) {
      const r = importChecked(serialize(tree));
      expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    }
  });
});

// ---------------------------------------------------------------- safety limits (issue 9, part 2)

describe('XML is parsed safely: no DTD, no entity expansion, nothing fetched', () => {
  const fetchCalls: unknown[] = [];
  beforeEach(() => {
    fetchCalls.length = 0;
    vi.stubGlobal('fetch', (...args: unknown[]) => {
      fetchCalls.push(args);
      return Promise.reject(new Error('no network in tests'));
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const open = `<Topology xmlns="${TOPOLOGY_NS}">`;
  const attacks: [string, string, ImportError['tag']][] = [
    [
      'billion laughs',
      `<?xml version="1.0"?><!DOCTYPE Topology [<!ENTITY a "${'x'.repeat(100)}">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${`&${i ? 'b'.repeat(i) : 'a'};`.repeat(10)}">`).join('')}]>${open}&bbbbbbbbb;</Topology>`,
      'unsafeXml',
    ],
    [
      'external entity (file)',
      `<!DOCTYPE Topology [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${open}<Sites><CentralSite SiteId="1"><Name>&xxe;</Name></CentralSite></Sites></Topology>`,
      'unsafeXml',
    ],
    [
      'external entity (http)',
      `<!DOCTYPE Topology [<!ENTITY xxe SYSTEM "http://127.0.0.1:1/secret">]>${open}&xxe;</Topology>`,
      'unsafeXml',
    ],
    [
      'parameter entity',
      `<!DOCTYPE Topology [<!ENTITY % p SYSTEM "http://127.0.0.1:1/evil.dtd"> %p;]>${open}</Topology>`,
      'unsafeXml',
    ],
    ['external DTD', `<!DOCTYPE Topology SYSTEM "http://127.0.0.1:1/topology.dtd">${open}</Topology>`, 'unsafeXml'],
    ['public DTD', `<!DOCTYPE Topology PUBLIC "-//X//Y" "http://127.0.0.1:1/t.dtd">${open}</Topology>`, 'unsafeXml'],
    ['undeclared entity', `${open}<Sites><CentralSite SiteId="1"><Name>&xxe;</Name></CentralSite></Sites></Topology>`, 'notXml'],
    ['entity in an attribute', `${open}<Clusters><Cluster Fqdn="&xxe;"/></Clusters></Topology>`, 'notXml'],
    ['a NUL reference', `${open}<Sites><CentralSite SiteId="1"><Name>&#0;</Name></CentralSite></Sites></Topology>`, 'notXml'],
  ];
  for (const [what, xml, tag] of attacks) {
    it(`${what} → ${tag}, nothing fetched`, () => {
      const r = importChecked(xml);
      expect(r.ok || r.error.tag).toBe(tag);
      expect(fetchCalls).toEqual([]);
    });
  }

  it('XInclude and stylesheet instructions are inert: never followed, nothing fetched', () => {
    const sample = serialize(SAMPLE_TREES[0]!);
    const xml = `<?xml version="1.0"?><?xml-stylesheet href="http://127.0.0.1:1/x.xsl"?>${sample.replace(/<\/([A-Za-z]+)>$/, '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/></$1>')}`;
    const r = importChecked(xml);
    if (r.ok) expect(JSON.stringify(r.value)).not.toMatch(/root:|passwd/);
    expect(fetchCalls).toEqual([]);
  });

  it('the importer sources have no way to reach the network, the file system or a native XML parser', () => {
    const sources = fs
      .readdirSync(HERE)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('-test-kit.ts'));
    expect(sources.length).toBeGreaterThan(3);
    for (const f of sources) {
      const text = fs.readFileSync(path.join(HERE, f), 'utf8');
      expect(text, f).not.toMatch(
        /\bfetch\s*\(|XMLHttpRequest|DOMParser|XMLSerializer|from\s+['"]node:|require\s*\(|import\s*\(\s*['"]http|new\s+Worker/,
      );
    }
  });

  it(`a document over ${LIMITS.maxXmlChars.toLocaleString('en-US')} characters is refused before parsing, with the limit named`, () => {
    const huge = `${open}${'<!-- x -->'.repeat(LIMITS.maxXmlChars / 10 + 1)}</Topology>`;
    const r = importTopologyXml(huge);
    expect(r.ok || r.error.tag).toBe('tooLarge');
    if (!r.ok) expect(r.error.message).toContain(LIMITS.maxXmlChars.toLocaleString('en-US'));
  });

  it('200,001 elements and 101 levels of nesting are refused as tooLarge', () => {
    const many = `${open}${'<a/>'.repeat(200_001)}</Topology>`;
    const r = importTopologyXml(many);
    expect(r.ok || r.error.tag).toBe('tooLarge');
    const deep = importTopologyXml(`${open}${'<a>'.repeat(101)}${'</a>'.repeat(101)}</Topology>`);
    expect(deep.ok || deep.error.tag).toBe('tooLarge');
  });
});
