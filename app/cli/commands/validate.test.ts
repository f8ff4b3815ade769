import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DESIGNS, pair2019AlwaysOn } from '../../model/samples/index';
import { main } from '../main';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topo-'));
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

const here = path.dirname(new URL(import.meta.url).pathname);
const samples = path.resolve(here, '../../model/samples');

describe('topo validate', () => {
  it('validates every reference design with no error findings (exit 0)', async () => {
    for (const d of REFERENCE_DESIGNS) {
      const r = await run(['validate', path.join(samples, `${d.id}.json`), '--json']);
      expect(r.code, d.id).toBe(0);
      const j = JSON.parse(r.out);
      expect(j.summary.error).toBe(0);
      expect(Object.keys(j.summary).sort()).toEqual(['error', 'info', 'warning']);
    }
  });

  it('reads a format version 1 file and its version 2 form alike: same findings, same exit code', async () => {
    // Written by the format-v1 designer; never regenerate it.
    const v1Path = path.resolve(here, '../../export/fixtures/format1-pair-2015-mirror.json');
    const v1 = JSON.parse(fs.readFileSync(v1Path, 'utf8')) as { version: number };
    expect(v1.version).toBe(1);
    const v2Path = tempFile('v2.json', JSON.stringify({ ...v1, version: 2 }));
    const [a, b] = [await run(['validate', v1Path, '--json']), await run(['validate', v2Path, '--json'])];
    expect(a.code).toBe(b.code);
    expect(a.code).toBeLessThan(2);
    expect(JSON.parse(a.out).findings).toEqual(JSON.parse(b.out).findings);
    expect(JSON.parse(a.out).findings.length).toBeGreaterThan(0);
    // A version the designer does not know yet is refused, saying so (exit 2).
    const v3 = await run(['validate', tempFile('v3.json', JSON.stringify({ ...v1, version: 3 })), '--json']);
    expect(v3.code).toBe(2);
    expect(v3.err).toMatch(/version/i);
  });

  it('flags a 2019 pool on a mirrored Back End with BE-MIRROR-2019 (exit 1), in text and JSON', async () => {
    const doc = pair2019AlwaysOn();
    const sql = doc.nodes.find((n) => n.id === 'sql-a')!;
    if (sql.kind !== 'sqlStore') throw new Error('fixture');
    delete sql.ag;
    sql.haMode = 'mirroring';
    doc.nodes.push({
      id: 'sql-a-m',
      kind: 'sqlStore',
      name: 'Mirror A',
      siteId: 'dc1',
      fqdn: 'sql-a-m.contoso.com',
      instance: '',
      sqlVersion: '2019',
      sqlEdition: 'enterprise',
      haMode: 'none',
    });
    doc.links.push({ id: 'lm', kind: 'mirror', from: 'sql-a', to: 'sql-a-m' });
    const f = tempFile('mirror.json', JSON.stringify(doc));
    const j = await run(['validate', f, '--json']);
    expect(j.code).toBe(1);
    const finding = JSON.parse(j.out).findings.find((x: { ruleId: string }) => x.ruleId === 'BE-MIRROR-2019');
    expect(finding).toMatchObject({ severity: 'error', inferred: false });
    expect(finding.nodeIds).toContain('sql-a');
    expect(finding.docs.length).toBeGreaterThan(0);
    const t = await run(['validate', f]);
    expect(t.code).toBe(1);
    expect(t.out).toMatch(/ERROR +BE-MIRROR-2019/);
    expect(t.out).toContain('Back End A (sql-a)');
    expect(t.out).toMatch(/fix: /);
  });

  it('findings come out in the stable order: severity, rule id, first node', async () => {
    const r = await run(['validate', path.join(samples, 'global.json'), '--json']);
    const rank = { error: 0, warning: 1, info: 2 } as const;
    const list = JSON.parse(r.out).findings as { severity: keyof typeof rank; ruleId: string; nodeIds: string[] }[];
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1]!;
      const b = list[i]!;
      const key = (x: typeof a) => [rank[x.severity], x.ruleId, x.nodeIds[0] ?? ''] as const;
      const [ka, kb] = [key(a), key(b)];
      expect(ka[0] < kb[0] || (ka[0] === kb[0] && (ka[1] < kb[1] || (ka[1] === kb[1] && ka[2] <= kb[2])))).toBe(true);
    }
  });

  it('unusable input exits 2 with one line on stderr naming the problem, nothing on stdout', async () => {
    const broken = tempFile('broken.json', '{');
    let r = await run(['validate', broken]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toContain('not valid JSON');
    const d = pair2019AlwaysOn() as unknown as { nodes: Record<string, unknown>[] };
    d.nodes[3]!.servers = 0;
    r = await run(['validate', tempFile('bad.json', JSON.stringify(d))]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('nodes[3].servers');
    r = await run(['validate', '/no/such/file.json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no such file');
    r = await run(['validate']);
    expect(r.code).toBe(2);
    r = await run(['nope']);
    expect(r.code).toBe(2);
  });

  it('works through npm run topo from a shell, reading stdin', () => {
    const r = spawnSync(process.execPath, [path.resolve(here, '../../../scripts/topo.mjs'), 'validate', '-'], {
      input: '{',
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/stdin: not valid JSON/);
  }, 60_000);
});

describe('topo validate --format', () => {
  const mirrored = () => {
    const doc = pair2019AlwaysOn();
    doc.nodes = doc.nodes.map((n) =>
      n.id === 'sql-a' && n.kind === 'sqlStore' ? { ...n, haMode: 'mirroring' as const, ag: undefined } : n,
    );
    return tempFile('mirrored.json', JSON.stringify(doc));
  };

  it("text output speaks the architect's words: the field names some rule texts carry are translated, as on screen", async () => {
    const file = mirrored();
    const json = JSON.parse((await run(['validate', file, '--json'])).out) as { findings: { message: string; fix: string }[] };
    const fieldName = /\b(haMode|alwaysOnAg|alwaysOnFci|sqlStore|frontEndPool|standardEditionServer|backEnd|nextHop)\b/;
    // The machine-readable output keeps the texts as the engine wrote them; at least one names a field.
    expect(json.findings.some((f) => fieldName.test(f.message) || fieldName.test(f.fix))).toBe(true);
    const text = await run(['validate', file]);
    expect(text.code).toBe(1);
    expect(text.out).toContain('BE-MIRROR-2019');
    expect(text.out).not.toMatch(fieldName);
  });

  it('md prints the design-review report, csv one row per finding; the exit code still says whether there are errors', async () => {
    const file = mirrored();
    const md = await run(['validate', file, '--format', 'md']);
    expect(md.code).toBe(1);
    expect(md.out).toMatch(/^# Findings: /);
    expect(md.out).toContain('### `BE-MIRROR-2019`');
    const csv = await run(['validate', file, '--format', 'csv']);
    expect(csv.code).toBe(1);
    const json = JSON.parse((await run(['validate', file, '--json'])).out);
    expect(csv.out.split('\r\n').filter(Boolean)).toHaveLength(json.findings.length + 1);
    expect(csv.out.startsWith('"Severity","Rule","Message","Concerns","Fix","Sources"\r\n')).toBe(true);
  });

  it('--format json is --json; text is the default; an unknown format or a contradiction exits 2 and says why', async () => {
    const file = mirrored();
    expect((await run(['validate', file, '--format', 'json'])).out).toBe((await run(['validate', file, '--json'])).out);
    expect((await run(['validate', file, '--format', 'text'])).out).toBe((await run(['validate', file])).out);
    const bad = await run(['validate', file, '--format', 'xlsx']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown format "xlsx"');
    expect(bad.out).toBe('');
    const both = await run(['validate', file, '--json', '--format', 'md']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('disagree');
  });
});
