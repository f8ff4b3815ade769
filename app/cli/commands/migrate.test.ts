import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURE, fixturePath } from '../../import/fixture-test-kit';
import { migrationToMarkdown, planMigrationOf } from '../../migrate/index';
import { parseTopology } from '../../model/parse';
import { pair2015Mirroring } from '../../model/samples/index';
import { fabrikamSubscriptionEdition } from '../../model/samples/migrations';
import { main } from '../main';

const samples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../model/samples');
const current = path.join(samples, 'pair-2015-mirror.json');
const target = path.join(samples, 'fabrikam-subscription-edition.json');

async function topo(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['migrate', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('topo migrate', () => {
  it('prints the Markdown runbook of the reference migration, exit 0', async () => {
    const r = await topo(current, target);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const c = parseTopology(pair2015Mirroring());
    const t = parseTopology(fabrikamSubscriptionEdition());
    if (!c.ok || !t.ok) throw new Error('reference designs do not parse');
    expect(r.out).toBe(migrationToMarkdown(planMigrationOf(c.value, t.value)));
    expect(r.out).toMatch(/^# Migration runbook: Fabrikam 2015: paired pools with SQL mirroring → Fabrikam Subscription Edition/);
  });

  it('--format ps1 and --format=json; --procedure keeps one procedure', async () => {
    const ps1 = await topo(current, target, '--format', 'ps1');
    expect(ps1.code).toBe(0);
    expect(ps1.out).toContain('function Invoke-PartCentralManagementStore {');
    const json = await topo(current, target, '--format=json', '--procedure', 'M1');
    const plan = JSON.parse(json.out);
    expect(plan.procedures).toEqual(['M1']);
    expect(plan.steps.every((s: { procedure: string }) => s.procedure === 'M1')).toBe(true);
    const m3 = await topo(target, target, '--procedure', 'm3', '--format', 'json');
    expect(JSON.parse(m3.out).procedures).toEqual(['M3']);
  });

  it('reads a Topology Builder document as the current design (a 2015 Standard Edition server)', async () => {
    const r = await topo(fixturePath(FIXTURE.standardEditionUtf16), target, '--format', 'json');
    expect([0, 1]).toContain(r.code);
    const plan = JSON.parse(r.out);
    expect(plan.currentVersions).toContain('2015');
    expect(plan.procedures).toContain('M1');
    expect(plan.steps.some((s: { commands: string[] }) => s.commands.some((c) => c.startsWith('Move-CsManagementServer')))).toBe(
      true,
    );
  });

  it('exit 1 with one stderr line when the runbook has blocking notes; the plan is still written', async () => {
    // The 2015 design as its own target, with its pools turned Subscription Edition on the same FQDNs: no in-place path.
    const doc = pair2015Mirroring();
    const upgraded = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.kind === 'frontEndPool' ? { ...n, productVersion: 'SE' as const, os: 'WS2022' as const } : n,
      ),
    };
    const fs = await import('node:fs');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topo-migrate-'));
    const file = path.join(dir, 'target.json');
    fs.writeFileSync(file, JSON.stringify(upgraded));
    const r = await topo(current, file);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(1);
    expect(r.out).toContain('## Blocking: fix the target design first');
    expect(r.err).toMatch(/^topo migrate: \d+ blocking notes? \(.*UPG-INPLACE-2015-SE.*\)/);
  });

  it('exit 2 on unusable arguments or input, one line', async () => {
    expect((await topo(current)).code).toBe(2);
    expect((await topo(current, target, '--format', 'pdf')).err).toMatch(/unknown format "pdf"/);
    expect((await topo(current, target, '--procedure', 'M9')).err).toMatch(/unknown procedure "M9"/);
    expect((await topo('-', '-')).err).toMatch(/only one of the two inputs can be stdin/);
    const missing = await topo(current, path.join(samples, 'no-such.json'));
    expect(missing.code).toBe(2);
    expect(missing.err.split('\n')).toHaveLength(1);
    expect(missing.err).toMatch(/^topo migrate: target design: /);
  });
});
