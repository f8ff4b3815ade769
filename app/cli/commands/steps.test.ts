import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE, fixturePath } from '../../import/fixture-test-kit';
import { parseTopology } from '../../model/parse';
import { pair2019AlwaysOn } from '../../model/samples/index';
import { generateSteps, toJson, toMarkdown, toPowerShell, type StepPlan } from '../../steps/index';
import { main } from '../main';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topo-steps-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function topo(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['steps', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const doc = pair2019AlwaysOn();
const file = path.join(dir, 'pair-2019-ag.json');
fs.writeFileSync(file, JSON.stringify(doc, null, 2));
const parsed = parseTopology(doc);
if (!parsed.ok) throw new Error(parsed.error.message);
const plan = generateSteps(parsed.value);

describe('topo steps', () => {
  it('prints the Markdown runbook by default', async () => {
    const r = await topo(file);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe(toMarkdown(plan));
    expect(r.out.startsWith('# Deployment runbook: Contoso 2019: paired pools with AlwaysOn\n')).toBe(true);
  });

  it('prints the .ps1 with --format ps1 and JSON with --format=json', async () => {
    const ps1 = await topo(file, '--format', 'ps1');
    expect(ps1.code).toBe(0);
    expect(ps1.out).toBe(toPowerShell(plan));
    const json = await topo('--format=json', file);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual(plan);
    expect(json.out).toBe(toJson(plan));
    const md = await topo(file, '--format', 'md');
    expect(md.out).toBe(toMarkdown(plan));
  });

  const xml = fixturePath(FIXTURE.enterpriseAg);
  it('reads a Topology Builder XML file', async () => {
    const r = await topo(xml, '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const back = JSON.parse(r.out);
    expect(Array.isArray(back.steps)).toBe(true);
    expect(back.steps.length).toBeGreaterThan(0);
  });

  it('exits 2 with one line on stderr and nothing on stdout for unusable input', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"format":"sfb-topology","version":1');
    for (const args of [
      [path.join(dir, 'missing.json')],
      [bad],
      [],
      [file, '--format', 'xml'],
      [file, '--format'],
      [file, '--nope'],
      [file, file],
    ]) {
      const r = await topo(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out, args.join(' ')).toBe('');
      expect(r.err.split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.err, args.join(' ')).toMatch(/^topo steps: /);
    }
  });

  it('a plan with blocking notes still exits 0, and says so in one line on stderr', async () => {
    const bad = structuredClone(doc);
    const pool = bad.nodes.find((n) => n.id === 'pool-a');
    if (pool?.kind !== 'frontEndPool') throw new Error('test setup: no pool-a');
    pool.frontEndServers = 2;
    const f = path.join(dir, 'two-servers.json');
    fs.writeFileSync(f, JSON.stringify(bad));
    for (const format of ['md', 'ps1', 'json']) {
      const r = await topo(f, '--format', format);
      expect(r.code).toBe(0);
      expect(r.out.length).toBeGreaterThan(1000);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^topo steps: 1 blocking note \(FE-2019-NOT-TWO\)/);
    }
  });

  it('an imported published topology is a change to an existing deployment (Enterprise pools and Standard Edition servers)', async () => {
    for (const [file, server] of [
      ['published-enterprise-ag.xml', 'Front End'],
      ['published-standard-edition.utf16.xml', 'Standard Edition'],
    ] as const) {
      const r = await topo(fixturePath(file), '--format', 'json');
      expect(r.code, r.err).toBe(0);
      const p = JSON.parse(r.out) as StepPlan;
      expect(p.mode, file).toBe('transition');
      const ids = p.steps.map((s) => s.id);
      expect(ids, file).not.toContain('ad-prepare');
      expect(
        ids.filter(
          (id) =>
            /^(servers|tb-pool|install-servers|start-pool|cms-prepare-se):/.test(id) &&
            p.steps.find((s) => s.id === id)!.title.includes(server),
        ),
        file,
      ).toEqual([]);
      expect(JSON.stringify(p.steps.find((s) => s.id === 'tb-start')!.detail), file).toContain(
        'Download Topology from existing deployment',
      );
      const md = await topo(fixturePath(file));
      expect(md.out, file).toContain('change to an existing deployment');
      expect(md.out, file).not.toContain('new deployment');
      expect(md.out, file).not.toContain('Start Topology Builder with a new topology');
    }
  });

  it('an imported published availability group is the Back End as it runs today: not converted again, the CMS not moved out of it', async () => {
    const r = await topo(fixturePath('published-enterprise-ag.xml'), '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const p = JSON.parse(r.out) as StepPlan;
    const ids = p.steps.map((s) => s.id);
    expect(ids.filter((id) => /^(ag-|tb-ag-store:|cms-move)/.test(id))).toEqual([]);
    expect(p.notes.flatMap((n) => n.ruleIds)).not.toContain('CMS-MOVE-BEFORE-AG');
  });

  it('keeps a hostile --format value on one printable line', async () => {
    const r = await topo(file, '--format', 'x\n\u202E<script>');
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/[\n\u202E]/);
  });
});
