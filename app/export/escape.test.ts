import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../import/xml';
import { HOSTILE_STRINGS } from '../model/arbitrary-test-kit';
import { displayText, escapeXml, jsonForXml, unescapeXml } from './escape';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** Property tests share two cores with other work: allow time in proportion to the runs. */
const PROPERTY_TIMEOUT = 20_000 + RUNS * 100;
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

describe('escapeXml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeXml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&apos;y&apos;&gt;&amp;&lt;/a&gt;');
    expect(escapeXml(']]><script>')).toBe(']]&gt;&lt;script&gt;');
  });
  it('keeps line breaks and tabs as references; replaces what XML cannot carry', () => {
    expect(escapeXml('a\nb\tc\rd')).toBe('a&#10;b&#9;c&#13;d');
    expect(escapeXml('nul\u0000 bell\u0007 lone\ud800 pair\ud83c\udfe2 \uffff')).toBe(
      'nul\ufffd bell\ufffd lone\ufffd pair\ud83c\udfe2 \ufffd',
    );
  });
  it(
    'any string, escaped, is well-formed text and attribute content that reads back the same (bar forbidden characters)',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 60 }),
            fc.string({ maxLength: 60 }),
            fc.constantFrom(...HOSTILE_STRINGS),
          ),
          (s) => {
            const e = escapeXml(s);
            expect(e).not.toMatch(/[<>"']/);
            expect(e).not.toMatch(XML_FORBIDDEN);
            const tree = parseXml(`<r a="${e}" b='${e}'>${e}</r>`);
            expect(tree.ok).toBe(true);
            if (!tree.ok) return;
            const expected = s.replace(
              /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
              '\ufffd',
            );
            expect(tree.value.attrs.find((a) => a.local === 'a')?.value).toBe(expected);
            expect(tree.value.attrs.find((a) => a.local === 'b')?.value).toBe(expected);
            expect(unescapeXml(e)).toBe(expected);
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('jsonForXml', () => {
  it(
    'is JSON for the same value, with no <, >, & or XML-forbidden characters',
    () => {
      fc.assert(
        fc.property(fc.jsonValue(), fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: 'binary' }), (v, hostile, s) => {
          const value = { v, hostile, s, odd: '\ufffe\uffff\u2028\u0085' };
          const text = jsonForXml(value);
          expect(text).not.toMatch(/[<>&]/);
          expect(text).not.toMatch(XML_FORBIDDEN);
          expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('displayText', () => {
  it('flattens lines and controls, drops bidi overrides, cuts long text', () => {
    expect(displayText('a\nb\r\n\tc\u0000d')).toBe('a b c d');
    expect(displayText('\u202Egnp.exe\u202C file')).toBe('gnp.exe file');
    const long = displayText('x'.repeat(10_000), 50);
    expect(Array.from(long)).toHaveLength(50);
    expect(long.endsWith('…')).toBe(true);
    expect(displayText('🏢'.repeat(10), 5)).toBe('🏢🏢🏢🏢…');
  });
});
