/** `topo diff` through main(), as the command line runs it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportTopologyBuilder } from '../../export/topology-builder/export-topology-builder';
import { importTopologyXml } from '../../import/index';
import { pair2015Mirroring, pair2019AlwaysOn } from '../../model/samples/index';
import type { Topology } from '../../model/schema';
import { main } from '../main';

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'topo-diff-'));
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

function file(name: string, text: string): string {
  const f = path.join(TMP, name);
  fs.writeFileSync(f, text);
  return f;
}
const design = (name: string, doc: Topology) => file(name, JSON.stringify(doc));

/** 2019 → Subscription Edition in place: same FQDNs, the pools and Edges on the new version. */
function upgradedInPlace(): Topology {
  const doc = pair2019AlwaysOn();
  doc.name = 'Contoso on Subscription Edition';
  doc.nodes = doc.nodes.map((n) =>
    'productVersion' in n && n.productVersion === '2019' ? ({ ...n, productVersion: 'SE' } as typeof n) : n,
  );
  return doc;
}

describe('topo diff', () => {
  it('exit 0 and says so when both describe the same deployment', async () => {
    const r = await topo('diff', design('a.json', pair2019AlwaysOn()), design('b.json', pair2019AlwaysOn()));
    expect(r.code).toBe(0);
    expect(r.out).toContain('The two designs describe the same deployment.');
    expect(r.errLines).toEqual([]);
  });

  it('exit 1 with one line per change, in words, never "SE" alone or a field name', async () => {
    const r = await topo('diff', design('a.json', pair2019AlwaysOn()), design('se.json', upgradedInPlace()));
    expect(r.code).toBe(1);
    expect(r.out.split('\n').slice(0, 2)).toEqual([
      'Current: Contoso 2019: paired pools with AlwaysOn',
      'Target:  Contoso on Subscription Edition',
    ]);
    expect(r.out).toContain(
      '  ~ Front End pool \u201cPool A\u201d: Skype for Business Server 2019 \u2192 Skype for Business Server Subscription Edition (an in-place upgrade).',
    );
    expect(r.out).toContain(
      '4 server roles from Skype for Business Server 2019 to Skype for Business Server Subscription Edition: an in-place upgrade.',
    );
    expect(r.out).not.toMatch(/\bSE\b|productVersion|frontEndServers|haMode/);
  });

  it('--format md is a change review; --json and --format json are the same data', async () => {
    const a = design('m2015.json', pair2015Mirroring());
    const target = pair2015Mirroring();
    target.nodes = target.nodes.map((n) =>
      n.id === 'pool-ny' ? { ...n, name: 'Pool | NY <b>', productVersion: 'SE' as const } : n,
    );
    const b = design('m-se.json', target);
    const md = await topo('diff', a, b, '--format', 'md');
    expect(md.code).toBe(1);
    expect(md.out).toMatch(
      /^# Changes from Fabrikam 2015: paired pools with SQL mirroring to Fabrikam 2015: paired pools with SQL mirroring\n/,
    );
    expect(md.out).toContain(
      '| changed | Front End pool \u201cPool \\| NY &lt;b&gt;\u201d: Skype for Business Server 2015 \u2192 Skype for Business Server Subscription Edition (no in-place upgrade exists: a new pool with a new FQDN and a side-by-side migration). |',
    );
    const j1 = await topo('diff', a, b, '--json');
    const j2 = await topo('diff', a, b, '--format=json');
    expect(j1.out).toBe(j2.out);
    const parsed = JSON.parse(j1.out) as {
      same: boolean;
      nodes: { status: string; currentId: string; version?: { path: string }; current?: unknown }[];
    };
    expect(parsed.same).toBe(false);
    expect(parsed.nodes).toHaveLength(1);
    expect(parsed.nodes[0]).toMatchObject({ status: 'changed', currentId: 'pool-ny', version: { path: 'side-by-side-only' } });
    expect(parsed.nodes[0]!.current).toBeUndefined();
  });

  it('recognises a Topology Builder document of the same design by FQDN (its ids differ) and names the input of each warning', async () => {
    const doc = pair2019AlwaysOn();
    const xml = file('current.xml', exportTopologyBuilder(doc, { shape: 'published', errors: [], generator: 'test' }).xml);
    const imported = importTopologyXml(fs.readFileSync(xml, 'utf8'));
    if (!imported.ok) throw new Error('the reference design must import');
    // The target is the imported design as the architect would copy it: other ids would not matter.
    const r = await topo('diff', xml, design('copy.json', imported.value.topology), '--json');
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out) as { same: boolean; matches: { by: string }[] };
    expect(parsed.same).toBe(true);
    expect(r.errLines.length).toBeGreaterThan(0);
    expect(r.errLines.every((l) => l.startsWith('warning: current (') && l.includes('current.xml'))).toBe(true);
    // Against the hand-drawn design every server is still recognised (by FQDN where the ids differ).
    const vsDesign = await topo('diff', xml, design('drawn.json', doc), '--json');
    const d = JSON.parse(vsDesign.out) as { matches: { by: string }[]; nodes: { status: string }[] };
    expect(d.matches.length).toBe(doc.nodes.filter((n) => n.kind !== 'reverseProxy').length);
    expect(d.nodes.filter((n) => n.status === 'removed')).toEqual([]);
  });

  it.each([
    [['diff', 'only-one.json'], /^topo diff: expected two inputs, the current deployment and the target design \(usage: /],
    [['diff', 'a', 'b', 'c'], /^topo diff: expected two inputs, got 3 /],
    [['diff', '-', '-'], /^topo diff: only one of the two inputs can be read from stdin/],
    [['diff', 'a', 'b', '--format', 'csv'], /^topo diff: unknown format "csv"; use text, md or json/],
    [['diff', 'a', 'b', '--json', '--format', 'md'], /^topo diff: --json and --format md disagree/],
    [['diff', 'a', 'b', '--colour'], /^topo diff: unknown option --colour/],
  ])('%j: exit 2, one line saying what is wrong', async (args, message) => {
    const r = await topo(...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(message);
  });

  it('says which input is unusable and where', async () => {
    const good = design('good.json', pair2019AlwaysOn());
    const missing = await topo('diff', path.join(TMP, 'nope.json'), good);
    expect(missing.code).toBe(2);
    expect(missing.errLines).toEqual([`topo diff: current: ${path.join(TMP, 'nope.json')}: no such file`]);
    const broken = pair2019AlwaysOn() as unknown as { nodes: { frontEndServers?: number }[] };
    broken.nodes[0]!.frontEndServers = 0;
    const bad = await topo('diff', good, file('bad.json', JSON.stringify(broken)));
    expect(bad.code).toBe(2);
    expect(bad.errLines).toHaveLength(1);
    expect(bad.errLines[0]).toMatch(/^topo diff: target: .*bad\.json: nodes\[0\]\.frontEndServers: must be 1 or more/);
  });
});
