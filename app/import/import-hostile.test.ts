/**
 * Hostile and broken input: every case gives a clear tagged error (or a valid topology)
 * and never a hang or a crash (how fast hostile XML is refused: limits/import-* in npm run bench).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../model/limits';
import { parseTopology } from '../model/parse';
import { FIXTURE, FIXTURE_FILES, fixtureBytes, fixtureText } from './fixture-test-kit';
import { importTopologyXml, type ImportError } from './index';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** Property tests get time in proportion to their runs (FUZZ_RUNS=10000 for a long fuzz). */
const FUZZ_TIMEOUT = Math.max(10_000, RUNS * 40);
const SAMPLE_FILES = FIXTURE_FILES;
const bytesOf = fixtureBytes;
const textOf = fixtureText;
const TAGS: ImportError['tag'][] = ['notXml', 'notTopologyBuilder', 'tooLarge', 'unsafeXml', 'invalidResult'];

function refused(input: string | Uint8Array): ImportError {
  const r = importTopologyXml(input);
  if (r.ok) throw new Error('expected the import to be refused');
  expect(r.error.message.length).toBeGreaterThan(10);
  expect(r.error.message).not.toMatch(/[\n\r]/);
  return r.error;
}

/** Either a refusal with a known tag, or a topology that passes the one loader. */
function wellBehaved(input: string | Uint8Array): void {
  const r = importTopologyXml(input);
  if (!r.ok) {
    expect(TAGS).toContain(r.error.tag);
    // invalidResult would be a defect of the importer: a mutated document must not produce it.
    expect(r.error.tag).not.toBe('invalidResult');
    return;
  }
  expect(parseTopology(r.value.topology).ok).toBe(true);
  for (const w of r.value.warnings) expect(`${w.where ?? ''}${w.message}`).not.toMatch(/[\n\r\u2028\u2029]/);
}

describe('not a Topology Builder document', () => {
  it.each([
    ['empty text', ''],
    ['white space', ' \r\n\t '],
    ['a byte-order mark alone', '\uFEFF'],
    ['plain text', 'Skype for Business topology'],
    ['a topology JSON document', '{"format":"sfb-topology","version":1}'],
  ])('%s → notXml', (_what, input) => {
    expect(refused(input).tag).toBe('notXml');
  });

  it('empty bytes, a PNG and random binary → notXml', () => {
    expect(refused(new Uint8Array()).tag).toBe('notXml');
    expect(refused(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])).tag).toBe('notXml');
    expect(refused(new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0xff, 0xfe])).tag).toBe('notXml');
  });

  it('XML with another root element → notTopologyBuilder', () => {
    const e = refused('<?xml version="1.0"?><configuration><appSettings/></configuration>');
    expect(e.tag).toBe('notTopologyBuilder');
    expect(e.message).toMatch(/<configuration>/);
  });
});

describe('attacks', () => {
  it('billion laughs (entity expansion) → unsafeXml, immediately', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE Topology [\n<!ENTITY lol0 "lol">\n${levels}\n]>\n<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008">&lol9;</Topology>`;
    const e = refused(xml);
    expect(e.tag).toBe('unsafeXml');
    expect(e.message).toMatch(/entit/);
  });

  it('an external entity (SYSTEM "file:///etc/passwd") → unsafeXml, nothing read', () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE Topology [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"><Sites><CentralSite SiteId="1"><Name>&xxe;</Name></CentralSite></Sites></Topology>';
    const e = refused(xml);
    expect(e.tag).toBe('unsafeXml');
    expect(e.message).not.toMatch(/root:/);
  });

  it('an undeclared entity reference (no DOCTYPE) → notXml, never resolved', () => {
    const e = refused(
      '<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"><Sites><CentralSite SiteId="1"><Name>&xxe;</Name></CentralSite></Sites></Topology>',
    );
    expect(e.tag).toBe('notXml');
    expect(e.message).toMatch(/unknown entity "&xxe;"/);
  });

  it('a document over the size cap → tooLarge, before any parsing', () => {
    const huge = `<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008">${' '.repeat(LIMITS.maxXmlChars)}</Topology>`;
    expect(refused(huge).tag).toBe('tooLarge');
    const bytes = new Uint8Array(LIMITS.maxXmlChars + 10).fill(0x20);
    bytes.set(new TextEncoder().encode('<Topology>'), 0);
    expect(refused(bytes).tag).toBe('tooLarge');
  });

  it('deeply nested elements → tooLarge', () => {
    const e = refused(`<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008">${'<Sites>'.repeat(200_000)}`);
    expect(e.tag).toBe('tooLarge');
    expect(e.message).toMatch(/nested deeper/);
  });

  it('more pools than a design can hold → tooLarge', () => {
    const clusters = Array.from(
      { length: LIMITS.maxNodes + 1 },
      (_, i) => `<Cluster Fqdn="c${i}.x.com"><ClusterId SiteId="1" Number="${i}"/></Cluster>`,
    ).join('');
    const services = Array.from(
      { length: LIMITS.maxNodes + 1 },
      (_, i) =>
        `<Service><ServiceId SiteId="1" RoleName="EdgeServer" Instance="${i}"/><InstalledOn><ClusterId SiteId="1" Number="${i}"/></InstalledOn></Service>`,
    ).join('');
    const e = refused(
      `<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"><Sites><CentralSite SiteId="1"><Name>S</Name></CentralSite></Sites><Clusters>${clusters}</Clusters><Services>${services}</Services></Topology>`,
    );
    expect(e.tag).toBe('tooLarge');
    expect(e.message).toMatch(/too large: nodes: has 10,001 entries; the limit is 10,000/);
  });
});

describe('broken Topology Builder documents (the fixtures)', () => {
  it.each(SAMPLE_FILES)(
    '%s cut short at 150 points → a notXml error that says so',
    (name) => {
      const bytes = bytesOf(name);
      const text = textOf(name);
      const lastTag = text.lastIndexOf('<');
      for (let k = 1; k <= 150; k++) {
        const cut = Math.floor((lastTag * k) / 151);
        const e = refused(text.slice(0, cut));
        expect(e.tag, `cut at ${cut}`).toBe('notXml');
        expect(e.message, `cut at ${cut}`).toMatch(/cut short|is not closed|not XML: the document is empty/);
        // The same on the bytes (UTF-16 cut at an odd byte is its own message).
        const byteCut = Math.floor((bytes.length * k) / 152);
        expect(refused(bytes.subarray(0, byteCut)).tag).toBe('notXml');
      }
    },
    30_000,
  );

  it.each(SAMPLE_FILES)(
    '%s with random mutations → always a Result, never a throw',
    (name) => {
      const text = textOf(name);
      const mutation = fc.oneof(
        // delete a range
        fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.nat({ max: 200 }) }),
        // insert markup or junk
        fc.record({
          kind: fc.constant('insert' as const),
          at: fc.nat(),
          what: fc.oneof(
            fc.string({ maxLength: 20 }),
            fc.constantFrom(
              '<',
              '>',
              '</Cluster>',
              '<Cluster>',
              '&',
              '&amp;',
              '&#0;',
              '"',
              "'",
              '<!DOCTYPE x [<!ENTITY a "b">]>',
              '<![CDATA[',
              ']]>',
              '<!--',
              'xmlns:p="u"',
              '<p:x/>',
              '\u0000',
              '\uFEFF',
              '$(whoami)',
              '\u202E',
            ),
          ),
        }),
        // duplicate a slice somewhere else (repeated clusters, services, ids)
        fc.record({ kind: fc.constant('duplicate' as const), from: fc.nat(), len: fc.nat({ max: 2_000 }), to: fc.nat() }),
        // change attribute values that drive the mapping
        fc.record({
          kind: fc.constant('replace' as const),
          needle: fc.constantFrom(
            'ServiceVersion="7"',
            'IsDirector="false"',
            'Name="rtc"',
            'RoleName="UserStore"',
            'RoleName="Registrar"',
            'SiteId="1"',
            'Number="1"',
            'Usage="Default"',
            'IsExternal="false"',
            'Fqdn="',
          ),
          by: fc.constantFrom(
            'ServiceVersion="8"',
            'IsDirector="true"',
            'Name=""',
            'RoleName="Mystery"',
            'RoleName="PstnGateway"',
            'SiteId="2"',
            'Number="2"',
            'Usage="Mirror"',
            'IsExternal="true"',
            'Fqdn="$x.',
            'Fqdn="',
          ),
        }),
      );
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
          let t = text;
          for (const m of mutations) t = mutateOne(t, m);
          wellBehaved(t);
        }),
        { numRuns: RUNS },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'random byte damage in the UTF-16 fixture → always a Result',
    () => {
      const bytes = bytesOf(FIXTURE.standardEditionUtf16);
      fc.assert(
        fc.property(
          fc.array(fc.record({ at: fc.nat({ max: bytes.length - 1 }), value: fc.integer({ min: 0, max: 255 }) }), {
            minLength: 1,
            maxLength: 8,
          }),
          (edits) => {
            const copy = bytes.slice();
            for (const e of edits) copy[e.at] = e.value;
            wellBehaved(copy);
          },
        ),
        { numRuns: RUNS },
      );
    },
    FUZZ_TIMEOUT,
  );
});

type Mutation =
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'insert'; at: number; what: string }
  | { kind: 'duplicate'; from: number; len: number; to: number }
  | { kind: 'replace'; needle: string; by: string };

function mutateOne(t: string, m: Mutation): string {
  const at = (n: number) => (t.length === 0 ? 0 : n % (t.length + 1));
  switch (m.kind) {
    case 'delete': {
      const a = at(m.at);
      return t.slice(0, a) + t.slice(a + m.len);
    }
    case 'insert': {
      const a = at(m.at);
      return t.slice(0, a) + m.what + t.slice(a);
    }
    case 'duplicate': {
      const from = at(m.from);
      const piece = t.slice(from, from + m.len);
      const to = at(m.to);
      return t.slice(0, to) + piece + t.slice(to);
    }
    case 'replace':
      return t.split(m.needle).join(m.by);
  }
}
