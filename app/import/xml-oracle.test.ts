/**
 * Our XML reader against saxes, a maintained, strict, namespace-aware parser, used as the
 * oracle: on the project's fixtures, random well-formed documents and damaged copies of
 * both, they give the same tree or both refuse (Topology Builder exports are compared in
 * app/export/topology-builder/export-xml-oracle.test.ts).
 * fast-xml-parser is checked the same way on well-formed documents: it is the other
 * candidate the importer could switch to, and the bench (`npm run bench -- --only xml/`)
 * times the three.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIXTURE_FILES, fixtureBytes } from './fixture-test-kit';
import { decodeXmlBytes } from './xml';
import { compareWithOracle, parseWithFastXmlParser, type parseWithSaxes } from '../../scripts/xml-oracles';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

function fixtureTexts(): [string, string][] {
  return FIXTURE_FILES.map((f) => {
    const r = decodeXmlBytes(fixtureBytes(f));
    if (!r.ok) throw new Error(`${f}: ${r.error.message}`);
    return [f, r.value.text];
  });
}

/** Same tree, or both refuse. Returns whether it was accepted. */
function agree(text: string, other?: typeof parseWithSaxes): boolean {
  const r = compareWithOracle(text, other);
  expect(r.problem).toBeUndefined();
  return r.accepted;
}

// ---------------------------------------------------------------- random well-formed XML

const NAME = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/).filter((n) => !/^xml/i.test(n));
const PREFIXES = ['a', 'tb', 'r'] as const;
const URIS = [
  'urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008',
  'urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008',
  'urn:x',
] as const;
/** Text as written in the file: plain characters, the five entities, character references, CRLF. */
const RAW_TEXT = fc
  .array(
    fc.oneof(
      fc.stringMatching(/^[^<&\r]{0,6}$/),
      fc.constantFrom(
        '&lt;',
        '&gt;',
        '&amp;',
        '&apos;',
        '&quot;',
        '&#65;',
        '&#x1F600;',
        '&#xE9;',
        '\r\n',
        '\r',
        '\t',
        ' ',
        ']]',
        'é',
        '漢',
      ),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''))
  // "]]>" may not appear in character data, nor be made by two pieces side by side.
  .filter((t) => !t.includes(']]>') && !t.endsWith(']') && !t.startsWith('>'));
const RAW_ATTR = RAW_TEXT.map((t) => t.replace(/"/g, '&quot;'));

interface Spec {
  prefix: string | undefined;
  name: string;
  declare: { prefix: string; uri: string }[];
  defaultNs: string | undefined;
  attrs: { name: string; value: string }[];
  content: (Spec | { text: string } | { cdata: string } | { comment: string })[];
}

const arbElement: fc.Memo<Spec> = fc.memo((depth) =>
  fc.record({
    prefix: fc.option(fc.constantFrom(...PREFIXES), { nil: undefined }),
    name: NAME,
    declare: fc.uniqueArray(fc.record({ prefix: fc.constantFrom(...PREFIXES), uri: fc.constantFrom(...URIS) }), {
      selector: (d) => d.prefix,
      maxLength: 2,
    }),
    defaultNs: fc.option(fc.constantFrom(...URIS, ''), { nil: undefined }),
    attrs: fc.uniqueArray(fc.record({ name: NAME, value: RAW_ATTR }), { selector: (a) => a.name, maxLength: 3 }),
    content:
      depth <= 1
        ? fc.array(
            fc.oneof(
              fc.record({ text: RAW_TEXT }),
              fc.record({ cdata: fc.string({ maxLength: 8 }).filter((s) => !s.includes(']]>') && !s.includes('\r')) }),
            ),
            { maxLength: 2 },
          )
        : fc.array(
            fc.oneof(
              { weight: 3, arbitrary: arbElement(depth - 1) },
              { weight: 2, arbitrary: fc.record({ text: RAW_TEXT }) },
              {
                weight: 1,
                arbitrary: fc.record({
                  cdata: fc.string({ maxLength: 8 }).filter((s) => !s.includes(']]>') && !s.includes('\r')),
                }),
              },
              { weight: 1, arbitrary: fc.record({ comment: fc.stringMatching(/^[^-]{0,8}$/) }) },
            ),
            { maxLength: 4 },
          ),
  }),
);

/** Writes the spec; every prefix it uses is declared on the root, so the document is namespace-well-formed. */
function write(spec: Spec, isRoot: boolean, space: string): string {
  const decls = isRoot
    ? PREFIXES.map((p, i) => ` xmlns:${p}="${URIS[i]}"`).join('')
    : spec.declare.map((d) => ` xmlns:${d.prefix}="${d.uri}"`).join('');
  const dflt = spec.defaultNs === undefined ? '' : ` xmlns="${spec.defaultNs}"`;
  const attrs = spec.attrs.map((a) => `${space}${a.name}${space ? '=' : '='}"${a.value}"`).join('');
  const name = spec.prefix ? `${spec.prefix}:${spec.name}` : spec.name;
  const inner = spec.content
    .map((c) =>
      'text' in c
        ? c.text
        : 'cdata' in c
          ? `<![CDATA[${c.cdata}]]>`
          : 'comment' in c
            ? `<!--${c.comment}-->`
            : write(c, false, space),
    )
    .join('');
  return inner === ''
    ? `<${name}${decls}${dflt}${attrs}${space}/>`
    : `<${name}${decls}${dflt}${attrs}>${inner}</${name}${space.trim() === '' ? space : ''}>`;
}

const arbDocument = fc
  .record({
    root: arbElement(4),
    declaration: fc.constantFrom('', '<?xml version="1.0" encoding="utf-8"?>\r\n', '<?xml version="1.0"?>'),
    space: fc.constantFrom(' ', '\n  ', '\t'),
    bom: fc.boolean(),
  })
  .map(({ root, declaration, space, bom }) => `${bom ? '\uFEFF' : ''}${declaration}${write(root, true, space)}\n`);

/** Damage that keeps the text a string: a cut, a deleted or duplicated slice, a character inserted. */
const arbDamage = fc.record({
  kind: fc.constantFrom('cut', 'delete', 'duplicate', 'insert'),
  at: fc.nat(),
  length: fc.integer({ min: 1, max: 12 }),
  insert: fc.constantFrom(
    '<',
    '>',
    '&',
    '"',
    "'",
    '/',
    '=',
    ':',
    '<!DOCTYPE x>',
    '&foo;',
    '&#0;',
    ']]>',
    '<?xml version="1.0"?>',
    ' ',
    'xmlns:q=""',
    '\u0000',
  ),
});

function damage(text: string, d: { kind: string; at: number; length: number; insert: string }): string {
  const at = d.at % Math.max(1, text.length);
  switch (d.kind) {
    case 'cut':
      return text.slice(0, at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + d.length);
    case 'duplicate':
      return text.slice(0, at + d.length) + text.slice(at, at + d.length) + text.slice(at + d.length);
    default:
      return text.slice(0, at) + d.insert + text.slice(at);
  }
}

describe('our XML reader and saxes give the same tree, or both refuse', () => {
  it.each(fixtureTexts())('fixture %s', (_name, text) => {
    // The truncated fixture is refused by both; the others read alike.
    agree(text);
  });

  it('random well-formed documents: namespaces, entities, character references, CDATA, comments, CRLF, a BOM', () => {
    fc.assert(
      fc.property(arbDocument, (text) => {
        expect(agree(text)).toBe(true);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('damaged documents: the same verdict, and the same tree when both still accept', () => {
    const bases = fixtureTexts().map(([, t]) => t);
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...bases), arbDocument),
        fc.array(arbDamage, { minLength: 1, maxLength: 3 }),
        (text, damages) => {
          agree(damages.reduce(damage, text));
        },
      ),
      { numRuns: RUNS * 5 },
    );
  }, 300_000);
});

describe('fast-xml-parser, configured as a switch would be, reads well-formed documents as ours does', () => {
  it.each(fixtureTexts().filter(([f]) => !f.startsWith('truncated')))('fixture %s', (_name, text) => {
    expect(agree(text, parseWithFastXmlParser)).toBe(true);
  });

  it('random well-formed documents', () => {
    fc.assert(
      fc.property(arbDocument, (text) => {
        expect(agree(text, parseWithFastXmlParser)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
