/**
 * `topo import` and `topo validate` on Topology Builder documents, through main() as
 * the command line runs them, and the rule engine on every imported sample.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE, FIXTURE_FILES, FIXTURES_DIR, fixtureBytes, TRUNCATED } from '../../import/fixture-test-kit';
import { importTopologyXml } from '../../import/index';
import { enterprisePool, esc, publishedXml, ROLES_NS } from '../../import/xml-test-kit';
import { parseTopology } from '../../model/parse';
import { runRules } from '../../rules/engine';
import { main } from '../main';

const SAMPLES = FIXTURES_DIR;
const SAMPLE_FILES = FIXTURE_FILES;
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'topo-import-'));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

async function topo(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return {
    code,
    out: out.join('\n'),
    errLines: err
      .join('\n')
      .split('\n')
      .filter((l) => l !== ''),
  };
}

function tmpFile(name: string, content: string | Uint8Array): string {
  const file = path.join(TMP, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('topo import', () => {
  it.each(SAMPLE_FILES)('%s: topology JSON on stdout, one "warning:" line per warning on stderr, exit 0', async (name) => {
    const file = path.join(SAMPLES, name);
    const r = await topo('import', file);
    expect(r.code).toBe(0);
    const doc = parseTopology(r.out);
    expect(doc.ok).toBe(true);
    const direct = importTopologyXml(fs.readFileSync(file));
    expect(direct.ok && doc.ok && doc.value).toEqual(direct.ok && direct.value.topology);
    expect(r.errLines.length).toBe(direct.ok ? direct.value.warnings.length : -1);
    for (const line of r.errLines) expect(line).toMatch(/^warning: \S/);
  });

  it('unusable input: exit 2, one line on stderr that names the file and the problem, nothing on stdout', async () => {
    const cases: [string[], RegExp][] = [
      [['import'], /expected one Topology Builder file \(usage: import/],
      [['import', 'a.xml', 'b.xml'], /expected one/],
      [['import', '--json', 'a.xml'], /unknown option --json/],
      [['import', path.join(TMP, 'missing.xml')], /missing\.xml: no such file/],
      [['import', TMP], /is a folder, not a file/],
      [['import', tmpFile('topology.json', '{"format":"sfb-topology","version":1}')], /topology\.json: not XML/],
      [['import', tmpFile('cut.xml', fixtureBytes(TRUNCATED))], /cut\.xml: not well-formed XML: .*cut short/],
      [['import', tmpFile('html.xml', '<html/>')], /root element is <html>/],
      [['import', tmpFile('xxe.xml', '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')], /declares entities/],
    ];
    for (const [args, message] of cases) {
      const r = await topo(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.errLines).toHaveLength(1);
      expect(r.errLines[0]).toMatch(/^topo import: /);
      expect(r.errLines[0]).toMatch(message);
    }
  });

  it('document text cannot inject terminal escapes or extra lines into stderr', async () => {
    const evil = 'x\u001b[2J\u001b]0;owned\u0007\r\ny\u202Ez\u2028';
    const xml = publishedXml({
      sites: [{ id: 1, name: evil }],
      clusters: [{ number: 1, fqdn: 'gw.contoso.com' }],
      services: [
        { role: `Role${evil}`, on: { cluster: 1 }, inner: `<FileStoreService xmlns="${ROLES_NS}" ShareName="${esc(evil)}" />` },
      ],
    });
    const r = await topo('import', tmpFile('evil.xml', xml));
    expect(r.code).toBe(0);
    expect(r.errLines.length).toBeGreaterThan(0);
    for (const line of r.errLines) {
      expect(line).toMatch(/^warning: /);
      expect(line).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029\u202e]/);
    }
    // The JSON on stdout keeps the text as data, escaped by JSON itself.
    expect(parseTopology(r.out).ok).toBe(true);
  });
});

describe('the rule engine on imported documents', () => {
  it.each(SAMPLE_FILES)('%s: runRules does not throw and every check runs', (name) => {
    const r = importTopologyXml(fs.readFileSync(path.join(SAMPLES, name)));
    if (!r.ok) throw new Error(r.error.message);
    const findings = runRules(r.value.topology);
    expect(findings.filter((f) => /could not run/.test(f.message))).toEqual([]);
    for (const f of findings)
      for (const id of f.nodeIds)
        expect(
          r.value.topology.nodes.some((n) => n.id === id),
          `${f.ruleId} names ${id}`,
        ).toBe(true);
  });

  it('runs on a mapped document with every link kind the importer writes', () => {
    const ROLES = ROLES_NS;
    const xml = publishedXml({
      clusters: [
        { number: 1, fqdn: 'pool1.contoso.com', machines: ['a.contoso.com', 'b.contoso.com', 'c.contoso.com'] },
        { number: 2, fqdn: 'pool2.contoso.com', machines: ['d.contoso.com', 'e.contoso.com', 'f.contoso.com'] },
        { number: 8, fqdn: 'sql2.contoso.com' },
        { number: 9, fqdn: 'sql1.contoso.com' },
        { number: 3, fqdn: 'edge.contoso.com', machines: ['e1.contoso.com', 'e2.contoso.com'] },
        { number: 4, fqdn: 'files.contoso.com' },
      ],
      sqlInstances: [{ cluster: 9, attrs: { AlwaysOnPrimaryNodeFqdn: 'node1.contoso.com' } }, { cluster: 8 }],
      services: [
        ...enterprisePool({ cluster: 1, sqlCluster: 9, cms: true, mediation: true }).map((s) =>
          s.role === 'Registrar'
            ? {
                ...s,
                deps: [
                  ...(s.deps ?? []),
                  { role: 'Registrar', instance: 2, usage: 'Backup' },
                  { role: 'EdgeServer' },
                  { role: 'MonitoringStore' },
                ],
              }
            : s.role === 'UserServices'
              ? { ...s, deps: [...(s.deps ?? []), { role: 'FileStore' }] }
              : s,
        ),
        ...enterprisePool({ cluster: 2, sqlCluster: 8 }),
        { role: 'MonitoringStore', on: { sqlCluster: 8 } },
        { role: 'EdgeServer', on: { cluster: 3 }, deps: [{ role: 'Registrar', instance: 1 }] },
        { role: 'FileStore', on: { cluster: 4 }, inner: `<FileStoreService xmlns="${ROLES}" ShareName="share" />` },
      ],
    });
    const r = importTopologyXml(xml);
    if (!r.ok) throw new Error(r.error.message);
    expect(new Set(r.value.topology.links.map((l) => l.kind))).toEqual(
      new Set(['backEnd', 'pairing', 'mediaEdge', 'store', 'fileStore', 'nextHop']),
    );
    expect(() => runRules(r.value.topology)).not.toThrow();
  });
});

describe('topo validate on Topology Builder documents', () => {
  it.each(SAMPLE_FILES)('%s: exits 0 or 1 (never 2), warnings first on stderr', async (name) => {
    const r = await topo('validate', path.join(SAMPLES, name));
    expect([0, 1]).toContain(r.code);
    expect(r.out).toMatch(/Imported: /);
    expect(r.errLines.every((l) => l.startsWith('warning: '))).toBe(true);
  });

  it('a UTF-16 document without a byte-order mark is read too', async () => {
    const text = new TextDecoder('utf-16le').decode(fixtureBytes(FIXTURE.standardEditionUtf16).subarray(2));
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    const file = tmpFile('nobom-utf16.xml', bytes);
    const imported = await topo('import', file);
    expect(imported.code).toBe(0);
    const validated = await topo('validate', file, '--json');
    expect([0, 1]).toContain(validated.code);
    expect(JSON.parse(validated.out).summary).toBeDefined();
  });
});
