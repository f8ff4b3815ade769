import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeXmlBytes, parseXml, XML_LIMITS, type XmlElement } from './xml';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const FUZZ_TIMEOUT = Math.max(10_000, RUNS * 20);

function parsed(text: string): XmlElement {
  const r = parseXml(text);
  if (!r.ok) throw new Error(`expected XML to parse: ${r.error.message}`);
  return r.value;
}

function failure(text: string) {
  const r = parseXml(text);
  if (r.ok) throw new Error('expected a parse error');
  return r.error;
}

const utf16le = (s: string, bom = true) => {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  let o = 0;
  if (bom) {
    out[o++] = 0xff;
    out[o++] = 0xfe;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[o++] = c & 0xff;
    out[o++] = c >> 8;
  }
  return out;
};
const utf16be = (s: string, bom = true) => {
  const le = utf16le(s, false);
  const out = new Uint8Array((bom ? 2 : 0) + le.length);
  let o = 0;
  if (bom) {
    out[o++] = 0xfe;
    out[o++] = 0xff;
  }
  for (let i = 0; i < le.length; i += 2) {
    out[o++] = le[i + 1]!;
    out[o++] = le[i]!;
  }
  return out;
};

describe('decodeXmlBytes', () => {
  const doc = '<a x="é">ü€😀</a>';
  it('reads UTF-8 with and without BOM', () => {
    const plain = new TextEncoder().encode(doc);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    for (const bytes of [plain, withBom]) {
      const r = decodeXmlBytes(bytes);
      expect(r.ok && r.value.text).toBe(doc);
      expect(r.ok && r.value.encoding).toBe('utf-8');
    }
  });

  it('reads UTF-16 LE and BE, with a BOM or recognised by the NUL byte', () => {
    const cases: [Uint8Array, string][] = [
      [utf16le(doc), 'utf-16le'],
      [utf16le(doc, false), 'utf-16le'],
      [utf16be(doc), 'utf-16be'],
      [utf16be(doc, false), 'utf-16be'],
    ];
    for (const [bytes, encoding] of cases) {
      const r = decodeXmlBytes(bytes);
      expect(r.ok && r.value.text, encoding).toBe(doc);
      expect(r.ok && r.value.encoding).toBe(encoding);
    }
  });

  it('refuses invalid UTF-8 and UTF-16 cut in the middle of a character', () => {
    const bad = decodeXmlBytes(new Uint8Array([0x3c, 0x61, 0xff, 0xfe, 0xfd, 0x3e]));
    expect(!bad.ok && bad.error.tag).toBe('notXml');
    const odd = decodeXmlBytes(utf16le(doc).subarray(0, 9));
    expect(!odd.ok && odd.error.message).toMatch(/odd number of bytes/);
  });

  it('refuses a text longer than the limit, before parsing', () => {
    const big = new Uint8Array(XML_LIMITS.maxChars + 1).fill(0x20);
    big[0] = 0x3c;
    const started = Date.now();
    const r = decodeXmlBytes(big);
    expect(!r.ok && r.error.tag).toBe('tooLarge');
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('parseXml: well-formed documents', () => {
  it('reads elements, attributes, text, CDATA, comments and processing instructions', () => {
    const root = parsed(
      '<?xml version="1.0" encoding="utf-8"?>\n<!-- c --><r a="1" b=\'two\'><?pi data?><c>text<![CDATA[ <raw> & ]]>more</c><!-- inner --><d/></r>\n<!-- after -->',
    );
    expect(root.local).toBe('r');
    expect(root.attrs.map((a) => [a.name, a.value])).toEqual([
      ['a', '1'],
      ['b', 'two'],
    ]);
    expect(root.children.map((c) => c.local)).toEqual(['c', 'd']);
    expect(root.children[0]!.text).toBe('text <raw> & more');
  });

  it('decodes the five predefined entities and numeric references, nothing else', () => {
    const root = parsed('<r v="&lt;&gt;&amp;&apos;&quot;&#65;&#x42;&#x1F600;">&lt;x&gt; &#233;</r>');
    expect(root.attrs[0]!.value).toBe(`<>&'"AB😀`);
    expect(root.text).toBe('<x> é');
    expect(failure('<r>&nbsp;</r>').message).toMatch(/unknown entity "&nbsp;"/);
    expect(failure('<r>&#0;</r>').message).toMatch(/character XML does not allow/);
    expect(failure('<r>&#xD800;</r>').message).toMatch(/character XML does not allow/);
    expect(failure('<r>AT&T</r>').message).toMatch(/"&"/);
  });

  it('normalises CRLF and CR to LF and white space in attribute values to spaces', () => {
    const root = parsed('<r a="x\r\ny\tz">l1\r\nl2\rl3</r>');
    expect(root.attrs[0]!.value).toBe('x y z');
    expect(root.text).toBe('l1\nl2\nl3');
  });

  it('resolves namespaces per element: default namespaces that flip inside a subtree, prefixes, unbinding', () => {
    const root = parsed(
      '<A xmlns="urn:a" xmlns:p="urn:p"><B xmlns="urn:b"><C/><p:D p:x="1" y="2"/></B><E/><F xmlns=""><G/></F><p:H xmlns:p="urn:p2"/></A>',
    );
    const [b, e, f, h] = root.children;
    expect(root.ns).toBe('urn:a');
    expect(b!.ns).toBe('urn:b');
    expect(b!.children[0]!.ns).toBe('urn:b');
    const d = b!.children[1]!;
    expect([d.local, d.ns]).toEqual(['D', 'urn:p']);
    expect(d.attrs.map((a) => [a.local, a.ns])).toEqual([
      ['x', 'urn:p'],
      ['y', ''],
    ]);
    expect(e!.ns).toBe('urn:a');
    expect(f!.ns).toBe('');
    expect(f!.children[0]!.ns).toBe('');
    expect([h!.local, h!.ns]).toEqual(['H', 'urn:p2']);
    // Namespace declarations are not attributes.
    expect(root.attrs).toEqual([]);
  });

  it('records the line of each start tag', () => {
    const root = parsed('<r>\n  <a/>\r\n\r\n  <b/>\n</r>');
    expect(root.line).toBe(1);
    expect(root.children.map((c) => c.line)).toEqual([2, 4]);
  });
});

describe('parseXml: refusals', () => {
  it.each([
    ['', 'empty'],
    ['   \n ', 'empty'],
    ['hello', 'does not begin with an element'],
    ['{"format":"sfb-topology"}', 'does not begin with an element'],
    ['<a>', 'ends before <a>'],
    ['<a><b></a>', 'does not match <b>'],
    ['</a>', 'without a matching start tag'],
    ['<a></a><b/>', 'second root element'],
    ['<a/>text', 'text after the end of the root element'],
    ['<a x="1" x="2"/>', 'appears twice'],
    ['<a p:x="1" xmlns:p="u" xmlns:q="u" q:x="2"/>', 'appears twice'],
    ['<a x=1/>', 'in quotes'],
    ['<a x="<"/>', '"<" inside the value'],
    ['<p:a/>', 'prefix "p"'],
    ['<a xmlns:p=""/>', 'empty name'],
    ['<a><!-- open', 'comment is not closed'],
    ['<a><![CDATA[ open', 'CDATA section is not closed'],
    ['<a/><?xml version="1.0"?>', 'must come first'],
    ['<1a/>', 'cannot start with'],
    ['<a b="1"c="2"/>', 'expected a space'],
    ['<a\u0000/>', 'NUL'],
  ])('%j → notXml (%s)', (text, fragment) => {
    const e = failure(text);
    expect(e.tag).toBe('notXml');
    expect(e.message).toContain(fragment);
    expect(e.message).toMatch(/\(line \d+, column \d+\)$/);
  });

  it('refuses every DOCTYPE: entity expansion (billion laughs), external entities and external DTDs', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol9;</lolz>`;
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>';
    const external = '<!DOCTYPE Topology SYSTEM "http://example.invalid/evil.dtd"><Topology/>';
    const plain = '<!DOCTYPE r><r/>';
    for (const [text, fragment] of [
      [laughs, 'declares entities'],
      [xxe, 'declares entities'],
      [external, 'external DTD'],
      [plain, 'has a DOCTYPE'],
    ] as const) {
      const e = failure(text);
      expect(e.tag).toBe('unsafeXml');
      expect(e.message).toContain(fragment);
    }
    // Without a DOCTYPE an entity reference is simply unknown: never expanded, never fetched.
    expect(failure('<r>&xxe;</r>').tag).toBe('notXml');
  });

  it('caps depth, element count, attributes and size, quickly', () => {
    let started = Date.now();
    const deep = failure('<a>'.repeat(1_000_000));
    expect(deep.tag).toBe('tooLarge');
    expect(deep.message).toMatch(/nested deeper than 100 levels/);
    expect(parseXml(`${'<a>'.repeat(XML_LIMITS.maxDepth)}${'</a>'.repeat(XML_LIMITS.maxDepth)}`).ok).toBe(true);

    const many = failure(`<r>${'<a/>'.repeat(XML_LIMITS.maxElements + 1)}</r>`);
    expect(many.tag).toBe('tooLarge');
    expect(many.message).toMatch(/more than 200,000 elements/);

    const attrs = Array.from({ length: XML_LIMITS.maxAttributesPerElement + 1 }, (_, i) => ` a${i}="1"`).join('');
    expect(failure(`<r${attrs}/>`).tag).toBe('tooLarge');

    const huge = failure(`<r>${' '.repeat(XML_LIMITS.maxChars)}</r>`);
    expect(huge.tag).toBe('tooLarge');
    expect(Date.now() - started).toBeLessThan(10_000);

    started = Date.now();
    const longName = failure(`<${'a'.repeat(XML_LIMITS.maxNameChars + 1)}/>`);
    expect(longName.tag).toBe('tooLarge');
    expect(Date.now() - started).toBeLessThan(1_000);
  }, 30_000);

  it('stays linear on inputs that are slow for naive parsers', () => {
    const n = 200_000;
    const inputs = [
      `<r>${'&amp;'.repeat(n)}</r>`,
      `<r a="${'&lt;'.repeat(n)}"/>`,
      `<r>${'<!-- x -->'.repeat(n)}</r>`,
      `<r>${'<![CDATA[x]]>'.repeat(n)}</r>`,
      `<r>${'<a></a>'.repeat(n)}</r>`,
      `<r>${'x'.repeat(5 * n)}`,
      `<r>${'<'.repeat(n)}</r>`,
      `<r xmlns:p="u">${'<p:a p:b="1"/>'.repeat(n / 2)}</r>`,
    ];
    for (const text of inputs) {
      const started = Date.now();
      parseXml(text);
      expect(Date.now() - started, text.slice(0, 30)).toBeLessThan(3_000);
    }
  }, 30_000);
});

describe('parseXml: properties', () => {
  const ALPHABET = [
    '<',
    '>',
    '/',
    '?',
    '!',
    '-',
    '[',
    ']',
    '&',
    ';',
    '#',
    'x',
    '"',
    "'",
    '=',
    ' ',
    '\n',
    'a',
    'b',
    ':',
    'xmlns',
    'CDATA',
    'DOCTYPE',
    'ENTITY',
    '\u0000',
    '\uFEFF',
    'é',
    '😀',
  ];
  it(
    'never throws on random text: always a Result with a known tag',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ maxLength: 300 }),
            fc.array(fc.constantFrom(...ALPHABET), { maxLength: 200 }).map((a) => a.join('')),
          ),
          (text) => {
            const r = parseXml(text);
            if (!r.ok) expect(['notXml', 'unsafeXml', 'tooLarge']).toContain(r.error.tag);
          },
        ),
        { numRuns: RUNS },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'round-trips escaped text and attribute values',
    () => {
      const esc = (s: string) =>
        s
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/"/g, '&quot;')
          .replace(/\r/g, '&#13;')
          .replace(/\t/g, '&#9;')
          .replace(/\n/g, '&#10;');
      // Characters XML allows (no C0 controls but tab, LF, CR; no lone surrogates).
      const xmlText = fc
        .string({ unit: 'grapheme', maxLength: 60 })
        .map((s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
      fc.assert(
        fc.property(xmlText, xmlText, (value, text) => {
          const root = parsed(`<r v="${esc(value)}">${esc(text)}</r>`);
          expect(root.attrs[0]!.value).toBe(value);
          expect(root.text).toBe(text);
        }),
        { numRuns: RUNS },
      );
    },
    FUZZ_TIMEOUT,
  );
});
