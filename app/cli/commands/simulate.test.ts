/** `topo simulate` through the CLI entry point (docs/cli.md, "simulate"). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURE, fixturePath } from '../../import/fixture-test-kit';
import { importTopologyXml } from '../../import/index';
import { REF } from '../../model/reference-numbers';
import { main } from '../main';

const here = path.dirname(fileURLToPath(import.meta.url));
const sample = (name: string) => path.join(here, '..', '..', 'model', 'samples', name);

async function topo(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err };
}

describe('topo simulate', () => {
  it('prints the outcome as JSON with the contract fields', async () => {
    const r = await topo(['simulate', sample('pair-2019-ag.json'), '--fail-site', 'dc1']);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.failedSite).toBe('dc1');
    expect(o.failovers).toEqual([expect.objectContaining({ pool: 'pool-a', to: 'pool-b', usersMoved: 15_000 })]);
    expect(o.pools).toEqual([
      expect.objectContaining({
        id: 'pool-b',
        users: 30_000,
        maxUsers: 6 * REF.usersPerFe,
        frontEndServers: 6,
        usersPerServer: 5_000,
        overCapacity: false,
      }),
    ]);
    expect(o.usersWithoutService).toBe(0);
    expect(o.cms).toEqual(expect.objectContaining({ from: 'pool-a', to: 'pool-b' }));
    expect(o.rto.minutes).toEqual([15, 20]);
    expect(o.rpo.minutes).toBe(5);
    expect(o.notes.length).toBeGreaterThan(3);
    expect(o.notes.every((n: unknown) => typeof n === 'string')).toBe(true);
  });

  it('accepts --fail-pool and --fail-site=value', async () => {
    const pool = await topo(['simulate', sample('global.json'), '--fail-pool', 'eu1']);
    expect(pool.code).toBe(0);
    const o = JSON.parse(pool.out);
    expect(o.failedPool).toBe('eu1');
    expect(o.failedSite).toBeUndefined();
    expect(o.edge.nextHops).toEqual([{ edge: 'edge-eu', from: 'eu1', to: 'eu2', via: 'managementShell' }]);
    const inline = await topo(['simulate', sample('global.json'), '--fail-site=br-lyon']);
    expect(inline.code).toBe(0);
    expect(JSON.parse(inline.out).branchFailovers).toEqual([{ branch: 'sba-lyo', to: 'eu1', users: 150 }]);
  });

  it('exits 2 with one line on stderr and nothing on stdout when --fail-site is missing', async () => {
    const r = await topo(['simulate', sample('pair-se.json')]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain('missing --fail-site');
  });

  it('exits 2 and lists the valid site ids for an unknown site, on one line even for a hostile id', async () => {
    const r = await topo(['simulate', sample('pair-se.json'), '--fail-site', 'nowhere\n\u001b[31mred']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain('valid site ids: hq, dr');
    expect(r.err[0]).not.toMatch(/[\n\u001b]/);
  });

  it('exits 2 for unusable input, both failure flags, or an unknown option', async () => {
    const missing = await topo(['simulate', path.join(os.tmpdir(), 'no-such-topology-file.json'), '--fail-site', 'dc1']);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toContain('no such file');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-cli-'));
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"format":"sfb-topology","version":1,"name":');
    const notJson = await topo(['simulate', bad, '--fail-site', 'dc1']);
    expect(notJson.code).toBe(2);
    expect(notJson.err).toHaveLength(1);
    expect(notJson.out).toBe('');
    fs.rmSync(dir, { recursive: true, force: true });
    const both = await topo(['simulate', sample('pair-se.json'), '--fail-site', 'hq', '--fail-pool', 'se-hq']);
    expect(both.code).toBe(2);
    expect(both.err[0]).toContain('not both');
    const unknown = await topo(['simulate', sample('pair-se.json'), '--fail-site', 'hq', '--json']);
    expect(unknown.code).toBe(2);
    expect(unknown.err[0]).toContain('unknown option --json');
  });

  it('simulates a Topology Builder XML document', async () => {
    const file = fixturePath(FIXTURE.enterpriseAg);
    const imported = importTopologyXml(fs.readFileSync(file));
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const siteId = imported.value.topology.sites.find((s) => s.kind === 'central')!.id;
    const r = await topo(['simulate', file, '--fail-site', siteId]);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.failedSite).toBe(siteId);
    expect(o.users.moved + o.users.withoutService + o.users.staying).toBe(o.users.total);
  });
});
